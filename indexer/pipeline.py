"""One indexing run: read sources → parse → compare hashes with the served generation → embed only what changed
→ write a new generation → switch atomically. Nothing changed means no new generation and no model load."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from indexer.catalog import load_partner_facts, load_programs
from indexer.chunker import Chunker
from indexer.documents import Chunk, ParsedDocument
from indexer.generations import Generation, IndexGenerations
from indexer.index_record import DocumentEntry, IndexRecord
from indexer.lexical_index import LexicalIndex, lexical_text
from indexer.local_folder import iter_documents
from indexer.parsers.errors import ParseError
from indexer.source_registry import Source

Progress = Callable[[int, int, str], None]


class ArrayEmbedder(Protocol):
    def embed_array(self, texts: list[str]) -> np.ndarray: ...


@dataclass
class SourceSummary:
    name: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)


@dataclass
class RunSummary:
    sources: list[SourceSummary]
    chunks_embedded: int = 0
    documents: int = 0
    chunks: int = 0
    generation: str | None = None
    switched: bool = False
    dry_run: bool = False
    seconds: float = 0.0

    @property
    def failed(self) -> int:
        return sum(len(s.failed) for s in self.sources)

    def totals(self) -> dict[str, int]:
        keys = ("added", "updated", "unchanged", "removed")
        totals = {k: sum(getattr(s, k) for s in self.sources) for k in keys}
        totals["failed"] = self.failed
        return totals

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["totals"] = self.totals()
        return data


class IndexingPipeline:
    def __init__(
        self,
        generations: IndexGenerations,
        corpus_dir: Path,
        embedder_factory: Callable[[], ArrayEmbedder],
        chunker: Chunker,
        analyze: Callable[[str], list[str]],
        batch_size: int = 64,
    ) -> None:
        self.generations = generations
        self.corpus_dir = corpus_dir
        self._embedder_factory = embedder_factory
        self._embedder: ArrayEmbedder | None = None
        self.chunker = chunker
        self.analyze = analyze
        self.batch_size = batch_size

    def _embedder_once(self) -> ArrayEmbedder:
        if self._embedder is None:
            self._embedder = self._embedder_factory()
        return self._embedder

    # --- reading sources ---------------------------------------------------------------------
    def _collect(self, sources: list[Source]) -> tuple[dict[str, tuple[str, ParsedDocument]], list[SourceSummary],
                                                       set[str]]:
        """Parse every source. Returns documents by id (with their source name), summaries, and the names of
        sources that were read completely (only those may have documents removed)."""
        programs = load_programs(self.corpus_dir / "programs.yaml")
        partners = load_partner_facts(self.corpus_dir / "partners.yaml")
        documents: dict[str, tuple[str, ParsedDocument]] = {}
        summaries: list[SourceSummary] = []
        complete: set[str] = set()
        for source in sources:
            summary = SourceSummary(source.name)
            summaries.append(summary)
            root = (self.corpus_dir / source.path).resolve()
            if not root.is_dir():
                summary.failed.append({"location": source.path, "reason": "folder not found"})
                continue
            for file, result in iter_documents(root, source.include, source.exclude, programs, partners,
                                               dict(source.defaults)):
                if isinstance(result, ParseError):
                    summary.failed.append({"location": file.relative, "reason": str(result)})
                    continue
                if result.doc_id in documents:
                    other = documents[result.doc_id][1].location
                    summary.failed.append({"location": file.relative,
                                           "reason": f"document id {result.doc_id!r} is also used by {other}"})
                    continue
                documents[result.doc_id] = (source.name, result)
            complete.add(source.name)
        return documents, summaries, complete

    # --- the run -----------------------------------------------------------------------------
    def run(self, sources: list[Source], full: bool = False, dry_run: bool = False,
            progress: Progress | None = None) -> RunSummary:
        started = time.perf_counter()
        started_at = datetime.now(UTC).isoformat(timespec="seconds")
        documents, summaries, complete = self._collect(sources)
        by_name = {s.name: s for s in summaries}

        current = self.generations.current()
        previous: dict[str, DocumentEntry] = {}
        if current is not None and current.record_path.exists() and not full:
            record = IndexRecord(current.record_path, read_only=True)
            previous = record.documents()
            record.close()

        to_embed: list[tuple[str, ParsedDocument]] = []
        for doc_id, (source_name, doc) in documents.items():
            old = previous.get(doc_id)
            if old is None:
                by_name[source_name].added += 1
                to_embed.append((source_name, doc))
            elif old.content_hash != doc.content_hash() or old.source != source_name:
                by_name[source_name].updated += 1
                to_embed.append((source_name, doc))
            else:
                by_name[source_name].unchanged += 1
        removed = [d for d, e in previous.items() if d not in documents and e.source in complete]
        for doc_id in removed:
            by_name[previous[doc_id].source].removed += 1

        summary = RunSummary(sources=summaries, dry_run=dry_run,
                             generation=current.id if current else None)
        nothing_changed = not to_embed and not removed and current is not None and not full
        if dry_run or nothing_changed:
            summary.documents = len(previous) if nothing_changed else len(documents)
            summary.seconds = time.perf_counter() - started
            if nothing_changed and current is not None:
                record = IndexRecord(current.record_path, read_only=True)
                summary.documents, summary.chunks = record.count()
                record.close()
            return summary

        generation = self.generations.begin(copy_current=not full)
        try:
            self._write(generation, to_embed, removed, summary, progress)
            record = IndexRecord(generation.record_path)
            summary.documents, summary.chunks = record.count()
            summary.generation = generation.id
            summary.seconds = time.perf_counter() - started
            record.add_run(started_at, datetime.now(UTC).isoformat(timespec="seconds"), summary.as_dict())
            record.close()
        except BaseException:
            self.generations.abandon(generation)
            raise
        self.generations.commit(generation)
        summary.switched = True
        return summary

    def _write(self, generation: Generation, to_embed: list[tuple[str, ParsedDocument]], removed: list[str],
               summary: RunSummary, progress: Progress | None) -> None:
        record = IndexRecord(generation.record_path)
        store = self.generations.vector_store(generation, create=True)
        replaced = [doc.doc_id for _, doc in to_embed] + removed
        stale_chunks = record.chunk_ids_of(replaced)
        if stale_chunks:
            store.delete(stale_chunks)
        record.delete_documents(replaced)

        total = len(to_embed)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        pending: list[tuple[str, ParsedDocument, list[Chunk]]] = []
        pending_chunks = 0

        def flush() -> None:
            nonlocal pending, pending_chunks
            chunks = [c for _, _, cs in pending for c in cs]
            if chunks:
                vectors = self._embedder_once().embed_array([c.embedding_text for c in chunks])
                store.add(chunks, vectors)
                summary.chunks_embedded += len(chunks)
            for source_name, doc, doc_chunks in pending:
                record.put_document(
                    DocumentEntry(doc.doc_id, source_name, doc.location, doc.url, doc.title, doc.as_of,
                                  doc.content_hash(), len(doc_chunks), doc.metadata, now),
                    doc_chunks,
                )
            pending, pending_chunks = [], 0

        for done, (source_name, doc) in enumerate(to_embed, start=1):
            doc_chunks = self.chunker.split(doc)
            pending.append((source_name, doc, doc_chunks))
            pending_chunks += len(doc_chunks)
            if pending_chunks >= self.batch_size * 8:
                flush()
            if progress:
                progress(done, total, doc.location)
        flush()

        chunks = list(record.iter_chunks())
        record.close()
        LexicalIndex.build([c.chunk_id for c in chunks], [lexical_text(c) for c in chunks], self.analyze).save(
            generation.lexical_path
        )

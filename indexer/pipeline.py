"""One indexing run: read every source (files, crawled sites, pages, PDFs, event feeds) → merge near-duplicates
→ compare content hashes with the served generation → embed only what changed → write a new generation →
switch atomically. Nothing changed means no new generation and no model load.

Safety rules:
- one run at a time per index folder (indexer.run_lock); a killed run leaves the served generation untouched;
- documents are removed only for sources read completely (a crawl cut short or failing midway removes nothing),
  and never for pages that failed this time for a reason other than 404/410;
- every run, including one that changed nothing, leaves its summary in `<index>/LAST_RUN.json`.
"""

from __future__ import annotations

import json
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from indexer.catalog import load_partner_facts, load_programs
from indexer.chunker import Chunker
from indexer.documents import Chunk, ParsedDocument
from indexer.fetch.fetch_policy import DEFAULT_USER_AGENT
from indexer.generations import Generation, IndexGenerations
from indexer.index_record import DocumentEntry, FetchState, IndexRecord
from indexer.lexical_index import LexicalIndex, lexical_text
from indexer.listed_programmes import ListedProgramme, next_listing
from indexer.near_duplicates import merge_near_duplicates
from indexer.run_lock import run_lock
from indexer.source_reading import SourceRead, SourceReader
from indexer.source_registry import Source

Progress = Callable[[int, int, str], None]
LAST_RUN_FILE = "LAST_RUN.json"
SOURCE_RUNS_FILE = "SOURCE_RUNS.json"
_WEB_KINDS = ("site", "page", "pdf")  # near-duplicates are merged among fetched pages only


class ArrayEmbedder(Protocol):
    def embed_array(self, texts: list[str]) -> np.ndarray: ...


@dataclass
class SourceSummary:
    name: str
    kind: str = "local_folder"
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: list[dict[str, str]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)  # robots.txt, limits, past events: not errors
    duplicates: list[dict[str, str]] = field(default_factory=list)  # {"location": url, "same_as": url}
    warnings: list[dict[str, str]] = field(default_factory=list)  # e.g. page status disagrees with the catalog
    complete: bool = True  # read completely, so vanished documents could be removed
    crawl: dict[str, Any] | None = None  # requests, 304s, pages … for fetched sources


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
    started_at: str = ""
    # When reading began, to the microsecond: `index --due` compares file times with it (seconds would make a file
    # written in the same second before the run look changed after it).
    read_started_at: str = ""
    timings: dict[str, float] = field(default_factory=dict)  # read / embed_and_store / lexical, seconds

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


@dataclass
class _Plan:
    documents: dict[str, tuple[str, ParsedDocument]]
    to_embed: list[tuple[str, ParsedDocument]]
    removed: list[str]
    fetch_states: list[FetchState]
    dropped_fetch_urls: set[str]
    programmes: dict[str, ListedProgramme]  # the catalogue's listed programmes in the new generation


class IndexingPipeline:
    def __init__(
        self,
        generations: IndexGenerations,
        corpus_dir: Path,
        embedder_factory: Callable[[], ArrayEmbedder],
        chunker: Chunker,
        analyze: Callable[[str], list[str]],
        batch_size: int = 64,
        user_agent: str = DEFAULT_USER_AGENT,
    ) -> None:
        self.generations = generations
        self.corpus_dir = corpus_dir
        self._embedder_factory = embedder_factory
        self._embedder: ArrayEmbedder | None = None
        self.chunker = chunker
        self.analyze = analyze
        self.batch_size = batch_size
        self.user_agent = user_agent

    def _embedder_once(self) -> ArrayEmbedder:
        if self._embedder is None:
            self._embedder = self._embedder_factory()
        return self._embedder

    # --- the run -----------------------------------------------------------------------------
    def run(self, sources: list[Source], full: bool = False, dry_run: bool = False,
            progress: Progress | None = None, all_sources: bool = False) -> RunSummary:
        """Index `sources`. `all_sources=True` says the list is the whole registry, so documents of sources that
        were taken out of it are removed too. Raises IndexBusyError while another run holds the index."""
        if dry_run:
            return self._run(sources, full, True, progress, all_sources)
        with run_lock(self.generations.root):
            return self.run_holding_lock(sources, full, progress, all_sources)

    def run_holding_lock(self, sources: list[Source], full: bool = False, progress: Progress | None = None,
                         all_sources: bool = False) -> RunSummary:
        """The run proper, for a caller that already holds the run lock (the API takes it before answering)."""
        started_at = _now()
        try:
            summary = self._run(sources, full, False, progress, all_sources)
        except BaseException as exc:
            self._write_last_run({"error": f"{type(exc).__name__}: {exc}", "started_at": started_at,
                                  "finished_at": _now(), "switched": False})
            raise
        self._write_last_run({**summary.as_dict(), "finished_at": _now()})
        self._write_source_runs(summary)
        return summary

    def _run(self, sources: list[Source], full: bool, dry_run: bool, progress: Progress | None,
             all_sources: bool) -> RunSummary:
        started = time.perf_counter()
        summary = RunSummary(sources=[], dry_run=dry_run, started_at=_now(),
                             read_started_at=datetime.now(UTC).isoformat())
        current = self.generations.current()
        previous: dict[str, DocumentEntry] = {}
        previous_states: dict[str, FetchState] = {}
        previous_programmes: dict[str, ListedProgramme] = {}
        if current is not None and current.record_path.exists():
            record = IndexRecord(current.record_path, read_only=True)
            previous_states = record.fetch_states()
            previous_programmes = record.listed_programmes()  # kept by --full too: their history is not in the texts
            if not full:
                previous = record.documents()
            record.close()

        reads = self._read_all(sources, previous_states, previous_programmes, full, progress)
        summary.timings["read"] = round(time.perf_counter() - started, 3)
        summary.sources = [self._source_summary(r) for r in reads]
        registry_names = {s.name for s in sources} if all_sources else None
        plan = self._plan(reads, previous, summary, registry_names)
        plan.programmes = next_listing(previous_programmes, reads, registry_names)

        summary.generation = current.id if current else None
        nothing_changed = not plan.to_embed and not plan.removed and current is not None and not full \
            and plan.programmes == previous_programmes
        if dry_run or nothing_changed:
            summary.documents = len(plan.documents)
            if nothing_changed and current is not None:
                record = IndexRecord(current.record_path, read_only=True)
                summary.documents, summary.chunks = record.count()
                record.close()
            summary.seconds = round(time.perf_counter() - started, 3)
            return summary

        generation = self.generations.begin(copy_current=not full)
        try:
            self._write(generation, plan, summary, progress)
            record = IndexRecord(generation.record_path)
            summary.documents, summary.chunks = record.count()
            summary.generation = generation.id
            summary.seconds = round(time.perf_counter() - started, 3)
            record.add_run(summary.started_at, _now(), summary.as_dict())
            record.close()
        except BaseException:
            self.generations.abandon(generation)
            raise
        self.generations.commit(generation)
        summary.switched = True
        return summary

    # --- reading and planning ------------------------------------------------------------------
    def _read_all(self, sources: list[Source], previous_states: dict[str, FetchState],
                  previous_programmes: dict[str, ListedProgramme], full: bool,
                  progress: Progress | None) -> list[SourceRead]:
        reader = SourceReader(
            self.corpus_dir, load_programs(self.corpus_dir / "programs.yaml"),
            load_partner_facts(self.corpus_dir / "partners.yaml"), previous_states, self.user_agent, full=full,
            progress=progress, previous_programmes=previous_programmes,
        )
        return [reader.read(source) for source in sources]

    @staticmethod
    def _source_summary(read: SourceRead) -> SourceSummary:
        return SourceSummary(read.name, read.kind, failed=list(read.failed), skipped=list(read.skipped),
                             warnings=list(read.warnings), complete=read.complete, crawl=read.crawl)

    def _plan(self, reads: list[SourceRead], previous: dict[str, DocumentEntry], summary: RunSummary,
              registry_names: set[str] | None) -> _Plan:
        by_name = {s.name: s for s in summary.sources}
        documents: dict[str, tuple[str, ParsedDocument]] = {}
        web: list[tuple[str, ParsedDocument]] = []
        for read in reads:
            for doc in read.documents:
                if doc.doc_id in documents:
                    other = documents[doc.doc_id][1].location
                    by_name[read.name].failed.append(
                        {"location": doc.location, "reason": f"document id {doc.doc_id!r} is also used by {other}"})
                    continue
                documents[doc.doc_id] = (read.name, doc)
                if read.kind in _WEB_KINDS:
                    web.append((read.name, doc))
        _kept, duplicates = merge_near_duplicates(web)
        for duplicate in duplicates:
            documents.pop(duplicate.document.doc_id, None)
            by_name[duplicate.source].duplicates.append(
                {"location": duplicate.document.url, "same_as": duplicate.kept.url})

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

        reads_by_name = {r.name: r for r in reads}
        removed: list[str] = []
        for doc_id, entry in previous.items():
            if doc_id in documents:
                continue
            read = reads_by_name.get(entry.source)
            if read is None:
                if registry_names is not None and entry.source not in registry_names:
                    removed.append(doc_id)  # its source was taken out of the registry
                    if entry.source not in by_name:
                        by_name[entry.source] = SourceSummary(entry.source, "removed from registry")
                        summary.sources.append(by_name[entry.source])
                    by_name[entry.source].removed += 1
                continue
            # an event's location is '<feed or page>#<uid>': it stays while its feed or page failed for now
            if read.complete and entry.location.split("#", 1)[0] not in read.unsure_locations:
                removed.append(doc_id)
                by_name[entry.source].removed += 1

        states = [s for r in reads for s in r.fetch_states]
        dropped = {loc for r in reads for loc in r.gone_locations}
        dropped |= {previous[d].location for d in removed}
        return _Plan(documents, to_embed, removed, states, dropped, {})

    # --- writing ---------------------------------------------------------------------------------
    def _write(self, generation: Generation, plan: _Plan, summary: RunSummary, progress: Progress | None) -> None:
        started = time.perf_counter()
        record = IndexRecord(generation.record_path)
        store = self.generations.vector_store(generation, create=True)
        replaced = [doc.doc_id for _, doc in plan.to_embed] + plan.removed
        stale_chunks = record.chunk_ids_of(replaced)
        if stale_chunks:
            store.delete(stale_chunks)
        record.delete_documents(replaced)
        record.delete_fetch_states(plan.dropped_fetch_urls)
        record.put_fetch_states(s for s in plan.fetch_states if s.url not in plan.dropped_fetch_urls)
        record.replace_listed_programmes(plan.programmes.values())

        total = len(plan.to_embed)
        now = _now()
        pending: list[tuple[str, ParsedDocument, list[Chunk]]] = []
        pending_chunks = 0

        def flush() -> None:
            nonlocal pending, pending_chunks
            # One embedding call across many documents keeps the model's batches full.
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

        for done, (source_name, doc) in enumerate(plan.to_embed, start=1):
            doc_chunks = self.chunker.split(doc)
            pending.append((source_name, doc, doc_chunks))
            pending_chunks += len(doc_chunks)
            if pending_chunks >= self.batch_size * 8:
                flush()
            if progress:
                progress(done, total, doc.location)
        flush()
        summary.timings["embed_and_store"] = round(time.perf_counter() - started, 3)

        started = time.perf_counter()
        chunks = list(record.iter_chunks())
        record.close()
        LexicalIndex.build([c.chunk_id for c in chunks], [lexical_text(c) for c in chunks], self.analyze).save(
            generation.lexical_path
        )
        summary.timings["lexical"] = round(time.perf_counter() - started, 3)

    def _write_last_run(self, data: dict[str, Any]) -> None:
        """The last run's summary beside CURRENT (also for runs that changed nothing or failed)."""
        self._write_json(LAST_RUN_FILE, data)

    def _write_source_runs(self, summary: RunSummary) -> None:
        """When each source was last read, and how it went (index_status derives 'due' from it)."""
        path = self.generations.root / SOURCE_RUNS_FILE
        try:
            runs = json.loads(path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            runs = {}
        for source in summary.sources:
            runs[source.name] = {"read_at": summary.read_started_at or summary.started_at, "failed": len(source.failed),
                                 "complete": source.complete}
        self._write_json(SOURCE_RUNS_FILE, runs)

    def _write_json(self, name: str, data: dict[str, Any]) -> None:
        root = self.generations.root
        root.mkdir(parents=True, exist_ok=True)
        tmp = root / f".{name}.{uuid.uuid4().hex}.tmp"
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, root / name)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

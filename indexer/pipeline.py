"""One indexing run: read every source (files, crawled sites, pages, PDFs, event feeds) → merge near-duplicates
→ compare content hashes with the served generation → embed only what changed → write a new generation →
switch atomically. Nothing changed means no new generation and no model load.

Safety rules:
- one run at a time per index folder (indexer.run_lock); a killed run leaves the served generation untouched, and
  SIGTERM/SIGINT stop a run in order (indexer.run_stop): the half-built generation removed, the reason in LAST_RUN;
- documents are removed only for sources read completely (a crawl cut short or failing midway removes nothing),
  and never for pages that failed this time for a reason other than 404/410;
- every run, including one that changed nothing, leaves its summary in `<index>/LAST_RUN.json`.

Healing: every run first verifies the served generation (indexer.generation_check). Whole, it is the base as
always. Otherwise the run builds a new generation even if nothing changed, from as much as is still whole: a
damaged lexical index is rebuilt from the record (nothing embedded); a damaged record or lost vectors send the run
back to the newest older generation that is whole (only what changed since is embedded), or, without one, to
embedding the record's chunks again, or, without a readable record, to a clean run. A generation embedded with
another model than the configured one is embedded again in full. Damaged generations are removed after the
switch. Each new generation gets its manifest (indexer.generation_manifest) just before the switch.
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

from indexer.catalog import CatalogError
from indexer.chunker import Chunker
from indexer.corpus_catalogues import load_corpus_catalogues
from indexer.documents import Chunk, ParsedDocument
from indexer.fetch.fetch_policy import DEFAULT_USER_AGENT
from indexer.generation_check import GenerationCheck, check_generation
from indexer.generation_manifest import build_manifest, write_manifest
from indexer.generations import Generation, IndexGenerations
from indexer.index_record import DocumentEntry, FetchState, IndexRecord
from indexer.lexical_index import LexicalIndex, lexical_text
from indexer.listed_programmes import ListedProgramme, next_listing
from indexer.near_duplicates import merge_near_duplicates
from indexer.partner_catalogue import PartnerDataError
from indexer.run_lock import run_lock
from indexer.run_stop import IndexRunStopped
from indexer.sentence_store import FOLDER as SENTENCES_FOLDER
from indexer.sentence_store import SentenceStore
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
    sentences_embedded: int = 0  # sentence vectors embedded this run (the others were reused)
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
    repairs: list[str] = field(default_factory=list)  # what was found damaged, and what the run did about it
    full_reason: str | None = None  # why every chunk was embedded again without --full (another embedding model)
    removed_generations: list[str] = field(default_factory=list)  # orphans, damaged or beyond the retention count

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
class _Base:
    """What a run builds on (see the module docstring)."""

    record: Generation | None = None  # copy its record: documents, chunks and fetch states
    vectors: Generation | None = None  # copy its vectors; None with a record: embed the record's chunks again
    states: Generation | None = None  # whose fetch states (HTTP validators, bodies) to reuse
    rebuild: bool = False  # write a new generation even when nothing changed: the served one is not whole
    damaged: list[str] = field(default_factory=list)  # generations found damaged: removed after the switch
    dimension: int | None = None  # of the copied vectors, from the base's manifest
    model: str | None = None  # that embedded the copied vectors, from the base's manifest


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
        embedding_model: str | None = None,
        stop_at: Callable[[str], None] | None = None,
        sentence_embedder_factory: Callable[[], ArrayEmbedder] | None = None,
        sentence_vectors: bool = True,
    ) -> None:
        """`embedding_model`: the configured model's identity (indexer.embedding_choice.embedding_model_id), recorded
        in each manifest; a served generation built with another one is embedded again. `stop_at`: the test-only
        fault injection hook (indexer.fault_injection). `sentence_embedder_factory`: the same model for the
        sentence vectors, when the caller wants to tell the two apart (tests count chunk embeddings); by default the
        chunk embedder. `sentence_vectors`: False leaves them out (a retrieval evaluation needs none; the answerer
        then scores sentences on words and their passage's meaning)."""
        self.generations = generations
        self.corpus_dir = corpus_dir
        self._embedder_factory = embedder_factory
        self._embedder: ArrayEmbedder | None = None
        self._sentence_embedder_factory = sentence_embedder_factory
        self._sentence_vectors = sentence_vectors
        self.chunker = chunker
        self.analyze = analyze
        self.batch_size = batch_size
        self.user_agent = user_agent
        self.embedding_model = embedding_model
        self._stop_at = stop_at
        self.phase = "start"
        self._dimension: int | None = None  # of the vectors this run embedded

    def _reach(self, phase: str) -> None:
        self.phase = phase
        if self._stop_at is not None:
            self._stop_at(phase)

    def _embedder_once(self) -> ArrayEmbedder:
        if self._embedder is None:
            self._embedder = self._embedder_factory()
        return self._embedder

    def _sentence_embedder(self) -> ArrayEmbedder:
        return self._sentence_embedder_factory() if self._sentence_embedder_factory else self._embedder_once()

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
        self.phase = "start"
        try:
            summary = self._run(sources, full, False, progress, all_sources)
        except IndexRunStopped as stop:
            stop.phase = stop.phase or self.phase
            self._write_last_run({"error": stop.describe(), "stopped": stop.signal_name, "phase": stop.phase,
                                  "started_at": started_at, "finished_at": _now(), "switched": False})
            raise
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
        if not dry_run:  # orphans of killed runs, generations beyond the retention count
            summary.removed_generations = self.generations.tidy()
        current = self.generations.current()
        base = self._base(current, full, summary)
        previous: dict[str, DocumentEntry] = {}
        previous_states: dict[str, FetchState] = {}
        previous_programmes: dict[str, ListedProgramme] = {}
        if base.states is not None:
            record = IndexRecord(base.states.record_path, read_only=True)
            previous_states = record.fetch_states()
            previous_programmes = record.listed_programmes()  # kept by --full too: their history is not in the texts
            record.close()
        if base.record is not None:
            record = IndexRecord(base.record.record_path, read_only=True)
            previous = record.documents()
            record.close()

        self._reach("fetch")
        reads = self._read_all(sources, previous_states, previous_programmes, full, progress)
        self._reach("parse")
        summary.timings["read"] = round(time.perf_counter() - started, 3)
        summary.sources = [self._source_summary(r) for r in reads]
        registry_names = {s.name for s in sources} if all_sources else None
        plan = self._plan(reads, previous, summary, registry_names)
        plan.programmes = next_listing(previous_programmes, reads, registry_names)

        summary.generation = current.id if current else None
        nothing_changed = (not plan.to_embed and not plan.removed and current is not None and not full
                           and not base.rebuild and plan.programmes == previous_programmes)
        if dry_run or nothing_changed:
            summary.documents = len(plan.documents)
            if nothing_changed and current is not None:
                record = IndexRecord(current.record_path, read_only=True)
                summary.documents, summary.chunks = record.count()
                record.close()
            summary.seconds = round(time.perf_counter() - started, 3)
            return summary

        generation = self.generations.begin(record_from=base.record, vectors_from=base.vectors)
        try:
            vectors, lexical = self._write(generation, plan, summary, progress,
                                           reembed=base.record is not None and base.vectors is None,
                                           sentences_from=base.vectors)
            record = IndexRecord(generation.record_path)
            summary.documents, summary.chunks = record.count()
            if vectors != summary.chunks or lexical != summary.chunks:
                raise RuntimeError(f"the new generation holds {summary.chunks} chunks but {vectors} vectors and "
                                   f"{lexical} lexical rows; it was not switched in")
            summary.generation = generation.id
            summary.seconds = round(time.perf_counter() - started, 3)
            record.add_run(summary.started_at, _now(), summary.as_dict())
            record.close()
            self._reach("record")
            self._write_manifest(generation, base, summary, vectors, lexical)
            self.generations.commit(generation, checkpoint=self._reach)
        except IndexRunStopped:
            if not self._switched_to(generation):
                self.generations.abandon(generation)
                raise
            # The stop came after the atomic switch: the run's work is done, so it ends as a finished run.
        except BaseException:
            if not self._switched_to(generation):
                self.generations.abandon(generation)
            raise
        summary.switched = True
        summary.removed_generations += self.generations.tidy(damaged=base.damaged)
        return summary

    def _switched_to(self, generation: Generation) -> bool:
        current = self.generations.current()
        return current is not None and current.id == generation.id

    # --- what a run builds on ----------------------------------------------------------------------
    def _base(self, current: Generation | None, full: bool, summary: RunSummary) -> _Base:
        """Verify the served generation and choose what this run builds on (and what it never reads)."""
        if current is None:
            return _Base()
        check = check_generation(self.generations, current, self.embedding_model)
        base = self._whole_base(current, check, summary)
        if full:  # a fresh generation; only the fetch states of a record that checked whole are reused
            return _Base(states=base.states, rebuild=base.rebuild, damaged=base.damaged)
        return base

    def _whole_base(self, current: Generation, check: GenerationCheck, summary: RunSummary) -> _Base:
        manifest = check.manifest
        if check.ok:
            return _Base(current, current, current, dimension=manifest.embedding_dimension if manifest else None,
                         model=manifest.embedding_model if manifest else None)
        if "model" in check.problems:
            summary.full_reason = (f"the served generation {current.id} was {check.problems['model']}: every chunk "
                                   "is embedded again")
            record_whole = "record" not in check.problems and "generation" not in check.problems
            return _Base(current if record_whole else None, None, current if record_whole else None, rebuild=True)
        damaged = [current.id]
        if check.usable_as_base:  # only the lexical index or the manifest is damaged: rebuilt from the record
            summary.repairs.append(f"generation {current.id}: {check.reason}; its lexical index and manifest are "
                                   "built again from its record (nothing embedded again)")
            return _Base(current, current, current, rebuild=True, damaged=damaged,
                         dimension=manifest.embedding_dimension if manifest else None,
                         model=manifest.embedding_model if manifest else None)
        for older in self.generations.candidates()[1:]:
            older_check = check_generation(self.generations, older, self.embedding_model)
            if older_check.usable_as_base:
                summary.repairs.append(f"generation {current.id}: {check.reason}; rebuilt on the whole generation "
                                       f"{older.id} (only what changed since is embedded)")
                older_manifest = older_check.manifest
                return _Base(older, older, older, rebuild=True, damaged=damaged,
                             dimension=older_manifest.embedding_dimension if older_manifest else None,
                             model=older_manifest.embedding_model if older_manifest else None)
            if "model" not in older_check.problems:
                damaged.append(older.id)
        if "record" not in check.problems and "generation" not in check.problems:
            summary.repairs.append(f"generation {current.id}: {check.reason}; no older generation is whole, so the "
                                   "chunks of its record are embedded again")
            return _Base(current, None, current, rebuild=True, damaged=damaged)
        summary.repairs.append(f"generation {current.id}: {check.reason}; no older generation is whole, so every "
                               "document is read and embedded again")
        return _Base(rebuild=True, damaged=damaged)

    def _write_manifest(self, generation: Generation, base: _Base, summary: RunSummary, vectors: int,
                        lexical: int) -> None:
        dimension = self._dimension or base.dimension
        if dimension is None and vectors:
            probe = self.generations.vector_store(generation).any_vector()
            dimension = len(probe) if probe is not None else None
        model = self.embedding_model or (base.model if not summary.chunks_embedded else None)
        counts = {"documents": summary.documents, "chunks": summary.chunks, "vectors": vectors, "lexical": lexical}
        write_manifest(generation.path, build_manifest(
            generation.path, generation.id, model, dimension, counts,
            self.generations.collection(generation)))

    # --- reading and planning ------------------------------------------------------------------
    def _read_all(self, sources: list[Source], previous_states: dict[str, FetchState],
                  previous_programmes: dict[str, ListedProgramme], full: bool,
                  progress: Progress | None) -> list[SourceRead]:
        # Read once per run, on purpose: a run indexes the catalogues as they are now.
        catalogues = load_corpus_catalogues(self.corpus_dir)
        try:
            partner_facts = catalogues.partners.chunk_facts() if catalogues.partners is not None else {}
        except PartnerDataError as exc:  # a catalogue error, as the CLI and the admin re-index report it
            raise CatalogError(str(exc)) from exc
        reader = SourceReader(
            self.corpus_dir, catalogues.programmes, partner_facts, previous_states, self.user_agent, full=full,
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
            source_read = reads_by_name.get(entry.source)
            if source_read is None:
                if registry_names is not None and entry.source not in registry_names:
                    removed.append(doc_id)  # its source was taken out of the registry
                    if entry.source not in by_name:
                        by_name[entry.source] = SourceSummary(entry.source, "removed from registry")
                        summary.sources.append(by_name[entry.source])
                    by_name[entry.source].removed += 1
                continue
            # an event's location is '<feed or page>#<uid>': it stays while its feed or page failed for now
            if source_read.complete and entry.location.split("#", 1)[0] not in source_read.unsure_locations:
                removed.append(doc_id)
                by_name[entry.source].removed += 1

        states = [s for r in reads for s in r.fetch_states]
        dropped = {loc for r in reads for loc in r.gone_locations}
        dropped |= {previous[d].location for d in removed}
        return _Plan(documents, to_embed, removed, states, dropped, {})

    # --- writing ---------------------------------------------------------------------------------
    def _write(self, generation: Generation, plan: _Plan, summary: RunSummary, progress: Progress | None,
               reembed: bool = False, sentences_from: Generation | None = None) -> tuple[int, int]:
        """Apply the plan to the new generation (a copy of the base). `reembed`: its record was copied without
        vectors, so the chunks it keeps are embedded again. `sentences_from`: the generation whose vectors were
        copied (same model): its sentence vectors are reused. Returns how many vectors and lexical rows it holds."""
        started = time.perf_counter()
        record = IndexRecord(generation.record_path)
        store = self.generations.vector_store(generation, create=True)
        replaced = [doc.doc_id for _, doc in plan.to_embed] + plan.removed
        stale_chunks = record.chunk_ids_of(replaced)
        if stale_chunks and not reembed:
            store.delete(stale_chunks)
        record.delete_documents(replaced)
        record.delete_fetch_states(plan.dropped_fetch_urls)
        record.put_fetch_states(s for s in plan.fetch_states if s.url not in plan.dropped_fetch_urls)
        embedded_before = summary.chunks_embedded
        embed_reached = False

        def embed(chunks: list[Chunk]) -> None:
            if not chunks:
                return
            vectors = self._embedder_once().embed_array([c.embedding_text for c in chunks])
            self._dimension = int(vectors.shape[1])
            store.add(chunks, vectors)
            summary.chunks_embedded += len(chunks)

        def reach_embed_once() -> None:
            """The fault injection's `embed` point: the first batch is in the store and in the record."""
            nonlocal embed_reached
            if not embed_reached and summary.chunks_embedded > embedded_before:
                embed_reached = True
                self._reach("embed")

        if reembed:
            kept = list(record.iter_chunks())
            for start in range(0, len(kept), self.batch_size * 8):
                embed(kept[start : start + self.batch_size * 8])
                reach_embed_once()
        record.replace_listed_programmes(plan.programmes.values())

        total = len(plan.to_embed)
        now = _now()
        pending: list[tuple[str, ParsedDocument, list[Chunk]]] = []
        pending_chunks = 0

        def flush() -> None:
            nonlocal pending, pending_chunks
            # One embedding call across many documents keeps the model's batches full.
            embed([c for _, _, cs in pending for c in cs])
            for source_name, doc, doc_chunks in pending:
                record.put_document(
                    DocumentEntry(doc.doc_id, source_name, doc.location, doc.url, doc.title, doc.as_of,
                                  doc.content_hash(), len(doc_chunks), doc.metadata, now),
                    doc_chunks,
                )
            pending, pending_chunks = [], 0
            reach_embed_once()

        for done, (source_name, doc) in enumerate(plan.to_embed, start=1):
            doc_chunks = self.chunker.split(doc)
            pending.append((source_name, doc, doc_chunks))
            pending_chunks += len(doc_chunks)
            if pending_chunks >= self.batch_size * 8:
                flush()
            if progress:
                progress(done, total, doc.location)
        flush()
        if summary.chunks_embedded == embedded_before:
            self._reach("embed")  # nothing needed embedding: the phase still passes, for the fault injection
        summary.timings["embed_and_store"] = round(time.perf_counter() - started, 3)

        started = time.perf_counter()
        self._reach("lexical")
        chunks = list(record.iter_chunks())
        record.close()
        lexical = LexicalIndex.build([c.chunk_id for c in chunks], [lexical_text(c) for c in chunks], self.analyze)
        lexical.save(generation.lexical_path)
        summary.timings["lexical"] = round(time.perf_counter() - started, 3)

        if not self._sentence_vectors:
            return store.count(), len(lexical)
        started = time.perf_counter()
        previous = self._previous_sentences(sentences_from)
        sentences, summary.sentences_embedded = SentenceStore.build(
            chunks, lambda texts: self._sentence_embedder().embed_array(texts), previous)
        sentences.save(generation.path / SENTENCES_FOLDER)
        summary.timings["sentences"] = round(time.perf_counter() - started, 3)
        return store.count(), len(lexical)

    @staticmethod
    def _previous_sentences(generation: Generation | None) -> SentenceStore | None:
        """The sentence vectors to reuse; a damaged or missing store only means embedding them again."""
        if generation is None:
            return None
        try:
            return SentenceStore.load(generation.path / SENTENCES_FOLDER)
        except (OSError, ValueError):
            return None

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

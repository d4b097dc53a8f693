"""The generation the service answers from, loaded into memory and reloaded when the indexer switches.

Chunk texts and metadata come from the generation's record; the lexical index from its folder; vectors stay
in Chroma, and a copy of them is held in memory (up to _HELD_VECTORS) for searches under a narrow filter. A
re-index by another process is picked up on the next request without a restart.

Before a generation is served it is checked (indexer.generation_check: its manifest's file sizes and checksums),
loaded, and its vectors probed. One that fails is quarantined — logged once, counted in /metrics, listed in
GET /api/admin/index, never loaded again by this process — and the newest older generation of the history that
passes is served instead. So is one whose vectors fail later, at query time (that request goes on with the lexical
side). Nothing is retried until CURRENT moves (a Chroma server that cannot be reached is retried every few
seconds). A generation embedded with another model than the configured one is never queried: `get()` raises
IndexUnavailableError (503 problem+json), as it does when no generation can be served at all.

The record also holds the programmes the generation's sources list (the Förderdatenbank export), which
the served catalogue adds to programs.yaml (indexer/catalogue_merge.py).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import numpy as np

from assistant.retrieval.metadata_columns import MetadataColumns
from assistant.retrieval.vector_subset import VectorSubset, unit_rows
from indexer.documents import Chunk
from indexer.generation_check import check_files, probe_vectors
from indexer.generations import Generation, IndexGenerations
from indexer.index_record import DocumentEntry, IndexRecord
from indexer.lexical_index import LexicalIndex
from indexer.listed_programmes import ListedProgramme
from indexer.search_filter import SearchFilter
from indexer.sentence_store import FOLDER as SENTENCES_FOLDER
from indexer.sentence_store import SentenceStore
from indexer.vector_store import ChromaVectorStore, is_unreachable

logger = logging.getLogger("nrwa.index")
_UNREACHABLE_RETRY_SECONDS = 10.0  # a Chroma server that cannot be reached is tried again after this long
REINDEX_HINT = "run `nrw-assistant index`: it verifies the index and repairs it"

_MASK_CACHE = 64  # distinct filters remembered per generation; the chat uses a handful
_CLOCK_MASK_SECONDS = 60.0  # masks that depend on the clock (past events) are recomputed this often
# A generation of at most this many chunks has all its vectors held in memory (66 MB at 43,000 chunks of 384-d),
# read once when it is loaded: a narrow filter's vectors are then sliced, not fetched from Chroma (~35 µs each).
_HELD_VECTORS = 150_000
_SUBSET_ROWS = 5_000  # otherwise a filter passing at most this many chunks has its vectors fetched and kept
_SUBSETS = 16  # such filters remembered per generation


class IndexUnavailableError(RuntimeError):
    """Index generations exist, but none can be served (damaged, or embedded with another model)."""

    def __init__(self, reason: str, hint: str = REINDEX_HINT) -> None:
        super().__init__(f"{reason}; {hint}")
        self.reason = reason
        self.hint = hint


class _Damaged(Exception):
    """A generation that loaded but does not hold together."""


class _OtherModel(Exception):
    """A generation whose vectors come from another embedding model than the configured one."""


class CheckedVectors:
    """A generation's vector store whose failures mark the generation damaged instead of failing the request: the
    request goes on without dense results, the next one is served from a fallback generation."""

    def __init__(self, store: ChromaVectorStore, on_failure: Callable[[Exception], None]) -> None:
        self._store = store
        self._on_failure = on_failure

    def query(self, vector: Sequence[float], k: int, search_filter: SearchFilter | None = None,
              within: Sequence[str] | None = None) -> list[tuple[str, float]]:
        try:
            return self._store.query(vector, k, search_filter, within)
        except Exception as exc:  # any Chroma failure: degrade this request, heal the next
            self._on_failure(exc)
            return []

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        try:
            return self._store.vectors(chunk_ids)
        except Exception as exc:
            self._on_failure(exc)
            return {}

    def count(self) -> int:
        return self._store.count()


@dataclass(frozen=True)
class Quarantine:
    generation: str
    reason: str
    since: str  # ISO time this process quarantined it


@dataclass
class LoadedIndex:
    generation: Generation
    chunks: dict[str, Chunk]
    documents: dict[str, DocumentEntry]
    lexical: LexicalIndex
    vectors: CheckedVectors
    last_run: dict | None
    columns: MetadataColumns  # the chunks' filterable metadata by lexical row, for masks
    verified: bool = True  # False: built before manifests existed, served unverified
    sentences: SentenceStore | None = None  # sentence vectors for the answer composer (None in older generations)
    programmes: dict[str, ListedProgramme] = field(default_factory=dict)
    held: np.ndarray | None = None  # every chunk's unit vector by lexical row, when the generation is small enough
    _masks: dict[SearchFilter, tuple[np.ndarray, float]] = field(default_factory=dict, repr=False)
    _masks_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _subsets: dict[SearchFilter, tuple[np.ndarray, VectorSubset]] = field(default_factory=dict, repr=False)
    _by_programme: dict[str, list[Chunk]] | None = field(default=None, repr=False)

    def programme_chunks(self, program_id: str) -> list[Chunk]:
        """Every chunk about this programme (its own documents, export records), in the order they were indexed:
        the answerer reads a programme's sections for the sentence that answers the question, whichever the
        search ranked first."""
        if self._by_programme is None:
            grouped: dict[str, list[Chunk]] = {}
            for chunk in self.chunks.values():
                pid = chunk.metadata.get("program_id")
                if pid:
                    grouped.setdefault(str(pid), []).append(chunk)
            self._by_programme = grouped  # built once per generation; a race only builds it twice
        return self._by_programme.get(program_id, [])

    def mask(self, search_filter: SearchFilter | None) -> np.ndarray | None:
        """Which lexical rows pass the filter (None = all), from the metadata columns. Each filter's mask is kept
        for the generation (a minute when the filter depends on the clock): vector_subset keys on it."""
        if search_filter is None or search_filter.is_empty():
            return None
        now = time.monotonic()
        cached = self._masks.get(search_filter)
        if cached is not None and cached[1] > now:
            return cached[0]
        mask = self.columns.mask(search_filter)
        clock_bound = getattr(search_filter, "exclude_past_events", False) and getattr(search_filter, "now", 0) is None
        with self._masks_lock:  # requests run on several threads
            self._masks.pop(search_filter, None)
            if len(self._masks) >= _MASK_CACHE:
                self._masks.pop(next(iter(self._masks)))  # oldest first
            self._masks[search_filter] = (mask, now + _CLOCK_MASK_SECONDS if clock_bound else float("inf"))
        return mask

    def vector_subset(self, search_filter: SearchFilter, mask: np.ndarray) -> VectorSubset | None:
        """The vectors of the chunks `mask` (this filter's current mask) lets through, sliced from the held
        vectors or fetched from the store once, and kept while the mask stays; None when they are not held and more
        than _SUBSET_ROWS pass."""
        rows = np.flatnonzero(mask)
        if self.held is None and len(rows) > _SUBSET_ROWS:
            return None
        cached = self._subsets.get(search_filter)
        if cached is not None and cached[0] is mask:
            return cached[1]
        if self.held is not None:
            subset = VectorSubset([self.lexical.chunk_ids[row] for row in rows], self.held[rows])
        else:
            found = self.vectors.vectors([self.lexical.chunk_ids[row] for row in rows])
            dimension = len(next(iter(found.values()))) if found else 0
            subset = VectorSubset.of(found, dimension)
        with self._masks_lock:
            self._subsets.pop(search_filter, None)
            if len(self._subsets) >= _SUBSETS:
                self._subsets.pop(next(iter(self._subsets)))  # oldest first
            self._subsets[search_filter] = (mask, subset)
        return subset


@dataclass(frozen=True)
class ServingState:
    """What this process serves, and why not when it serves nothing."""

    loaded: LoadedIndex | None = None
    current: str | None = None  # the generation CURRENT names
    unavailable: str | None = None  # why nothing is served although generations exist
    hint: str | None = None
    quarantined: tuple[Quarantine, ...] = ()

    @property
    def fallback(self) -> bool:
        """An older generation is served because the current one cannot be."""
        return self.loaded is not None and self.loaded.generation.id != self.current


class ServedIndex:
    def __init__(self, generations: IndexGenerations, analyze: Callable[[str], list[str]],
                 embedding_model: str | None = None, embedding_dimension: int | None = None) -> None:
        """`embedding_model`, `embedding_dimension`: of the model that embeds the queries; a generation recorded
        with another model or holding vectors of another dimension is never queried."""
        self._generations = generations
        self._analyze = analyze
        self._model = embedding_model
        self._dimension = embedding_dimension
        self._state = ServingState()
        self._quarantine: dict[str, Quarantine] = {}
        self._marker = -1.0
        self._retry_at = math.inf
        self._lock = threading.Lock()

    def get(self) -> LoadedIndex | None:
        """The generation to answer from, reloaded if the CURRENT marker moved since the last call. None before
        anything was indexed; IndexUnavailableError when generations exist but none can be served."""
        state = self.state()
        if state.loaded is None and state.unavailable:
            raise IndexUnavailableError(state.unavailable, state.hint or REINDEX_HINT)
        return state.loaded

    def state(self) -> ServingState:
        """Like get(), but never raises: for readiness, metrics and the admin status."""
        marker = self._generations.marker_mtime()
        if marker != self._marker or time.monotonic() >= self._retry_at:
            with self._lock:
                if marker != self._marker or time.monotonic() >= self._retry_at:
                    self._refresh(marker)
        return self._state

    # --- choosing and loading --------------------------------------------------------------------
    def _refresh(self, marker: float) -> None:
        self._marker, self._retry_at = marker, math.inf
        candidates = self._generations.candidates()
        named = {g.id for g in candidates}
        self._quarantine = {k: v for k, v in self._quarantine.items() if k in named}  # removed ones are forgotten
        current = candidates[0].id if candidates else None
        previous = self._state.loaded
        loaded: LoadedIndex | None = None
        unavailable: str | None = None
        hint = REINDEX_HINT
        for generation in candidates:
            if generation.id in self._quarantine:
                continue
            if previous is not None and previous.generation.id == generation.id:
                loaded = previous  # still the one in memory (CURRENT was rewritten, not moved)
                break
            try:
                loaded = self._load(generation)
                break
            except _OtherModel as exc:
                if generation.id != current:
                    continue  # an older generation of another model is no fallback
                unavailable = f"the index generation {generation.id} was {exc}"
                hint = ("run `nrw-assistant index` with this configuration (it embeds everything again), or configure "
                        "the embedding model the index was built with")
                logger.error("index generation %s cannot be served: it was %s; %s", generation.id, exc, hint)
                break
            except Exception as exc:
                if is_unreachable(exc):
                    self._retry_at = time.monotonic() + _UNREACHABLE_RETRY_SECONDS
                    loaded, unavailable = previous, "the Chroma server cannot be reached"
                    logger.warning("index generation %s: the Chroma server cannot be reached (%s); retrying in "
                                   "%.0f s", generation.id, _short(exc), _UNREACHABLE_RETRY_SECONDS)
                    break
                self._quarantine_generation(generation.id, _short(exc) if not isinstance(exc, _Damaged)
                                            else str(exc))
        else:
            if candidates:
                reasons = "; ".join(f"{q.generation}: {q.reason}" for q in self._quarantine.values())
                unavailable = f"no index generation can be served ({reasons})"
                logger.error("%s; %s", unavailable, REINDEX_HINT)
        if loaded is not None and loaded.generation.id != current and loaded is not previous:
            logger.warning("serving the older index generation %s: the current one, %s, cannot be served",
                           loaded.generation.id, current)
        self._state = ServingState(loaded, current, None if loaded else unavailable, None if loaded else hint,
                                   tuple(self._quarantine.values()))

    def _load(self, generation: Generation) -> LoadedIndex:
        check = check_files(self._generations, generation, self._model)
        if "model" in check.problems:
            raise _OtherModel(check.problems["model"])
        if check.problems:
            raise _Damaged(check.reason)
        dimension = check.manifest.embedding_dimension if check.manifest else None
        if dimension and self._dimension and dimension != self._dimension:
            raise _OtherModel(f"embedded with {dimension} dimensions, but the configured model has {self._dimension}")
        record = IndexRecord(generation.record_path, read_only=True)
        try:
            chunks = {c.chunk_id: c for c in record.iter_chunks()}
            documents = record.documents()
            last_run = record.last_run()
            programmes = record.listed_programmes()
        finally:
            record.close()
        lexical = _load_lexical(generation, self._analyze, chunks)
        store = self._generations.vector_store(generation)
        problem = probe_vectors(store, len(chunks), dimension)
        if problem:
            raise _Damaged(f"vectors: {problem}")
        probe = store.any_vector() if chunks and self._dimension else None
        if probe is not None and len(probe) != self._dimension:
            raise _OtherModel(f"embedded with {len(probe)} dimensions, but the configured model has "
                              f"{self._dimension}")
        return LoadedIndex(
            generation=generation,
            columns=MetadataColumns([chunks[cid].metadata for cid in lexical.chunk_ids]),
            held=_held_vectors(store, lexical.chunk_ids),
            chunks=chunks,
            documents=documents,
            lexical=lexical,
            vectors=CheckedVectors(store, lambda exc: self._failed_at_query(generation.id, exc)),
            last_run=last_run,
            verified=check.verified,
            sentences=_load_sentences(generation, chunks),
            programmes=programmes,
        )

    # --- quarantine ------------------------------------------------------------------------------
    def _quarantine_generation(self, gen_id: str, reason: str) -> None:
        if gen_id in self._quarantine:
            return
        self._quarantine[gen_id] = Quarantine(gen_id, reason, datetime.now(UTC).isoformat(timespec="seconds"))
        logger.error("index generation %s is quarantined, it fails to load or verify: %s", gen_id, reason)

    def _failed_at_query(self, gen_id: str, exc: Exception) -> None:
        if is_unreachable(exc):
            return  # not damage: the next request tries the Chroma server again
        with self._lock:
            self._quarantine_generation(gen_id, f"vectors failed at query time: {_short(exc)}")
            self._marker = -1.0  # the next request chooses again, without this generation


def _load_lexical(generation: Generation, analyze: Callable[[str], list[str]], chunks: dict[str, Any]) -> LexicalIndex:
    """The lexical index, which must list exactly the record's chunks (and have its terms field when it lists any:
    without it, the lexical side would silently fall back to character n-grams)."""
    lexical = LexicalIndex.load(generation.lexical_path, analyze)
    if len(lexical) != len(chunks) or set(lexical.chunk_ids) != set(chunks):
        raise _Damaged("lexical: lexical/chunk_ids.json does not list the record's chunks")
    if chunks and not (generation.lexical_path / "bm25").is_dir():
        raise _Damaged("lexical: lexical/bm25 is missing")
    return lexical


def _held_vectors(store: ChromaVectorStore, chunk_ids: Sequence[str]) -> np.ndarray | None:
    """Every chunk's unit vector in lexical row order; None above _HELD_VECTORS chunks (searches then fetch the
    vectors they need from the store)."""
    if not chunk_ids or len(chunk_ids) > _HELD_VECTORS:
        return None
    ids, vectors = store.all_vectors()
    row_of = {chunk_id: row for row, chunk_id in enumerate(ids)}
    if len(ids) != len(chunk_ids) or any(chunk_id not in row_of for chunk_id in chunk_ids):
        raise _Damaged("vectors: the store does not hold the record's chunks")
    return unit_rows(vectors[[row_of[chunk_id] for chunk_id in chunk_ids]])


def _load_sentences(generation: Generation, chunks: dict[str, Any]) -> SentenceStore | None:
    """The sentence vectors, which may only name the record's chunks; absent in generations built before them."""
    try:
        sentences = SentenceStore.load(generation.path / SENTENCES_FOLDER)
    except (OSError, ValueError) as exc:
        raise _Damaged(f"sentences: {_short(exc)}") from exc
    if sentences is not None and any(chunk_id not in chunks for chunk_id, _ in sentences.rows):
        raise _Damaged("sentences: sentences/rows.json names chunks the record does not hold")
    return sentences


def _short(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return f"{exc.__class__.__name__}: {lines[0][:200]}" if lines else exc.__class__.__name__

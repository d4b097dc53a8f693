"""The generation the service answers from, loaded into memory and reloaded when the indexer switches.

Chunk texts and metadata come from the generation's record; the lexical index from its folder; vectors stay
in Chroma. The record also holds the programmes the generation's sources list (the Förderdatenbank export), which
the served catalogue adds to programs.yaml (indexer/catalogue_merge.py). A re-index by another process is picked up
on the next request without a restart.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from assistant.retrieval.vector_subset import VectorSubset
from indexer.documents import Chunk
from indexer.generations import Generation, IndexGenerations
from indexer.index_record import DocumentEntry, IndexRecord
from indexer.lexical_index import LexicalIndex
from indexer.listed_programmes import ListedProgramme
from indexer.search_filter import SearchFilter
from indexer.vector_store import ChromaVectorStore

_MASK_CACHE = 64  # distinct filters remembered per generation; the chat uses a handful
_CLOCK_MASK_SECONDS = 60.0  # masks that depend on the clock (past events) are recomputed this often
_SUBSET_ROWS = 5_000  # a filter passing at most this many chunks has its vectors held in memory (7.5 MB at 384-d)
_SUBSETS = 16  # such filters remembered per generation


@dataclass
class LoadedIndex:
    generation: Generation
    chunks: dict[str, Chunk]
    documents: dict[str, DocumentEntry]
    lexical: LexicalIndex
    vectors: ChromaVectorStore
    last_run: dict | None
    programmes: dict[str, ListedProgramme] = field(default_factory=dict)
    _masks: dict[SearchFilter, tuple[np.ndarray, float]] = field(default_factory=dict, repr=False)
    _masks_lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _subsets: dict[SearchFilter, tuple[np.ndarray, VectorSubset]] = field(default_factory=dict, repr=False)

    def mask(self, search_filter: SearchFilter | None) -> np.ndarray | None:
        """Which lexical rows pass the filter (None = all). Matching every chunk's metadata in Python costs about
        a millisecond per thousand chunks, so each filter's mask is kept for the generation (a minute when the
        filter depends on the clock)."""
        if search_filter is None or search_filter.is_empty():
            return None
        now = time.monotonic()
        cached = self._masks.get(search_filter)
        if cached is not None and cached[1] > now:
            return cached[0]
        mask = np.fromiter(
            (search_filter.matches(self.chunks[cid].metadata) for cid in self.lexical.chunk_ids),
            dtype=bool, count=len(self.lexical.chunk_ids),
        )
        clock_bound = getattr(search_filter, "exclude_past_events", False) and getattr(search_filter, "now", 0) is None
        with self._masks_lock:  # requests run on several threads
            self._masks.pop(search_filter, None)
            if len(self._masks) >= _MASK_CACHE:
                self._masks.pop(next(iter(self._masks)))  # oldest first
            self._masks[search_filter] = (mask, now + _CLOCK_MASK_SECONDS if clock_bound else float("inf"))
        return mask

    def vector_subset(self, search_filter: SearchFilter, mask: np.ndarray) -> VectorSubset | None:
        """The vectors of the chunks `mask` (this filter's current mask) lets through, fetched from the store once
        and kept while the mask stays; None when more than _SUBSET_ROWS pass."""
        rows = np.flatnonzero(mask)
        if len(rows) > _SUBSET_ROWS:
            return None
        cached = self._subsets.get(search_filter)
        if cached is not None and cached[0] is mask:
            return cached[1]
        found = self.vectors.vectors([self.lexical.chunk_ids[row] for row in rows])
        dimension = len(next(iter(found.values()))) if found else 0
        subset = VectorSubset.of(found, dimension)
        with self._masks_lock:
            self._subsets.pop(search_filter, None)
            if len(self._subsets) >= _SUBSETS:
                self._subsets.pop(next(iter(self._subsets)))  # oldest first
            self._subsets[search_filter] = (mask, subset)
        return subset


class ServedIndex:
    def __init__(self, generations: IndexGenerations, analyze: Callable[[str], list[str]]) -> None:
        self._generations = generations
        self._analyze = analyze
        self._loaded: LoadedIndex | None = None
        self._marker = -1.0
        self._lock = threading.Lock()

    def get(self) -> LoadedIndex | None:
        """The current generation, reloaded if the CURRENT marker moved since the last call."""
        marker = self._generations.marker_mtime()
        if marker != self._marker:
            with self._lock:
                if marker != self._marker:
                    self._loaded = self._load()
                    self._marker = marker
        return self._loaded

    def _load(self) -> LoadedIndex | None:
        generation = self._generations.current()
        if generation is None or not generation.record_path.exists():
            return None
        record = IndexRecord(generation.record_path, read_only=True)
        try:
            chunks = {c.chunk_id: c for c in record.iter_chunks()}
            documents = record.documents()
            last_run = record.last_run()
            programmes = record.listed_programmes()
        finally:
            record.close()
        return LoadedIndex(
            generation=generation,
            chunks=chunks,
            documents=documents,
            lexical=LexicalIndex.load(generation.lexical_path, self._analyze),
            vectors=self._generations.vector_store(generation),
            last_run=last_run,
            programmes=programmes,
        )

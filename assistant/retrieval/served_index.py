"""The generation the service answers from, loaded into memory and reloaded when the indexer switches.

Chunk texts and metadata come from the generation's record; the lexical index from its folder; vectors stay
in Chroma. A re-index by another process is picked up on the next request without a restart.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from indexer.documents import Chunk
from indexer.generations import Generation, IndexGenerations
from indexer.index_record import DocumentEntry, IndexRecord
from indexer.lexical_index import LexicalIndex
from indexer.search_filter import SearchFilter
from indexer.vector_store import ChromaVectorStore


@dataclass
class LoadedIndex:
    generation: Generation
    chunks: dict[str, Chunk]
    documents: dict[str, DocumentEntry]
    lexical: LexicalIndex
    vectors: ChromaVectorStore
    last_run: dict | None

    def mask(self, search_filter: SearchFilter | None) -> np.ndarray | None:
        """Which lexical rows pass the filter (None = all)."""
        if search_filter is None or search_filter.is_empty():
            return None
        return np.fromiter(
            (search_filter.matches(self.chunks[cid].metadata) for cid in self.lexical.chunk_ids),
            dtype=bool, count=len(self.lexical.chunk_ids),
        )


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
        finally:
            record.close()
        return LoadedIndex(
            generation=generation,
            chunks=chunks,
            documents=documents,
            lexical=LexicalIndex.load(generation.lexical_path, self._analyze),
            vectors=self._generations.vector_store(generation),
            last_run=last_run,
        )

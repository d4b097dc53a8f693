"""The dense side: a Chroma collection holding chunk vectors and flat metadata, addressed by chunk id."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from indexer.documents import Chunk
from indexer.search_filter import SearchFilter, flatten_for_chroma

_BATCH = 2000  # below Chroma's max batch size


def chroma_client(path: Path | None = None, url: str | None = None) -> Any:
    """An embedded client on a folder, or an HTTP client for a Chroma server. Telemetry off."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    settings = ChromaSettings(anonymized_telemetry=False)
    if url:
        from urllib.parse import urlparse

        parsed = urlparse(url)
        return chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1", port=parsed.port or 8000, ssl=parsed.scheme == "https",
            settings=settings,
        )
    if path is None:
        raise ValueError("an embedded Chroma store needs a path")
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


def is_unreachable(exc: BaseException) -> bool:
    """A Chroma server that cannot be reached now (down, restarting, network): not damage, so worth a retry."""
    import httpx

    if isinstance(exc, (httpx.TransportError, ConnectionError, TimeoutError)):
        return True
    return "could not connect to a chroma server" in str(exc).lower()


class ChromaVectorStore:
    def __init__(self, client: Any, collection_name: str, create: bool = True) -> None:
        self._client = client
        self.collection_name = collection_name
        # embedding_function=None: we always pass vectors; Chroma's default function would download a model.
        if create:
            self._collection = client.get_or_create_collection(
                collection_name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
            )
        else:
            self._collection = client.get_collection(collection_name, embedding_function=None)

    def count(self) -> int:
        return int(self._collection.count())

    def ids(self) -> list[str]:
        """Every chunk id in the collection (ids only: cheap even for large collections)."""
        found: list[str] = []
        while True:
            got = self._collection.get(include=[], limit=_BATCH, offset=len(found))
            if not got["ids"]:
                return found
            found.extend(got["ids"])

    def any_vector(self) -> list[float] | None:
        """One stored vector (None when the collection is empty)."""
        got = self._collection.get(limit=1, include=["embeddings"])
        embeddings = got.get("embeddings")
        return [float(x) for x in embeddings[0]] if embeddings is not None and len(embeddings) else None

    def add(self, chunks: Sequence[Chunk], vectors: np.ndarray) -> None:
        for start in range(0, len(chunks), _BATCH):
            part = chunks[start : start + _BATCH]
            self._collection.add(
                ids=[c.chunk_id for c in part],
                embeddings=vectors[start : start + _BATCH],
                metadatas=[{**flatten_for_chroma(c.metadata), "doc_id": c.doc_id} for c in part],
            )

    def delete(self, chunk_ids: Sequence[str]) -> None:
        for start in range(0, len(chunk_ids), _BATCH):
            self._collection.delete(ids=list(chunk_ids[start : start + _BATCH]))

    def copy_from(self, other: ChromaVectorStore) -> None:
        """Copy every vector of another collection (a new generation on a Chroma server starts this way)."""
        offset = 0
        while True:
            got = other._collection.get(include=["embeddings", "metadatas"], limit=_BATCH, offset=offset)
            if not got["ids"]:
                return
            self._collection.add(ids=got["ids"], embeddings=got["embeddings"], metadatas=got["metadatas"])
            offset += len(got["ids"])

    def all_vectors(self) -> tuple[list[str], np.ndarray]:
        """Every stored vector with its chunk id, read page by page (a few times faster per vector than by id)."""
        ids: list[str] = []
        pages: list[np.ndarray] = []
        while True:
            got = self._collection.get(include=["embeddings"], limit=_BATCH, offset=len(ids))
            if not got["ids"]:
                break
            ids.extend(got["ids"])
            pages.append(np.asarray(got["embeddings"], dtype=np.float32))
        return ids, (np.concatenate(pages) if pages else np.zeros((0, 0), dtype=np.float32))

    def vectors(self, chunk_ids: Sequence[str]) -> dict[str, np.ndarray]:
        """The stored vectors of these chunks, by chunk id (ids the collection lacks are left out)."""
        found: dict[str, np.ndarray] = {}
        for start in range(0, len(chunk_ids), _BATCH):
            got = self._collection.get(ids=list(chunk_ids[start : start + _BATCH]), include=["embeddings"])
            found.update(zip(got["ids"], np.asarray(got["embeddings"], dtype=np.float32), strict=True))
        return found

    def query(self, vector: Sequence[float], k: int, search_filter: SearchFilter | None = None,
              within: Sequence[str] | None = None) -> list[tuple[str, float]]:
        """The k nearest chunks as (chunk_id, cosine similarity). `within` restricts the search to these chunk ids
        (several times faster than a metadata filter when the caller already knows which chunks pass).
        No count() first: Chroma returns fewer than k itself, and counting costs as much as a third of a query."""
        if k <= 0 or (within is not None and not within):
            return []
        where = search_filter.to_chroma_where() if search_filter else None
        result = self._collection.query(
            query_embeddings=[list(vector)], n_results=k, where=where, include=["distances"],
            ids=list(within) if within is not None else None,
        )
        ids = result["ids"][0]
        distances = result["distances"][0]
        return [(chunk_id, 1.0 - float(d)) for chunk_id, d in zip(ids, distances, strict=True)]

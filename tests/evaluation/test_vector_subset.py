"""A narrow filter's dense candidates come from vectors held in memory: the same chunks and similarities, in the
same order, as Chroma's search restricted to those chunk ids."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.retrieval.vector_subset import VectorSubset
from indexer.documents import Chunk
from indexer.vector_store import ChromaVectorStore, chroma_client


def _chunk(number: int) -> Chunk:
    return Chunk(f"c{number}", f"d{number // 3}", "Text", "Titel", "https://example.invalid", None, "", None,
                 {"kind": "document"})


def test_nearest_in_memory_matches_chromas_search_within_the_same_ids(tmp_path):
    rng = np.random.default_rng(7)
    vectors = rng.normal(size=(60, 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    store = ChromaVectorStore(chroma_client(tmp_path / "chroma"), "subset_test")
    store.add([_chunk(i) for i in range(60)], vectors)
    allowed = [f"c{i}" for i in range(0, 60, 4)]
    subset = VectorSubset.of(store.vectors(allowed), 16)
    assert sorted(subset.chunk_ids) == sorted(allowed)
    query = rng.normal(size=16).tolist()
    expected = store.query(query, 10, within=allowed)
    got = subset.nearest(query, 10)
    assert [chunk_id for chunk_id, _ in got] == [chunk_id for chunk_id, _ in expected]
    assert [s for _, s in got] == pytest.approx([s for _, s in expected], abs=1e-4)


def test_an_empty_subset_finds_nothing():
    assert VectorSubset.of({}, 16).nearest([1.0] * 16, 5) == []


def test_all_vectors_reads_every_vector_page_by_page(tmp_path, monkeypatch):
    monkeypatch.setattr("indexer.vector_store._BATCH", 7)  # several pages, the last one short
    rng = np.random.default_rng(3)
    vectors = rng.normal(size=(30, 8)).astype(np.float32)
    store = ChromaVectorStore(chroma_client(tmp_path / "chroma"), "all_vectors_test")
    store.add([_chunk(i) for i in range(30)], vectors)
    ids, matrix = store.all_vectors()
    assert sorted(ids) == sorted(f"c{i}" for i in range(30))
    for chunk_id, vector in zip(ids, matrix, strict=True):
        assert vector == pytest.approx(vectors[int(chunk_id[1:])], abs=1e-6)

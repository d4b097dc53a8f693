"""A served generation holds its vectors in memory by lexical row: a narrow filter's dense candidates are sliced from
them, never fetched from the store, and are what Chroma's search restricted to the same chunks returns."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.retrieval.served_index import ServedIndex
from indexer.generations import open_generations
from indexer.german_analyzer import GermanAnalyzer
from indexer.search_filter import SearchFilter
from indexer.source_registry import load_sources

pytestmark = pytest.mark.both_stores


def test_narrow_filters_search_the_held_vectors(test_corpus, settings_for, pipeline_for, embeddings, monkeypatch):
    settings = settings_for(test_corpus)
    pipeline, _ = pipeline_for(settings)
    pipeline.run(load_sources(settings.resolved_sources_file()))
    loaded = ServedIndex(open_generations(settings), GermanAnalyzer().terms).get()
    assert loaded is not None and loaded.held is not None
    ids = loaded.lexical.chunk_ids
    stored = loaded.vectors.vectors(ids)
    for row, chunk_id in enumerate(ids):
        expected = stored[chunk_id] / np.linalg.norm(stored[chunk_id])
        assert loaded.held[row] == pytest.approx(expected, abs=1e-5)

    search_filter = SearchFilter(program_id=("test-ki-zuschuss",))
    mask = loaded.mask(search_filter)
    assert mask is not None and 0 < mask.sum() < len(ids)
    monkeypatch.setattr(loaded.vectors, "vectors", lambda _ids: pytest.fail("fetched from the store"))
    subset = loaded.vector_subset(search_filter, mask)
    assert subset is not None
    allowed = [ids[row] for row in np.flatnonzero(mask)]
    assert sorted(subset.chunk_ids) == sorted(allowed)
    query = embeddings.embed_query("Förderung für künstliche Intelligenz")
    expected_hits = loaded.vectors.query(query, 5, within=allowed)
    got = subset.nearest(query, 5)
    assert [chunk_id for chunk_id, _ in got] == [chunk_id for chunk_id, _ in expected_hits]
    assert [s for _, s in got] == pytest.approx([s for _, s in expected_hits], abs=1e-4)

"""The fusion rule: the dense side breaks lexical near-ties and decides when the lexical side cannot."""

from __future__ import annotations

import pytest

from assistant.retrieval.score_fusion import FusionWeights, fuse, lexical_margin


def test_margin_is_measured_between_documents_not_chunks():
    scored = [("doc-a", 1.0), ("doc-a", 0.95), ("doc-b", 0.6), ("doc-c", 0.2)]
    assert lexical_margin(scored) == pytest.approx(0.4)
    assert lexical_margin([("doc-a", 1.0)]) == 1.0
    assert lexical_margin([]) == 0.0


def test_dense_weight_grows_as_the_lexical_margin_shrinks():
    weights = FusionWeights(dense=0.4, dense_when_tied=3.0, tie_margin=0.3)
    assert weights.dense_weight(0.0) == pytest.approx(3.4)
    assert weights.dense_weight(0.15) == pytest.approx(1.9)
    assert weights.dense_weight(0.3) == pytest.approx(0.4)
    assert weights.dense_weight(0.9) == pytest.approx(0.4)


def test_a_clear_lexical_winner_survives_a_dense_preference():
    weights = FusionWeights()
    lexical = {"a": 1.0, "b": 0.5}
    dense = {"a": 0.30, "b": 0.55}  # the dense side prefers b by a wide margin for this model
    fused = fuse(lexical, dense, weights.dense_weight(lexical_margin(lexical.items())))
    assert fused["a"] > fused["b"]


def test_a_lexical_tie_is_decided_by_the_dense_side():
    weights = FusionWeights()
    lexical = {"a": 1.0, "b": 0.97}
    dense = {"a": 0.35, "b": 0.45}
    fused = fuse(lexical, dense, weights.dense_weight(lexical_margin(lexical.items())))
    assert fused["b"] > fused["a"]


def test_a_lexical_candidate_missing_on_the_dense_side_gets_the_lowest_returned_similarity():
    fused = fuse({"a": 1.0, "only-lexical": 0.5}, {"a": 0.6, "only-dense": 0.4}, 1.0)
    assert fused["only-lexical"] == pytest.approx(0.5 + 0.4)
    assert fused["only-dense"] == pytest.approx(0.0 + 0.4)
    assert fuse({"a": 1.0}, {}, 1.0) == {"a": 1.0}

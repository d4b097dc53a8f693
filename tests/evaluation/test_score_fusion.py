"""The fusion rule: both sides as per-query z-scores, the dense side weighted against the lexical side."""

from __future__ import annotations

import pytest

from assistant.retrieval.score_fusion import FusionWeights, fuse


def test_scale_does_not_decide_only_how_far_a_passage_stands_out():
    # e5 similarities sit in a narrow band; a fixed-scale sum would let the lexical side decide alone.
    lexical = {"a": 1.0, "b": 0.9, "c": 0.2, "d": 0.1}
    dense = {"a": 0.80, "b": 0.89, "c": 0.79, "d": 0.78}
    fused = fuse(lexical, dense, FusionWeights(dense=1.0))
    assert fused["b"] > fused["a"]  # b stands out on the dense side, a and b are close lexically
    assert fuse(lexical, {k: 10 * v for k, v in dense.items()}, FusionWeights(dense=1.0)) == pytest.approx(fused)


def test_a_clear_lexical_winner_survives_a_mild_dense_preference():
    lexical = {"a": 1.0, "b": 0.3, "c": 0.2, "d": 0.1}
    dense = {"a": 0.84, "b": 0.85, "c": 0.80, "d": 0.79}
    fused = fuse(lexical, dense, FusionWeights(dense=1.25))
    assert max(fused, key=fused.get) == "a"


def test_the_dense_weight_moves_the_balance():
    lexical = {"a": 1.0, "b": 0.6, "c": 0.0}
    dense = {"a": 0.70, "b": 0.90, "c": 0.70}
    assert fuse(lexical, dense, FusionWeights(dense=0.2))["a"] > fuse(lexical, dense, FusionWeights(dense=0.2))["b"]
    assert fuse(lexical, dense, FusionWeights(dense=3.0))["b"] > fuse(lexical, dense, FusionWeights(dense=3.0))["a"]


def test_a_lexical_candidate_missing_on_the_dense_side_gets_the_lowest_returned_similarity():
    fused = fuse({"a": 1.0, "only-lexical": 0.5}, {"a": 0.9, "only-dense": 0.7}, FusionWeights(dense=1.0))
    with_floor = fuse({"a": 1.0, "only-lexical": 0.5, "only-dense": 0.0},
                      {"a": 0.9, "only-dense": 0.7, "only-lexical": 0.7}, FusionWeights(dense=1.0))
    assert fused == pytest.approx(with_floor)


def test_degenerate_inputs():
    assert fuse({}, {}, FusionWeights()) == {}
    assert fuse({"a": 1.0}, {}, FusionWeights()) == {"a": 0.0}
    only_dense = fuse({"a": 0.0, "b": 0.0}, {"a": 0.8, "b": 0.9}, FusionWeights())
    assert only_dense["b"] > only_dense["a"]  # no lexical evidence at all: the dense side decides

"""The ranking metrics, on hand-made rankings with known answers."""

from __future__ import annotations

import math

import pytest

from assistant.evaluation.metrics import QueryOutcome, best_of, hit_at, ndcg, reciprocal_rank, summarise


def _outcome(ranked: list[str], relevant: list[str]) -> QueryOutcome:
    return QueryOutcome("q", "Frage?", tuple(relevant), tuple(ranked))


def test_first_hit_and_reciprocal_rank_use_the_best_ranked_relevant_document():
    outcome = _outcome(["a", "b", "c", "d"], ["c", "d"])
    assert outcome.first_hit == 3
    assert reciprocal_rank(outcome) == pytest.approx(1 / 3)
    assert not hit_at(outcome, 2) and hit_at(outcome, 3)


def test_a_hit_beyond_the_cutoff_scores_nothing():
    outcome = _outcome([f"x{i}" for i in range(10)] + ["gold"], ["gold"])
    assert outcome.first_hit == 11
    assert reciprocal_rank(outcome) == 0.0
    assert not hit_at(outcome, 10)
    assert ndcg(outcome) == 0.0


def test_ndcg_is_one_for_a_perfect_ranking_and_discounts_later_hits():
    assert ndcg(_outcome(["a", "b", "x"], ["a", "b"])) == pytest.approx(1.0)
    late = ndcg(_outcome(["x", "a"], ["a"]))
    assert late == pytest.approx(1 / math.log2(3))
    # Two relevant documents, only one found at rank 1: gain 1 of an ideal 1 + 1/log2(3).
    assert ndcg(_outcome(["a", "x"], ["a", "b"])) == pytest.approx(1 / (1 + 1 / math.log2(3)))


def test_summary_averages_over_questions():
    outcomes = [_outcome(["a"], ["a"]), _outcome(["x", "b"], ["b"]), _outcome(["x"], ["c"]),
                _outcome(["x", "y", "z", "w", "v", "d"], ["d"])]
    summary = summarise(outcomes)
    assert summary["n"] == 4
    assert summary["recall@1"] == 0.25
    assert summary["recall@5"] == 0.5
    assert summary["recall@10"] == 0.75
    assert summary["mrr@10"] == round((1 + 0.5 + 0 + 1 / 6) / 4, 4)


def test_summary_of_nothing_is_zero_not_an_error():
    assert summarise([])["mrr@10"] == 0.0


def test_the_oracle_takes_each_question_from_the_side_that_ranks_its_answer_best():
    lexical = [_outcome(["a", "x"], ["a"]), _outcome(["x", "y", "b"], ["b"]), _outcome(["x"], ["c"])]
    dense = [_outcome(["x", "a"], ["a"]), _outcome(["b"], ["b"]), _outcome(["y"], ["c"])]
    oracle = best_of(lexical, dense)
    assert [o.first_hit for o in oracle] == [1, 1, None]
    assert summarise(oracle)["mrr@10"] == round(2 / 3, 4)
    with pytest.raises(ValueError):
        best_of(lexical, dense[:2])

"""How a turn merges two searches (assistant/retrieval/turn_retrieval.py:merge_passages): the first search's best
half leads, the second follows, then the rest of the first; each passage once, at most k."""

from __future__ import annotations

from assistant.retrieval.hybrid_retriever import Passage
from assistant.retrieval.turn_retrieval import merge_passages
from indexer.documents import Chunk


def _passages(*ids: str) -> list[Passage]:
    return [Passage(Chunk(chunk_id=i, doc_id=i.split("#")[0], text=i, title=i, url="https://example.org", page=None,
                          section="", as_of=None, metadata={}), score=1.0) for i in ids]


def _ids(passages: list[Passage]) -> list[str]:
    return [p.chunk.chunk_id for p in passages]


def test_the_first_searchs_best_half_leads_then_the_second_then_the_rest():
    merged = merge_passages(_passages("a#0", "a#1", "a#2", "a#3"), _passages("b#0", "b#1"), k=4)
    assert _ids(merged) == ["a#0", "a#1", "b#0", "b#1"]


def test_the_rest_of_the_first_search_fills_up_to_k():
    merged = merge_passages(_passages("a#0", "a#1", "a#2", "a#3"), _passages("b#0"), k=6)
    assert _ids(merged) == ["a#0", "a#1", "a#2", "b#0", "a#3"]


def test_a_passage_found_by_both_searches_is_kept_once_at_its_first_place():
    merged = merge_passages(_passages("a#0", "a#1"), _passages("a#0", "b#0", "a#1"), k=10)
    assert _ids(merged) == ["a#0", "a#1", "b#0"]


def test_even_a_small_k_keeps_the_first_searchs_best_passage_first():
    assert _ids(merge_passages(_passages("a#0", "a#1"), _passages("b#0"), k=1)) == ["a#0"]
    assert merge_passages([], [], k=4) == []

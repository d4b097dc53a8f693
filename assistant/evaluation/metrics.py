"""Ranking metrics over document ids: Recall@k, MRR@10 and nDCG@10.

A question may have several relevant documents (the golden set names every document that answers it).
Recall@k is the share of questions with at least one relevant document in the first k results (for one relevant
document per question, as in XQuAD, this is plain recall). MRR@10 uses the first relevant hit; nDCG@10 uses binary
gains over all relevant documents.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

RECALL_CUTOFFS = (1, 5, 10)
RANK_CUTOFF = 10


@dataclass(frozen=True)
class QueryOutcome:
    query_id: str
    question: str
    relevant: tuple[str, ...]
    ranked: tuple[str, ...]  # document ids, best first, without repeats

    @property
    def first_hit(self) -> int | None:
        """1-based rank of the first relevant document, None if none was returned."""
        wanted = set(self.relevant)
        return next((rank for rank, doc in enumerate(self.ranked, start=1) if doc in wanted), None)


def reciprocal_rank(outcome: QueryOutcome, cutoff: int = RANK_CUTOFF) -> float:
    rank = outcome.first_hit
    return 1.0 / rank if rank is not None and rank <= cutoff else 0.0


def hit_at(outcome: QueryOutcome, k: int) -> bool:
    rank = outcome.first_hit
    return rank is not None and rank <= k


def ndcg(outcome: QueryOutcome, cutoff: int = RANK_CUTOFF) -> float:
    wanted = set(outcome.relevant)
    gain = sum(1.0 / math.log2(rank + 1) for rank, doc in enumerate(outcome.ranked[:cutoff], start=1) if doc in wanted)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(len(wanted), cutoff) + 1))
    return gain / ideal if ideal else 0.0


def best_of(*runs: Sequence[QueryOutcome]) -> list[QueryOutcome]:
    """Per question, the best of several runs over the same questions (earliest first hit, then nDCG): the
    per-question oracle, an upper bound for any rule that picks one side per question. A fusion can still pass
    it, by ranking an answer first that no side ranks first, but rarely by much. Runs of unequal length raise
    ValueError."""
    return [max(same, key=lambda o: (reciprocal_rank(o), ndcg(o))) for same in zip(*runs, strict=True)]


def summarise(outcomes: Sequence[QueryOutcome]) -> dict[str, float | int]:
    """n, recall@1/5/10, mrr@10 and ndcg@10 over all outcomes, rounded to four places."""
    n = len(outcomes)
    if n == 0:
        return {"n": 0, **{f"recall@{k}": 0.0 for k in RECALL_CUTOFFS}, "mrr@10": 0.0, "ndcg@10": 0.0}
    report: dict[str, float | int] = {"n": n}
    for k in RECALL_CUTOFFS:
        report[f"recall@{k}"] = round(sum(hit_at(o, k) for o in outcomes) / n, 4)
    report["mrr@10"] = round(sum(reciprocal_rank(o) for o in outcomes) / n, 4)
    report["ndcg@10"] = round(sum(ndcg(o) for o in outcomes) / n, 4)
    return report

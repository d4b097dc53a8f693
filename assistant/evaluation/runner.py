"""Run a question set against an index in one retrieval mode and score it.

Query vectors are computed once per run, in batches, and looked up by the retriever, so comparing the three
modes embeds each question once. Nothing is cached across runs.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from assistant.evaluation.metrics import RANK_CUTOFF, QueryOutcome, summarise
from assistant.evaluation.question_sets import EvalQuestion
from assistant.retrieval.hybrid_retriever import HybridRetriever, Mode
from assistant.retrieval.score_fusion import FusionWeights
from assistant.retrieval.served_index import ServedIndex
from indexer.embedding_model import EmbeddingModel

_QUERY_BATCH = 64


@dataclass
class EvalReport:
    mode: Mode
    outcomes: list[QueryOutcome]
    seconds: float

    def summary(self) -> dict[str, Any]:
        return {**summarise(self.outcomes), "mode": self.mode, "seconds": round(self.seconds, 2)}

    def misses(self) -> list[dict[str, Any]]:
        """Every question whose answer is not ranked first: its rank (None beyond the cutoff) and what came first."""
        return [
            {"id": o.query_id, "question": o.question, "relevant": list(o.relevant), "rank": o.first_hit,
             "top": list(o.ranked[:3])}
            for o in self.outcomes if o.first_hit != 1
        ]


class QueryVectors:
    """Embeds all questions of a run up front in batches; unknown texts are embedded on demand."""

    def __init__(self, embedder: EmbeddingModel, questions: list[str]) -> None:
        self._embedder = embedder
        unique = list(dict.fromkeys(questions))
        self._vectors: dict[str, list[float]] = {}
        for start in range(0, len(unique), _QUERY_BATCH):
            batch = unique[start : start + _QUERY_BATCH]
            for text, vector in zip(batch, embedder.embed_queries(batch), strict=True):
                self._vectors[text] = vector.tolist()

    def __call__(self, text: str) -> list[float]:
        vector = self._vectors.get(text)
        return vector if vector is not None else self._embedder.embed_queries([text])[0].tolist()


class RetrievalEvaluation:
    """One index, one question set; `run(mode)` scores a retrieval mode at document level."""

    def __init__(self, served: ServedIndex, embedder: EmbeddingModel, analyze: Callable[[str], list[str]],
                 questions: list[EvalQuestion], candidate_k: int = 50, weights: FusionWeights | None = None,
                 named_in: Callable[[str], Iterable[str]] | None = None) -> None:
        """`named_in`: the programme names the served retriever knows (the bundled catalogue), none for a set of
        plain passages."""
        self.questions = questions
        started = time.perf_counter()
        self.query_vectors = QueryVectors(embedder, [q.question for q in questions])
        self.embedding_seconds = time.perf_counter() - started
        self.retriever = HybridRetriever(served, self.query_vectors, analyze, weights=weights,
                                         candidate_k=candidate_k, named_in=named_in)

    def run(self, mode: Mode, k: int = RANK_CUTOFF) -> EvalReport:
        started = time.perf_counter()
        outcomes = []
        for question in self.questions:
            # One passage per document: the metrics rank documents, as a user sees sources.
            result = self.retriever.retrieve(question.question, k=max(k, RANK_CUTOFF), mode=mode, per_document=1)
            ranked = tuple(p.chunk.doc_id for p in result.passages)
            outcomes.append(QueryOutcome(question.id, question.question, question.relevant, ranked))
        return EvalReport(mode, outcomes, time.perf_counter() - started)

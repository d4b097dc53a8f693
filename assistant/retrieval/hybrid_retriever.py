"""Hybrid retrieval: German BM25 and dense vectors, fused by weighted reciprocal rank, filtered the same way on
both sides, at most a few passages per document so one long guideline does not crowd out the others."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from assistant.retrieval.served_index import ServedIndex
from indexer.documents import Chunk
from indexer.search_filter import SearchFilter

Mode = Literal["hybrid", "lexical", "dense"]


@dataclass(frozen=True)
class FusionWeights:
    """Weights of each side in the reciprocal-rank fusion; the lexical side carries German, so it leads."""

    lexical: float = 1.0
    dense: float = 0.5
    rrf_k: int = 60


@dataclass
class Passage:
    chunk: Chunk
    score: float
    lexical_rank: int | None = None
    dense_rank: int | None = None
    dense_similarity: float | None = None
    term_coverage: float = 0.0  # share of the query's terms that occur in this passage


@dataclass
class RetrievalResult:
    passages: list[Passage]
    query_terms: list[str] = field(default_factory=list)

    @property
    def confidence(self) -> float:
        """0..1: how sure we are that the best passage is about the question (drives 'no sure answer')."""
        if not self.passages:
            return 0.0
        best = self.passages[0]
        dense = best.dense_similarity or 0.0
        return max(0.0, min(1.0, 0.7 * best.term_coverage + 0.3 * max(0.0, dense)))


class HybridRetriever:
    def __init__(
        self,
        index: ServedIndex,
        embed_query: Callable[[str], list[float]],
        analyze: Callable[[str], list[str]],
        weights: FusionWeights | None = None,
        candidate_k: int = 50,
        per_document: int = 2,
    ) -> None:
        self._index = index
        self._embed_query = embed_query
        self._analyze = analyze
        self.weights = weights or FusionWeights()
        self.candidate_k = candidate_k
        self.per_document = per_document

    def retrieve(self, query: str, k: int = 8, search_filter: SearchFilter | None = None,
                 mode: Mode = "hybrid", per_document: int | None = None) -> RetrievalResult:
        loaded = self._index.get()
        terms = self._analyze(query)
        if loaded is None or not query.strip():
            return RetrievalResult([], terms)
        fused: dict[str, Passage] = {}
        w = self.weights
        if mode in ("hybrid", "lexical"):
            for rank, (chunk_id, _score) in enumerate(
                loaded.lexical.search(query, self.candidate_k, loaded.mask(search_filter)), start=1
            ):
                passage = fused.setdefault(chunk_id, Passage(loaded.chunks[chunk_id], 0.0))
                passage.lexical_rank = rank
                passage.score += w.lexical / (w.rrf_k + rank)
        if mode in ("hybrid", "dense"):
            vector = self._embed_query(query)
            for rank, (chunk_id, similarity) in enumerate(
                loaded.vectors.query(vector, self.candidate_k, search_filter), start=1
            ):
                if chunk_id not in loaded.chunks:
                    continue
                passage = fused.setdefault(chunk_id, Passage(loaded.chunks[chunk_id], 0.0))
                passage.dense_rank = rank
                passage.dense_similarity = similarity
                passage.score += (w.dense if mode == "hybrid" else 1.0) / (w.rrf_k + rank)

        ranked = sorted(fused.values(), key=lambda p: (-p.score, p.chunk.chunk_id))
        limit = self.per_document if per_document is None else per_document
        per_doc: dict[str, int] = {}
        passages: list[Passage] = []
        query_terms = set(terms)
        for passage in ranked:
            if limit and per_doc.get(passage.chunk.doc_id, 0) >= limit:
                continue
            per_doc[passage.chunk.doc_id] = per_doc.get(passage.chunk.doc_id, 0) + 1
            if query_terms:
                chunk_terms = set(self._analyze(f"{passage.chunk.title} {passage.chunk.text}"))
                passage.term_coverage = len(query_terms & chunk_terms) / len(query_terms)
            passages.append(passage)
            if len(passages) >= k:
                break
        return RetrievalResult(passages, terms)

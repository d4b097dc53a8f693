"""Hybrid retrieval: German BM25 (terms, compound parts and character grams) and dense vectors, fused by per-query
z-scores (score_fusion.py), filtered the same way on both sides, at most a few passages per document so one long
guideline does not crowd out the others."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from assistant.retrieval.score_fusion import FusionWeights, fuse
from assistant.retrieval.served_index import LoadedIndex, ServedIndex
from indexer.catalog import Program
from indexer.documents import Chunk
from indexer.programme_status import with_status_resolved
from indexer.search_filter import SearchFilter

Mode = Literal["hybrid", "lexical", "dense"]
_LOCAL_FILTER_SHARE = 0.2  # a filter passing at least this share of chunks is applied after an unfiltered query
MODES: tuple[Mode, ...] = ("hybrid", "lexical", "dense")


@dataclass
class Passage:
    chunk: Chunk
    score: float
    lexical_rank: int | None = None
    dense_rank: int | None = None
    dense_similarity: float | None = None
    dense_relevance: float = 0.0  # the similarity placed in the model's band: 0 = unrelated, 1 = clearly related
    term_coverage: float = 0.0  # share of the query's terms that occur in this passage
    lexical_score: float = 0.0  # normalised: 1 for the query's best lexical match


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
        return max(0.0, min(1.0, 0.7 * best.term_coverage + 0.3 * best.dense_relevance))


# A passage of a programme the query names gets this much on top of its fused score (about one standard deviation of
# either side): golden set MRR@10 0.900 → 0.921, held-out 0.919 → 0.933 (2026-12-07); XQuAD-de names none.
NAMED_BONUS = 1.0


class HybridRetriever:
    def __init__(
        self,
        index: ServedIndex,
        embed_query: Callable[[str], list[float]],
        analyze: Callable[[str], list[str]],
        weights: FusionWeights | None = None,
        candidate_k: int = 50,
        per_document: int = 2,
        programmes: Mapping[str, Program] | None = None,
        similarity_band: tuple[float, float] = (0.0, 1.0),
        named_in: Callable[[str], Iterable[str]] | None = None,
    ) -> None:
        """`named_in(query)`: the ids of the programmes the query names (by name or alias); their passages rank
        before those of a sibling the words merely resemble ("Digital Jetzt" is not "go-digital")."""
        self._index = index
        self._embed_query = embed_query
        self._analyze = analyze
        self.weights = weights or FusionWeights()
        self.candidate_k = candidate_k
        self.per_document = per_document
        self._programmes = programmes  # the catalog as it stands today: a status filter is resolved against it
        # Where the model's cosine similarities of unrelated and of clearly related texts lie (e5: about 0.78 and
        # 0.88): a similarity is only evidence of relevance relative to its model's band.
        self._band = similarity_band
        self._named_in = named_in

    def embed(self, query: str) -> list[float]:
        """The query's vector, for callers that search the same query several times (pass it as `vector`)."""
        return self._embed_query(query)

    def relevance(self, similarity: float) -> float:
        """A cosine similarity placed in the model's band: 0 = unrelated, 1 = clearly related."""
        low, high = self._band
        return min(1.0, max(0.0, (similarity - low) / (high - low))) if high > low else 0.0

    def sentence_relevance(self, vector: list[float] | None) -> Callable[[str, str], float | None] | None:
        """How well each indexed sentence answers the query (`vector`), for the answer composer; None when the
        served generation has no sentence vectors."""
        loaded = self._index.get()
        sentences = loaded.sentences if loaded is not None else None
        if sentences is None or vector is None:
            return None
        query = np.asarray(vector, dtype=np.float32)

        def relevance(chunk_id: str, sentence: str) -> float | None:
            similarity = sentences.similarity(query, chunk_id, sentence)
            return None if similarity is None else self.relevance(similarity)

        return relevance

    def programme_passages(self, program_id: str, limit: int = 24) -> list[Passage]:
        """The programme's own chunks in document order (no search: the answerer picks the sentence)."""
        loaded = self._index.get()
        if loaded is None:
            return []
        return [Passage(chunk, 0.0) for chunk in loaded.programme_chunks(program_id)[:limit]]

    def retrieve(self, query: str, k: int = 8, search_filter: SearchFilter | None = None,
                 mode: Mode = "hybrid", per_document: int | None = None,
                 vector: list[float] | None = None) -> RetrievalResult:
        """`vector`: the query's embedding if the caller has it already (one chat turn runs several searches)."""
        loaded = self._index.get()
        terms = self._analyze(query)
        if self._programmes is not None:
            search_filter = with_status_resolved(search_filter, self._programmes)
        if loaded is None or not query.strip():
            return RetrievalResult([], terms)
        mask = loaded.mask(search_filter)
        candidates: dict[str, Passage] = {}
        lexical_scores = self._lexical(loaded, query, mask, candidates) if mode != "dense" else None
        dense = self._dense(loaded, query, search_filter, mask, candidates, vector) if mode != "lexical" else {}

        if mode == "hybrid":
            if lexical_scores is not None:
                for chunk_id, passage in candidates.items():  # dense-only candidates still have a lexical score
                    row = loaded.lexical.row(chunk_id)
                    passage.lexical_score = float(lexical_scores[row]) if row is not None else 0.0
            fused = fuse({cid: p.lexical_score for cid, p in candidates.items()}, dense, self.weights)
            named = set(self._named_in(query)) if self._named_in is not None else set()
            for chunk_id, score in fused.items():
                named_here = candidates[chunk_id].chunk.metadata.get("program_id") in named
                candidates[chunk_id].score = score + (NAMED_BONUS if named_here else 0.0)
        ranked = sorted(candidates.values(), key=lambda p: (-p.score, p.chunk.chunk_id))
        return RetrievalResult(self._per_document(loaded, ranked, query if terms else "", k, per_document), terms)

    def _lexical(self, loaded: LoadedIndex, query: str, mask: np.ndarray | None,
                 candidates: dict[str, Passage]) -> np.ndarray:
        """Adds the lexical top candidates; returns every chunk's normalised lexical score (best = 1)."""
        scores = loaded.lexical.scores(query, mask)
        best = float(scores.max(initial=0.0))
        if best > 0:
            scores = scores / best
        for rank, (chunk_id, score) in enumerate(loaded.lexical.top(scores, self.candidate_k), start=1):
            chunk = loaded.chunks.get(chunk_id)
            if chunk is not None:
                candidates[chunk_id] = Passage(chunk, score, lexical_rank=rank, lexical_score=score)
        return scores

    def _dense(self, loaded: LoadedIndex, query: str, search_filter: SearchFilter | None, mask: np.ndarray | None,
               candidates: dict[str, Passage], vector: list[float] | None = None) -> dict[str, float]:
        """Adds the dense top candidates; returns their cosine similarities."""
        similarities: dict[str, float] = {}
        if vector is None:
            vector = self._embed_query(query)
        for rank, (chunk_id, similarity) in enumerate(self._nearest(loaded, vector, search_filter, mask), start=1):
            chunk = loaded.chunks.get(chunk_id)
            if chunk is None:
                continue
            passage = candidates.setdefault(chunk_id, Passage(chunk, similarity))
            passage.dense_rank = rank
            passage.dense_similarity = similarity
            passage.dense_relevance = self.relevance(similarity)
            similarities[chunk_id] = similarity
        return similarities

    def _nearest(self, loaded: LoadedIndex, vector: list[float], search_filter: SearchFilter | None,
                 mask: np.ndarray | None) -> list[tuple[str, float]]:
        """The dense side's candidates that pass the filter. Chroma's metadata filter costs several times an
        unfiltered query, and the lexical side has already decided which chunks pass (the same SearchFilter), so:
        a filter that lets most chunks through is applied here to an unfiltered query deep enough to still yield
        about candidate_k matches; a narrow one searches the passing chunks' vectors in memory (vector_subset.py),
        or, when too many pass for that, restricts Chroma's search to their ids."""
        if mask is None or search_filter is None:
            return loaded.vectors.query(vector, self.candidate_k)
        share = float(mask.mean()) if len(mask) else 0.0
        if share < _LOCAL_FILTER_SHARE:
            subset = loaded.vector_subset(search_filter, mask)
            if subset is not None:
                return subset.nearest(vector, self.candidate_k)
            allowed = [loaded.lexical.chunk_ids[row] for row in np.flatnonzero(mask)]
            return loaded.vectors.query(vector, self.candidate_k, within=allowed)
        hits = []
        for chunk_id, similarity in loaded.vectors.query(vector, math.ceil(self.candidate_k / share * 1.5)):
            row = loaded.lexical.row(chunk_id)
            if row is not None and mask[row]:
                hits.append((chunk_id, similarity))
        return hits[: self.candidate_k]

    def _per_document(self, loaded: LoadedIndex, ranked: list[Passage], query: str, k: int,
                      per_document: int | None) -> list[Passage]:
        limit = self.per_document if per_document is None else per_document
        per_doc: dict[str, int] = {}
        passages: list[Passage] = []
        for passage in ranked:
            if limit and per_doc.get(passage.chunk.doc_id, 0) >= limit:
                continue
            per_doc[passage.chunk.doc_id] = per_doc.get(passage.chunk.doc_id, 0) + 1
            passages.append(passage)
            if len(passages) >= k:
                break
        # Coverage counts compound parts on both sides: "Digitalisierungsförderung" is covered by a passage about
        # "Förderung der Digitalisierung", so the answerer does not call a good hit unsure.
        if query and passages:
            shares = loaded.lexical.coverage(query, [p.chunk.chunk_id for p in passages])
            for passage, share in zip(passages, shares, strict=True):
                passage.term_coverage = share
        return passages

"""The searches of one chat turn: the open search of the content, the search steered to the programmes that fit the
dialogue's slots, the guides for a question of a kind, a named programme's own document, and — for a partner
question — the partner profiles. Also the programme's own passages the composer reads back while it writes.

It sits in the retrieval layer and knows nothing of the conversation: the chat service hands it a `TurnSearch` built
from its search plan and the question's kind.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from assistant.retrieval.hybrid_retriever import HybridRetriever, Passage, RetrievalResult
from indexer.catalog import Program
from indexer.search_filter import SearchFilter

_NAMED_K = 2  # passages fetched from a named programme's own document
_PARTNER_K = 6
_STEERED_K = 10  # one passage per programme: enough left when eligibility rules some out
_JUDGED = 3  # passages whose relevance decides whether the assistant answers or says it has no sure answer
_ON_TOPIC = 0.3  # dense relevance of a steered programme passage that counts as close in meaning
_TOPIC_CONFIDENCE = 0.3  # the confidence such a find gives (the answer threshold is 0.25)
# Answers are built from programmes and guides; partner profiles are searched on their own (partner questions).
# ("document" is the indexer's kind for files that name none.)
_CONTENT_KINDS = ("programme", "guide", "document")
# Questions of some kinds are answered by the guides first (how applying works, loan or grant, …): a search of the
# guides with the kind's own words joins the turn's passages.
_GUIDE_K = 4  # guide passages for a question of a kind: two of each guide at most (its intro and the answer)


@dataclass(frozen=True)
class TurnSearch:
    """What one turn searches for (built by the chat service from its search plan and the question's kind)."""

    query: str
    steer: SearchFilter | None = None  # the programmes that fit the slots, searched first
    named_programs: tuple[str, ...] = ()
    guide_words: str | None = None  # the question kind's own words for the guides (none when a programme is named)


@dataclass(frozen=True)
class TurnPassages:
    result: RetrievalResult
    confidence: float  # how sure an answer may be (judged on the few best passages of either search)
    vector: list[float] | None  # the query's embedding, reused by the answerer's sentence relevance


class TurnRetrieval:
    def __init__(self, retriever: HybridRetriever, programmes: Mapping[str, Program], k: int) -> None:
        self._retriever = retriever
        self._programmes = programmes
        self._k = k

    def search(self, search: TurnSearch) -> TurnPassages:
        # The open, steered and named-programme searches share the query: embed it once per turn (the embedding
        # is most of a search's time).
        vector = self._retriever.embed(search.query) if search.query.strip() else None
        result = self._retriever.retrieve(search.query, k=self._k, search_filter=SearchFilter(kind=_CONTENT_KINDS),
                                          vector=vector)
        on_topic = False
        if search.steer is not None:
            # Programmes that fit the slots come first; the open search stays behind them, so an ended programme
            # or a better fit of another kind is still seen.
            steered = self._retriever.retrieve(search.query, k=_STEERED_K, search_filter=search.steer, vector=vector,
                                                per_document=1)
            if steered.passages:
                merged = merge_passages(steered.passages, result.passages, self._k + _STEERED_K // 2)
                result = RetrievalResult(merged, result.query_terms)
                on_topic = any(p.dense_relevance >= _ON_TOPIC for p in steered.passages[:_JUDGED])
        # How sure the answer may be: judged on the few best passages of either search, not only on the first
        # one (a steered or re-ranked list may put a well-fitting but less verbatim passage on top). A search for
        # programmes on the project's topics that finds some close in meaning is sure enough, even when the question
        # is full of words no source uses ("Füllstandssensor").
        confidence = max((RetrievalResult([p], result.query_terms).confidence for p in result.passages[:_JUDGED]),
                         default=0.0)
        if on_topic:
            confidence = max(confidence, _TOPIC_CONFIDENCE)
        if search.guide_words:
            guides = self._retriever.retrieve(f"{search.query} {search.guide_words}", k=_GUIDE_K,
                                              search_filter=SearchFilter(kind=("guide",)), per_document=2)
            if guides.passages:
                result = RetrievalResult(merge_passages(guides.passages, result.passages, self._k + _GUIDE_K),
                                         result.query_terms)
        have = {p.chunk.metadata.get("program_id") for p in result.passages}
        for program_id in search.named_programs:
            if program_id not in have:  # a named programme's own document must be at hand to cite its status
                own = self._retriever.retrieve(search.query, k=_NAMED_K,
                                               search_filter=SearchFilter(program_id=(program_id,)), vector=vector)
                result = RetrievalResult(own.passages + result.passages, result.query_terms)
        return TurnPassages(result, confidence, vector)

    def partner_passages(self, query: str, kreis_ags: str | None) -> list[Passage]:
        """Partner profiles for a partner question, those of the company's Kreis when it is known."""
        flt = SearchFilter(kind=("partner",), region=(kreis_ags,) if kreis_ags else ())
        return self._retriever.retrieve(query, k=_PARTNER_K, search_filter=flt).passages

    def program_documents(self, program_id: str) -> list[Passage]:
        """The programme's own passages in document order (its own guideline page first, then other sources about
        it): the answerer reads them for the sentence that says what the programme is, for its status section and
        for the sentence that answers the question."""
        if program_id not in self._programmes:
            return []
        passages = self._retriever.programme_passages(program_id)
        return sorted(passages, key=lambda p: p.chunk.metadata.get("kind") != "programme")


def merge_passages(first: list[Passage], then: list[Passage], k: int) -> list[Passage]:
    """`first`'s best half, then `then`, then the rest of `first`, each passage once, at most k."""
    seen: set[str] = set()
    merged: list[Passage] = []
    for passage in [*first[: max(1, k // 2)], *then, *first[k // 2:]]:
        if passage.chunk.chunk_id not in seen:
            seen.add(passage.chunk.chunk_id)
            merged.append(passage)
    return merged[:k]

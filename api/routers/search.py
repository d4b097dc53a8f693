"""GET /api/search — passages for advisors, with the same filters the assistant uses.

Near-duplicate passages are folded into the best-ranked one (its `duplicates`), so `k` counts distinct passages:
twice `k` candidates are ranked, folded, and the first `k` returned.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from api.dependencies import components
from api.near_duplicate_hits import fold_near_duplicates
from api.schemas import TEXT_PATTERN, SearchDuplicate, SearchResponse, SearchResult
from assistant.components import AssistantComponents
from assistant.retrieval.hybrid_retriever import Passage
from indexer.catalog import ProgrammeLevel, ProgrammeStatusValue
from indexer.search_filter import SearchFilter

router = APIRouter(tags=["research"])


def _scalar_metadata(metadata: dict) -> dict:
    return {k: v for k, v in metadata.items()
            if v is None or isinstance(v, (str, int, float, bool)) or
            (isinstance(v, list) and all(isinstance(x, str) for x in v))}


@router.get("/api/search", response_model=SearchResponse)
def search(
    deps: Annotated[AssistantComponents, Depends(components)],
    q: Annotated[str, Query(min_length=1, max_length=500, pattern=TEXT_PATTERN)],
    k: Annotated[int, Query(ge=1, le=50)] = 10,
    level: Annotated[list[ProgrammeLevel] | None, Query()] = None,
    funding_type: Annotated[list[Annotated[str, Query(max_length=60)]] | None, Query()] = None,
    status: Annotated[list[ProgrammeStatusValue] | None, Query()] = None,
    topic: Annotated[list[Annotated[str, Query(max_length=60)]] | None, Query()] = None,
    target_group: Annotated[list[Annotated[str, Query(max_length=60)]] | None, Query()] = None,
    kind: Annotated[list[Literal["programme", "partner", "guide", "document", "event"]] | None, Query()] = None,
) -> SearchResponse:
    search_filter = SearchFilter(
        level=tuple(level or ()), funding_type=tuple(funding_type or ()), status=tuple(status or ()),
        topic=tuple(topic or ()), target_group=tuple(target_group or ()), kind=tuple(kind or ()),
    )
    result = deps.retriever.retrieve(q, k=2 * k, search_filter=search_filter, per_document=0)
    folded = fold_near_duplicates(result.passages, lambda p: p.chunk.text)[:k]
    return SearchResponse(results=[
        SearchResult(chunk_id=f.hit.chunk.chunk_id, doc_id=f.hit.chunk.doc_id, title=f.hit.chunk.title,
                     url=f.hit.chunk.url, page=f.hit.chunk.page, text=f.hit.chunk.text, score=round(f.hit.score, 6),
                     metadata=_scalar_metadata({**f.hit.chunk.metadata, **_status_today(deps, f.hit.chunk.metadata),
                                                "section": f.hit.chunk.section, "as_of": f.hit.chunk.as_of}),
                     duplicates=[_duplicate(d) for d in f.duplicates])
        for f in folded
    ])


def _status_today(deps: AssistantComponents, metadata: dict) -> dict:
    """A programme's status as it stands today (chunks carry none: it is computed when asked)."""
    program = deps.programs.get(str(metadata.get("program_id") or ""))
    if program is None:
        return {}
    today = program.today
    return {"status": program.status, "ended_on": program.ended_on, "ends_on": today.ends_on if today else None,
            "ending_soon": bool(today and today.ending_soon), "next_deadline": today.next_deadline if today else None,
            "stale": bool(today and today.stale), "checked_on": program.checked_on}


def _duplicate(passage: Passage) -> SearchDuplicate:
    chunk = passage.chunk
    return SearchDuplicate(chunk_id=chunk.chunk_id, doc_id=chunk.doc_id, title=chunk.title, url=chunk.url,
                           page=chunk.page, section=chunk.section or None, as_of=chunk.as_of,
                           score=round(passage.score, 6))

"""GET /api/search — passages for advisors, with the same filters the assistant uses."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query

from api.dependencies import components
from api.schemas import TEXT_PATTERN, SearchResponse, SearchResult
from assistant.components import AssistantComponents
from indexer.search_filter import SearchFilter

router = APIRouter(tags=["research"])

Level = Literal["EU", "Bund", "Land", "NRW.BANK"]
Status = Literal["open", "closed", "unknown"]


def _scalar_metadata(metadata: dict) -> dict:
    return {k: v for k, v in metadata.items()
            if v is None or isinstance(v, (str, int, float, bool)) or
            (isinstance(v, list) and all(isinstance(x, str) for x in v))}


@router.get("/api/search", response_model=SearchResponse)
def search(
    deps: Annotated[AssistantComponents, Depends(components)],
    q: Annotated[str, Query(min_length=1, max_length=500, pattern=TEXT_PATTERN)],
    k: Annotated[int, Query(ge=1, le=50)] = 10,
    level: Annotated[list[Level] | None, Query()] = None,
    funding_type: Annotated[list[Annotated[str, Query(max_length=60)]] | None, Query()] = None,
    status: Annotated[list[Status] | None, Query()] = None,
    topic: Annotated[list[Annotated[str, Query(max_length=60)]] | None, Query()] = None,
    target_group: Annotated[list[Annotated[str, Query(max_length=60)]] | None, Query()] = None,
    kind: Annotated[list[Literal["programme", "partner", "guide", "document", "event"]] | None, Query()] = None,
) -> SearchResponse:
    search_filter = SearchFilter(
        level=tuple(level or ()), funding_type=tuple(funding_type or ()), status=tuple(status or ()),
        topic=tuple(topic or ()), target_group=tuple(target_group or ()), kind=tuple(kind or ()),
    )
    result = deps.retriever.retrieve(q, k=k, search_filter=search_filter, per_document=0)
    return SearchResponse(results=[
        SearchResult(chunk_id=p.chunk.chunk_id, doc_id=p.chunk.doc_id, title=p.chunk.title, url=p.chunk.url,
                     page=p.chunk.page, text=p.chunk.text, score=round(p.score, 6),
                     metadata=_scalar_metadata({**p.chunk.metadata, **_status_today(deps, p.chunk.metadata),
                                                "section": p.chunk.section, "as_of": p.chunk.as_of}))
        for p in result.passages
    ])


def _status_today(deps: AssistantComponents, metadata: dict) -> dict:
    """A programme's status as it stands today (chunks carry none: it is computed when asked)."""
    program = deps.programs.get(str(metadata.get("program_id") or ""))
    if program is None:
        return {}
    today = program.today
    return {"status": program.status, "ended_on": program.ended_on, "ends_on": today.ends_on if today else None,
            "stale": bool(today and today.stale)}

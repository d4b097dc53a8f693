"""GET /api/programs and GET /api/programs/{id} — the programme catalog (corpus/programs.yaml) as loaded at start.

The widget opens a programme card with the detail; the advisor page builds its facets and the side-by-side
comparison from the list. Filters take several values (OR within a filter, AND across filters), like /api/search.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query

from api.dependencies import components
from api.program_schemas import ProgramDetail, ProgramList
from assistant.components import AssistantComponents
from indexer.catalog import Program, ProgrammeLevel, ProgrammeStatusValue

router = APIRouter(tags=["research"])

Value = Annotated[str, Query(max_length=60)]


def to_detail(program: Program, catalog: Mapping[str, Program]) -> ProgramDetail:
    successor = catalog.get(program.successor) if program.successor else None
    today = program.today
    return ProgramDetail(
        id=program.id, name=program.name, provider=program.provider, level=program.level,
        funding_type=program.funding_type, status=program.status, url=program.source_url, as_of=program.as_of,
        status_note=program.status_note, aliases=list(program.aliases), target_groups=list(program.target_groups),
        topics=list(program.topics), region=program.region, amount=program.amount, ended_on=program.ended_on,
        successor=program.successor, successor_name=successor.name if successor else None,
        uncertain=list(program.uncertain), checked_on=program.checked_on, stale=bool(today and today.stale),
        curated_status=program.curated_status, valid_until=program.valid_until,
        ends_on=today.ends_on if today else None, ending_soon=bool(today and today.ending_soon),
        next_deadline=today.next_deadline if today else None, opens_on=today.opens_on if today else None,
        eligibility=list(program.eligibility.notes), sources=list(program.sources or (program.source_url,)),
    )


def _matches(wanted: Sequence[str] | None, *values: str | None) -> bool:
    return not wanted or any(v in wanted for v in values if v)


@router.get("/api/programs", response_model=ProgramList)
def list_programs(
    deps: Annotated[AssistantComponents, Depends(components)],
    status: Annotated[list[ProgrammeStatusValue] | None, Query()] = None,
    level: Annotated[list[ProgrammeLevel] | None, Query()] = None,
    funding_type: Annotated[list[Value] | None, Query()] = None,
    topic: Annotated[list[Value] | None, Query()] = None,
    target_group: Annotated[list[Value] | None, Query()] = None,
    region: Annotated[list[Value] | None, Query()] = None,
) -> ProgramList:
    chosen = [
        p for p in deps.programs.values()
        if _matches(status, p.status) and _matches(level, p.level) and _matches(funding_type, p.funding_type)
        and _matches(topic, *p.topics) and _matches(target_group, *p.target_groups) and _matches(region, p.region)
    ]
    return ProgramList(programs=[to_detail(p, deps.programs) for p in sorted(chosen, key=lambda p: p.name.casefold())])


@router.get("/api/programs/{program_id}", response_model=ProgramDetail,
            responses={404: {"description": "No programme with this id"}})
def get_program(deps: Annotated[AssistantComponents, Depends(components)],
                program_id: Annotated[str, Path(max_length=100)]) -> ProgramDetail:
    program = deps.programs.get(program_id)
    if program is None:
        raise HTTPException(404, "no programme with this id")
    return to_detail(program, deps.programs)

"""Liveness and readiness."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from api.dependencies import components
from api.problems import problem
from api.schemas import Health, Readiness
from assistant.components import AssistantComponents
from assistant.retrieval.served_index import ServingState

router = APIRouter(tags=["operations"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness,
            responses={503: {"description": "No index generation can be served; the detail says why and what to do"}})
def readyz(deps: Annotated[AssistantComponents, Depends(components)]) -> Readiness | JSONResponse:
    """Ready while a generation with chunks is served — also an older one, when the current one is damaged
    (GET /api/admin/index shows which and why). 503 problem+json only when none can be served."""
    state = deps.served_index.state()
    loaded = state.loaded
    if loaded is None or not loaded.chunks:
        return problem(503, "Nicht bereit", _why_not_ready(state))
    return Readiness(status="ready", generation=loaded.generation.id, documents=len(loaded.documents),
                     chunks=len(loaded.chunks))


def _why_not_ready(state: ServingState) -> str:
    if state.unavailable:
        return f"{state.unavailable}; {state.hint}"
    if state.loaded is not None:
        return f"the index generation {state.loaded.generation.id} holds no chunks; add documents and run " \
               "`nrw-assistant index`"
    return "nothing is indexed yet: run `nrw-assistant index`"

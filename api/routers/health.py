"""Liveness and readiness."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse

from api.dependencies import components
from api.schemas import Health, Readiness
from assistant.components import AssistantComponents

router = APIRouter(tags=["operations"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness}})
def readyz(deps: Annotated[AssistantComponents, Depends(components)]):
    loaded = deps.served_index.get()
    if loaded is None or not loaded.chunks:
        return JSONResponse(Readiness(status="not_ready").model_dump(), status_code=503)
    return Readiness(status="ready", generation=loaded.generation.id, documents=len(loaded.documents),
                     chunks=len(loaded.chunks))

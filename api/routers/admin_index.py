"""/api/admin/reindex and /api/admin/index: start the indexing run in the background, and see what the served
index holds, how the last run went and how old each source's documents are (bearer token, see api/auth.py)."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Depends, HTTPException, Request, Response
from pydantic import BaseModel, Field

from api.auth import require_admin
from api.schemas import Strict
from assistant.retrieval.served_index import ServingState
from indexer.background_reindex import BackgroundReindex, ReindexRun, UnknownSourceError
from indexer.index_status import index_status
from indexer.run_lock import IndexBusyError
from indexer.source_registry import Source, SourceRegistryError

router = APIRouter(
    prefix="/api/admin", tags=["admin"], dependencies=[Depends(require_admin)],
    responses={401: {"description": "Missing or wrong bearer token",
                     "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}},
               404: {"description": "Admin API not enabled (no NRWA_ADMIN_TOKEN)"}},
)

SourceName = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=100)]
RunState = Literal["running", "succeeded", "failed", "crashed"]
LastRunState = Literal["succeeded", "failed", "crashed", "stopped"]


class ReindexRequest(Strict):
    full: bool = Field(False, description="Re-embed everything into a fresh generation (like `index --full`)")
    sources: list[SourceName] | None = Field(
        None, min_length=1, max_length=100, description="Only these sources (like `index --source`); default all")


class RunOut(BaseModel):
    id: str
    state: RunState = Field(description="running, succeeded, failed (some documents failed) or crashed "
                                        "(the previous generation keeps serving)")
    started_at: str
    finished_at: str | None
    full: bool
    sources: list[str] | None = Field(description="The sources of this run; null = the whole registry")
    generation: str | None = Field(description="The generation served after the run")
    switched: bool = Field(description="A new generation was switched in")
    totals: dict[str, int] | None = Field(description="added, updated, unchanged, removed, failed")
    error: str | None


class ReindexAccepted(BaseModel):
    run: RunOut
    status_url: str = Field(description="Where to follow the run")


class SourceRunOut(BaseModel):
    name: str | None
    kind: str | None
    added: int
    updated: int
    unchanged: int
    removed: int
    failed: int
    skipped: int = Field(description="robots.txt, limits, past events: not errors")
    duplicates: int = Field(description="pages with the same text as another page, indexed once")
    complete: bool = Field(description="false: the source was not read completely, so nothing of it was removed")


class LastRunOut(BaseModel):
    state: LastRunState = Field(description="succeeded, failed (some documents failed), crashed, or stopped "
                                            "(SIGTERM/SIGINT); after crashed and stopped the previous generation "
                                            "keeps serving")
    started_at: str | None = None
    finished_at: str | None = None
    switched: bool = False
    generation: str | None = None
    totals: dict[str, int] | None = None
    chunks_embedded: int | None = None
    seconds: float | None = None
    error: str | None = None
    repairs: list[str] = Field(default_factory=list,
                               description="What the run found damaged in the index, and what it did about it")
    full_reason: str | None = Field(None, description="Why every chunk was embedded again without --full")
    removed_generations: list[str] = Field(default_factory=list,
                                           description="Orphans, damaged generations and those beyond the "
                                           "retention count, removed by the run")
    stopped: str | None = Field(None, description="The signal that stopped the run (SIGTERM, SIGINT)")
    phase: str | None = Field(None, description="Where a stopped run was: fetch, parse, embed, lexical, record, "
                                                "switch")
    sources: list[SourceRunOut] = Field(default_factory=list)


class FailureOut(BaseModel):
    source: str | None
    location: str
    reason: str


class SourceStatusOut(BaseModel):
    name: str
    kind: str | None = Field(description="null: the source is no longer in the registry")
    documents: int
    chunks: int
    oldest_as_of: str | None = Field(description="The as-of date of the source's oldest document")
    oldest_age_days: int | None = Field(description="Its age in days")
    last_indexed_at: str | None
    last_read_at: str | None
    cadence: str | None
    due: bool = Field(description="The cadence has passed since the source was last read")


class QuarantineOut(BaseModel):
    generation: str
    reason: str = Field(description="Why it failed to load or verify")
    since: str


class ServedOut(BaseModel):
    generation: str | None = Field(description="The generation this server process answers from")
    fallback: bool = Field(description="An older generation is served because the current one cannot be")
    verified: bool | None = Field(description="true: checked against its manifest; false: built before manifests "
                                              "existed, served unverified; null: nothing is served")
    unavailable: str | None = Field(description="Why nothing is served although generations exist")
    hint: str | None = Field(description="What to do about it")


class IndexStatusOut(BaseModel):
    serving: bool = Field(description="A generation is being served")
    generation: str | None = Field(description="The generation CURRENT names (the one the last run switched in)")
    served: ServedOut = Field(description="What this server process serves, and why when not the current one")
    quarantined: list[QuarantineOut] = Field(description="Generations this server process refused to serve")
    record_error: str | None = Field(description="Why the served generation's record cannot be read, if it cannot")
    history: list[str] = Field(description="Committed generations, oldest first (what --rollback returns to)")
    documents: int
    chunks: int
    run_in_progress: bool = Field(description="An indexing run (API, CLI or cron) holds the index")
    run: RunOut | None = Field(description="The latest run started through this API by this server process")
    last_run: LastRunOut | None = Field(description="The last finished run of any kind (API, CLI or cron)")
    failures: list[FailureOut] = Field(description="What failed in the last run, with reasons")
    sources: list[SourceStatusOut]
    registry_error: str | None = Field(description="Why the source registry could not be read, if it could not")


def _reindex(request: Request) -> BackgroundReindex:
    return request.app.state.reindex


Reindex = Annotated[BackgroundReindex, Depends(_reindex)]


@router.post("/reindex", status_code=202, response_model=ReindexAccepted,
             responses={409: {"description": "A run is already in progress, or the source registry is invalid"}})
def start_reindex(reindex: Reindex, response: Response,
                  body: Annotated[ReindexRequest | None, Body()] = None) -> ReindexAccepted:
    """Start the same run as `nrw-assistant index` in the background; follow it in GET /api/admin/index."""
    body = body or ReindexRequest()
    try:
        run = reindex.start(full=body.full, source_names=body.sources)
    except IndexBusyError as exc:
        raise HTTPException(409, str(exc)) from exc
    except UnknownSourceError as exc:
        raise HTTPException(422, str(exc)) from exc
    except SourceRegistryError as exc:
        raise HTTPException(409, f"the source registry is invalid: {exc}") from exc
    response.headers["Location"] = "/api/admin/index"
    return ReindexAccepted(run=_run_out(run), status_url="/api/admin/index")


@router.get("/index", response_model=IndexStatusOut)
def get_index_status(reindex: Reindex, request: Request) -> IndexStatusOut:
    """Documents and chunks served, which generation this process serves and which it quarantined (and why), the
    last run with its per-source summary, repairs and failures, and per source the age of its oldest document."""
    registry: list[Source] | None = None
    registry_error = None
    try:
        registry = reindex.registry()
    except SourceRegistryError as exc:
        registry_error = str(exc)
    state: ServingState = request.app.state.components.served_index.state()
    loaded = state.loaded
    status = index_status(reindex.generations, sources=registry,
                          serving=loaded.generation.id if loaded is not None else None)
    served = {"generation": loaded.generation.id if loaded is not None else None, "fallback": state.fallback,
              "verified": loaded.verified if loaded is not None else None, "unavailable": state.unavailable,
              "hint": state.hint}
    latest = reindex.latest()
    return IndexStatusOut.model_validate({
        **status, "serving": loaded is not None, "served": served,
        "quarantined": [dataclasses.asdict(q) for q in state.quarantined],
        "run": _run_out(latest) if latest else None, "registry_error": registry_error})


def _run_out(run: ReindexRun) -> RunOut:
    return RunOut.model_validate(dataclasses.asdict(run))

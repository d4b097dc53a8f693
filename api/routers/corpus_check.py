"""GET /api/admin/corpus-check: the maintainer's audit of the corpus for today (the "Datenpflege" panel on /admin,
the same list as `nrw-assistant corpus check`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends

from api.auth import require_admin
from api.corpus_check_schemas import CorpusCheckOut
from api.dependencies import components
from assistant.components import AssistantComponents
from indexer.corpus_audit import audit_corpus

router = APIRouter(
    prefix="/api/admin", tags=["admin"], dependencies=[Depends(require_admin)],
    responses={401: {"description": "Missing or wrong bearer token",
                     "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}},
               404: {"description": "Admin API not enabled (no NRWA_ADMIN_TOKEN)"}},
)


@router.get("/corpus-check", response_model=CorpusCheckOut)
def corpus_check(deps: Annotated[AssistantComponents, Depends(components)]) -> CorpusCheckOut:
    """Programmes past their end but kept open, ending soon, stale facts, undated sources, unverified partners,
    partner links that are not the partner's own site, documents without a date — as of today (NRWA_TODAY)."""
    settings = deps.settings
    report = audit_corpus(settings.corpus_dir, settings.current_date(), settings.ending_soon_days,
                          settings.stale_after_months, settings.resolved_sources_file())
    return CorpusCheckOut.model_validate(report.as_dict())

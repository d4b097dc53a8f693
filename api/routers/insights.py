"""/api/admin/stats, /api/admin/unanswered, /api/admin/export.csv: usage statistics and the questions the assistant
could not answer well, for maintainers (bearer token, see api/auth.py). Nothing here identifies a person."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from api.auth import require_admin
from api.insights.insight_models import Statistics, UnansweredReport
from api.insights.insights_service import ExportKind, Insights
from api.insights.report_period import MAX_DAYS

router = APIRouter(
    prefix="/api/admin", tags=["admin"], dependencies=[Depends(require_admin)],
    responses={401: {"description": "Missing or wrong bearer token",
                     "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}},
               404: {"description": "Admin API not enabled (no NRWA_ADMIN_TOKEN)"}},
)

Days = Annotated[int, Query(ge=1, le=MAX_DAYS, description="The last N calendar days (Europe/Berlin), today included")]


def insights(request: Request) -> Insights:
    return request.app.state.app_data.insights


Service = Annotated[Insights, Depends(insights)]


class CsvResponse(Response):
    media_type = "text/csv"


@router.get("/stats", response_model=Statistics)
def statistics(service: Service, days: Days = 30) -> Statistics:
    """Questions per topic, Kreis and region; recommended programmes and partners; ratings; hand-offs per partner
    with their delivery state; answer latency. Totals for the period, and per day and per ISO week."""
    return service.statistics(service.period(days))


@router.get("/unanswered", response_model=UnansweredReport)
def unanswered(service: Service, days: Days = 30) -> UnansweredReport:
    """Questions with weak retrieval, a declined answer or a thumbs down, grouped by subject, largest group first."""
    return service.unanswered(service.period(days))


@router.get("/export.csv", response_class=CsvResponse,
            responses={200: {"description": "CSV (UTF-8, comma-separated, header row)",
                             "content": {"text/csv": {"schema": {"type": "string"}}}}})
def export_csv(service: Service, data: ExportKind = "daily", days: Days = 30) -> CsvResponse:
    """daily: the statistics as one row per day, metric and item; unanswered: every unanswered question with its
    group; feedback: every rating with its (masked) comment."""
    period = service.period(days)
    filename = f"nrw-assistent-{data}-{period.first_day.isoformat()}-{period.last_day.isoformat()}.csv"
    return CsvResponse(service.export_csv(data, period), media_type="text/csv; charset=utf-8",
                       headers={"Content-Disposition": f'attachment; filename="{filename}"',
                                "Cache-Control": "no-store"})

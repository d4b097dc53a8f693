"""The insights use case for the admin API and the `report` command: statistics, unanswered questions, CSV."""

from __future__ import annotations

from datetime import date
from typing import Literal

from sqlalchemy import Engine, select

from api.appdata.clock import utc_now
from api.appdata.feedback_store import FeedbackRecord
from api.appdata.tables import feedback
from api.insights.csv_export import feedback_csv, tallies_csv, unanswered_csv
from api.insights.daily_counts import report_day
from api.insights.display_names import DisplayNames, display_names_from
from api.insights.insight_models import Period, Statistics, UnansweredReport
from api.insights.question_grouping import QuestionGrouper
from api.insights.report_period import bounds, last_days
from api.insights.statistics import build_statistics, read_tallies
from api.insights.unanswered_report import build_unanswered_report
from assistant.settings import Settings
from indexer.corpus_catalogues import CorpusCatalogues, load_corpus_catalogues
from indexer.german_analyzer import GermanAnalyzer

ExportKind = Literal["daily", "unanswered", "feedback"]


class Insights:
    def __init__(self, engine: Engine, names: DisplayNames, grouper: QuestionGrouper) -> None:
        self._engine = engine
        self._names = names
        self._grouper = grouper

    def period(self, days: int, today: date | None = None) -> Period:
        return last_days(days, today or report_day(utc_now()))

    def statistics(self, period: Period) -> Statistics:
        return build_statistics(read_tallies(self._engine, period), period, self._names)

    def unanswered(self, period: Period) -> UnansweredReport:
        return build_unanswered_report(self._engine, self._grouper, self._names, period)

    def export_csv(self, kind: ExportKind, period: Period) -> str:
        if kind == "daily":
            return tallies_csv(read_tallies(self._engine, period), self._names)
        if kind == "unanswered":
            return unanswered_csv(build_unanswered_report(self._engine, self._grouper, self._names, period,
                                                          examples=None))
        return feedback_csv(self._feedback(period))

    def _feedback(self, period: Period) -> list[FeedbackRecord]:
        start, end = bounds(period)
        with self._engine.connect() as connection:
            rows = connection.execute(select(feedback).where(feedback.c.created_at >= start,
                                                             feedback.c.created_at < end)
                                      .order_by(feedback.c.created_at, feedback.c.id)).mappings().all()
        return [FeedbackRecord(**row) for row in rows]


def build_insights(settings: Settings, engine: Engine, catalogues: CorpusCatalogues | None = None) -> Insights:
    """`catalogues`: the process's corpus catalogues, already loaded (default: read from settings.corpus_dir)."""
    names = display_names_from(catalogues or load_corpus_catalogues(settings.corpus_dir))
    return Insights(engine, names, QuestionGrouper(GermanAnalyzer()))

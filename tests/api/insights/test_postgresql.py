"""The same recording and reading on PostgreSQL, the scale-out database: counters add up under ON CONFLICT, days
and timestamps come back right, the unanswered report and the CSV export work there too."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

import pytest

from api.appdata.clock import utc_now
from api.appdata.engine import create_app_data_engine
from api.appdata.migrator import upgrade
from api.appdata.turn_log import TurnLog
from api.benchmarks.throwaway_services import ThrowawayPostgres
from api.insights.insights_service import build_insights
from api.insights.question_recorder import QuestionRecorder
from api.insights.recent_questions import RecentQuestions
from assistant.conversation.turn_record import TurnRecord
from assistant.settings import Settings
from tests.api.insights.turn_records import turn, turn_record


@pytest.fixture(scope="module")
def postgres() -> Iterator[ThrowawayPostgres]:
    with ThrowawayPostgres() as server:
        yield server


def test_statistics_and_report_on_postgresql(postgres, tmp_path):
    url = postgres.create_database()
    engine = create_app_data_engine(url)
    try:
        upgrade(engine)
        log, recorder = TurnLog(engine), QuestionRecorder(engine, 0.25, RecentQuestions(3600, 100))
        yesterday = utc_now() - timedelta(days=1)
        turns = [turn("Photovoltaik im Kreis Lippe?", confidence=0.1, confident=False, topics=("energie",),
                      kreis="Lippe"),
                 turn("Photovoltaikanlage, Rückruf an Sabine Koch", confidence=0.2, confident=False,
                      topics=("energie",), kreis="Lippe"),
                 turn("KI-Zuschuss?", topics=("ki",), kreis="Essen", latency_ms=900.0)]
        for record in map(TurnRecord.from_stored, turns):  # the typed record the listeners get
            log.record("s", record)
            recorder.record("s", record)
        recorder.record("s", turn_record("Hallo", intent="small_talk"), now=yesterday)
        recorder.rated(log.get(turns[2]["message_id"]), "down")

        insights = build_insights(Settings(_env_file=None, corpus_dir=tmp_path), engine)
        period = insights.period(7)
        stats = insights.statistics(period)
        assert stats.totals.questions == 3 and stats.totals.unanswered == 2
        assert [(k.key, k.count) for k in stats.kreise] == [("Lippe", 2), ("Essen", 1)]
        assert sum(p.questions for p in stats.per_day) == 3 and stats.latency.answers == 4
        report = insights.unanswered(period)
        assert [g.count for g in report.groups] == [2, 1] and report.groups[0].keywords[0] == "Photovoltaik"
        assert "Sabine" not in insights.export_csv("unanswered", period)
        assert "kreis,Kreis,Lippe,Lippe,2" in insights.export_csv("daily", period)
    finally:
        engine.dispose()
        postgres.drop_database(url)

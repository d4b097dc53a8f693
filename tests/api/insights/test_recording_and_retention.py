"""What is stored per turn: anonymous daily counters always; the masked question only for a weak or declined turn,
or once the user rates the answer down. Retention deletes the questions after NRWA_RETENTION_DAYS and keeps the
counters (until NRWA_STATISTICS_RETENTION_DAYS); erasing a session deletes its questions at once."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlalchemy import select

from api.app_data_services import build_app_data_services
from api.appdata.clock import utc_now
from api.appdata.migrator import upgrade
from api.appdata.tables import daily_counts, unanswered_questions
from api.appdata.turn_log import TurnLog
from api.insights.daily_counts import report_day
from api.insights.question_recorder import QuestionRecorder
from api.insights.recent_questions import RecentQuestion, RecentQuestions
from api.insights.turn_facts import turn_facts
from assistant.conversation.turn_record import TurnRecord
from assistant.settings import Settings
from tests.api.insights.turn_records import migrated_sqlite, turn, turn_record


def _stored(engine) -> dict[str, dict]:
    with engine.connect() as connection:
        return {r["message_id"]: dict(r) for r in connection.execute(select(unanswered_questions)).mappings()}


def test_only_unanswered_questions_are_stored_and_a_thumbs_down_adds_one(tmp_path):
    engine = migrated_sqlite(tmp_path)
    log, recorder = TurnLog(engine), QuestionRecorder(engine, 0.25, RecentQuestions(3600, 100))
    good = turn("Ich bin Max Mustermann aus Essen, gibt es einen KI-Zuschuss?", topics=("ki",), kreis="Essen")
    weak = turn("Photovoltaik? Antwort an max@beispiel.de", confidence=0.1, confident=False, topics=("energie",))
    for record in map(TurnRecord.from_stored, (good, weak)):  # the typed record the listeners get
        log.record("session-1", record)
        recorder.record("session-1", record)
    assert list(_stored(engine)) == [weak["message_id"]]
    assert _stored(engine)[weak["message_id"]]["question"] == "Photovoltaik? Antwort an [E-Mail entfernt]"

    recorder.rated(log.get(good["message_id"]), "down")
    rated = _stored(engine)[good["message_id"]]
    assert rated["question"] == "Ich bin [Name entfernt] aus Essen, gibt es einen KI-Zuschuss?"
    assert (rated["rated_down"], rated["weak"], rated["kreis"], rated["topics"]) == (True, False, "Essen", ["ki"])
    recorder.rated(log.get(good["message_id"]), "up")  # changed their mind: nothing left to report
    assert good["message_id"] not in _stored(engine)

    recorder.rated(log.get(weak["message_id"]), "down")
    assert _stored(engine)[weak["message_id"]]["rated_down"] is True
    recorder.rated(log.get(weak["message_id"]), "up")
    assert _stored(engine)[weak["message_id"]]["rated_down"] is False  # still weak, so it stays

    # Rated on a worker that never saw the question: the rating counts, the text is not known there.
    elsewhere = QuestionRecorder(engine, 0.25, RecentQuestions(3600, 100))
    recorder.rated(log.get(good["message_id"]), "up")
    elsewhere.rated(log.get(good["message_id"]), "down")
    assert _stored(engine)[good["message_id"]]["question"] is None


def test_recent_questions_are_forgotten_after_the_conversation_time():
    recent = RecentQuestions(ttl_seconds=0.2, max_items=2)
    facts = [turn_facts(turn_record(f"Frage {i}"), 0.25) for i in range(3)]
    for f in facts:
        recent.put(RecentQuestion("s", f))
    assert recent.get(facts[0].message_id) is None  # over the bound: the oldest goes
    assert recent.get(facts[2].message_id) is not None
    recent.forget_session("s")
    assert recent.get(facts[2].message_id) is None
    recent.put(RecentQuestion("s", facts[1]))
    time.sleep(0.3)
    assert recent.get(facts[1].message_id) is None


def test_retention_deletes_questions_and_keeps_the_counters(tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path, corpus_dir=tmp_path / "corpus", retention_days=30,
                        statistics_retention_days=365)
    services = build_app_data_services(settings)
    upgrade(services.engine)
    now = utc_now()
    for days_ago in (400, 40, 0):
        services.questions.record("s", turn_record("Photovoltaik?", confidence=0.1, confident=False,
                                                   topics=("energie",)), now=now - timedelta(days=days_ago))
    assert _oldest_counter(services.engine) == report_day(now - timedelta(days=400))
    report = services.purge(now)
    assert (report.questions, report.daily_counts > 0) == (2, True)
    assert len(_stored(services.engine)) == 1

    insights = services.insights
    stats = insights.statistics(insights.period(60))
    assert (stats.totals.questions, stats.totals.unanswered) == (2, 2)  # the counters of 40 days ago are kept
    assert insights.unanswered(insights.period(60)).total == 1  # its question is gone
    assert _oldest_counter(services.engine) == report_day(now - timedelta(days=40))  # 400 days: over a year
    services.engine.dispose()


def _oldest_counter(engine):
    with engine.connect() as connection:
        return connection.execute(select(daily_counts.c.day).order_by(daily_counts.c.day)).scalars().first()


def test_erasing_a_session_deletes_its_questions_and_forgets_the_waiting_ones(tmp_path):
    settings = Settings(_env_file=None, data_dir=tmp_path, corpus_dir=tmp_path / "corpus")
    services = build_app_data_services(settings)
    upgrade(services.engine)
    weak = turn("Wärmepumpe?", confidence=0.1, confident=False)
    good = turn("Ich bin Max Mustermann, KI-Zuschuss?")
    for session, stored in (("erase-me", weak), ("erase-me", good), ("keep-me", turn("Solar?", confident=False))):
        record = TurnRecord.from_stored(stored)  # the typed record the listeners get
        services.turns.record(session, record)
        services.questions.record(session, record)
    good_turn = services.turns.get(good["message_id"])
    assert len(_stored(services.engine)) == 2

    services.erase_session("erase-me")
    assert [r["session_id"] for r in _stored(services.engine).values()] == ["keep-me"]
    services.questions.rated(good_turn, "down")  # a late rating finds no question text any more
    assert _stored(services.engine)[good["message_id"]]["question"] is None
    services.engine.dispose()

"""Conversations and rate-limit counters in the app-data database, on SQLite and on PostgreSQL: what one worker
writes the next one reads, limits hold across workers, nothing personal is stored, and old rows go away."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from api.appdata.clock import utc_now
from api.appdata.conversation_store import DatabaseSessionStore
from api.appdata.engine import create_app_data_engine
from api.appdata.rate_limit_counters import DatabaseRateLimiter
from api.appdata.tables import conversations, rate_limit_counters
from api.benchmarks.throwaway_services import free_port
from api.rate_limit import Rule

USER_WORDS = "Wir sind die Müller GmbH aus Detmold, Telefon 05231 123456"


def _answer_a_turn(store: DatabaseSessionStore, session_id: str | None, topic: str) -> str:
    """What ChatService does with a session: change its slots, append the turn record, tell the store."""
    session, _ = store.get_or_create(session_id)
    session.slots["dialogue"] = {"topics": [*session.slots.get("dialogue", {}).get("topics", []), topic]}
    session.turns.append({"message_id": f"m-{topic}", "user": USER_WORDS, "query": f"{USER_WORDS} {topic}",
                          "intent": "programme_search", "programs": ["go-digital"]})
    store.on_turn(session.id, session.turns[-1])
    return session.id


def test_a_conversation_continues_on_another_worker_without_the_users_words(engine_for):
    first, second = DatabaseSessionStore(engine_for()), DatabaseSessionStore(engine_for())
    session_id = _answer_a_turn(first, None, "ki")
    _answer_a_turn(second, session_id, "energie")

    session, is_new = first.get_or_create(session_id)
    assert not is_new
    assert session.slots["dialogue"]["topics"] == ["ki", "energie"]
    assert [t["message_id"] for t in session.turns] == ["m-ki", "m-energie"]
    assert all("user" not in t and "query" not in t for t in session.turns)
    with engine_for().connect() as connection:
        row = connection.execute(select(conversations)).mappings().one()
    assert "Müller" not in json.dumps(dict(row), default=str, ensure_ascii=False)
    assert len(second) == 1


def test_idle_conversations_start_afresh_and_are_deleted(engine_for):
    engine = engine_for()
    store = DatabaseSessionStore(engine, ttl_seconds=600)
    old = _answer_a_turn(store, None, "ki")
    with engine.begin() as connection:
        connection.execute(update(conversations).values(last_seen=utc_now() - timedelta(hours=1)))
    session, is_new = store.get_or_create(old)
    assert is_new and session.id == old and session.slots == {}

    _answer_a_turn(DatabaseSessionStore(engine, ttl_seconds=600), None, "export")  # a worker's first write sweeps
    with engine.connect() as connection:
        ids = connection.execute(select(conversations.c.session_id)).scalars().all()
    assert old not in ids and len(ids) == 1


def test_erasing_a_conversation_removes_it_for_every_worker(engine_for):
    first, second = DatabaseSessionStore(engine_for()), DatabaseSessionStore(engine_for())
    session_id = _answer_a_turn(first, None, "ki")
    assert second.delete(session_id) is True
    assert second.delete(session_id) is False
    assert first.get_or_create(session_id)[1] is True


def test_an_unreachable_database_costs_the_conversation_not_the_turn():
    engine = create_app_data_engine(f"postgresql+psycopg://nrwa@127.0.0.1:{free_port()}/gone?connect_timeout=2")
    try:
        store = DatabaseSessionStore(engine)
        session, is_new = store.get_or_create("abcdefgh1234")
        assert is_new and session.id == "abcdefgh1234"
        store.on_turn(session.id, {"message_id": "m"})  # logged, not raised
        assert DatabaseRateLimiter(engine).hit("ip:/api/chat:127.0.0.1", Rule(1, 60)) is None  # let through
    finally:
        engine.dispose()


def test_limits_hold_across_workers(engine_for):
    workers = [DatabaseRateLimiter(engine_for()), DatabaseRateLimiter(engine_for())]
    rule = Rule(limit=3, window_seconds=60)
    waits = [workers[i % 2].hit("ip:/api/chat:198.51.100.7", rule, now=1000.0 + i) for i in range(5)]
    assert waits[:3] == [None, None, None]
    assert all(w is not None and w > 0 for w in waits[3:])
    assert workers[0].hit("ip:/api/chat:198.51.100.8", rule, now=1004.0) is None  # another client is not affected


def test_the_window_slides_across_the_boundary_and_refused_hits_do_not_count(engine_for):
    limiter = DatabaseRateLimiter(engine_for())
    rule = Rule(limit=2, window_seconds=60)
    assert limiter.hit("k", rule, now=100.0) is None
    assert limiter.hit("k", rule, now=110.0) is None
    wait = limiter.hit("k", rule, now=119.0)
    assert wait == pytest.approx(31.0)
    # Just after the boundary a fixed window would start from zero; the previous window still weighs 59/60.
    assert limiter.hit("k", rule, now=121.0) is not None
    assert limiter.hit("k", rule, now=119.0 + wait) is None  # the advised wait was enough
    assert limiter.hit("k", rule, now=151.0) is not None


def test_keys_are_digests_and_old_windows_are_deleted(engine_for):
    engine = engine_for()
    limiter = DatabaseRateLimiter(engine)
    rule = Rule(limit=5, window_seconds=60)
    limiter.hit("ip:/api/chat:203.0.113.9", rule, now=1000.0)
    with engine.connect() as connection:
        [key] = connection.execute(select(rate_limit_counters.c.key)).scalars().all()
    assert "203.0.113" not in key and len(key) == 64

    DatabaseRateLimiter(engine).hit("ip:/api/chat:203.0.113.10", rule, now=5000.0)  # a worker's first hit sweeps
    with engine.connect() as connection:
        assert connection.execute(select(func.count()).select_from(rate_limit_counters)).scalar_one() == 1

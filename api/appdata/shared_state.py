"""Where per-user state lives, chosen by Settings.state_store: conversations and rate-limit counters in this process
(one worker), or in the app-data database (SQLite file or PostgreSQL) that every worker and replica shares."""

from __future__ import annotations

from sqlalchemy import Engine

from api.rate_limit import Limiter, SlidingWindowLimiter
from assistant.conversation.session_store import InMemorySessionStore, SessionStore
from assistant.settings import Settings


def build_session_store(settings: Settings, engine: Engine) -> SessionStore:
    if settings.shared_state():
        from api.appdata.conversation_store import DatabaseSessionStore

        return DatabaseSessionStore(engine, settings.session_ttl_seconds)
    return InMemorySessionStore(settings.session_ttl_seconds, settings.max_sessions)


def build_rate_limiter(settings: Settings, engine: Engine) -> Limiter:
    if settings.shared_state():
        from api.appdata.rate_limit_counters import DatabaseRateLimiter

        return DatabaseRateLimiter(engine)
    return SlidingWindowLimiter()

"""Metadata of answered chat turns, written when the chat service finishes a turn.

Feedback looks answers up here (any worker, even after the in-memory conversation expired), and deletion by
session finds the session's messages here. Only what the answer rested on is kept — never the user's text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, insert, select
from sqlalchemy.exc import SQLAlchemyError

from api.appdata.clock import utc_now
from api.appdata.tables import turns
from assistant.conversation.turn_record import TurnRecord

logger = logging.getLogger("nrwa.appdata")


@dataclass(frozen=True)
class LoggedTurn:
    """A row of the `turns` table (not the chat's TurnRecord it is written from)."""

    message_id: str
    session_id: str | None
    created_at: datetime
    intent: str | None
    programmes: list[str]
    sources: list[str]
    confidence: float | None
    answered_by: str | None


class TurnLog:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def record(self, session_id: str, turn: TurnRecord, now: datetime | None = None) -> None:
        row = {
            "message_id": turn.message_id,
            "session_id": session_id,
            "created_at": now or utc_now(),
            "intent": turn.intent,
            "programmes": list(turn.programs),
            "sources": list(dict.fromkeys(turn.citations)),
            "confidence": turn.confidence,
            "answered_by": turn.answered_by,
        }
        with self._engine.begin() as connection:
            connection.execute(insert(turns).values(**row))

    def listener(self) -> Callable[[str, TurnRecord], None]:
        """For ChatService.add_turn_listener: a failing app-data store must never fail a chat turn."""

        def on_turn(session_id: str, turn: TurnRecord) -> None:
            try:
                self.record(session_id, turn)
            except SQLAlchemyError:
                logger.exception("could not record chat turn metadata")

        return on_turn

    def get(self, message_id: str) -> LoggedTurn | None:
        with self._engine.connect() as connection:
            row = connection.execute(select(turns).where(turns.c.message_id == message_id)).mappings().first()
        return LoggedTurn(**row) if row else None

"""Conversations in the app-data database, so any API worker or replica can answer any turn of a conversation.

`get_or_create` reads the conversation; the chat changes the Session it got; `on_turn` (a ChatService turn
listener) writes it back in one upsert. Only the dialogue slots and turn metadata are written: the user's words
(`user`) and the search query made from them (`query`) stay in the worker's memory for the turn. Conversations idle
for longer than the TTL are treated as gone and deleted by whichever worker writes next (at most once a minute).
A database error costs the conversation's memory, never the answer: it is logged and the turn goes on.
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any
from weakref import WeakValueDictionary

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.exc import SQLAlchemyError

from api.appdata.clock import utc_now
from api.appdata.sweep_timer import SweepTimer
from api.appdata.tables import conversations
from api.appdata.upsert import insert_or_update
from assistant.conversation.session_store import Session
from assistant.conversation.turn_record import TurnRecord

logger = logging.getLogger("nrwa.appdata")

_PRIVATE_TURN_KEYS = ("user", "query")  # the user's words and what was made of them
_MAX_TURNS = 50  # turn metadata kept per conversation (the chat only asks whether there were turns)
_SWEEP_SECONDS = 60.0


class DatabaseSessionStore:
    def __init__(self, engine: Engine, ttl_seconds: int = 3600) -> None:
        self._engine = engine
        self._ttl = timedelta(seconds=ttl_seconds)
        # Sessions handed out for a turn in progress, so on_turn (which gets the id) can write the right object back.
        self._open: WeakValueDictionary[str, Session] = WeakValueDictionary()
        self._lock = threading.Lock()
        self._sweep = SweepTimer(_SWEEP_SECONDS)

    def get_or_create(self, session_id: str | None) -> tuple[Session, bool]:
        now = utc_now()
        row = self._load(session_id, now) if session_id else None
        if row is None:
            session = Session(id=session_id or uuid.uuid4().hex, created=now.timestamp(), last_seen=now.timestamp())
        else:
            session = Session(id=row["session_id"], created=row["created_at"].timestamp(), last_seen=now.timestamp(),
                              turns=list(row["turns"]), slots=dict(row["slots"]))
        with self._lock:
            self._open[session.id] = session
        return session, row is None

    def on_turn(self, session_id: str, turn: TurnRecord) -> None:
        with self._lock:
            session = self._open.get(session_id)
        if session is None:
            return
        try:
            self.save(session)
        except SQLAlchemyError:
            logger.exception("could not store the conversation; its next turn starts without this one")

    def save(self, session: Session) -> None:
        now = utc_now()
        values = {
            "session_id": session.id,
            "created_at": datetime.fromtimestamp(session.created, UTC),
            "last_seen": now,
            "slots": session.slots,
            "turns": [{k: v for k, v in t.items() if k not in _PRIVATE_TURN_KEYS} for t in session.turns[-_MAX_TURNS:]],
        }
        statement = insert_or_update(self._engine, conversations).values(**values)
        statement = statement.on_conflict_do_update(
            index_elements=[conversations.c.session_id],
            set_={name: statement.excluded[name] for name in ("created_at", "last_seen", "slots", "turns")},
        )
        with self._engine.begin() as connection:
            connection.execute(statement)
            if self._sweep.due():
                connection.execute(delete(conversations).where(conversations.c.last_seen < now - self._ttl))

    def delete(self, session_id: str) -> bool:
        with self._lock:
            self._open.pop(session_id, None)
        with self._engine.begin() as connection:
            result = connection.execute(delete(conversations).where(conversations.c.session_id == session_id))
        return result.rowcount > 0

    def __len__(self) -> int:
        """Conversations not yet idle for longer than the TTL."""
        with self._engine.connect() as connection:
            count = connection.execute(select(func.count()).select_from(conversations)
                                       .where(conversations.c.last_seen >= utc_now() - self._ttl)).scalar_one()
        return int(count)

    def _load(self, session_id: str, now: datetime) -> Mapping[str, Any] | None:
        query = select(conversations).where(conversations.c.session_id == session_id,
                                            conversations.c.last_seen >= now - self._ttl)
        try:
            with self._engine.connect() as connection:
                row = connection.execute(query).mappings().first()
                return dict(row) if row is not None else None
        except SQLAlchemyError:
            logger.exception("could not read the conversation; answering this turn without its history")
            return None


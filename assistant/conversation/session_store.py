"""Where conversations live between turns: the SessionStore interface and its in-memory implementation.

The in-memory store (the single-process default) holds conversations with an idle timeout and an upper bound
(oldest dropped first). When several workers serve one site, a database-backed store (api/appdata/
conversation_store.py) takes its place, so any worker can answer any turn of a conversation.
"""

from __future__ import annotations

import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.conversation.turn_record import TurnRecord


@dataclass
class Session:
    id: str
    created: float
    last_seen: float
    turns: list[dict[str, Any]] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)


class SessionStore(Protocol):
    def get_or_create(self, session_id: str | None) -> tuple[Session, bool]:
        """The session with this id (a new one if unknown or expired) and whether it is new."""
        ...

    def on_turn(self, session_id: str, turn: TurnRecord) -> None:
        """Called after each answered turn (a ChatService turn listener): a shared store writes the conversation
        back then, so a turn that fails midway leaves the stored conversation as it was. Must not raise."""
        ...

    def delete(self, session_id: str) -> bool:
        """Forget the conversation; True if there was one."""
        ...


class InMemorySessionStore:
    def __init__(self, ttl_seconds: int = 3600, max_sessions: int = 10_000) -> None:
        self._ttl = ttl_seconds
        self._max = max_sessions
        self._sessions: OrderedDict[str, Session] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_create(self, session_id: str | None) -> tuple[Session, bool]:
        """The session with this id (a new one if unknown or expired) and whether it is new."""
        now = time.time()
        with self._lock:
            self._expire(now)
            session = self._sessions.get(session_id) if session_id else None
            if session is not None:
                session.last_seen = now
                self._sessions.move_to_end(session.id)
                return session, False
            session = Session(id=session_id or uuid.uuid4().hex, created=now, last_seen=now)
            self._sessions[session.id] = session
            while len(self._sessions) > self._max:
                self._sessions.popitem(last=False)
            return session, True

    def on_turn(self, session_id: str, turn: TurnRecord) -> None:
        """Nothing to write back: the chat changed the stored Session object itself."""

    def delete(self, session_id: str) -> bool:
        with self._lock:
            return self._sessions.pop(session_id, None) is not None

    def __len__(self) -> int:
        return len(self._sessions)

    def _expire(self, now: float) -> None:
        while self._sessions:
            oldest = next(iter(self._sessions.values()))
            if now - oldest.last_seen <= self._ttl:
                return
            self._sessions.popitem(last=False)

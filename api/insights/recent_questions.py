"""The masked questions of recent, well-answered turns, held in memory only, in case the user rates the answer
down afterwards. Kept as long as a conversation is (Settings.session_ttl_seconds), so a question that nobody
complains about never reaches the database."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from api.insights.turn_facts import TurnFacts


@dataclass(frozen=True)
class RecentQuestion:
    session_id: str
    facts: TurnFacts  # with the question already masked


class RecentQuestions:
    def __init__(self, ttl_seconds: float, max_items: int) -> None:
        self._ttl = ttl_seconds
        self._max = max_items
        self._items: OrderedDict[str, tuple[float, RecentQuestion]] = OrderedDict()
        self._lock = threading.Lock()  # chat turns and feedback arrive on different threads

    def put(self, question: RecentQuestion) -> None:
        now = time.monotonic()
        with self._lock:
            self._expire(now)
            self._items[question.facts.message_id] = (now, question)
            while len(self._items) > self._max:
                self._items.popitem(last=False)

    def get(self, message_id: str) -> RecentQuestion | None:
        with self._lock:
            self._expire(time.monotonic())
            found = self._items.get(message_id)
        return found[1] if found else None

    def forget_session(self, session_id: str) -> None:
        with self._lock:
            for message_id in [m for m, (_, q) in self._items.items() if q.session_id == session_id]:
                del self._items[message_id]

    def _expire(self, now: float) -> None:
        while self._items:
            added, _ = next(iter(self._items.values()))
            if now - added <= self._ttl:
                return
            self._items.popitem(last=False)

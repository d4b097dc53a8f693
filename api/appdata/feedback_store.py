"""Thumbs up/down per answer, stored with what the answer rested on (sources, programmes, confidence).

One rating per answer: a second one for the same message replaces the first (a user who changes their mind is
counted once).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, func, insert, select

from api.appdata.clock import utc_now
from api.appdata.tables import feedback
from api.appdata.turn_log import LoggedTurn


@dataclass(frozen=True)
class FeedbackRecord:
    id: str
    message_id: str
    session_id: str | None
    rating: str
    comment: str | None
    sources: list[str]
    programmes: list[str]
    confidence: float | None
    created_at: datetime


class FeedbackStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def add(self, turn: LoggedTurn, rating: str, comment: str | None, now: datetime | None = None) -> str:
        """Store the rating of `turn`; `comment` must already be masked. Returns the feedback id."""
        feedback_id = uuid.uuid4().hex
        with self._engine.begin() as connection:
            connection.execute(delete(feedback).where(feedback.c.message_id == turn.message_id))
            connection.execute(insert(feedback).values(
                id=feedback_id, message_id=turn.message_id, session_id=turn.session_id, rating=rating,
                comment=comment, sources=turn.sources, programmes=turn.programmes, confidence=turn.confidence,
                created_at=now or utc_now(),
            ))
        return feedback_id

    def page(self, limit: int = 100, offset: int = 0, rating: str | None = None) -> tuple[list[FeedbackRecord], int]:
        """Newest first, and the total count for paging."""
        query = select(feedback)
        count = select(func.count()).select_from(feedback)
        if rating is not None:
            query = query.where(feedback.c.rating == rating)
            count = count.where(feedback.c.rating == rating)
        query = query.order_by(feedback.c.created_at.desc(), feedback.c.id).limit(limit).offset(offset)
        with self._engine.connect() as connection:
            rows = connection.execute(query).mappings().all()
            total = connection.execute(count).scalar_one()
        return [FeedbackRecord(**row) for row in rows], int(total)

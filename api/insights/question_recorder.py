"""Records what a chat turn means for the statistics, and keeps the questions the assistant could not answer well.

Every turn adds to the anonymous daily counters. A turn with weak retrieval or a declined answer is stored as an
unanswered question at once; any other turn's question waits in memory (RecentQuestions) and is stored only if the
user rates the answer down. The question is stored with e-mail addresses, phone numbers and person names masked.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from sqlalchemy import Connection, Engine, delete, insert, update
from sqlalchemy.exc import SQLAlchemyError

from api.appdata.clock import utc_now
from api.appdata.tables import unanswered_questions
from api.appdata.turn_log import LoggedTurn
from api.insights.daily_counts import add_counts, report_day
from api.insights.person_name_masking import mask_person_names
from api.insights.recent_questions import RecentQuestion, RecentQuestions
from api.insights.turn_facts import TurnFacts, turn_facts
from assistant.conversation.personal_data_masking import mask_personal_data
from assistant.conversation.turn_record import TurnRecord

logger = logging.getLogger("nrwa.insights")


def mask_question(text: str) -> str:
    return mask_person_names(mask_personal_data(text))


class QuestionRecorder:
    def __init__(self, engine: Engine, weak_below: float, recent: RecentQuestions) -> None:
        self._engine = engine
        self._weak_below = weak_below
        self._recent = recent

    def record(self, session_id: str, turn: TurnRecord, now: datetime | None = None) -> None:
        now = now or utc_now()
        facts = turn_facts(turn, self._weak_below)
        facts = replace(facts, question=mask_question(facts.question))
        with self._engine.begin() as connection:
            add_counts(connection, report_day(now), facts.counts())
            if facts.unanswered:
                _insert(connection, session_id, facts, now, rated_down=False)
        if not facts.unanswered:
            self._recent.put(RecentQuestion(session_id, facts))

    def listener(self) -> Callable[[str, TurnRecord], None]:
        """For ChatService.add_turn_listener: a failing app-data store must never fail a chat turn."""

        def on_turn(session_id: str, turn: TurnRecord) -> None:
            try:
                self.record(session_id, turn)
            except SQLAlchemyError:
                logger.exception("could not record the statistics of a chat turn")

        return on_turn

    def rated(self, turn: LoggedTurn, rating: str) -> None:
        """A thumbs down makes the turn an unanswered question; a later thumbs up takes that back again."""
        try:
            self._rated(turn, rating)
        except SQLAlchemyError:  # the rating itself is stored already; the report may miss it, the user must not
            logger.exception("could not record a rated answer as an unanswered question")

    def _rated(self, turn: LoggedTurn, rating: str) -> None:
        table = unanswered_questions
        with self._engine.begin() as connection:
            changed = connection.execute(update(table).where(table.c.message_id == turn.message_id)
                                         .values(rated_down=rating == "down")).rowcount
            if rating == "down" and not changed:
                recent = self._recent.get(turn.message_id)
                # The question may be gone from memory (another worker, or the conversation expired): the rating
                # still counts, with what the turn log knows.
                facts = recent.facts if recent else TurnFacts(
                    message_id=turn.message_id, question="", intent=turn.intent or "question", topics=[],
                    sector=None, gemeinde=None, kreis=None, regierungsbezirk=None, programmes=turn.programmes,
                    partners=[], confidence=turn.confidence, latency_ms=None, weak=False, declined=False)
                _insert(connection, turn.session_id, facts, turn.created_at, rated_down=True)
            elif rating == "up":
                connection.execute(delete(table).where(table.c.message_id == turn.message_id, table.c.weak.is_(False),
                                                       table.c.declined.is_(False)))

    def forget_session(self, session_id: str) -> None:
        self._recent.forget_session(session_id)


def _insert(connection: Connection, session_id: str | None, facts: TurnFacts, created_at: datetime,
            rated_down: bool) -> None:
    connection.execute(insert(unanswered_questions).values(
        message_id=facts.message_id, session_id=session_id, created_at=created_at, question=facts.question or None,
        intent=facts.intent, topics=facts.topics, sector=facts.sector, gemeinde=facts.gemeinde, kreis=facts.kreis,
        confidence=facts.confidence, weak=facts.weak, declined=facts.declined, rated_down=rated_down,
    ))

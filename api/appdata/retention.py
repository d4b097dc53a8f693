"""Deleting personal data after the retention period (Settings.retention_days).

What goes: the contact data and message of hand-offs, feedback comments, every link to a session id, and the
unanswered questions (masked question texts) whole. What stays, anonymous, for statistics: partner, dates and
delivery state of hand-offs; ratings, sources and confidence of feedback; the non-textual metadata of turns; the
daily counters of the statistics, until Settings.statistics_retention_days.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, or_, select, update

from api.appdata.handoff_store import FAILED, PENDING
from api.appdata.tables import daily_counts, feedback, handoff_deliveries, handoffs, turns, unanswered_questions

RETENTION_ERROR = "personal data deleted after the retention period before delivery"


@dataclass(frozen=True)
class PurgeReport:
    cutoff: datetime
    handoffs: int
    feedback: int
    turns: int
    questions: int = 0
    daily_counts: int = 0


def purge_expired_personal_data(engine: Engine, retention_days: int, now: datetime,
                                statistics_retention_days: int | None = None) -> PurgeReport:
    cutoff = now - timedelta(days=retention_days)
    with engine.begin() as connection:
        purged_handoffs = connection.execute(
            update(handoffs)
            .where(handoffs.c.created_at < cutoff, handoffs.c.personal_data_deleted_at.is_(None))
            .values(name=None, email=None, company=None, phone=None, message=None, session_id=None,
                    personal_data_deleted_at=now)).rowcount
        # A delivery still pending now has nothing left to deliver.
        connection.execute(
            update(handoff_deliveries)
            .where(handoff_deliveries.c.state == PENDING,
                   handoff_deliveries.c.handoff_id.in_(
                       select(handoffs.c.id).where(handoffs.c.personal_data_deleted_at.is_not(None))))
            .values(state=FAILED, last_error=RETENTION_ERROR, next_attempt_at=None, lease_until=None,
                    updated_at=now))
        purged_feedback = connection.execute(
            update(feedback)
            .where(feedback.c.created_at < cutoff,
                   or_(feedback.c.comment.is_not(None), feedback.c.session_id.is_not(None)))
            .values(comment=None, session_id=None)).rowcount
        purged_turns = connection.execute(
            update(turns).where(turns.c.created_at < cutoff, turns.c.session_id.is_not(None))
            .values(session_id=None)).rowcount
        purged_questions = connection.execute(
            delete(unanswered_questions).where(unanswered_questions.c.created_at < cutoff)).rowcount
        purged_counts = 0
        if statistics_retention_days is not None:
            purged_counts = connection.execute(delete(daily_counts).where(
                daily_counts.c.day < (now - timedelta(days=statistics_retention_days)).date())).rowcount
    return PurgeReport(cutoff, int(purged_handoffs), int(purged_feedback), int(purged_turns), int(purged_questions),
                       int(purged_counts))

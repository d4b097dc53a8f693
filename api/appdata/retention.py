"""Deleting personal data after the retention period (Settings.retention_days).

What goes: the contact data and message of hand-offs, feedback comments, and every link to a session id. What
stays, anonymous, for statistics: partner, dates and delivery state of hand-offs; ratings, sources and confidence
of feedback; the non-textual metadata of turns.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Engine, or_, select, update

from api.appdata.handoff_store import FAILED, PENDING
from api.appdata.tables import feedback, handoff_deliveries, handoffs, turns

RETENTION_ERROR = "personal data deleted after the retention period before delivery"


@dataclass(frozen=True)
class PurgeReport:
    cutoff: datetime
    handoffs: int
    feedback: int
    turns: int


def purge_expired_personal_data(engine: Engine, retention_days: int, now: datetime) -> PurgeReport:
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
    return PurgeReport(cutoff, int(purged_handoffs), int(purged_feedback), int(purged_turns))

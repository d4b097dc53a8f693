"""Erase everything stored about one chat session (DELETE /api/admin/sessions/{id}): its hand-offs with their
deliveries, the feedback on its answers, the metadata of its turns and its unanswered questions. Rows are deleted,
not flagged."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, delete, or_, select

from api.appdata.tables import feedback, handoff_deliveries, handoffs, turns, unanswered_questions


@dataclass(frozen=True)
class ErasureReport:
    handoffs: int
    feedback: int
    turns: int


def erase_session(engine: Engine, session_id: str) -> ErasureReport:
    session_messages = select(turns.c.message_id).where(turns.c.session_id == session_id)
    session_handoffs = select(handoffs.c.id).where(handoffs.c.session_id == session_id)
    with engine.begin() as connection:
        erased_feedback = connection.execute(delete(feedback).where(
            or_(feedback.c.session_id == session_id, feedback.c.message_id.in_(session_messages)))).rowcount
        # Deliveries explicitly, so erasure does not depend on the database enforcing ON DELETE CASCADE.
        connection.execute(delete(handoff_deliveries).where(handoff_deliveries.c.handoff_id.in_(session_handoffs)))
        erased_handoffs = connection.execute(delete(handoffs).where(handoffs.c.session_id == session_id)).rowcount
        connection.execute(delete(unanswered_questions).where(or_(
            unanswered_questions.c.session_id == session_id, unanswered_questions.c.message_id.in_(session_messages))))
        erased_turns = connection.execute(delete(turns).where(turns.c.session_id == session_id)).rowcount
    return ErasureReport(int(erased_handoffs), int(erased_feedback), int(erased_turns))

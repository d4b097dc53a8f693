"""/api/admin/* for maintainers (bearer token, see api/auth.py): hand-offs, feedback, erasure of a session."""

from __future__ import annotations

import logging
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query

from api.app_data_dependency import app_data
from api.app_data_schemas import (
    DeliveryOut,
    FeedbackList,
    FeedbackOut,
    HandoffContactOut,
    HandoffList,
    HandoffOut,
    SessionErased,
)
from api.app_data_services import AppDataServices
from api.appdata.handoff_store import HandoffWithDelivery
from api.auth import require_admin
from api.dependencies import components
from api.schemas import SESSION_ID_PATTERN
from assistant.components import AssistantComponents

logger = logging.getLogger("nrwa.admin")

router = APIRouter(
    prefix="/api/admin", tags=["admin"], dependencies=[Depends(require_admin)],
    responses={401: {"description": "Missing or wrong bearer token",
                     "headers": {"WWW-Authenticate": {"schema": {"type": "string"}}}},
               404: {"description": "Admin API not enabled (no NRWA_ADMIN_TOKEN)"}},
)

Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Services = Annotated[AppDataServices, Depends(app_data)]


@router.get("/handoffs", response_model=HandoffList)
def list_handoffs(services: Services, limit: Limit = 100, offset: Offset = 0,
                  state: Literal["pending", "delivered", "failed"] | None = None,
                  partner_id: Annotated[str | None, Query(max_length=100)] = None,
                  include_personal_data: bool = False) -> HandoffList:
    """Newest first, with the delivery state. Contact details and messages only when asked for."""
    rows, total = services.handoffs.page(limit, offset, state, partner_id)
    if include_personal_data:
        logger.info("admin read personal data of %d hand-offs", len(rows))  # an audit trail, without the data
    return HandoffList(handoffs=[_handoff_out(r, include_personal_data) for r in rows], total=total, limit=limit,
                       offset=offset)


@router.get("/feedback", response_model=FeedbackList)
def list_feedback(services: Services, limit: Limit = 100, offset: Offset = 0,
                  rating: Literal["up", "down"] | None = None) -> FeedbackList:
    rows, total = services.feedback.page(limit, offset, rating)
    items = [FeedbackOut(id=r.id, message_id=r.message_id, rating=r.rating, comment=r.comment, sources=r.sources,
                         programmes=r.programmes, confidence=r.confidence, created_at=r.created_at) for r in rows]
    return FeedbackList(feedback=items, total=total, limit=limit, offset=offset)


@router.delete("/sessions/{session_id}", response_model=SessionErased)
def erase_session(session_id: Annotated[str, Path(pattern=SESSION_ID_PATTERN)], services: Services,
                  deps: Annotated[AssistantComponents, Depends(components)]) -> SessionErased:
    """Everything of one session: the conversation in memory, its turns, feedback and hand-offs."""
    conversation = deps.sessions.delete(session_id)
    report = services.erase_session(session_id)
    logger.info("erased session: conversation=%s turns=%d feedback=%d handoffs=%d", conversation, report.turns,
                report.feedback, report.handoffs)
    return SessionErased(session_id=session_id, conversation=conversation, turns=report.turns,
                         feedback=report.feedback, handoffs=report.handoffs)


def _handoff_out(row: HandoffWithDelivery, include_personal_data: bool) -> HandoffOut:
    h, d = row.handoff, row.delivery
    contact = None
    if include_personal_data and h.contact is not None:
        c = h.contact
        contact = HandoffContactOut(name=c.name, email=c.email, company=c.company, phone=c.phone, message=c.message)
    return HandoffOut(
        id=h.id, reference=h.reference, session_id=h.session_id, partner_id=h.partner_id,
        partner_name=h.partner_name, created_at=h.created_at, consent_at=h.consent_at,
        personal_data_deleted=h.personal_data_deleted_at is not None, contact=contact,
        delivery=DeliveryOut(state=d.state, attempts=d.attempts, channel=d.channel, target=d.target,
                             last_error=d.last_error, next_attempt_at=d.next_attempt_at,
                             delivered_at=d.delivered_at, updated_at=d.updated_at),
    )

"""Hand-offs (a company's request to be contacted by a partner) and their delivery state.

State machine of a delivery: pending → delivered, or pending → (retries) → failed. A worker claims a due delivery
with a short lease first, so several API workers never send the same hand-off twice at the same time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, and_, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from api.appdata.tables import handoff_deliveries, handoffs

PENDING = "pending"
DELIVERED = "delivered"
FAILED = "failed"
DELIVERY_STATES = (PENDING, DELIVERED, FAILED)
_ERROR_LIMIT = 500


class DuplicateReference(Exception):
    """The generated reference exists already; the caller draws a new one."""


@dataclass(frozen=True)
class HandoffContact:
    name: str
    email: str
    company: str | None
    phone: str | None
    message: str


@dataclass(frozen=True)
class Handoff:
    id: str
    reference: str
    session_id: str | None
    partner_id: str
    partner_name: str
    created_at: datetime
    consent_at: datetime
    contact: HandoffContact | None  # None once the retention purge has deleted the personal data
    personal_data_deleted_at: datetime | None


@dataclass(frozen=True)
class Delivery:
    id: int
    state: str
    attempts: int
    channel: str | None
    target: str | None
    last_error: str | None
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    updated_at: datetime


@dataclass(frozen=True)
class HandoffWithDelivery:
    handoff: Handoff
    delivery: Delivery


class HandoffStore:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    # --- writing ---------------------------------------------------------------------------------
    def create(self, handoff_id: str, reference: str, session_id: str | None, partner_id: str, partner_name: str,
               contact: HandoffContact, now: datetime) -> Handoff:
        """Store the hand-off and a pending delivery, due at once. Raises DuplicateReference."""
        try:
            with self._engine.begin() as connection:
                connection.execute(insert(handoffs).values(
                    id=handoff_id, reference=reference, session_id=session_id, partner_id=partner_id,
                    partner_name=partner_name, created_at=now, consent_at=now, name=contact.name,
                    email=contact.email, company=contact.company, phone=contact.phone, message=contact.message,
                ))
                connection.execute(insert(handoff_deliveries).values(
                    handoff_id=handoff_id, state=PENDING, attempts=0, next_attempt_at=now, updated_at=now,
                ))
        except IntegrityError as exc:
            raise DuplicateReference(reference) from exc
        return Handoff(handoff_id, reference, session_id, partner_id, partner_name, now, now, contact, None)

    def claim_due(self, now: datetime, lease: timedelta, limit: int = 20,
                  ignore_schedule: bool = False) -> list[HandoffWithDelivery]:
        """Pending deliveries whose time has come (all pending ones with ignore_schedule), leased to the caller."""
        free = or_(handoff_deliveries.c.lease_until.is_(None), handoff_deliveries.c.lease_until < now)
        due = and_(handoff_deliveries.c.state == PENDING, free)
        if not ignore_schedule:
            due = and_(due, handoff_deliveries.c.next_attempt_at <= now)
        with self._engine.connect() as connection:
            ids = connection.execute(select(handoff_deliveries.c.id).where(due)
                                     .order_by(handoff_deliveries.c.next_attempt_at).limit(limit)).scalars().all()
        claimed: list[int] = []
        for delivery_id in ids:
            with self._engine.begin() as connection:
                result = connection.execute(update(handoff_deliveries)
                                            .where(handoff_deliveries.c.id == delivery_id, due)
                                            .values(lease_until=now + lease))
                if result.rowcount == 1:
                    claimed.append(delivery_id)
        return self._by_delivery_ids(claimed)

    def mark_delivered(self, delivery_id: int, channel: str, target: str, now: datetime,
                       note: str | None = None) -> None:
        self._finish_attempt(delivery_id, now, state=DELIVERED, channel=channel, target=target,
                             last_error=note[:_ERROR_LIMIT] if note else None, next_attempt_at=None, delivered_at=now)

    def mark_failed_attempt(self, delivery_id: int, channel: str | None, target: str | None, error: str,
                            next_attempt_at: datetime | None, now: datetime) -> None:
        """A failed attempt: retried at next_attempt_at, or failed for good when that is None."""
        self._finish_attempt(delivery_id, now, state=PENDING if next_attempt_at else FAILED, channel=channel,
                             target=target, last_error=error[:_ERROR_LIMIT], next_attempt_at=next_attempt_at)

    def requeue_failed(self, now: datetime) -> int:
        """Give failed deliveries a fresh set of attempts (after a partner fixed their mailbox, say)."""
        still_personal = select(handoffs.c.id).where(handoffs.c.personal_data_deleted_at.is_(None))
        with self._engine.begin() as connection:
            result = connection.execute(
                update(handoff_deliveries)
                .where(handoff_deliveries.c.state == FAILED, handoff_deliveries.c.handoff_id.in_(still_personal))
                .values(state=PENDING, attempts=0, next_attempt_at=now, lease_until=None, updated_at=now))
        return int(result.rowcount)

    def _finish_attempt(self, delivery_id: int, now: datetime, **values: Any) -> None:
        with self._engine.begin() as connection:
            connection.execute(update(handoff_deliveries).where(handoff_deliveries.c.id == delivery_id).values(
                attempts=handoff_deliveries.c.attempts + 1, lease_until=None, updated_at=now, **values))

    # --- reading ---------------------------------------------------------------------------------
    def get(self, handoff_id: str) -> HandoffWithDelivery | None:
        rows = self._select(handoffs.c.id == handoff_id)
        return rows[0] if rows else None

    def page(self, limit: int = 100, offset: int = 0, state: str | None = None,
             partner_id: str | None = None) -> tuple[list[HandoffWithDelivery], int]:
        """Newest first, and the total count for paging."""
        conditions = []
        if state is not None:
            conditions.append(handoff_deliveries.c.state == state)
        if partner_id is not None:
            conditions.append(handoffs.c.partner_id == partner_id)
        joined = handoffs.join(handoff_deliveries, handoff_deliveries.c.handoff_id == handoffs.c.id)
        with self._engine.connect() as connection:
            total = connection.execute(select(func.count()).select_from(joined).where(*conditions)).scalar_one()
        rows = self._select(*conditions, limit=limit, offset=offset)
        return rows, int(total)

    def _by_delivery_ids(self, delivery_ids: list[int]) -> list[HandoffWithDelivery]:
        return self._select(handoff_deliveries.c.id.in_(delivery_ids)) if delivery_ids else []

    def _select(self, *conditions: Any, limit: int | None = None, offset: int = 0) -> list[HandoffWithDelivery]:
        d = handoff_deliveries
        query = (select(handoffs, d.c.id.label("delivery_id"), d.c.state, d.c.attempts, d.c.channel, d.c.target,
                        d.c.last_error, d.c.next_attempt_at, d.c.delivered_at, d.c.updated_at)
                 .join(d, d.c.handoff_id == handoffs.c.id).where(*conditions)
                 .order_by(handoffs.c.created_at.desc(), handoffs.c.id).offset(offset))
        if limit is not None:
            query = query.limit(limit)
        with self._engine.connect() as connection:
            return [_to_record(row) for row in connection.execute(query).mappings()]


def _to_record(row: Any) -> HandoffWithDelivery:
    contact = None
    if row["personal_data_deleted_at"] is None:
        contact = HandoffContact(row["name"], row["email"], row["company"], row["phone"], row["message"])
    handoff = Handoff(row["id"], row["reference"], row["session_id"], row["partner_id"], row["partner_name"],
                      row["created_at"], row["consent_at"], contact, row["personal_data_deleted_at"])
    delivery = Delivery(row["delivery_id"], row["state"], row["attempts"], row["channel"], row["target"],
                        row["last_error"], row["next_attempt_at"], row["delivered_at"], row["updated_at"])
    return HandoffWithDelivery(handoff, delivery)

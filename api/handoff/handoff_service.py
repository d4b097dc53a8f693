"""Accepting a hand-off: check the partner and that it can be delivered, store it, wake the delivery worker.

Consent and field validation happen in the request schema; nothing reaches this service without consent.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import datetime

from api.appdata.clock import utc_now
from api.appdata.handoff_store import DuplicateReference, Handoff, HandoffContact, HandoffStore
from api.handoff.channels import HandoffChannels
from api.handoff.reference import new_reference

_REFERENCE_TRIES = 5


class UnknownPartner(Exception):
    pass


class HandoffUnavailable(Exception):
    """This deployment has no channel to deliver hand-offs for the partner."""


class HandoffService:
    def __init__(self, store: HandoffStore, partners: Mapping[str, str], channels: HandoffChannels | None,
                 wake_delivery: Callable[[], None]) -> None:
        """`partners`: id → name of the partners that accept hand-offs (PartnerEntries.names())."""
        self._store = store
        self._partners = partners
        self._channels = channels
        self._wake = wake_delivery

    def submit(self, session_id: str | None, partner_id: str, contact: HandoffContact,
               now: datetime | None = None) -> Handoff:
        partner_name = self._partners.get(partner_id)
        if partner_name is None:
            raise UnknownPartner(partner_id)
        # Refuse what cannot be delivered instead of promising the user a contact that never happens.
        if self._channels is None or self._channels.for_partner(partner_id) is None:
            raise HandoffUnavailable(partner_id)
        now = now or utc_now()
        for _ in range(_REFERENCE_TRIES):
            try:
                handoff = self._store.create(uuid.uuid4().hex, new_reference(now), session_id, partner_id,
                                             partner_name, contact, now)
                break
            except DuplicateReference:
                continue
        else:
            raise RuntimeError("could not draw a unique hand-off reference")
        self._wake()
        return handoff

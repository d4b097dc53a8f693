"""The JSON a partner's webhook receives for a hand-off (field names are a contract with partner systems)."""

from __future__ import annotations

from typing import Any

from api.appdata.handoff_store import Handoff, HandoffContact

EVENT = "handoff.created"


def handoff_payload(handoff: Handoff, contact: HandoffContact) -> dict[str, Any]:
    return {
        "event": EVENT,
        "id": handoff.id,
        "reference": handoff.reference,
        "created_at": handoff.created_at.isoformat(),
        "consent_at": handoff.consent_at.isoformat(),
        "partner": {"id": handoff.partner_id, "name": handoff.partner_name},
        "contact": {"name": contact.name, "email": contact.email, "company": contact.company,
                    "phone": contact.phone},
        "message": contact.message,
        "source": "NRW-Innovationsassistent",
    }

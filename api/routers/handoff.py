"""POST /api/handoff — with the user's consent, pass their request on to a partner (delivered in the background)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException

from api.app_data_dependency import app_data
from api.app_data_schemas import HandoffCreated, HandoffRequest
from api.app_data_services import AppDataServices
from api.appdata.handoff_store import HandoffContact
from api.handoff.handoff_service import HandoffUnavailable, UnknownPartner

router = APIRouter(tags=["handoff"])


@router.post("/api/handoff", status_code=201, response_model=HandoffCreated,
             responses={404: {"description": "No partner with this partner_id"},
                        503: {"description": "Hand-offs to this partner are not set up in this deployment"}})
def post_handoff(body: HandoffRequest, services: Annotated[AppDataServices, Depends(app_data)]) -> HandoffCreated:
    contact = HandoffContact(name=body.name, email=body.email, company=body.company, phone=body.phone,
                             message=body.message)
    try:
        handoff = services.handoff_service.submit(body.session_id, body.partner_id, contact)
    except UnknownPartner:
        raise HTTPException(404, "partner_id: no partner with this id") from None
    except HandoffUnavailable:
        raise HTTPException(503, "hand-offs to this partner are not available in this deployment") from None
    return HandoffCreated(id=handoff.id, reference=handoff.reference)

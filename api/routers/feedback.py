"""POST /api/feedback — thumbs up/down on one answer, stored with the sources and confidence it rested on."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException

from api.app_data_dependency import app_data
from api.app_data_schemas import FeedbackCreated, FeedbackRequest
from api.app_data_services import AppDataServices
from api.insights.person_name_masking import mask_person_names
from assistant.conversation.personal_data_masking import mask_personal_data

router = APIRouter(tags=["feedback"])


@router.post("/api/feedback", status_code=201, response_model=FeedbackCreated,
             responses={404: {"description": "No answer with this message_id (unknown, or erased)"}})
def post_feedback(body: FeedbackRequest, services: Annotated[AppDataServices, Depends(app_data)]) -> FeedbackCreated:
    turn = services.turns.get(body.message_id)
    if turn is None:
        raise HTTPException(404, "no answer with this message_id")
    comment = mask_person_names(mask_personal_data(body.comment)) if body.comment else None
    created = FeedbackCreated(id=services.feedback.add(turn, body.rating, comment))
    services.questions.rated(turn, body.rating)  # a thumbs down puts the question on the unanswered report
    return created

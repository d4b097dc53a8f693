"""Request and response bodies of POST /api/feedback, POST /api/handoff and /api/admin/* (ARCHITECTURE.md §4).

Every text field has a length limit and refuses control characters (single-line fields also line breaks, which
would otherwise reach e-mail headers and partner systems).
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints, field_validator

from api.handoff.email_address import MAX_EMAIL_LENGTH, normalize_email
from api.schemas import SESSION_ID_PATTERN, Strict

MESSAGE_ID_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"
PARTNER_ID_PATTERN = r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$"
_ONE_LINE = r"^[^\x00-\x1f\x7f]*$"
_MULTI_LINE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"  # tab, line feed and carriage return allowed
MAX_COMMENT = 1000
MAX_HANDOFF_MESSAGE = 4000


# A name or company: one line, trimmed, 1–200 characters.
ShortLine = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200, pattern=_ONE_LINE)]


def _empty_to_none(value: Any) -> Any:
    return None if isinstance(value, str) and not value.strip() else value


# --- feedback ------------------------------------------------------------------------------------
class FeedbackRequest(Strict):
    message_id: str = Field(pattern=MESSAGE_ID_PATTERN, description="message_id of the rated /api/chat reply")
    rating: Literal["up", "down"]
    comment: str | None = Field(None, max_length=MAX_COMMENT, pattern=_MULTI_LINE,
                                description="Optional; e-mail addresses and phone numbers are masked before storing")

    _blank_comment = field_validator("comment", mode="before")(_empty_to_none)


class FeedbackCreated(BaseModel):
    id: str


# --- hand-off ------------------------------------------------------------------------------------
class HandoffRequest(Strict):
    session_id: str | None = Field(None, pattern=SESSION_ID_PATTERN,
                                   description="The chat session; lets an admin erase the hand-off with the session")
    partner_id: str = Field(min_length=1, max_length=100, pattern=PARTNER_ID_PATTERN)
    name: ShortLine
    email: str = Field(min_length=3, max_length=MAX_EMAIL_LENGTH, json_schema_extra={"format": "email"})
    company: ShortLine | None = None
    phone: str | None = Field(None, max_length=40, pattern=r"^\+?[0-9 ()/.\-]{5,40}$")
    message: str = Field(min_length=1, max_length=MAX_HANDOFF_MESSAGE, pattern=_MULTI_LINE)
    consent: bool = Field(json_schema_extra={"const": True},
                          description="Must be true: the user agrees that the partner receives these details")

    _blank_optional = field_validator("company", "phone", mode="before")(_empty_to_none)

    @field_validator("consent", mode="before")
    @classmethod
    def _consent_given(cls, value: Any) -> Any:
        if value is not True:
            raise ValueError("consent must be true: a partner may only be contacted with the user's consent")
        return value

    @field_validator("email")
    @classmethod
    def _valid_email(cls, value: str) -> str:
        normalized = normalize_email(value)
        if normalized is None:
            raise ValueError("not a valid e-mail address")
        return normalized

    @field_validator("phone")
    @classmethod
    def _enough_digits(cls, value: str | None) -> str | None:
        if value is not None and sum(ch.isdigit() for ch in value) < 5:
            raise ValueError("a phone number needs at least 5 digits")
        return value.strip() if value else value

    @field_validator("message")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("message must not be blank")
        return value.strip()


class HandoffCreated(BaseModel):
    id: str
    reference: str = Field(description="Quote this when the partner calls back, e.g. NRW-2026-K7M4QX")


# --- admin ---------------------------------------------------------------------------------------
class DeliveryOut(BaseModel):
    state: Literal["pending", "delivered", "failed"]
    attempts: int
    channel: str | None
    target: str | None
    last_error: str | None
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    updated_at: datetime


class HandoffContactOut(BaseModel):
    name: str
    email: str
    company: str | None
    phone: str | None
    message: str


class HandoffOut(BaseModel):
    id: str
    reference: str
    session_id: str | None
    partner_id: str
    partner_name: str
    created_at: datetime
    consent_at: datetime
    personal_data_deleted: bool
    delivery: DeliveryOut
    contact: HandoffContactOut | None = Field(
        None, description="Only with include_personal_data=true, and only until the retention purge")


class HandoffList(BaseModel):
    handoffs: list[HandoffOut]
    total: int
    limit: int
    offset: int


class FeedbackOut(BaseModel):
    id: str
    message_id: str
    rating: Literal["up", "down"]
    comment: str | None
    sources: list[str]
    programmes: list[str]
    confidence: float | None
    created_at: datetime


class FeedbackList(BaseModel):
    feedback: list[FeedbackOut]
    total: int
    limit: int
    offset: int


class SessionErased(BaseModel):
    session_id: str
    conversation: bool = Field(description="Whether a conversation was still held in memory")
    turns: int
    feedback: int
    handoffs: int

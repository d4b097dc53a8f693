"""Request and response bodies of the HTTP contract (ARCHITECTURE.md §4). Library types stay out of here."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SESSION_ID_PATTERN = r"^[A-Za-z0-9_-]{8,64}$"
# Text typed by a person: no NUL or other control characters (tab and line breaks are fine).
TEXT_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ChatRequest(Strict):
    message: str = Field(min_length=1, max_length=4000, pattern=TEXT_PATTERN)
    session_id: str | None = Field(None, pattern=SESSION_ID_PATTERN)
    locale: Literal["de", "en"] | None = None
    partner: str | None = Field(None, max_length=100, pattern=r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$",
                                description="Id of the partner whose website embeds the widget (its region first)")

    @field_validator("message")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("message must contain text, not only spaces")
        return value


class CitationOut(BaseModel):
    id: int
    title: str
    url: str
    page: int | None
    snippet: str
    as_of: str | None
    attribution: str | None = Field(None, description="Attribution the source's licence requires, to show with the "
                                    "source (Förderdatenbank texts: CC BY-ND 4.0)")


class ProgramOut(BaseModel):
    id: str
    name: str
    provider: str
    level: str
    funding_type: str
    status: Literal["open", "closed", "unknown"]
    url: str
    as_of: str | None = None
    status_note: str | None = None


class PartnerOut(BaseModel):
    id: str
    name: str
    type: str
    reason: str
    url: str
    email: str | None = None
    phone: str | None = None


class LocationOut(BaseModel):
    gemeinde: str | None = None
    kreis: str | None = None
    regierungsbezirk: str | None = None


class ChatResponse(BaseModel):
    session_id: str
    message_id: str
    answer: str
    citations: list[CitationOut]
    programs: list[ProgramOut]
    partners: list[PartnerOut]
    location: LocationOut | None
    clarify: list[str]


class SearchResult(BaseModel):
    chunk_id: str
    doc_id: str
    title: str
    url: str
    page: int | None
    text: str
    score: float
    metadata: dict[str, str | int | float | bool | list[str] | None]


class SearchResponse(BaseModel):
    results: list[SearchResult]


class Problem(BaseModel):
    type: str = "about:blank"
    title: str
    status: int
    detail: str


class Health(BaseModel):
    status: Literal["ok"]


class Readiness(BaseModel):
    status: Literal["ready", "not_ready"]
    generation: str | None = None
    documents: int = 0
    chunks: int = 0

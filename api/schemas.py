"""Request and response bodies of the HTTP contract (ARCHITECTURE.md §4). Library types stay out of here."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from indexer.catalog import ProgrammeStatusValue

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
    as_of: str | None = Field(description="The source's own date at its precision (YYYY-MM-DD, YYYY-MM, YYYY); "
                              "null when the source carries no date")
    checked_on: str | None = Field(None, description="Undated source: the day it was read (never its 'Stand')")
    stale: bool = Field(False, description="The source is older than the staleness limit: check with the provider")
    as_of_label: str = Field("", description="How to show the date: 'Stand 07.01.2026', 'Stand 02/2024 – bitte "
                             "beim Anbieter prüfen', 'Quelle ohne Datum, gesichtet am 07.12.2026'")
    attribution: str | None = Field(None, description="Attribution the source's licence requires, to show with the "
                                    "source (Förderdatenbank texts: CC BY-ND 4.0)")


class ProgramOut(BaseModel):
    id: str
    name: str
    provider: str
    level: str
    funding_type: str
    status: ProgrammeStatusValue
    url: str
    as_of: str | None = None
    status_note: str | None = None
    status_text: str = Field("", description="The status as it reads today: 'offen', 'nur noch bis 31.12.2026', "
                             "'beendet am 31.12.2026'")
    ends_on: str | None = Field(None, description="Last day applications are possible, when known and ahead")
    ending_soon: bool = Field(False, description="ends_on lies within the next 45 days")
    stale: bool = Field(False, description="The newest source is older than 12 months: check with the provider")
    checked_on: str | None = Field(None, description="Undated sources: the day they were read")


class PartnerOut(BaseModel):
    id: str
    name: str
    type: str
    reason: str
    url: str | None = Field(description="The partner's official website, or null when none is attested")
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
    kind: str = Field("programmes", description="What kind of answer this is: programmes, procedure, documents, "
                      "eligibility, combination, comparison, ended, orientation, loan_vs_grant, amount, deadline, "
                      "partner, events, small_talk, out_of_scope")
    notice: str | None = Field(None, description="The AI notice when this answer opens with it (the first of a "
                               "conversation); a client that shows its own notice can leave that paragraph out")


class SearchDuplicate(BaseModel):
    """Where else a result's text (nearly) stands: another URL, or an overlapping chunk of the same document."""

    chunk_id: str
    doc_id: str
    title: str
    url: str
    page: int | None
    section: str | None = None
    as_of: str | None = None
    score: float


class SearchResult(BaseModel):
    chunk_id: str
    doc_id: str
    title: str
    url: str
    page: int | None
    text: str
    score: float
    metadata: dict[str, str | int | float | bool | list[str] | None]
    duplicates: list[SearchDuplicate] = Field(
        default_factory=list, description="Lower-ranked hits with (nearly) the same text, folded into this one: at "
        "least 80 % of their word 3-grams occur here (api/near_duplicate_hits.py)")


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

"""What an answerer returns: Markdown with [n] citations, the cited sources, and the cards shown beside it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Citation:
    id: int
    title: str
    url: str
    page: int | None
    snippet: str
    as_of: str | None  # the source's own date, at its precision; None = the source carries no date
    doc_id: str
    chunk_id: str
    checked_on: str | None = None  # an undated source: when it was read ("Quelle ohne Datum, gesichtet am …")
    stale: bool = False  # the source is older than the staleness limit: check with the provider
    attribution: str | None = None  # the licence's attribution line, for sources that require one (Förderdatenbank)


@dataclass(frozen=True)
class ProgramCard:
    id: str
    name: str
    provider: str
    level: str
    funding_type: str
    status: str
    url: str
    as_of: str | None = None
    status_note: str | None = None
    status_text: str = ""  # the status as it reads today: "nur noch bis 31.12.2026", "beendet am 31.12.2026"
    ends_on: str | None = None
    ending_soon: bool = False
    stale: bool = False
    checked_on: str | None = None


@dataclass(frozen=True)
class PartnerCard:
    id: str
    name: str
    type: str
    reason: str
    url: str | None  # the partner's official website; None when no official site is attested
    email: str | None = None
    phone: str | None = None


@dataclass
class Answer:
    text: str
    citations: list[Citation] = field(default_factory=list)
    programs: list[ProgramCard] = field(default_factory=list)
    partners: list[PartnerCard] = field(default_factory=list)
    clarify: list[str] = field(default_factory=list)
    confident: bool = True
    answered_by: str = "extractive"  # extractive | llm
    fallback_reason: str | None = None  # why an LLM answer was replaced by the extractive one
    lead: str = ""  # the direct answer: the first paragraph after the notices
    notes: tuple[str, ...] = ()  # the standing advice given ("caveat", "hausbank"): said once per conversation

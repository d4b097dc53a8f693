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
    as_of: str | None
    doc_id: str
    chunk_id: str
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


@dataclass(frozen=True)
class PartnerCard:
    id: str
    name: str
    type: str
    reason: str
    url: str
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

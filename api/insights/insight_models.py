"""What the statistics and the unanswered-question report return: the admin API's response bodies and the
`nrw-assistant report --json` output. Labels are German (the admin page is)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field


class Period(BaseModel):
    first_day: date
    last_day: date
    days: int
    timezone: str = Field(description="Days are calendar days in this time zone")


class CountItem(BaseModel):
    key: str = Field(description="Id or name as stored (topic slug, Kreis, programme id …); empty = not stated")
    label: str
    count: int


class SeriesPoint(BaseModel):
    period: str = Field(description="The day (2026-06-15) or the ISO week (2026-W24)")
    first_day: date
    questions: int
    unanswered: int
    rated_up: int
    rated_down: int
    handoffs: int
    average_latency_ms: float | None


class LatencySummary(BaseModel):
    answers: int
    average_ms: float | None
    p50_ms: float | None = Field(description="Upper bound of the latency class holding the median")
    p95_ms: float | None = Field(description="Upper bound of the latency class holding the 95th percentile")
    classes: list[CountItem]


class HandoffsByPartner(BaseModel):
    partner_id: str
    partner_name: str
    total: int
    pending: int
    delivered: int
    failed: int


class Totals(BaseModel):
    questions: int
    unanswered: int
    weak: int
    declined: int
    rated_up: int
    rated_down: int
    handoffs: int


class Statistics(BaseModel):
    period: Period
    totals: Totals
    per_day: list[SeriesPoint]
    per_week: list[SeriesPoint]
    topics: list[CountItem]
    kreise: list[CountItem]
    regierungsbezirke: list[CountItem]
    sectors: list[CountItem]
    programmes: list[CountItem] = Field(description="Programmes recommended in answers")
    partners: list[CountItem] = Field(description="Partners recommended in answers")
    handoffs: list[HandoffsByPartner]
    latency: LatencySummary


class UnansweredExample(BaseModel):
    asked_at: datetime
    question: str | None = Field(description="E-mail addresses, phone numbers and names masked; None if not known")
    kreis: str | None
    reasons: list[Literal["weak", "declined", "rated_down"]]


class UnansweredGroup(BaseModel):
    summary: str = Field(description='e.g. "12 Fragen zu Photovoltaik (Energie), überwiegend Handwerk: keine '
                                     'passende Quelle"')
    count: int
    keywords: list[str]
    topic: str | None
    topic_label: str | None
    sector_label: str | None = Field(description="The trade most of the group's questions came from, if any")
    weak: int
    declined: int
    rated_down: int
    kreise: list[CountItem]
    first_asked: datetime
    last_asked: datetime
    examples: list[UnansweredExample] = Field(description="The group's newest questions (the API lists five)")


class UnansweredReport(BaseModel):
    period: Period
    total: int
    groups: list[UnansweredGroup]

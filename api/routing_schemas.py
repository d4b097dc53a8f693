"""Response bodies of GET /api/locations/resolve and GET /api/partners (ARCHITECTURE.md §4)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

Level = Literal["gemeinde", "ortsteil", "kreis", "regierungsbezirk", "region", "plz"]


class LocationCandidateOut(BaseModel):
    label: str = Field(description="As shown to the user, e.g. 'Ratingen (Kreis Mettmann)'")
    level: Level
    gemeinde: str | None = None
    ags: str | None = None
    kreis: str | None = None
    kreis_ags: str | None = None
    regierungsbezirk: str | None = None
    region: str | None = None


class LocationOut(BaseModel):
    """A place in NRW. `ambiguous` lists the options when the input fits several (a PLZ of two Gemeinden). When
    all of them have the same chambers and regional agency the status is still "resolved" (no question): the
    fields describe the common Kreis or the first option, `label` names them all."""

    status: Literal["resolved", "ambiguous"]
    level: Level | None = None
    ags: str | None = Field(None, description="Gemeinde key, 8 digits")
    gemeinde: str | None = None
    kreis: str | None = None
    kreis_ags: str | None = Field(None, description="Kreis key, 5 digits")
    kreis_label: str | None = None
    regierungsbezirk: str | None = None
    regions: list[str] = Field(default_factory=list, description="regionen.NRW regions (Kreis Wesel is in two)")
    ortsteil: str | None = None
    plz: str | None = None
    ambiguous: list[LocationCandidateOut] = Field(default_factory=list)
    question: str | None = Field(None, description="German clarifying question for an ambiguous input")
    fuzzy: bool = Field(False, description="Matched despite a typo: worth confirming")
    label: str | None = None


class PartnerOut(BaseModel):
    id: str
    name: str
    type: Literal["ihk", "hwk", "regional_agency", "statewide"]
    reason: str = Field(description="Why this partner fits, in German")
    url: str = Field(description="Contact page")
    email: str | None = None
    phone: str | None = None
    local: bool = Field(description="Responsible for the place (chamber, regional agency), not a statewide body")
    region: str | None = None
    topics: list[str] = Field(default_factory=list)
    verified: bool = Field(description="False when the research marked the entry 'to verify'")
    source_url: str
    as_of: str


class PartnerList(BaseModel):
    location: LocationOut | None = Field(None, description="The resolved place; null without `location`")
    partners: list[PartnerOut]
    clarify: list[str] = Field(default_factory=list, description="What to ask to name the responsible chambers")

"""Response bodies of GET /api/locations/resolve and GET /api/partners (ARCHITECTURE.md §4)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from assistant.routing.location_result import LocationLevel, ResolvedLocationStatus
from indexer.partner_catalogue import PartnerType


class LocationCandidateOut(BaseModel):
    label: str = Field(description="As shown to the user, e.g. 'Ratingen (Kreis Mettmann)'")
    level: LocationLevel
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

    status: ResolvedLocationStatus
    level: LocationLevel | None = None
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


class SourceOut(BaseModel):
    url: str = Field(description="A further page that supports the entry (press article, member list): a citation")
    as_of: str | None = Field(None, description="The page's date; null when it shows none")


class PartnerOut(BaseModel):
    id: str
    name: str
    type: PartnerType
    reason: str = Field(description="Why this partner fits, in German")
    url: str | None = Field(description="The partner's official website (home page); null when none is attested. "
                                        "Never a press article: those are sources")
    email: str | None = None
    phone: str | None = None
    local: bool = Field(description="Responsible for the place (chamber, Wirtschaftsförderung, regional agency), "
                                    "not a statewide body")
    specialist: bool = Field(False, description="The statewide body that specialises in the topic asked about")
    region: str | None = None
    topics: list[str] = Field(default_factory=list)
    verified: bool = Field(description="False when the research marked the entry 'to verify' or found no website")
    official_domain: str | None = Field(None, description="The domain `url` belongs to (host, or host/path on a "
                                                          "shared host such as ihk.de/aachen)")
    source_url: str = Field(description="The main source of the entry's facts")
    as_of: str | None = Field(description="Date of source_url; null when the source is undated (see checked_on)")
    checked_on: str | None = Field(None, description="When an undated source was looked at")
    sources: list[SourceOut] = Field(default_factory=list)
    uncertain: list[str] = Field(default_factory=list, description="What the sources leave open (German)")


class FiltersOut(BaseModel):
    """How `topic` and `sector` were understood (what a person typed, read through the chat's vocabulary)."""

    topic: str | None = None
    sector: str | None = None


class PartnerList(BaseModel):
    location: LocationOut | None = Field(None, description="The resolved place; null without `location`")
    filters: FiltersOut = Field(default_factory=FiltersOut, description="The topic and sector understood")
    partners: list[PartnerOut]
    clarify: list[str] = Field(default_factory=list, description="What to ask to name the responsible chambers")

"""Response bodies of GET /api/programs and GET /api/programs/{id} (ARCHITECTURE.md §4): the programme catalog."""

from __future__ import annotations

from pydantic import BaseModel, Field

from indexer.catalog import ProgrammeStatusValue


class ProgramDetail(BaseModel):
    """The chat's programme card (id … url, as_of, status_note) plus the catalog facts advisors compare."""

    id: str
    name: str
    provider: str
    level: str
    funding_type: str
    status: ProgrammeStatusValue
    url: str = Field(description="The official page the facts come from")
    as_of: str | None = Field(description="Date of the newest source fact, at the precision the source gives "
                              "(YYYY-MM-DD, YYYY-MM or YYYY); null when the sources carry no date (see checked_on)")
    status_note: str | None = None
    aliases: list[str] = Field(default_factory=list)
    target_groups: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    region: str | None = None
    amount: str | None = None
    ended_on: str | None = None
    successor: str | None = Field(None, description="Id of the programme that replaces a closed one")
    successor_name: str | None = Field(None, description="Its name, when the catalog has it")
    uncertain: list[str] = Field(default_factory=list, description="Facts to check on the official page first")
    checked_on: str | None = Field(None, description="For undated sources: the day they were read (never a 'Stand')")
    stale: bool = Field(False, description="The newest source is older than the staleness limit (12 months): "
                        "check with the provider")
    curated_status: ProgrammeStatusValue | None = Field(
        None, description="What the catalog's newest source said; `status` is computed from it, the dates below "
        "and today's date")
    valid_until: str | None = Field(None, description="Last day of the guideline or application period (source)")
    ends_on: str | None = Field(None, description="Last day applications are possible, when known and still ahead")
    ending_soon: bool = Field(False, description="ends_on lies within the next 45 days")
    next_deadline: str | None = Field(None, description="The next cut-off day, today or later")
    opens_on: str | None = Field(None, description="Between application windows: when the next one opens")
    eligibility: list[str] = Field(default_factory=list, description="Eligibility rules the sources state")
    sources: list[str] = Field(default_factory=list, description="Every source the facts rest on")


class ProgramList(BaseModel):
    programs: list[ProgramDetail]

"""Response bodies of GET /api/programs and GET /api/programs/{id} (ARCHITECTURE.md §4): the programme catalog."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ProgramDetail(BaseModel):
    """The chat's programme card (id … url, as_of, status_note) plus the catalog facts advisors compare."""

    id: str
    name: str
    provider: str
    level: str
    funding_type: str
    status: Literal["open", "closed", "unknown"]
    url: str = Field(description="The official page the facts come from")
    as_of: str | None = Field(description="Date of the newest source fact (YYYY-MM-DD)")
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


class ProgramList(BaseModel):
    programs: list[ProgramDetail]

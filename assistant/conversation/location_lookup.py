"""Where the company sits, as the conversation needs it: resolved to a Gemeinde/Kreis, ambiguous (ask), outside NRW
(say so) or not mentioned. The routing package's LocationResolver does the gazetteer work; this is the seam."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.routing.location_result import LocationStatus


@dataclass(frozen=True)
class LocationFinding:
    status: LocationStatus
    place: dict[str, Any] | None = None  # gemeinde, kreis, kreis_ags, regierungsbezirk, ags
    name: str | None = None  # the place as the user wrote it
    question: str | None = None  # the resolver's clarifying question when ambiguous
    options: tuple[str, ...] = ()
    span: tuple[int, int] | None = None  # where in the message (kept out of search queries)
    extra: dict[str, Any] = field(default_factory=dict)
    # Places the message denies ("nicht Bielefeld", "Bielefeld war falsch"): AGS of Gemeinden or Kreise, or the
    # name of a place outside NRW. A remembered place among them is forgotten.
    excluded: tuple[str, ...] = ()
    other_spans: tuple[tuple[int, int], ...] = ()  # further place words (denied, or one of several): not topics


class LocationLookup(Protocol):
    def find(self, text: str) -> LocationFinding: ...


class NoLocationLookup:
    """Used when no gazetteer is configured: every message is 'no place mentioned'."""

    def find(self, text: str) -> LocationFinding:
        return LocationFinding("not_found")

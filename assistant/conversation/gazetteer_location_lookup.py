"""The conversation's LocationLookup on top of the routing package's LocationResolver (the NRW gazetteer)."""

from __future__ import annotations

import re
from typing import Any

from assistant.conversation.location_lookup import LocationFinding
from assistant.routing.location_resolver import LocationResolver
from assistant.routing.location_result import LocationResult

# The fields of a resolved place the dialogue state keeps (JSON-able, enough to rebuild a LocationResult).
PLACE_FIELDS = ("level", "gemeinde", "ags", "kreis", "kreis_ags", "kreis_label", "regierungsbezirk", "ortsteil",
                "plz", "shared_label")


def place_of(result: LocationResult) -> dict[str, Any]:
    place: dict[str, Any] = {name: getattr(result, name) for name in PLACE_FIELDS}
    place["regions"] = list(result.regions)
    place["label"] = result.label
    return place


def location_result(place: dict[str, Any]) -> LocationResult:
    """The resolver's result for a place remembered in the dialogue state (for partner ranking; several places
    with the same partners keep their shared label, so the partner's reason names them all)."""
    values: dict[str, Any] = {name: place.get(name) for name in PLACE_FIELDS}
    return LocationResult("resolved", regions=tuple(place.get("regions") or ()), **values)


# English names of NRW cities the German gazetteer does not know. Replaced in place, padded to the same length,
# so the positions the resolver reports still point into the user's message.
_EXONYMS = re.compile(r"\b(Cologne|Dusseldorf|Duesseldorf|Aix-la-Chapelle)\b", re.IGNORECASE)
_GERMAN_NAMES = {"cologne": "Köln", "dusseldorf": "Düsseldorf", "duesseldorf": "Düsseldorf",
                 "aix-la-chapelle": "Aachen"}


def _german_names(text: str) -> str:
    return _EXONYMS.sub(lambda m: _GERMAN_NAMES[m.group(0).lower()].ljust(len(m.group(0))), text)


class GazetteerLocationLookup:
    def __init__(self, resolver: LocationResolver) -> None:
        self._resolver = resolver

    def find(self, text: str) -> LocationFinding:
        result = self._resolver.resolve(_german_names(text))
        name = result.matched_text or result.outside_place or result.plz
        more: dict[str, Any] = {"excluded": result.excluded,
                "other_spans": tuple(s for s in result.mention_spans if s != result.span)}
        if result.status == "resolved":
            return LocationFinding("resolved", place_of(result), name, span=result.span,
                                   extra={"fuzzy": result.fuzzy}, **more)
        if result.status == "ambiguous":
            return LocationFinding("ambiguous", None, name, result.question,
                                   tuple(c.label for c in result.candidates), result.span, **more)
        if result.status == "outside_nrw":
            return LocationFinding("outside_nrw", None, result.outside_place or name, span=result.span, **more)
        if result.question:  # a PLZ the gazetteer does not know: ask for the town
            return LocationFinding("ambiguous", None, name, result.question, (), result.span, **more)
        return LocationFinding("not_found", **more)

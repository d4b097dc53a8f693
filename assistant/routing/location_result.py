"""What the location resolver found: a place, several candidates, a place outside NRW, or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

LocationStatus = Literal["resolved", "ambiguous", "outside_nrw", "not_found"]
LocationLevel = Literal["gemeinde", "ortsteil", "kreis", "regierungsbezirk", "region", "plz"]
# What the API answers with; a deliberate subset (outside NRW or not found is a 404 there).
ResolvedLocationStatus = Literal["resolved", "ambiguous"]


@dataclass(frozen=True, slots=True)
class LocationCandidate:
    """One option of an ambiguous result (two Gemeinden of a shared PLZ, two names that fit a typo, ...)."""

    label: str  # as shown to the user: "Ratingen (Kreis Mettmann)"
    level: LocationLevel
    gemeinde: str | None = None
    ags: str | None = None
    kreis: str | None = None
    kreis_ags: str | None = None
    regierungsbezirk: str | None = None
    region: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "level": self.level,
            "gemeinde": self.gemeinde,
            "ags": self.ags,
            "kreis": self.kreis,
            "kreis_ags": self.kreis_ags,
            "regierungsbezirk": self.regierungsbezirk,
            "region": self.region,
        }


@dataclass(frozen=True, slots=True)
class LocationResult:
    status: LocationStatus
    level: LocationLevel | None = None  # how precisely the place was named; None unless resolved
    gemeinde: str | None = None
    ags: str | None = None  # Gemeinde AGS, 8 digits
    kreis: str | None = None  # short Kreis name: "Soest", "Märkischer Kreis", "Bielefeld"
    kreis_ags: str | None = None  # 5 digits
    kreis_label: str | None = None  # "Kreis Soest", "Märkischer Kreis", "kreisfreie Stadt Bielefeld"
    regierungsbezirk: str | None = None
    regions: tuple[str, ...] = ()  # regionen.NRW regions containing the place (Kreis Wesel: two)
    ortsteil: str | None = None
    plz: str | None = None
    candidates: tuple[LocationCandidate, ...] = ()  # for ambiguous
    question: str | None = None  # German clarifying question (ambiguous, or a PLZ not in the gazetteer)
    matched_text: str | None = None  # the words of the message that named the place
    span: tuple[int, int] | None = None  # where matched_text sits in the message
    fuzzy: bool = False  # matched despite a typo: worth confirming with the user
    outside_place: str | None = None  # "Berlin", "Bayern", or the PLZ, for outside_nrw
    bundesland: str | None = None  # the Land of an outside place, when known
    # Several places with the same responsible partners, resolved without a question: "Aachen (Städteregion
    # Aachen) und Düren (Kreis Düren)"; the fields above describe the first of them, `candidates` lists all.
    shared_label: str | None = None
    excluded: tuple[str, ...] = ()  # AGS (or names) of places the text denies: "nicht Bielefeld", "X war falsch"
    institutions: tuple[str, ...] = ()  # names of Hochschulen and institutes whose place was not taken
    mention_spans: tuple[tuple[int, int], ...] = ()  # every place the text names, also denied ones (several only)

    @property
    def resolved(self) -> bool:
        return self.status == "resolved"

    @property
    def label(self) -> str | None:
        """The place as a German phrase: "Herford (Kreis Herford)", "Kreis Soest", "Region Münsterland"."""
        if self.status != "resolved":
            return None
        if self.shared_label:
            return self.shared_label
        if self.gemeinde:
            if self.kreis_label and self.kreis_label.startswith("kreisfreie Stadt"):
                return f"{self.gemeinde} (kreisfreie Stadt)"
            return f"{self.gemeinde} ({self.kreis_label})"
        if self.kreis_label:
            return self.kreis_label
        if self.level == "regierungsbezirk":
            return f"Regierungsbezirk {self.regierungsbezirk}"
        if self.regions:
            return f"Region {self.regions[0]}"
        return None

    def to_dict(self) -> dict[str, Any]:
        """The /api/locations/resolve shape (ags, gemeinde, kreis, kreis_ags, regierungsbezirk, ambiguous),
        plus the details the chat needs."""
        return {
            "status": self.status,
            "level": self.level,
            "ags": self.ags,
            "gemeinde": self.gemeinde,
            "kreis": self.kreis,
            "kreis_ags": self.kreis_ags,
            "kreis_label": self.kreis_label,
            "regierungsbezirk": self.regierungsbezirk,
            "regions": list(self.regions),
            "ortsteil": self.ortsteil,
            "plz": self.plz,
            "ambiguous": [c.to_dict() for c in self.candidates],
            "question": self.question,
            "matched_text": self.matched_text,
            "fuzzy": self.fuzzy,
            "outside_place": self.outside_place,
            "bundesland": self.bundesland,
            "label": self.label,
        }


NOT_FOUND = LocationResult("not_found")

"""Which partners to suggest for a company: the responsible chambers, the local Wirtschaftsförderung and the
regional agency, and the statewide bodies that fit the topic. Deterministic: equal scores are ordered by id.

Rules (from the routing research): local partners before statewide ones, except that the topic's specialist
comes second, right after the responsible chamber, so it is always among the first three; Handwerk ->
Handwerkskammer first, everything else -> IHK first; then the other chamber (while the kind of business is
unknown), the kommunale Wirtschaftsförderung of the Kreis or Stadt (a first contact on site), the regional agency.
EU -> NRW.Europa; loans -> NRW.BANK Service-Center, with the note that NRW.BANK and KfW loans go through the
Hausbank; KI -> KI.NRW and Mittelstand-Digital; R&D and transfer -> innovation2business.nrw; founding ->
Startercenter NRW (and the chambers, which run Startercenter).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.routing.location_questions import join_german
from assistant.routing.location_result import LocationResult
from assistant.routing.partner_reasons import (
    agency_reason,
    chamber_reason,
    partial_chamber_reason,
    statewide_reason,
    wirtschaftsfoerderung_reason,
)
from assistant.routing.partner_registry import PartnerRegistry
from indexer.partner_catalogue import CHAMBER_TYPES, Partner

# Local tiers are more than a topic bonus apart, so a topic never reorders them.
PREFERRED_CHAMBER_SCORE = 100.0
OTHER_CHAMBER_SCORE = 94.0
PARTIAL_CHAMBER_PENALTY = 25.0
# The Wirtschaftsförderung of the Kreis or Stadt: a first contact on site for every business, after the chambers.
# While the kind of business is unknown both chambers are named (the company picks); once it is known, the other
# chamber drops out (without_other_chamber) and the Wirtschaftsförderung follows the responsible one.
WIRTSCHAFTSFOERDERUNG_SCORE = 88.0
AGENCY_SCORE = 80.0
STATEWIDE_SCORE = 20.0
TOPIC_MATCH_BONUS = 5.0
# A statewide body scoring this much specialises in the topic (or the company's kind: founders -> Startercenter).
SPECIALIST_SCORE = STATEWIDE_SCORE + 40
SPECIALIST_POSITION = 1  # after the responsible chamber: always among the first three

FINANCING_TOPICS = frozenset({"finanzierung", "investition"})
FOUNDING_SECTORS = frozenset({"startup", "gruender"})

# Statewide specialists per topic (points added to the statewide base score).
TOPIC_SPECIALISTS: dict[str, dict[str, float]] = {
    "eu": {"nrw-europa": 60},
    "international": {"nrw-europa": 40},
    "finanzierung": {"nrw-bank-service-center": 60},
    "investition": {"nrw-bank-service-center": 60},
    "ki": {"ki-nrw": 60, "mittelstand-digital-ruhr-owl": 50, "mittelstand-digital-handwerk": 50},
    "digitalisierung": {
        "mittelstand-digital-ruhr-owl": 50,
        "mittelstand-digital-handwerk": 50,
        "nrw-bank-service-center": 10,
    },
    "it-sicherheit": {"mittelstand-digital-ruhr-owl": 40, "mittelstand-digital-handwerk": 40},
    "fue": {"innovation2business-nrw": 60, "nrw-europa": 20},
    "wissenstransfer": {"innovation2business-nrw": 60, "ki-nrw": 10},
    "innovation": {"innovation2business-nrw": 30, "nrw-bank-service-center": 20},
    "gruendung": {"startercenter-nrw": 60, "nrw-bank-service-center": 20},
    "nachfolge": {"startercenter-nrw": 40},
}
# Without a topic, funding orientation is the most common need.
NO_TOPIC_PREFERENCE: dict[str, float] = {"nrw-bank-service-center": 10}
SECTOR_SPECIALISTS: dict[str, dict[str, float]] = {
    "handwerk": {"mittelstand-digital-handwerk": 8},
    "startup": {"startercenter-nrw": 60},
    "gruender": {"startercenter-nrw": 60},
}
NON_HANDWERK_SPECIALISTS: dict[str, float] = {"mittelstand-digital-ruhr-owl": 8}


@dataclass(frozen=True, slots=True)
class RankedPartner:
    partner: Partner
    score: float
    reason: str  # German sentence shown to the user
    local: bool  # responsible for the company's place (chamber, Wirtschaftsförderung, agency), not statewide
    location_needed: bool = False  # the place is unknown or too coarse to name the responsible chambers
    specialist: bool = False  # the statewide body that specialises in the topic asked about


@dataclass(frozen=True, slots=True)
class _Area:
    gemeinden: frozenset[str]
    label: str  # "Herford (Kreis Herford)", "Kreis Soest", "Region Münsterland"
    place: str | None  # for the agency sentence: "Herford", "Kreis Soest"
    level: str


def _area(registry: PartnerRegistry, location: LocationResult | None) -> _Area | None:
    if location is None:
        return None
    gaz = registry.gazetteer
    if location.status == "resolved":
        if location.ags:
            return _Area(
                frozenset({location.ags}),
                location.label or location.gemeinde or "",
                location.gemeinde,
                "gemeinde",
            )
        if location.kreis_ags:
            return _Area(
                frozenset(gaz.gemeinden_by_kreis[location.kreis_ags]),
                location.label or "",
                location.kreis_label,
                "kreis",
            )
        if location.level == "regierungsbezirk" and location.regierungsbezirk:
            return _Area(
                frozenset(gaz.gemeinden_in_regierungsbezirk(location.regierungsbezirk)),
                location.label or "",
                None,
                "regierungsbezirk",
            )
        if location.level == "region" and location.regions:
            return _Area(
                frozenset(gaz.gemeinden_in_region(location.regions[0])), location.label or "", None, "region"
            )
        return None
    if location.status == "ambiguous" and location.candidates:
        agss: set[str] = set()
        for candidate in location.candidates:
            if candidate.ags:
                agss.add(candidate.ags)
            elif candidate.kreis_ags:
                agss.update(gaz.gemeinden_by_kreis[candidate.kreis_ags])
        if agss:
            label = join_german([c.label for c in location.candidates], "oder")
            return _Area(frozenset(agss), label, None, "ambiguous")
    return None


def _statewide_score(partner: Partner, topic: str | None, sector: str | None) -> float:
    score = STATEWIDE_SCORE
    if topic:
        score += TOPIC_SPECIALISTS.get(topic, {}).get(partner.id, 0)
        score += TOPIC_MATCH_BONUS if topic in partner.topics else 0
    else:
        score += NO_TOPIC_PREFERENCE.get(partner.id, 0)
    specialists = SECTOR_SPECIALISTS.get(sector or "", {})
    score += specialists.get(partner.id, 0)
    if sector != "handwerk":
        score += NON_HANDWERK_SPECIALISTS.get(partner.id, 0)
    return score


def _local_partners(
    registry: PartnerRegistry, area: _Area, topic: str | None, sector: str | None
) -> tuple[list[RankedPartner], bool]:
    """Chambers and agencies for the area; the flag says a chamber could not be named for certain."""
    preferred = "hwk" if sector == "handwerk" else "ihk"
    founding = topic == "gruendung" or sector in FOUNDING_SECTORS

    def topic_bonus(partner: Partner) -> float:
        return TOPIC_MATCH_BONUS if topic and topic in partner.topics else 0.0

    ranked: list[RankedPartner] = []
    full_chambers: set[str] = set()
    gaz = registry.gazetteer
    for partner in registry.partners:
        if partner.statewide:
            continue
        covered = area.gemeinden & partner.gemeinden
        if not covered:
            continue
        full = covered == area.gemeinden
        if partner.type in CHAMBER_TYPES:
            base = PREFERRED_CHAMBER_SCORE if partner.type == preferred else OTHER_CHAMBER_SCORE
            if full:
                full_chambers.add(partner.type)
                reason = chamber_reason(partner.type, area.label, founding)
                ranked.append(RankedPartner(partner, base + topic_bonus(partner), reason, True))
            elif area.level == "kreis":
                # A Kreis split between chambers (Ennepe-Ruhr-Kreis: Witten and Hattingen go to Bochum).
                names = sorted(gaz.gemeinden[a].name for a in covered)
                reason = partial_chamber_reason(partner.type, area.label, names)
                score = base - PARTIAL_CHAMBER_PENALTY + topic_bonus(partner)
                ranked.append(RankedPartner(partner, score, reason, True))
        elif partner.type == "wirtschaftsfoerderung" and full:
            reason = wirtschaftsfoerderung_reason(area.label)
            ranked.append(RankedPartner(partner, WIRTSCHAFTSFOERDERUNG_SCORE + topic_bonus(partner), reason, True))
        elif partner.type == "regional_agency" and full:
            reason = agency_reason(partner.region or partner.name, area.place)
            ranked.append(RankedPartner(partner, AGENCY_SCORE + topic_bonus(partner), reason, True))
    chamber_missing = any(t not in full_chambers for t in CHAMBER_TYPES)
    return ranked, chamber_missing


def rank_partners(
    registry: PartnerRegistry,
    location: LocationResult | None,
    topic: str | None = None,
    sector: str | None = None,
    limit: int = 5,
) -> list[RankedPartner]:
    """Partners for a company at `location` asking about `topic` (a topic slug) in `sector` (a target-group
    slug such as handwerk, industrie, startup). Without a usable location only statewide bodies are returned,
    each flagged location_needed (ask with partner_reasons.LOCATION_NEEDED_QUESTION)."""
    area = _area(registry, location)
    ranked: list[RankedPartner] = []
    location_needed = True
    if area is not None:
        ranked, chamber_missing = _local_partners(registry, area, topic, sector)
        # Ambiguous places, and areas split between chambers, still need the exact Stadt or Gemeinde.
        location_needed = chamber_missing or area.level == "ambiguous"
    financing = topic in FINANCING_TOPICS
    statewide = sorted(
        (RankedPartner(p, _statewide_score(p, topic, sector), statewide_reason(p.id, p.name, financing), False)
         for p in registry.statewide_partners()),
        key=lambda r: (-r.score, r.partner.id),
    )
    ranked.sort(key=lambda r: (-r.score, r.partner.id))
    if statewide and statewide[0].score >= SPECIALIST_SCORE:
        specialist = replace(statewide.pop(0), specialist=True)
        ranked.insert(min(SPECIALIST_POSITION, len(ranked)), specialist)
    ranked += statewide
    return [replace(r, location_needed=location_needed) for r in ranked[: max(limit, 0)]]


def without_other_chamber(ranked: list[RankedPartner], sector: str | None) -> list[RankedPartner]:
    """The kind of business decides the chamber: a craft business belongs to the HWK, every other to the IHK."""
    if not sector:
        return ranked
    other = "ihk" if sector == "handwerk" else "hwk"
    return [r for r in ranked if not (r.local and r.partner.type == other)]

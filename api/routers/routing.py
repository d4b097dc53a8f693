"""GET /api/locations/resolve and GET /api/partners: the routing directory the chat uses, for the widget,
advisors and partner sites. Places outside NRW, and inputs that name no place, are 404 problems; a topic or sector
the chat's vocabulary does not understand is a 422 problem that lists the accepted names."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import JSONResponse

from api.dependencies import components
from api.problems import problem
from api.routing_schemas import FiltersOut, LocationOut, PartnerList, PartnerOut, SourceOut
from assistant.components import AssistantComponents
from assistant.conversation.filter_words import SECTOR_NAMES, TOPIC_NAMES, FilterReading, FilterWords
from assistant.routing.location_result import LocationResult
from assistant.routing.partner_ranking import RankedPartner
from assistant.routing.partner_reasons import LOCATION_NEEDED_QUESTION
from assistant.routing.routing_directory import RoutingDirectory

router = APIRouter(tags=["routing"])
_FILTER_WORDS = FilterWords()  # built once: word lists only, no I/O

TopicQuery = Annotated[str | None, Query(min_length=1, max_length=100, description=(
    "What the question is about, as a person types it: 'Export', 'EU-Förderung', 'Digitalisierung', 'KI', "
    "'Gründung' (case, umlauts and the chat's synonyms understood), or a topic name: " + ", ".join(TOPIC_NAMES)))]
SectorQuery = Annotated[str | None, Query(min_length=1, max_length=100, description=(
    "The kind of business, as a person types it ('Handwerk', 'Bäckerei', 'Maschinenbau'), or a sector name: "
    + ", ".join(SECTOR_NAMES) + ". handwerk → Handwerkskammer, others → IHK"))]
PlaceQuery = Annotated[str, Query(min_length=1, max_length=200, description="PLZ, Gemeinde, Ortsteil, Kreis, region")]
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"description": "Outside NRW, or no place recognised"},
             503: {"description": "This deployment has no routing data (corpus/gazetteer)"}}


def _directory(deps: AssistantComponents) -> RoutingDirectory:
    if deps.routing is None:
        raise HTTPException(503, "routing data (corpus/gazetteer) is not configured in this deployment")
    return deps.routing


def _place(directory: RoutingDirectory, text: str) -> LocationResult:
    result = directory.resolve(text)
    if result.status == "outside_nrw":
        where = result.outside_place or text
        land = f" ({result.bundesland})" if result.bundesland else ""
        raise HTTPException(404, f"'{where}'{land} liegt außerhalb von NRW; das Netzwerk berät Unternehmen in NRW.")
    if result.status == "not_found" and result.institutions:
        names = ", ".join(f"'{name}'" for name in result.institutions)
        raise HTTPException(404, f"{names} nennt eine Hochschule oder ein Forschungsinstitut, nicht den Sitz eines "
                                 "Unternehmens. Bitte PLZ, Stadt oder Kreis des Unternehmens angeben.")
    if result.status == "not_found":
        raise HTTPException(404, result.question or "Kein Ort in NRW erkannt. Bitte PLZ, Stadt oder Kreis angeben.")
    return result


def _location_out(result: LocationResult) -> LocationOut:
    return LocationOut.model_validate({k: v for k, v in result.to_dict().items() if k in LocationOut.model_fields})


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def _partner_out(ranked: RankedPartner) -> PartnerOut:
    p = ranked.partner
    return PartnerOut(id=p.id, name=p.name, type=p.type, reason=ranked.reason, url=p.website, email=p.email,
                      phone=p.phone, local=ranked.local, specialist=ranked.specialist, region=p.region,
                      topics=list(p.topics), verified=p.verified, official_domain=p.official_domain,
                      source_url=p.source_url, as_of=_iso(p.as_of), checked_on=_iso(p.checked_on),
                      sources=[SourceOut(url=s.url, as_of=_iso(s.as_of)) for s in p.sources],
                      uncertain=list(p.uncertain))


def _filters(topic: str | None, sector: str | None) -> FilterReading | JSONResponse:
    """Both values read through the chat's vocabulary; a value that names neither a topic nor a sector is 422."""
    readings = {}
    for name, value in (("topic", topic), ("sector", sector)):
        if value is None:
            continue
        reading = _FILTER_WORDS.read(value)
        if not reading.understood:
            return problem(422, "Ungültige Anfrage", (
                f"{name}: '{value}' ist nicht bekannt. Möglich sind die Themen {', '.join(TOPIC_NAMES)} und die "
                f"Branchen {', '.join(SECTOR_NAMES)}, auch in eigenen Worten wie „Export“, „EU-Förderung“ oder "
                "„Handwerk“."), extensions={"accepted": {"topic": list(TOPIC_NAMES), "sector": list(SECTOR_NAMES)}})
        readings[name] = reading
    given_topic, given_sector = readings.get("topic"), readings.get("sector")
    # Each parameter's own kind first; a word of the other kind ("topic=Handwerk") fills that one if it is free.
    found_topic = (given_topic and given_topic.topic) or (given_sector and given_sector.topic) or None
    found_sector = (given_sector and given_sector.sector) or (given_topic and given_topic.sector) or None
    return FilterReading(topic=found_topic, sector=found_sector)


@router.get("/api/locations/resolve", response_model=LocationOut, responses=NOT_FOUND)
def resolve_location(deps: Annotated[AssistantComponents, Depends(components)], q: PlaceQuery) -> LocationOut:
    return _location_out(_place(_directory(deps), q))


@router.get("/api/partners", response_model=PartnerList, responses=NOT_FOUND)
def list_partners(
    deps: Annotated[AssistantComponents, Depends(components)],
    location: PlaceQuery | None = None,
    topic: TopicQuery = None,
    sector: SectorQuery = None,
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> PartnerList | JSONResponse:
    """Partners ranked as the chat ranks them: the responsible chamber first, the topic's statewide specialist
    second (EU → NRW.Europa, KI → KI.NRW, research partners → innovation2business.nrw, founding → Startercenter
    NRW), then the other local partners, then statewide bodies. `url` is the partner's official website or null."""
    directory = _directory(deps)
    filters = _filters(topic, sector)
    if isinstance(filters, JSONResponse):
        return filters
    place = _place(directory, location) if location else None
    ranked = directory.partners(place, filters.topic, filters.sector, limit)
    clarify = [place.question] if place is not None and place.question else []
    if not clarify and ranked and ranked[0].location_needed:
        clarify = [LOCATION_NEEDED_QUESTION]
    return PartnerList(location=_location_out(place) if place else None,
                       filters=FiltersOut(topic=filters.topic, sector=filters.sector),
                       partners=[_partner_out(r) for r in ranked], clarify=clarify)

"""GET /api/locations/resolve and GET /api/partners: the routing directory the chat uses, for the widget,
advisors and partner sites. Places outside NRW, and inputs that name no place, are 404 problems."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException, Query

from api.dependencies import components
from api.routing_schemas import LocationOut, PartnerList, PartnerOut
from assistant.components import AssistantComponents
from assistant.routing.location_result import LocationResult
from assistant.routing.partner_ranking import RankedPartner
from assistant.routing.partner_reasons import LOCATION_NEEDED_QUESTION
from assistant.routing.partner_registry import TARGET_GROUPS, TOPICS
from assistant.routing.routing_directory import RoutingDirectory

router = APIRouter(tags=["routing"])

# The registry's own vocabularies, so the schema lists exactly what ranking understands.
Topic = Literal[tuple(sorted(TOPICS))]  # type: ignore[valid-type]
Sector = Literal[tuple(sorted(TARGET_GROUPS))]  # type: ignore[valid-type]
PlaceQuery = Annotated[str, Query(min_length=1, max_length=200, description="PLZ, Gemeinde, Ortsteil, Kreis, region")]
NOT_FOUND = {404: {"description": "Outside NRW, or no place recognised"},
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


def _partner_out(ranked: RankedPartner) -> PartnerOut:
    p = ranked.partner
    return PartnerOut(id=p.id, name=p.name, type=p.type, reason=ranked.reason, url=p.contact_url, email=p.email,
                      phone=p.phone, local=ranked.local, region=p.region, topics=list(p.topics),
                      verified=p.verified, source_url=p.source_url, as_of=p.as_of.isoformat())


@router.get("/api/locations/resolve", response_model=LocationOut, responses=NOT_FOUND)
def resolve_location(deps: Annotated[AssistantComponents, Depends(components)], q: PlaceQuery) -> LocationOut:
    return _location_out(_place(_directory(deps), q))


@router.get("/api/partners", response_model=PartnerList, responses=NOT_FOUND)
def list_partners(
    deps: Annotated[AssistantComponents, Depends(components)],
    location: PlaceQuery | None = None,
    topic: Annotated[Topic | None, Query()] = None,
    sector: Annotated[Sector | None, Query(description="handwerk → Handwerkskammer, others → IHK")] = None,
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> PartnerList:
    directory = _directory(deps)
    place = _place(directory, location) if location else None
    ranked = directory.partners(place, topic, sector, limit)
    clarify = [place.question] if place is not None and place.question else []
    if not clarify and ranked and ranked[0].location_needed:
        clarify = [LOCATION_NEEDED_QUESTION]
    return PartnerList(location=_location_out(place) if place else None,
                       partners=[_partner_out(r) for r in ranked], clarify=clarify)

"""Regional routing: where a company sits (gazetteer, location resolver) and which partners to suggest
(partner registry, ranking). Nothing is loaded at import; build the objects from a corpus folder:

    gazetteer = load_gazetteer(corpus_dir)
    resolver = LocationResolver(gazetteer)
    registry = load_partner_registry(corpus_dir / "partners.yaml", gazetteer)
    rank_partners(registry, resolver.resolve("Schreinerei in Herford"), topic=None, sector="handwerk")
"""

from assistant.routing.location_resolver import LocationResolver
from assistant.routing.location_result import LocationCandidate, LocationResult
from assistant.routing.partner_ranking import RankedPartner, rank_partners
from assistant.routing.partner_reasons import LOCATION_NEEDED_QUESTION
from assistant.routing.partner_registry import PartnerRegistry, load_partner_registry
from indexer.gazetteer import Gazetteer, GazetteerError, Gemeinde, Kreis, load_gazetteer
from indexer.partner_catalogue import Partner, PartnerDataError

__all__ = [
    "LOCATION_NEEDED_QUESTION",
    "Gazetteer",
    "GazetteerError",
    "Gemeinde",
    "Kreis",
    "LocationCandidate",
    "LocationResolver",
    "LocationResult",
    "Partner",
    "PartnerDataError",
    "PartnerRegistry",
    "RankedPartner",
    "load_gazetteer",
    "load_partner_registry",
    "rank_partners",
]

"""The gazetteer's location resolver and the partner registry, loaded once: what the chat's router and the
API's /api/locations/resolve and /api/partners share, so the API ranks exactly as the chat does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.routing.location_resolver import LocationResolver
from assistant.routing.location_result import LocationResult
from assistant.routing.partner_areas import PartnerAreas
from assistant.routing.partner_ranking import RankedPartner, rank_partners, without_other_chamber
from assistant.routing.partner_registry import PartnerRegistry
from indexer.corpus_catalogues import CorpusCatalogues, load_corpus_catalogues
from indexer.gazetteer import Gazetteer


@dataclass(frozen=True)
class RoutingDirectory:
    resolver: LocationResolver
    registry: PartnerRegistry | None  # None when the corpus has no partners.yaml

    def resolve(self, text: str) -> LocationResult:
        return self.resolver.resolve(text)

    def partners(self, location: LocationResult | None, topic: str | None, sector: str | None,
                 limit: int) -> list[RankedPartner]:
        if self.registry is None:
            return []
        ranked = rank_partners(self.registry, location, topic=topic, sector=sector, limit=max(limit, 12))
        return without_other_chamber(ranked, sector)[:limit]


def load_routing_directory(corpus_dir: Path) -> RoutingDirectory | None:
    """None when the corpus has no gazetteer (a test corpus without routing)."""
    return routing_directory_from(load_corpus_catalogues(corpus_dir))


def routing_directory_from(catalogues: CorpusCatalogues) -> RoutingDirectory | None:
    """The directory over catalogues already loaded (the API's, read once per process); None without a gazetteer."""
    gazetteer = catalogues.gazetteer
    if gazetteer is None:
        return None
    entries = catalogues.partners
    registry = PartnerRegistry.from_entries(entries, gazetteer) if entries is not None else None
    return RoutingDirectory(LocationResolver(gazetteer, partner_areas(gazetteer, registry)), registry)


def partner_areas(gazetteer: Gazetteer, registry: PartnerRegistry | None) -> PartnerAreas | None:
    """Which places share their chambers and agency, from the registry's own coverage (None without partners)."""
    if registry is None:
        return None
    # The chambers and the regional agency decide whether a place question matters; the local Wirtschaftsförderung
    # differs from town to town and is named beside them, so it does not.
    return PartnerAreas(gazetteer, lambda ags: (p.id for p in registry.local_partners(ags)
                                                if p.type != "wirtschaftsfoerderung"))

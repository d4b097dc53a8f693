"""The gazetteer's location resolver and the partner registry, loaded once: what the chat's router and the
API's /api/locations/resolve and /api/partners share, so the API ranks exactly as the chat does."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.routing.location_resolver import LocationResolver
from assistant.routing.location_result import LocationResult
from assistant.routing.partner_areas import PartnerAreas
from assistant.routing.partner_ranking import RankedPartner, rank_partners, without_other_chamber
from assistant.routing.partner_registry import PartnerRegistry, load_partner_registry
from indexer.gazetteer import Gazetteer, load_gazetteer


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
    if not (corpus_dir / "gazetteer").is_dir():
        return None
    gazetteer = load_gazetteer(corpus_dir)
    partners_file = corpus_dir / "partners.yaml"
    registry = load_partner_registry(partners_file, gazetteer) if partners_file.exists() else None
    return RoutingDirectory(LocationResolver(gazetteer, partner_areas(gazetteer, registry)), registry)


def partner_areas(gazetteer: Gazetteer, registry: PartnerRegistry | None) -> PartnerAreas | None:
    """Which places share their chambers and agency, from the registry's own coverage (None without partners)."""
    if registry is None:
        return None
    # The chambers and the regional agency decide whether a place question matters; the local Wirtschaftsförderung
    # differs from town to town and is named beside them, so it does not.
    return PartnerAreas(gazetteer, lambda ags: (p.id for p in registry.local_partners(ags)
                                                if p.type != "wirtschaftsfoerderung"))

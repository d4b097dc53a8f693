"""The topic's specialist is among the first three partners for every Kreis (issue 16), and the kommunale
Wirtschaftsförderung is a local contact after the responsible chamber (issue 14)."""

from __future__ import annotations

import pytest

from assistant.routing.location_resolver import LocationResolver
from assistant.routing.partner_ranking import rank_partners, without_other_chamber
from assistant.routing.partner_registry import PartnerRegistry

# topic -> the statewide specialist the routing research names for it
SPECIALISTS = {
    "eu": "nrw-europa",
    "international": "nrw-europa",
    "ki": "ki-nrw",
    "fue": "innovation2business-nrw",
    "wissenstransfer": "innovation2business-nrw",
    "gruendung": "startercenter-nrw",
    "nachfolge": "startercenter-nrw",
    "finanzierung": "nrw-bank-service-center",
    "investition": "nrw-bank-service-center",
    "digitalisierung": "mittelstand-digital-ruhr-owl",
    "it-sicherheit": "mittelstand-digital-ruhr-owl",
}
# For a craft business the Handwerk centre is the digitalisation specialist.
HANDWERK_SPECIALISTS = {"digitalisierung": "mittelstand-digital-handwerk",
                        "it-sicherheit": "mittelstand-digital-handwerk"}


def _ids(ranked) -> list[str]:
    return [r.partner.id for r in ranked]


@pytest.mark.parametrize("topic", sorted(SPECIALISTS))
def test_the_specialist_is_among_the_first_three_in_every_kreis(
    registry: PartnerRegistry, resolver: LocationResolver, topic: str
) -> None:
    gaz = registry.gazetteer
    for kreis in gaz.kreise.values():
        # A Gemeinde of the Kreis (the Ennepe-Ruhr-Kreis as a whole is split between two IHKs).
        location = resolver.resolve(gaz.gemeinden[gaz.gemeinden_by_kreis[kreis.ags][0]].name)
        if location.status != "resolved":
            continue  # a name shared by two Gemeinden asks back first
        for sector in (None, "industrie", "handwerk"):
            ranked = without_other_chamber(rank_partners(registry, location, topic, sector, limit=12), sector)
            first = _ids(ranked)[:3]
            expected = HANDWERK_SPECIALISTS.get(topic, SPECIALISTS[topic]) if sector == "handwerk" else \
                SPECIALISTS[topic]
            assert expected in first, (kreis.name, topic, sector, first)
            chamber = "hwk" if sector == "handwerk" else "ihk"
            assert ranked[0].partner.type == chamber, (kreis.name, topic, sector, first)


def test_every_kreis_is_checked(registry: PartnerRegistry, resolver: LocationResolver) -> None:
    gaz = registry.gazetteer
    resolved = sum(resolver.resolve(gaz.gemeinden[gaz.gemeinden_by_kreis[k][0]].name).status == "resolved"
                   for k in gaz.kreise)
    assert resolved >= 50  # the loop above must not skip its way to a pass


def test_the_wirtschaftsfoerderung_comes_after_the_chambers(
    registry: PartnerRegistry, resolver: LocationResolver
) -> None:
    borken = resolver.resolve("Borken")
    # While the kind of business is unknown both chambers come first; then the Wirtschaftsförderung, the agency.
    assert _ids(rank_partners(registry, borken, None, None))[:4] == [
        "ihk-nord-westfalen", "hwk-muenster", "wf-kreis-borken", "muensterland-ev"]
    handwerk = without_other_chamber(rank_partners(registry, borken, None, "handwerk"), "handwerk")
    assert _ids(handwerk)[:3] == ["hwk-muenster", "wf-kreis-borken", "muensterland-ev"]
    eu = rank_partners(registry, borken, "eu", None)
    assert _ids(eu)[:4] == ["ihk-nord-westfalen", "nrw-europa", "hwk-muenster", "wf-kreis-borken"]
    industry = without_other_chamber(rank_partners(registry, borken, "eu", "industrie"), "industrie")
    assert _ids(industry)[:3] == ["ihk-nord-westfalen", "nrw-europa", "wf-kreis-borken"]
    office = next(r for r in eu if r.partner.id == "wf-kreis-borken")
    assert office.local and office.reason.startswith("Kommunale Wirtschaftsförderung für Borken")


def test_a_regional_office_covers_all_its_kreise_and_nothing_else(
    registry: PartnerRegistry, resolver: LocationResolver
) -> None:
    for place in ("Bottrop", "Gelsenkirchen", "Marl"):  # Marl: Kreis Recklinghausen
        assert "win-emscher-lippe" in _ids(rank_partners(registry, resolver.resolve(place), limit=12)), place
    assert "win-emscher-lippe" not in _ids(rank_partners(registry, resolver.resolve("Münster"), limit=12))
    # A whole region is wider than any one Wirtschaftsförderung: none is named for it.
    region = rank_partners(registry, resolver.resolve("Münsterland"), limit=12)
    assert not any(r.partner.type == "wirtschaftsfoerderung" for r in region)


def test_without_a_place_no_local_office_is_named(registry: PartnerRegistry) -> None:
    ranked = rank_partners(registry, None, "gruendung", None, limit=20)
    assert ranked[0].partner.id == "startercenter-nrw" and ranked[0].specialist
    assert all(r.partner.statewide for r in ranked)

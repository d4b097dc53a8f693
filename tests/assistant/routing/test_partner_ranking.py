"""rank_partners: local before statewide, sector and topic rules, overlaps, and no location."""

from __future__ import annotations

from assistant.routing.location_resolver import LocationResolver
from assistant.routing.partner_ranking import RankedPartner, rank_partners
from assistant.routing.partner_registry import PartnerRegistry


def ids(ranked: list[RankedPartner]) -> list[str]:
    return [r.partner.id for r in ranked]


def test_schreinerei_in_herford_gets_the_hwk_first(
    registry: PartnerRegistry, resolver: LocationResolver
) -> None:
    ranked = rank_partners(
        registry, resolver.resolve("Schreinerei mit 12 Leuten in Herford"), None, "handwerk"
    )
    assert ids(ranked)[:3] == ["hwk-owl", "ihk-ostwestfalen", "owl-gmbh"]
    assert ranked[0].reason == "Zuständige Handwerkskammer für Herford (Kreis Herford)"
    assert ranked[0].local and not ranked[0].location_needed


def test_metallbau_in_witten_gets_ihk_mittleres_ruhrgebiet(
    registry: PartnerRegistry, resolver: LocationResolver
) -> None:
    location = resolver.resolve("Metallbau GmbH in Witten")
    for sector in (None, "industrie"):
        ranked = rank_partners(registry, location, None, sector)
        assert ranked[0].partner.id == "ihk-mittleres-ruhrgebiet"
        assert "sihk-hagen" not in ids(ranked)
        assert ranked[0].reason == "Zuständige IHK für Witten (Ennepe-Ruhr-Kreis)"


def test_gevelsberg_gets_the_sihk(registry: PartnerRegistry, resolver: LocationResolver) -> None:
    assert rank_partners(registry, resolver.resolve("in Gevelsberg"))[0].partner.id == "sihk-hagen"


def test_local_partners_come_before_statewide_except_the_specialist(
    registry: PartnerRegistry, resolver: LocationResolver
) -> None:
    ranked = rank_partners(registry, resolver.resolve("Lippstadt"), "eu", None, limit=20)
    # The responsible chamber, then the topic's specialist, then the other local partners, then statewide bodies.
    assert ids(ranked)[:4] == ["ihk-arnsberg", "nrw-europa", "hwk-dortmund", "suedwestfalen-agentur"]
    assert ranked[1].specialist and not ranked[1].local
    rest = [r.local for r in ranked if not r.specialist]
    assert rest == sorted(rest, reverse=True)
    # Without a topic that has a specialist, local partners simply come first.
    plain = rank_partners(registry, resolver.resolve("Lippstadt"), "energie", None, limit=20)
    assert not any(r.specialist for r in plain)
    assert [r.local for r in plain] == sorted((r.local for r in plain), reverse=True)


def test_eu_question_brings_nrw_europa(registry: PartnerRegistry, resolver: LocationResolver) -> None:
    ranked = rank_partners(registry, resolver.resolve("Wir sitzen in Bochum"), "eu", None)
    assert "nrw-europa" in ids(ranked)
    statewide = [r for r in ranked if not r.local]
    assert statewide[0].partner.id == "nrw-europa"


def test_financing_points_to_the_hausbank(registry: PartnerRegistry, resolver: LocationResolver) -> None:
    ranked = rank_partners(registry, resolver.resolve("Köln"), "finanzierung", None)
    bank = next(r for r in ranked if r.partner.id == "nrw-bank-service-center")
    assert "Hausbank" in bank.reason
    assert next(r for r in ranked if not r.local) is bank


def test_ki_brings_ki_nrw_and_mittelstand_digital(registry: PartnerRegistry) -> None:
    ranked = rank_partners(registry, None, "ki", None)
    assert ids(ranked)[:2] == ["ki-nrw", "mittelstand-digital-ruhr-owl"]
    handwerk = rank_partners(registry, None, "ki", "handwerk")
    assert ids(handwerk)[:2] == ["ki-nrw", "mittelstand-digital-handwerk"]


def test_research_brings_innovation2business(registry: PartnerRegistry) -> None:
    for topic in ("fue", "wissenstransfer"):
        assert rank_partners(registry, None, topic, None)[0].partner.id == "innovation2business-nrw"


def test_founding_boosts_startercenter_and_chambers(
    registry: PartnerRegistry, resolver: LocationResolver
) -> None:
    ranked = rank_partners(registry, resolver.resolve("Bielefeld"), "gruendung", "startup")
    assert ids(ranked)[:3] == ["ihk-ostwestfalen", "startercenter-nrw", "hwk-owl"]
    assert "Startercenter" in ranked[0].reason
    assert rank_partners(registry, None, None, "startup")[0].partner.id == "startercenter-nrw"


def test_overlapping_regions_list_both_agencies(
    registry: PartnerRegistry, resolver: LocationResolver
) -> None:
    wesel = ids(rank_partners(registry, resolver.resolve("Kreis Wesel"), limit=10))
    assert {"business-metropole-ruhr", "standort-niederrhein"} <= set(wesel)
    neuss = ids(rank_partners(registry, resolver.resolve("Neuss"), limit=10))
    assert {"standort-niederrhein", "region-koeln-bonn"} <= set(neuss)
    duisburg = ids(rank_partners(registry, resolver.resolve("Duisburg"), limit=10))
    assert "business-metropole-ruhr" in duisburg and "standort-niederrhein" not in duisburg


def test_without_location_only_statewide_and_flagged(
    registry: PartnerRegistry, resolver: LocationResolver
) -> None:
    for location in (None, resolver.resolve("Ich habe eine Frage zur Förderung"), resolver.resolve("Berlin")):
        ranked = rank_partners(registry, location, "digitalisierung", None)
        assert ranked and all(not r.local and r.location_needed for r in ranked)
        assert all(r.partner.statewide for r in ranked)


def test_split_kreis_needs_the_gemeinde(registry: PartnerRegistry, resolver: LocationResolver) -> None:
    ranked = rank_partners(registry, resolver.resolve("Ennepe-Ruhr-Kreis"), limit=10)
    assert all(r.location_needed for r in ranked)
    ihks = [r for r in ranked if r.partner.type == "ihk"]
    assert {r.partner.id for r in ihks} == {"sihk-hagen", "ihk-mittleres-ruhrgebiet"}
    assert "Witten" in next(r.reason for r in ihks if r.partner.id == "ihk-mittleres-ruhrgebiet")


def test_ambiguous_plz_keeps_the_common_chambers(
    registry: PartnerRegistry, resolver: LocationResolver
) -> None:
    ranked = rank_partners(registry, resolver.resolve("33154"))
    assert ids(ranked)[:2] == ["ihk-ostwestfalen", "hwk-owl"]
    assert all(r.location_needed for r in ranked)
    ranked = rank_partners(registry, resolver.resolve("40472"), limit=10)  # Düsseldorf or Ratingen
    assert "ihk-duesseldorf" in ids(ranked) and "hwk-duesseldorf" in ids(ranked)


def test_region_level(registry: PartnerRegistry, resolver: LocationResolver) -> None:
    ranked = rank_partners(registry, resolver.resolve("Münsterland"))
    assert ids(ranked)[:3] == ["ihk-nord-westfalen", "hwk-muenster", "muensterland-ev"]
    ruhr = rank_partners(registry, resolver.resolve("Ruhrgebiet"))
    assert ruhr[0].partner.id == "business-metropole-ruhr" and ruhr[0].location_needed


def test_deterministic_and_limited(registry: PartnerRegistry, resolver: LocationResolver) -> None:
    location = resolver.resolve("Herford")
    first = rank_partners(registry, location, "digitalisierung", "handwerk", limit=3)
    assert len(first) == 3
    assert first == rank_partners(registry, location, "digitalisierung", "handwerk", limit=3)
    assert rank_partners(registry, location, limit=0) == []

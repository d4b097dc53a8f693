"""The registry routes every Kreis and kreisfreie Stadt as the research notes' master table (domain.md C.2)
says."""

from __future__ import annotations

import pytest

from assistant.routing.partner_registry import PartnerRegistry
from indexer.gazetteer import Gazetteer

RUHR = "business-metropole-ruhr"
NIEDERRHEIN = "standort-niederrhein"
KOELN_BONN = "region-koeln-bonn"
OWL = "owl-gmbh"
SWF = "suedwestfalen-agentur"
MUENSTERLAND = "muensterland-ev"
AACHEN = "region-aachen"
BERGISCH = "bsw-bergisches-staedtedreieck"
DUS_ME = "regionalmanagement-duesseldorf-mettmann"

# Transcribed from domain.md C.2: (Kreis AGS, name in the table, IHK, HWK, regional agencies).
MASTER_TABLE: list[tuple[str, str, str, str, set[str]]] = [
    ("05111", "Düsseldorf", "ihk-duesseldorf", "hwk-duesseldorf", {DUS_ME}),
    ("05112", "Duisburg", "ihk-niederrhein", "hwk-duesseldorf", {RUHR}),
    ("05113", "Essen", "ihk-essen", "hwk-duesseldorf", {RUHR}),
    ("05114", "Krefeld", "ihk-mittlerer-niederrhein", "hwk-duesseldorf", {NIEDERRHEIN}),
    ("05116", "Mönchengladbach", "ihk-mittlerer-niederrhein", "hwk-duesseldorf", {NIEDERRHEIN}),
    ("05117", "Mülheim an der Ruhr", "ihk-essen", "hwk-duesseldorf", {RUHR}),
    ("05119", "Oberhausen", "ihk-essen", "hwk-duesseldorf", {RUHR}),
    ("05120", "Remscheid", "ihk-bergische", "hwk-duesseldorf", {BERGISCH}),
    ("05122", "Solingen", "ihk-bergische", "hwk-duesseldorf", {BERGISCH}),
    ("05124", "Wuppertal", "ihk-bergische", "hwk-duesseldorf", {BERGISCH}),
    ("05154", "Kreis Kleve", "ihk-niederrhein", "hwk-duesseldorf", {NIEDERRHEIN}),
    ("05158", "Kreis Mettmann", "ihk-duesseldorf", "hwk-duesseldorf", {DUS_ME}),
    ("05162", "Rhein-Kreis Neuss", "ihk-mittlerer-niederrhein", "hwk-duesseldorf", {NIEDERRHEIN, KOELN_BONN}),
    ("05166", "Kreis Viersen", "ihk-mittlerer-niederrhein", "hwk-duesseldorf", {NIEDERRHEIN}),
    ("05170", "Kreis Wesel", "ihk-niederrhein", "hwk-duesseldorf", {RUHR, NIEDERRHEIN}),
    ("05314", "Bonn", "ihk-bonn-rhein-sieg", "hwk-koeln", {KOELN_BONN}),
    ("05315", "Köln", "ihk-koeln", "hwk-koeln", {KOELN_BONN}),
    ("05316", "Leverkusen", "ihk-koeln", "hwk-koeln", {KOELN_BONN}),
    ("05334", "Städteregion Aachen", "ihk-aachen", "hwk-aachen", {AACHEN}),
    ("05358", "Kreis Düren", "ihk-aachen", "hwk-aachen", {AACHEN}),
    ("05366", "Kreis Euskirchen", "ihk-aachen", "hwk-aachen", {AACHEN}),
    ("05370", "Kreis Heinsberg", "ihk-aachen", "hwk-aachen", {AACHEN}),
    ("05374", "Oberbergischer Kreis", "ihk-koeln", "hwk-koeln", {KOELN_BONN}),
    ("05362", "Rhein-Erft-Kreis", "ihk-koeln", "hwk-koeln", {KOELN_BONN}),
    ("05378", "Rheinisch-Bergischer Kreis", "ihk-koeln", "hwk-koeln", {KOELN_BONN}),
    ("05382", "Rhein-Sieg-Kreis", "ihk-bonn-rhein-sieg", "hwk-koeln", {KOELN_BONN}),
    ("05512", "Bottrop", "ihk-nord-westfalen", "hwk-muenster", {RUHR}),
    ("05513", "Gelsenkirchen", "ihk-nord-westfalen", "hwk-muenster", {RUHR}),
    ("05515", "Münster", "ihk-nord-westfalen", "hwk-muenster", {MUENSTERLAND}),
    ("05554", "Kreis Borken", "ihk-nord-westfalen", "hwk-muenster", {MUENSTERLAND}),
    ("05558", "Kreis Coesfeld", "ihk-nord-westfalen", "hwk-muenster", {MUENSTERLAND}),
    ("05562", "Kreis Recklinghausen", "ihk-nord-westfalen", "hwk-muenster", {RUHR}),
    ("05566", "Kreis Steinfurt", "ihk-nord-westfalen", "hwk-muenster", {MUENSTERLAND}),
    ("05570", "Kreis Warendorf", "ihk-nord-westfalen", "hwk-muenster", {MUENSTERLAND}),
    ("05711", "Bielefeld", "ihk-ostwestfalen", "hwk-owl", {OWL}),
    ("05754", "Kreis Gütersloh", "ihk-ostwestfalen", "hwk-owl", {OWL}),
    ("05758", "Kreis Herford", "ihk-ostwestfalen", "hwk-owl", {OWL}),
    ("05762", "Kreis Höxter", "ihk-ostwestfalen", "hwk-owl", {OWL}),
    ("05766", "Kreis Lippe", "ihk-lippe", "hwk-owl", {OWL}),
    ("05770", "Kreis Minden-Lübbecke", "ihk-ostwestfalen", "hwk-owl", {OWL}),
    ("05774", "Kreis Paderborn", "ihk-ostwestfalen", "hwk-owl", {OWL}),
    ("05911", "Bochum", "ihk-mittleres-ruhrgebiet", "hwk-dortmund", {RUHR}),
    ("05913", "Dortmund", "ihk-dortmund", "hwk-dortmund", {RUHR}),
    ("05914", "Hagen", "sihk-hagen", "hwk-dortmund", {RUHR}),
    ("05915", "Hamm", "ihk-dortmund", "hwk-dortmund", {RUHR}),
    ("05916", "Herne", "ihk-mittleres-ruhrgebiet", "hwk-dortmund", {RUHR}),
    ("05954", "Ennepe-Ruhr-Kreis", "sihk-hagen", "hwk-dortmund", {RUHR}),  # except Witten, Hattingen (below)
    ("05958", "Hochsauerlandkreis", "ihk-arnsberg", "hwk-suedwestfalen", {SWF}),
    ("05962", "Märkischer Kreis", "sihk-hagen", "hwk-suedwestfalen", {SWF}),
    ("05966", "Kreis Olpe", "ihk-siegen", "hwk-suedwestfalen", {SWF}),
    ("05970", "Kreis Siegen-Wittgenstein", "ihk-siegen", "hwk-suedwestfalen", {SWF}),
    ("05974", "Kreis Soest", "ihk-arnsberg", "hwk-dortmund", {SWF}),  # HWK Dortmund: verify (C.4)
    ("05978", "Kreis Unna", "ihk-dortmund", "hwk-dortmund", {RUHR}),
]
# The one district that cuts through a Kreis (C.2, C.7): Witten and Hattingen -> IHK Mittleres Ruhrgebiet.
IHK_OVERRIDES = {"05954036": "ihk-mittleres-ruhrgebiet", "05954016": "ihk-mittleres-ruhrgebiet"}


def test_table_has_all_53_kreise(gazetteer: Gazetteer) -> None:
    assert len(MASTER_TABLE) == 53
    assert {row[0] for row in MASTER_TABLE} == set(gazetteer.kreise)


@pytest.mark.parametrize(("kreis_ags", "name", "ihk", "hwk", "agencies"), MASTER_TABLE,
                         ids=[row[1] for row in MASTER_TABLE])
def test_routing_per_kreis(
    registry: PartnerRegistry, gazetteer: Gazetteer, kreis_ags: str, name: str, ihk: str, hwk: str,
    agencies: set[str],
) -> None:
    for ags in gazetteer.gemeinden_by_kreis[kreis_ags]:
        expected_ihk = IHK_OVERRIDES.get(ags, ihk)
        assert registry.chamber_for(ags, "ihk").id == expected_ihk, gazetteer.gemeinden[ags].name
        assert registry.chamber_for(ags, "hwk").id == hwk, gazetteer.gemeinden[ags].name
        local_agencies = {p.id for p in registry.local_partners(ags) if p.type == "regional_agency"}
        assert local_agencies == agencies, gazetteer.gemeinden[ags].name


@pytest.mark.parametrize(("gemeinde", "ihk"), [
    ("Witten", "ihk-mittleres-ruhrgebiet"),
    ("Hattingen", "ihk-mittleres-ruhrgebiet"),
    ("Schwelm", "sihk-hagen"),
    ("Gevelsberg", "sihk-hagen"),
    ("Lippstadt", "ihk-arnsberg"),
])
def test_named_exceptions(registry: PartnerRegistry, gazetteer: Gazetteer, gemeinde: str, ihk: str) -> None:
    ags = next(g.ags for g in gazetteer.gemeinden.values() if g.name == gemeinde)
    assert registry.chamber_for(ags, "ihk").id == ihk


def test_kreis_soest_goes_to_hwk_dortmund(registry: PartnerRegistry, gazetteer: Gazetteer) -> None:
    for ags in gazetteer.gemeinden_by_kreis["05974"]:
        assert registry.chamber_for(ags, "hwk").id == "hwk-dortmund"


def test_partner_counts(registry: PartnerRegistry) -> None:
    by_type: dict[str, int] = {}
    for p in registry.partners:
        by_type[p.type] = by_type.get(p.type, 0) + 1
    assert by_type == {"ihk": 16, "hwk": 7, "regional_agency": 9, "statewide": 7, "wirtschaftsfoerderung": 25}
    assert all(p.email is None and p.phone is None for p in registry.partners)
    regions = {p.region for p in registry.partners if p.type == "regional_agency"}
    assert regions == set(registry.gazetteer.regions)

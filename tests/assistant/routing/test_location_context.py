"""The words around a place: denials and corrections, places inside the names of Hochschulen and institutes,
postcodes announced as such, and several places whose responsible partners are the same (no question then)."""

from __future__ import annotations

import pytest

from assistant.routing.location_resolver import LocationResolver
from assistant.routing.partner_ranking import rank_partners
from assistant.routing.partner_registry import PartnerRegistry
from assistant.routing.routing_directory import partner_areas
from indexer.gazetteer import Gazetteer

BIELEFELD = "05711000"
DETMOLD = "05766020"


@pytest.fixture(scope="module")
def aware(gazetteer: Gazetteer, registry: PartnerRegistry) -> LocationResolver:
    """The resolver as the chat and the API build it: knowing which places share their partners."""
    return LocationResolver(gazetteer, partner_areas(gazetteer, registry))


def _where(result) -> tuple[str, str | None]:
    return result.status, result.gemeinde


# --- denials and corrections ---------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "nein, wir sitzen in Detmold, nicht Bielefeld",
    "Nee – Detmold, nicht Bielefeld!",
    "Wir sind nicht in Bielefeld, sondern in Detmold.",
    "nicht Bielefeld sondern Detmold",
    "Bielefeld war falsch, unser Betrieb ist in Detmold",
    "Bielefeld stimmt nicht, wir sind ein Detmolder Betrieb aus Detmold",
    "Sorry, Bielefeld ist falsch – Detmold.",
    "Unser Sitz ist in Bielefeld, ich meine natürlich Detmold",
    "Wir sind nicht mehr in Bielefeld, seit letztem Jahr in Detmold",
    "Statt Bielefeld bitte Detmold eintragen",
    "Wir haben keinen Standort in Bielefeld, nur in Detmold",
    "We are based in Detmold, not Bielefeld.",
    "No, not Bielefeld – we are in Detmold",
    "We are not located in Bielefeld but in Detmold",
    "Bielefeld was wrong, it is Detmold",
    "Sorry, I meant Detmold instead of Bielefeld",
])
def test_a_denied_place_is_never_taken(aware: LocationResolver, text: str) -> None:
    result = aware.resolve(text)
    assert _where(result) == ("resolved", "Detmold"), text
    assert result.ags == DETMOLD and BIELEFELD in result.excluded
    assert text[result.span[0]:result.span[1]] == "Detmold"


@pytest.mark.parametrize("text", [
    "Wir sitzen in Bielefeld, eigentlich aber in Detmold",
    "In Bielefeld – genauer gesagt in Detmold",
    "Bielefeld, actually Detmold",
])
def test_the_place_corrected_to_wins_over_the_one_before(aware: LocationResolver, text: str) -> None:
    result = aware.resolve(text)
    assert _where(result) == ("resolved", "Detmold"), text
    assert BIELEFELD in result.excluded


@pytest.mark.parametrize("text", [
    "Unser Firmensitz ist Detmold, in Bielefeld ist nur grad eine Baustelle",
    "Wir haben eine Baustelle in Bielefeld, unser Hauptsitz ist aber in Detmold",
    "We are based in Detmold and have a project in Bielefeld",
])
def test_the_place_named_as_the_seat_wins_over_a_work_site(aware: LocationResolver, text: str) -> None:
    result = aware.resolve(text)
    assert _where(result) == ("resolved", "Detmold"), text
    assert BIELEFELD in result.excluded


def test_the_seat_named_with_its_postcode_is_one_place(aware: LocationResolver) -> None:
    result = aware.resolve("Unser Firmensitz ist 32756 Detmold")
    assert _where(result) == ("resolved", "Detmold")
    assert not result.excluded


@pytest.mark.parametrize("text", [
    "nicht Bielefeld", "Wir sind nicht mehr in Bielefeld.", "Bielefeld war falsch", "not in Bielefeld",
])
def test_a_place_only_denied_resolves_to_nothing_but_is_reported(aware: LocationResolver, text: str) -> None:
    result = aware.resolve(text)
    assert result.status == "not_found" and result.question is None
    assert result.excluded == (BIELEFELD,)


@pytest.mark.parametrize(("text", "gemeinde"), [
    ("Ich weiß nicht, wir sind in Bielefeld", "Bielefeld"),  # the negation belongs to another clause
    ("Gibt es in Bielefeld nicht auch eine Beratung?", "Bielefeld"),
    ("Wir sind kein Konzern, sondern ein kleiner Betrieb aus Bielefeld", "Bielefeld"),
    ("Nicht jeder weiß es: wir sitzen in Bielefeld", "Bielefeld"),
    ("Warum nicht? Wir sind in Bielefeld.", "Bielefeld"),
])
def test_a_negation_elsewhere_leaves_the_place(aware: LocationResolver, text: str, gemeinde: str) -> None:
    result = aware.resolve(text)
    assert _where(result) == ("resolved", gemeinde), text
    assert result.excluded == ()


def test_not_only_adds_a_place_it_denies_none(aware: LocationResolver) -> None:
    result = aware.resolve("Wir sind nicht nur in Bochum, sondern auch in Dortmund")
    assert result.status == "ambiguous" and result.excluded == ()
    assert {c.gemeinde for c in result.candidates} == {"Bochum", "Dortmund"}


def test_a_denied_kreis_and_outside_place(aware: LocationResolver, gazetteer: Gazetteer) -> None:
    result = aware.resolve("nicht im Kreis Lippe, sondern im Kreis Herford")
    assert (result.level, result.kreis_label) == ("kreis", "Kreis Herford")
    assert result.excluded == ("05766",)
    result = aware.resolve("Wir sind nicht in Hamburg, sondern in Münster")
    assert (result.gemeinde, result.excluded) == ("Münster", ("Hamburg",))


def test_a_denied_typo_lets_the_right_place_through(aware: LocationResolver) -> None:
    result = aware.resolve("nicht Bielefeld, sondern Detmlod")
    assert (result.gemeinde, result.fuzzy) == ("Detmold", True) and BIELEFELD in result.excluded


def test_every_gemeinde_beside_a_denied_one(aware: LocationResolver, gazetteer: Gazetteer) -> None:
    wrong = []
    for g in gazetteer.gemeinden.values():
        if g.ags == BIELEFELD:
            continue
        for text in (f"Wir sitzen in {g.name}, nicht in Bielefeld.", f"Nicht Bielefeld, sondern {g.name}"):
            result = aware.resolve(text)
            if (result.status, result.ags) != ("resolved", g.ags):
                wrong.append((text, result.status, result.gemeinde))
    assert wrong == []


# --- Hochschulen and institutes -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Hochschule Hamm-Lippstadt",
    "Wir entwickeln mit der Hochschule Hamm-Lippstadt einen Sensor.",
    "Uni Siegen",
    "wir haben ein projekt mit der uni siegen",
    "TH Köln",
    "Kooperation mit der RWTH Aachen geplant",
    "Wir forschen mit der Universität Paderborn",
    "FH Münster",
    "Bergische Universität Wuppertal",
    "Ruhr-Universität Bochum",
    "Universität zu Köln",
    "Hochschule Bonn-Rhein-Sieg",
    "Wir testen mit dem Fraunhofer IML in Dortmund",
    "Wir arbeiten mit Fraunhofer in Dortmund zusammen",
    "Forschungszentrum Jülich",
    "Zusammenarbeit mit der Hochschule Niederrhein und der FH Südwestfalen",
    "We work with RWTH Aachen University",
    "Our partner is the University of Cologne",
])
def test_a_place_in_an_institution_name_is_not_the_company_place(aware: LocationResolver, text: str) -> None:
    result = aware.resolve(text)
    assert result.status == "not_found" and result.question is None, (text, result)
    assert result.institutions and result.excluded == ()


@pytest.mark.parametrize(("text", "gemeinde"), [
    ("Wir sind in Siegen und arbeiten mit der Uni Siegen", "Siegen"),
    ("Mit der Uni Siegen zusammen, wir selbst sitzen in Siegen", "Siegen"),
    ("Wir arbeiten mit der Uni Siegen und sitzen in Kreuztal", "Kreuztal"),
    ("Wir kooperieren mit der Hochschule Hamm-Lippstadt, unser Betrieb ist in Soest", "Soest"),
    ("Schreinerei aus Lippstadt, Projekt mit der Hochschule Hamm-Lippstadt", "Lippstadt"),
    ("Wir sind ein Spin-off der TU Dortmund in Dortmund", "Dortmund"),
    ("Mit dem Fraunhofer IPT in Aachen entwickeln wir; Sitz ist Eschweiler", "Eschweiler"),
    ("RWTH Aachen ist unser Partner, wir sitzen in Eschweler", "Eschweiler"),  # a typo behind an institution
    ("Metallbau in Paderborn, wir wollen mit einer Hochschule forschen", "Paderborn"),
    ("We are in Cologne and work with RWTH Aachen", "Köln"),
    ("Kooperation mit Hochschulen in Aachen und Köln, wir sind in Düren", "Düren"),
    ("Wir arbeiten mit der Uni zusammen und Bielefeld ist unser Sitz", "Bielefeld"),
])
def test_the_company_place_beside_an_institution(aware: LocationResolver, text: str, gemeinde: str) -> None:
    result = aware.resolve(text.replace("Cologne", "Köln   "))
    assert _where(result) == ("resolved", gemeinde), text


def test_every_gemeinde_beside_an_institution(aware: LocationResolver, gazetteer: Gazetteer) -> None:
    wrong = []
    for g in gazetteer.gemeinden.values():
        for text in (f"Wir sitzen in {g.name} und forschen mit der Hochschule Hamm-Lippstadt.",
                     f"Projekt mit der RWTH Aachen; Sitz: {g.name}"):
            result = aware.resolve(text)
            if (result.status, result.ags) != ("resolved", g.ags):
                wrong.append((text, result.status, result.gemeinde))
    assert wrong == []


# --- postcodes ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "PLZ 58511", "Postleitzahl 58511", "Unsere PLZ ist 58511.", "PLZ: 58511, 20 Mitarbeiter", "PLZ58511",
    "Unser Betrieb, PLZ 58511, sucht Förderung", "58511 Lüdenscheid", "zip code 58511", "postcode 58511.",
    "Wir sitzen in 58511.",
])
def test_a_postcode_is_read_as_one(aware: LocationResolver, text: str) -> None:
    result = aware.resolve(text)
    assert (result.status, result.gemeinde, result.kreis) == ("resolved", "Lüdenscheid", "Märkischer Kreis"), text


@pytest.mark.parametrize(("text", "gemeinde"), [("in 33602", "Bielefeld"), ("in 33602, Handwerk", "Bielefeld"),
                                                ("Standort: 32052.", "Herford")])
def test_a_postcode_at_a_clause_end(aware: LocationResolver, text: str, gemeinde: str) -> None:
    assert _where(aware.resolve(text)) == ("resolved", gemeinde)


def test_every_plz_with_its_cue(aware: LocationResolver, gazetteer: Gazetteer) -> None:
    for plz, agss in gazetteer.plz.items():
        result = aware.resolve(f"Unsere PLZ ist {plz}.")
        assert result.status == "resolved", plz
        assert {c.ags for c in result.candidates} == (set(agss) if len(agss) > 1 else set()), plz


@pytest.mark.parametrize("text", [
    "Wir brauchen 50000 für eine neue Maschine", "Budget: 45000", "Kosten 12345,50", "58511 Euro Umsatz",
])
def test_amounts_are_no_postcodes(aware: LocationResolver, text: str) -> None:
    result = aware.resolve(text)
    assert result.status == "not_found" and result.question is None, text


# --- several places with the same partners --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Wir haben Standorte in Aachen und Düren",
    "Unser Werk ist in Düren, das Büro in Aachen",
    "aachen und düren",
])
def test_two_places_with_the_same_partners_need_no_question(
    aware: LocationResolver, registry: PartnerRegistry, text: str
) -> None:
    result = aware.resolve(text)
    assert result.status == "resolved" and result.question is None
    assert {c.gemeinde for c in result.candidates} == {"Aachen", "Düren"}
    assert "Aachen" in result.label and "Düren" in result.label and " und " in result.label
    ranked = rank_partners(registry, result, limit=3)
    # The chambers both places share first, then a local partner of the first place named (its Wirtschaftsförderung).
    assert [r.partner.id for r in ranked[:2]] == ["ihk-aachen", "hwk-aachen"] and ranked[2].local
    assert not any(r.location_needed for r in ranked)


def test_two_towns_of_one_kreis_resolve_to_the_kreis(aware: LocationResolver, registry: PartnerRegistry) -> None:
    result = aware.resolve("Wir produzieren in Lippstadt und in Soest")
    assert (result.status, result.level, result.kreis_label) == ("resolved", "kreis", "Kreis Soest")
    assert [c.gemeinde for c in result.candidates] == ["Lippstadt", "Soest"]
    assert not rank_partners(registry, result)[0].location_needed


@pytest.mark.parametrize(("plz", "places", "level"), [
    ("40721", {"Düsseldorf", "Hilden"}, "plz"),
    ("40472", {"Düsseldorf", "Ratingen"}, "plz"),
    ("33154", {"Paderborn", "Salzkotten"}, "kreis"),
    ("52538", {"Gangelt", "Selfkant"}, "kreis"),
])
def test_a_shared_plz_with_the_same_partners_needs_no_question(
    aware: LocationResolver, registry: PartnerRegistry, plz: str, places: set[str], level: str
) -> None:
    result = aware.resolve(f"PLZ {plz}")
    assert (result.status, result.level, result.plz, result.question) == ("resolved", level, plz, None)
    assert {c.gemeinde for c in result.candidates} == places  # the API still lists them
    if level == "plz":
        assert " oder " in (result.label or "")
    assert not rank_partners(registry, result)[0].location_needed


@pytest.mark.parametrize(("text", "places"), [
    ("Wir haben Standorte in Bochum und Dortmund", {"Bochum", "Dortmund"}),  # two IHKs
    ("Werke in Witten und Schwelm", {"Witten", "Schwelm"}),  # one Kreis, two IHKs
    ("Bielefeld oder Münster", {"Bielefeld", "Münster"}),
])
def test_places_with_different_partners_are_still_asked(
    aware: LocationResolver, text: str, places: set[str]
) -> None:
    result = aware.resolve(text)
    assert result.status == "ambiguous" and result.question
    assert {c.gemeinde for c in result.candidates} == places


def test_two_kreise_with_the_same_partners(aware: LocationResolver) -> None:
    result = aware.resolve("Kreis Düren und Städteregion Aachen")
    assert (result.status, result.level, result.kreis_label) == ("resolved", "kreis", "Kreis Düren")
    assert result.label == "Kreis Düren und Städteregion Aachen"


def test_without_partner_data_the_choice_is_asked(resolver: LocationResolver) -> None:
    assert resolver.resolve("Wir haben Standorte in Aachen und Düren").status == "ambiguous"
    assert resolver.resolve("40721").status == "ambiguous"

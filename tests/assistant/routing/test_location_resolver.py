"""LocationResolver: every Gemeinde and PLZ of the gazetteer, typos, sentences, Kreise, regions, outside NRW,
and no places read into ordinary sentences."""

from __future__ import annotations

import pytest

from api.benchmarks.resolve_bench import bench_resolve
from assistant.routing.location_resolver import LocationResolver
from indexer.gazetteer import Gazetteer


def test_every_gemeinde_name_resolves_to_its_kreis(resolver: LocationResolver, gazetteer: Gazetteer) -> None:
    wrong = []
    for g in gazetteer.gemeinden.values():
        for text in (g.name, f"Unser Betrieb sitzt in {g.name}.", g.name.upper()):
            result = resolver.resolve(text)
            if (result.status, result.ags, result.kreis_ags) != ("resolved", g.ags, g.kreis_ags):
                wrong.append((text, result.status, result.gemeinde))
    assert wrong == []


def test_every_official_name_resolves(resolver: LocationResolver, gazetteer: Gazetteer) -> None:
    for g in gazetteer.gemeinden.values():
        official = g.name_amtlich.split(",")[0]
        assert resolver.resolve(f"Wir sind aus {official}").ags == g.ags, official


def test_every_plz_resolves(resolver: LocationResolver, gazetteer: Gazetteer) -> None:
    for plz, agss in gazetteer.plz.items():
        result = resolver.resolve(plz)
        if len(agss) == 1:
            assert (result.status, result.ags, result.level) == ("resolved", agss[0], "plz"), plz
            assert result.kreis_ags == gazetteer.gemeinden[agss[0]].kreis_ags
        else:
            assert result.status == "ambiguous", plz
            assert sorted(c.ags for c in result.candidates) == sorted(agss)
            assert result.question and plz in result.question


def test_shared_plz_across_kreise_asks_with_both_places(resolver: LocationResolver) -> None:
    result = resolver.resolve("40472")
    assert result.status == "ambiguous"
    labels = [c.label for c in result.candidates]
    assert labels == ["Düsseldorf (kreisfreie Stadt)", "Ratingen (Kreis Mettmann)"]
    assert result.question is not None and "Ratingen" in result.question
    # A name next to the shared PLZ settles it.
    assert resolver.resolve("40472 Ratingen").ags == "05158028"


@pytest.mark.parametrize(("text", "gemeinde", "kreis_ags"), [
    ("Lippstadt", "Lippstadt", "05974"),
    ("Mülheim an der Ruhr", "Mülheim an der Ruhr", "05117"),
    ("Mülheim", "Mülheim an der Ruhr", "05117"),
    ("Mülheim a. d. Ruhr", "Mülheim an der Ruhr", "05117"),
    ("Bad Oeynhausen", "Bad Oeynhausen", "05770"),
    ("wir sitzen in Lippstadt", "Lippstadt", "05974"),
    ("Schreinerei mit 12 Leuten in Herford", "Herford", "05758"),
    ("Muenster", "Münster", "05515"),
    ("Guetersloh", "Gütersloh", "05754"),
    ("Koeln", "Köln", "05315"),
    ("Duesseldorf", "Düsseldorf", "05111"),
    ("MÖNCHENGLADBACH", "Mönchengladbach", "05116"),
    ("Schloss Holte-Stukenbrock", "Schloß Holte-Stukenbrock", "05754"),
    ("Preussisch Oldendorf", "Preußisch Oldendorf", "05770"),
    ("St. Augustin", "Sankt Augustin", "05382"),
    ("Halle (Westf.)", "Halle (Westf.)", "05754"),
    ("Halle Westfalen", "Halle (Westf.)", "05754"),
    ("Rheda Wiedenbrück", "Rheda-Wiedenbrück", "05754"),
    ("Aachen", "Aachen", "05334"),
    ("Herford", "Herford", "05758"),  # town, not Kreis Herford
    ("Wesel", "Wesel", "05170"),
    ("Bielefeld", "Bielefeld", "05711"),  # kreisfreie Stadt: resolves to itself
    ("Ein Handwerksbetrieb aus Essen", "Essen", "05113"),
    ("Metallbau GmbH in Witten", "Witten", "05954"),
    ("Wir haben unseren Sitz in 59555 Lippstadt.", "Lippstadt", "05974"),
    ("eine Energieberatung für unsere Druckerei (22 MA, Bünde)?", "Bünde", "05758"),  # a common word after a headcount
    ("Tischlerei mit 8 Mitarbeitern, Senden", "Senden", "05558"),
])
def test_names_and_sentences(resolver: LocationResolver, text: str, gemeinde: str, kreis_ags: str) -> None:
    result = resolver.resolve(text)
    assert (result.status, result.gemeinde, result.kreis_ags) == ("resolved", gemeinde, kreis_ags)
    assert result.matched_text and result.span
    assert text[result.span[0]:result.span[1]] == result.matched_text


@pytest.mark.parametrize(("text", "gemeinde"), [
    ("Lipstadt", "Lippstadt"),
    ("Bielefel", "Bielefeld"),
    ("Munster", "Münster"),
    ("Gutersloh", "Gütersloh"),
    ("Dusseldorf", "Düsseldorf"),
    ("Wir sitzen in Lipstadt und suchen Förderung", "Lippstadt"),
    ("Firma aus Mönchengladbch", "Mönchengladbach"),
    ("Bad Oeynhasuen", "Bad Oeynhausen"),
    ("Recklinghasuen", "Recklinghausen"),
])
def test_typos(resolver: LocationResolver, text: str, gemeinde: str) -> None:
    result = resolver.resolve(text)
    assert (result.status, result.gemeinde, result.fuzzy) == ("resolved", gemeinde, True)


def test_exact_names_are_not_marked_fuzzy(resolver: LocationResolver) -> None:
    assert resolver.resolve("Muenster").fuzzy is False


@pytest.mark.parametrize(("text", "ortsteil", "gemeinde"), [
    ("Bad Godesberg", "Bad Godesberg", "Bonn"),
    ("Rheydt", "Rheydt", "Mönchengladbach"),
    ("Wir sitzen in Wattenscheid", "Wattenscheid", "Bochum"),
    ("Hohenlimburg", "Hohenlimburg", "Hagen"),
    ("Sennestadt", "Sennestadt", "Bielefeld"),
    ("Benrath", "Benrath", "Düsseldorf"),
    ("Köln-Porz", "Porz", "Köln"),
    ("Köln-Mülheim", "Köln-Mülheim", "Köln"),
])
def test_ortsteile(resolver: LocationResolver, text: str, ortsteil: str, gemeinde: str) -> None:
    result = resolver.resolve(text)
    assert (result.status, result.ortsteil, result.gemeinde) == ("resolved", ortsteil, gemeinde)


@pytest.mark.parametrize(("text", "kreis_ags", "label"), [
    ("Kreis Soest", "05974", "Kreis Soest"),
    ("Märkischer Kreis", "05962", "Märkischer Kreis"),
    ("im Märkischen Kreis", "05962", "Märkischer Kreis"),
    ("Rhein-Sieg-Kreis", "05382", "Rhein-Sieg-Kreis"),
    ("Wir sind ein Betrieb im Kreis Wesel", "05170", "Kreis Wesel"),
    ("Kreis Herford", "05758", "Kreis Herford"),
    ("Hochsauerlandkreis", "05958", "Hochsauerlandkreis"),
    ("des Hochsauerlandkreises", "05958", "Hochsauerlandkreis"),
    ("Rhein-Kreis Neuss", "05162", "Rhein-Kreis Neuss"),
    ("Städteregion Aachen", "05334", "Städteregion Aachen"),
    ("Kreis Siegen-Wittgenstein", "05970", "Kreis Siegen-Wittgenstein"),
    ("Minden-Lübbecke", "05770", "Kreis Minden-Lübbecke"),
    ("aus dem Kreis Lippe", "05766", "Kreis Lippe"),
    ("Landkreis Gütersloh", "05754", "Kreis Gütersloh"),
    ("Kreis Güterslo", "05754", "Kreis Gütersloh"),
    ("im HSK", "05958", "Hochsauerlandkreis"),
])
def test_kreise(resolver: LocationResolver, text: str, kreis_ags: str, label: str) -> None:
    result = resolver.resolve(text)
    found = (result.status, result.level, result.kreis_ags, result.kreis_label)
    assert found == ("resolved", "kreis", kreis_ags, label)
    assert result.gemeinde is None


def test_gemeinde_with_its_kreis(resolver: LocationResolver) -> None:
    result = resolver.resolve("Wir sitzen in Lippstadt im Kreis Soest")
    assert (result.level, result.gemeinde) == ("gemeinde", "Lippstadt")


def test_kreis_regions(resolver: LocationResolver) -> None:
    assert resolver.resolve("Kreis Wesel").regions == ("Metropole Ruhr", "Niederrhein")
    assert resolver.resolve("Neuss").regions == ("Köln/Bonn", "Niederrhein")
    assert resolver.resolve("Herford").regions == ("Ostwestfalen-Lippe",)


@pytest.mark.parametrize(("text", "name"), [
    ("Regierungsbezirk Arnsberg", "Arnsberg"),
    ("im Regierungsbezirk Köln", "Köln"),
    ("Bezirksregierung Detmold", "Detmold"),
])
def test_regierungsbezirke(resolver: LocationResolver, text: str, name: str) -> None:
    result = resolver.resolve(text)
    found = (result.status, result.level, result.regierungsbezirk, result.kreis)
    assert found == ("resolved", "regierungsbezirk", name, None)


@pytest.mark.parametrize(("text", "region"), [
    ("Region Aachen", "Aachen"),
    ("Bergisches Städtedreieck", "Bergisches Städtedreieck"),
    ("Düsseldorf/Kreis Mettmann", "Düsseldorf/Kreis Mettmann"),
    ("Region Köln/Bonn", "Köln/Bonn"),
    ("Metropole Ruhr", "Metropole Ruhr"),
    ("Wir sind im Ruhrgebiet", "Metropole Ruhr"),
    ("Münsterland", "Münsterland"),
    ("am Niederrhein", "Niederrhein"),
    ("Ostwestfalen-Lippe", "Ostwestfalen-Lippe"),
    ("OWL", "Ostwestfalen-Lippe"),
    ("Südwestfalen", "Südwestfalen"),
])
def test_regions(resolver: LocationResolver, text: str, region: str) -> None:
    result = resolver.resolve(text)
    assert (result.status, result.level, result.regions) == ("resolved", "region", (region,))


@pytest.mark.parametrize(("text", "bundesland"), [
    ("Berlin", "Berlin"), ("Wir sitzen in Hamburg", "Hamburg"), ("München", "Bayern"), ("Muenchen", "Bayern"),
    ("Frankfurt", "Hessen"), ("Stuttgart", "Baden-Württemberg"), ("Hannover", "Niedersachsen"),
    ("Bremen", "Bremen"), ("Leipzig", "Sachsen"), ("Dresden", "Sachsen"), ("Mainz", "Rheinland-Pfalz"),
    ("Koblenz", "Rheinland-Pfalz"), ("Osnabrück", "Niedersachsen"), ("Kassel", "Hessen"),
    ("Wiesbaden", "Hessen"), ("Saarbrücken", "Saarland"), ("Bayern", "Bayern"),
    ("ein Betrieb in Sachsen-Anhalt", "Sachsen-Anhalt"), ("Schleswig-Holstein", "Schleswig-Holstein"),
    ("Thüringen", "Thüringen"), ("Mecklenburg-Vorpommern", "Mecklenburg-Vorpommern"),
    ("10115", "Berlin"), ("80331 München", "Bayern"), ("Unsere Adresse: 49074 Osnabrück", "Niedersachsen"),
])
def test_outside_nrw(resolver: LocationResolver, text: str, bundesland: str) -> None:
    result = resolver.resolve(text)
    assert (result.status, result.bundesland) == ("outside_nrw", bundesland)
    assert result.ags is None


def test_nrw_place_wins_over_outside_place(resolver: LocationResolver) -> None:
    assert resolver.resolve("Wir ziehen von Hamburg nach Bielefeld").gemeinde == "Bielefeld"


def test_unknown_plz_in_nrw_range_asks_for_the_town(resolver: LocationResolver) -> None:
    result = resolver.resolve("33501")  # a Bielefeld PO-box PLZ, not in the delivery list
    assert result.status == "not_found"
    assert result.question and "33501" in result.question
    assert resolver.resolve("33501 Bielefeld").gemeinde == "Bielefeld"


@pytest.mark.parametrize("text", [
    "Wir wollen unsere Auftragsplanung digitalisieren",
    "Ich habe eine Frage zur Förderung",
    "Gibt es Zuschüsse für eine neue Maschine?",
    "Wir wollen unser Essen im Restaurant digitalisieren",
    "Im Rahmen des Projekts brauchen wir Hilfe",
    "In vielen Fällen lohnt sich ein Kredit",
    "Dürfen wir die Förderung mit einem Kredit kombinieren?",
    "Wir kamen zu dem Schluss, dass wir Beratung brauchen",
    "Das Wetter ist heute gut, wir planen eine Halle",
    "Wir brauchen 50000 Euro für eine Photovoltaikanlage",
    "Wir haben 12345 Kunden",
    "Unsere Werke sollen energieeffizienter werden",
    "Wir exportieren nach Schweden und Indien",
    "Vielen Dank für die Hilfe!",
    "Wie hoch ist der Zuschuss im Alter von 60 Jahren?",
    "",
])
def test_ordinary_sentences_have_no_place(resolver: LocationResolver, text: str) -> None:
    result = resolver.resolve(text)
    assert result.status == "not_found", (text, result)
    assert result.question is None


def test_several_places_are_ambiguous(resolver: LocationResolver) -> None:
    result = resolver.resolve("Wir haben Standorte in Bochum und Dortmund")
    assert result.status == "ambiguous"
    assert [c.gemeinde for c in result.candidates] == ["Bochum", "Dortmund"]
    assert result.question and "Bochum" in result.question and "Dortmund" in result.question


def test_to_dict_has_the_api_fields(resolver: LocationResolver) -> None:
    data = resolver.resolve("Witten").to_dict()
    assert {"ags", "gemeinde", "kreis", "kreis_ags", "regierungsbezirk", "ambiguous"} <= data.keys()
    assert data["kreis"] == "Ennepe-Ruhr-Kreis" and data["regierungsbezirk"] == "Arnsberg"


def test_bench_resolve_reports_percentiles(resolver: LocationResolver) -> None:
    result = bench_resolve(resolver, 50)
    assert result["n"] == 50
    assert 0 < result["p50_ms"] <= result["p95_ms"] <= result["max_ms"]

"""GET /api/locations/resolve and GET /api/partners on a real server over the bundled gazetteer and partner list,
and the chat naming the same partner the API ranks first."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from assistant.components import build_components
from assistant.routing.partner_registry import load_partner_registry
from assistant.settings import PROJECT_ROOT, Settings
from indexer.gazetteer import load_gazetteer
from indexer.partner_catalogue import TARGET_GROUPS, TOPICS
from tests.api.bad_input.clean_problem import assert_clean_problem
from tests.live_server import live_server


@pytest.fixture(scope="module")
def api_url(tmp_path_factory, embeddings) -> Iterator[str]:
    # The catalog, gazetteer and partners of the bundled corpus; no index is needed for routing.
    settings = Settings(_env_file=None, data_dir=tmp_path_factory.mktemp("routing-api") / "data",
                        corpus_dir=PROJECT_ROOT / "corpus")
    app = create_app(settings=settings, components=build_components(settings, embeddings=embeddings))
    with live_server(app) as url:
        yield url


def _get(url: str, path: str, **params: object) -> httpx.Response:
    return httpx.get(f"{url}{path}", params=params, timeout=10)


def test_resolves_a_place_inside_a_sentence_with_a_typo(api_url):
    body = _get(api_url, "/api/locations/resolve", q="wir sitzen in Lipstadt").json()
    assert (body["status"], body["gemeinde"], body["kreis"], body["regierungsbezirk"]) == \
        ("resolved", "Lippstadt", "Soest", "Arnsberg")
    assert body["ags"].startswith(body["kreis_ags"]) and body["fuzzy"] is True


def test_umlaut_variant_resolves_to_the_city(api_url):
    body = _get(api_url, "/api/locations/resolve", q="Muenster").json()
    assert (body["gemeinde"], body["kreis_ags"]) == ("Münster", "05515")


def test_shared_plz_with_the_same_partners_lists_both_places_without_a_question(api_url):
    # Düsseldorf and Hilden share IHK, Handwerkskammer and regional agency: nothing to ask, both still listed.
    body = _get(api_url, "/api/locations/resolve", q="40721").json()
    assert (body["status"], body["plz"], body["question"]) == ("resolved", "40721", None)
    assert {c["gemeinde"] for c in body["ambiguous"]} == {"Düsseldorf", "Hilden"}
    assert "Düsseldorf" in body["label"] and "Hilden" in body["label"]
    partners = _get(api_url, "/api/partners", location="40721", sector="handwerk").json()
    assert partners["partners"][0]["id"] == "hwk-duesseldorf" and partners["clarify"] == []


def test_places_with_different_partners_are_ambiguous_with_a_question(api_url):
    body = _get(api_url, "/api/locations/resolve", q="Witten oder Schwelm").json()
    assert body["status"] == "ambiguous"
    assert {c["gemeinde"] for c in body["ambiguous"]} == {"Witten", "Schwelm"}
    assert "Witten" in body["question"] and "Schwelm" in body["question"]


@pytest.mark.parametrize(("q", "gemeinde"), [
    ("PLZ 58511", "Lüdenscheid"), ("Postleitzahl: 58511.", "Lüdenscheid"), ("in 33602", "Bielefeld"),
    ("nicht Bielefeld, sondern Detmold", "Detmold"), ("Uni Siegen, Sitz in Kreuztal", "Kreuztal"),
])
def test_resolve_reads_postcodes_denials_and_institutions_as_the_chat_does(api_url, q, gemeinde):
    body = _get(api_url, "/api/locations/resolve", q=q).json()
    assert (body["status"], body["gemeinde"]) == ("resolved", gemeinde)


@pytest.mark.parametrize("q", ["Hochschule Hamm-Lippstadt", "RWTH Aachen", "Uni Siegen"])
def test_an_institution_alone_names_no_company_place(api_url, q):
    problem = assert_clean_problem(_get(api_url, "/api/locations/resolve", q=q), 404)
    assert q in problem["detail"] and "Hochschule" in problem["detail"]


def test_places_outside_nrw_and_no_place_are_404_problems(api_url):
    problem = assert_clean_problem(_get(api_url, "/api/locations/resolve", q="Berlin"), 404)
    assert "außerhalb von NRW" in problem["detail"]
    assert_clean_problem(_get(api_url, "/api/locations/resolve", q="Förderung für Software"), 404)


def test_bad_queries_are_422_problems(api_url):
    assert_clean_problem(_get(api_url, "/api/locations/resolve", q=""), 422)
    assert_clean_problem(_get(api_url, "/api/locations/resolve", q="x" * 201), 422)
    assert_clean_problem(_get(api_url, "/api/partners", limit=0), 422)
    assert_clean_problem(_get(api_url, "/api/partners", topic="x" * 101), 422)


@pytest.mark.parametrize(("param", "value"), [("topic", "astrologie"), ("sector", "Raumfahrtbehörde"),
                                              ("topic", "Förderung")])
def test_an_unknown_topic_or_sector_is_a_422_listing_the_accepted_names(api_url, param, value):
    problem = assert_clean_problem(_get(api_url, "/api/partners", location="Bochum", **{param: value}), 422)
    assert f"{param}: '{value}' ist nicht bekannt" in problem["detail"]
    assert problem["accepted"]["topic"] == sorted(TOPICS)
    assert set(problem["accepted"]["sector"]) >= TARGET_GROUPS | {"handwerk", "industrie", "handel"}
    for name in ("eu", "international", "digitalisierung", "wissenstransfer", "handwerk", "kmu"):
        assert name in problem["detail"]


@pytest.mark.parametrize(("params", "topic", "sector"), [
    ({"topic": "Export"}, "international", None),
    ({"topic": "EU-Förderung"}, "eu", None),
    ({"topic": "eu-foerderung"}, "eu", None),
    ({"topic": "EU"}, "eu", None),
    ({"topic": "Digitalisierung"}, "digitalisierung", None),
    ({"topic": "DIGITALISIERUNG "}, "digitalisierung", None),
    ({"topic": "Künstliche Intelligenz"}, "ki", None),
    ({"topic": "Hochschul-Kooperation"}, "wissenstransfer", None),
    ({"topic": "Forschungspartner"}, "fue", None),
    ({"topic": "Gruendung"}, "gruendung", None),
    ({"topic": "fachkraefte"}, "fachkraefte", None),
    ({"topic": "Handwerk"}, None, "handwerk"),  # names a kind of business: read as the sector
    ({"sector": "Handwerk"}, None, "handwerk"),
    ({"sector": "Bäckerei"}, None, "handwerk"),
    ({"sector": "Maschinenbau", "topic": "Messe im Ausland"}, "international", "industrie"),
    ({"sector": "kmu"}, None, "kmu"),
    ({"topic": "Förderkredit"}, "finanzierung", None),
])
def test_topics_and_sectors_as_a_person_types_them(api_url, params, topic, sector):
    body = _get(api_url, "/api/partners", **params).json()
    assert body["filters"] == {"topic": topic, "sector": sector}


def test_export_in_guetersloh_goes_to_the_ihk_ostwestfalen(api_url):
    response = _get(api_url, "/api/partners", topic="Export", location="Gütersloh")
    assert response.status_code == 200, response.text
    ids = [p["id"] for p in response.json()["partners"]]
    assert ids[0] == "ihk-ostwestfalen"
    assert "nrw-europa" in ids[:3]  # international → NRW.Europa (Enterprise Europe Network)


@pytest.mark.parametrize("location", [None, "Gütersloh", "Schmallenberg", "Köln", "Münsterland"])
def test_eu_funding_brings_nrw_europa_into_the_first_three(api_url, location):
    params = {"topic": "EU-Förderung"} | ({"location": location} if location else {})
    response = _get(api_url, "/api/partners", **params)
    assert response.status_code == 200, response.text
    partners = response.json()["partners"]
    assert "nrw-europa" in [p["id"] for p in partners[:3]]
    assert next(p for p in partners if p["id"] == "nrw-europa")["specialist"] is True
    if location:
        assert partners[0]["local"] and partners[0]["type"] == "ihk"


@pytest.mark.parametrize(("topic", "specialist"), [("KI", "ki-nrw"), ("Forschungspartner", "innovation2business-nrw"),
                                                   ("Hochschul-Kooperation", "innovation2business-nrw"),
                                                   ("Gründung", "startercenter-nrw"),
                                                   ("Kredit", "nrw-bank-service-center")])
def test_the_topics_specialist_is_among_the_first_three(api_url, topic, specialist):
    partners = _get(api_url, "/api/partners", topic=topic, location="Detmold").json()["partners"]
    ids = [p["id"] for p in partners]
    assert ids[0] == "ihk-lippe" and specialist in ids[:3]
    if topic == "Kredit":  # a loan: the bank's note that NRW.BANK and KfW loans go through the Hausbank
        assert "Hausbank" in next(p["reason"] for p in partners if p["id"] == specialist)


@pytest.mark.parametrize(("place", "ihk"), [
    ("Witten", "ihk-mittleres-ruhrgebiet"), ("Hattingen", "ihk-mittleres-ruhrgebiet"), ("Schwelm", "sihk-hagen")])
def test_ennepe_ruhr_exception_holds_through_the_api(api_url, place, ihk):
    body = _get(api_url, "/api/partners", location=place, sector="industrie").json()
    assert body["location"]["kreis"] == "Ennepe-Ruhr-Kreis"
    assert body["partners"][0]["id"] == ihk
    assert place in body["partners"][0]["reason"]


def test_local_partners_come_before_statewide_ones_each_with_a_reason(api_url):
    body = _get(api_url, "/api/partners", location="Herford", topic="eu", limit=8).json()
    partners = body["partners"]
    # The responsible chamber, the topic's specialist, then the other local partners before the statewide bodies.
    assert [p["id"] for p in partners[:2]] == ["ihk-ostwestfalen", "nrw-europa"]
    locality = [p["local"] for p in partners if not p["specialist"]]
    assert locality == sorted(locality, reverse=True) and locality[0] and not locality[-1]
    assert {"ihk-ostwestfalen", "hwk-owl", "owl-gmbh", "nrw-europa"} <= {p["id"] for p in partners}
    assert all(p["reason"] and (p["as_of"] or p["checked_on"]) for p in partners)


def test_a_craft_business_gets_its_handwerkskammer_not_the_ihk(api_url):
    ids = [p["id"] for p in _get(api_url, "/api/partners", location="Herford", sector="handwerk").json()["partners"]]
    assert ids[0] == "hwk-owl" and "ihk-ostwestfalen" not in ids


def test_without_a_location_only_statewide_bodies_and_a_question(api_url):
    body = _get(api_url, "/api/partners", topic="gruendung").json()
    assert body["location"] is None
    assert body["partners"][0]["id"] == "startercenter-nrw"
    assert not any(p["local"] for p in body["partners"]) and body["clarify"]


def test_the_chat_names_the_partner_the_api_ranks_first(api_url):
    api_first = _get(api_url, "/api/partners", location="Witten", sector="handwerk").json()["partners"][0]["id"]
    reply = httpx.post(f"{api_url}/api/chat", timeout=30, json={
        "message": "Wir sind ein Handwerksbetrieb in Witten. Wen kann ich zur Digitalisierung anrufen?"}).json()
    assert reply["partners"][0]["id"] == api_first == "hwk-dortmund"


@pytest.mark.parametrize(("message", "first", "specialist"), [
    ("Wir sind ein Maschinenbauer in Herford. Wer berät uns persönlich zu EU-Förderung?", "ihk-ostwestfalen",
     "nrw-europa"),
    ("Ansprechpartner für unser KI-Projekt, wir sitzen in Bocholt", "ihk-nord-westfalen", "ki-nrw"),
    ("Wen kann ich wegen einer Kooperation mit einer Hochschule anrufen? Firma in Siegen", "ihk-siegen",
     "innovation2business-nrw"),
])
def test_the_chats_partner_cards_name_the_specialist_among_the_first_three(api_url, message, first, specialist):
    reply = httpx.post(f"{api_url}/api/chat", timeout=30, json={"message": message}).json()
    ids = [p["id"] for p in reply["partners"]]
    assert ids[0] == first and specialist in ids[:3], ids
    registry = load_partner_registry(PROJECT_ROOT / "corpus" / "partners.yaml", load_gazetteer(PROJECT_ROOT / "corpus"))
    for card in reply["partners"]:  # a card links the partner's official website, or nothing
        assert card["url"] == registry.get(card["id"]).website, card

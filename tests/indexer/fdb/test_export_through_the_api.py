"""The real export sample served by the real app on 127.0.0.1 (indexed with the small test corpus, real Chroma, real
MiniLM): /api/programs lists its programmes once, with their Förderdatenbank page; /api/search and a chat answer about
starting a business out of Bürgergeld cite that page with the licence's attribution."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from api.app import create_app
from assistant.components import build_components
from assistant.settings import Settings
from indexer.composition import build_pipeline
from indexer.source_registry import load_sources
from tests.corpus_builder import PROGRAMS_YAML
from tests.indexer.fdb.export_corpus import EINSTIEGSGELD_ID, EINSTIEGSGELD_URL, REAL_EXPORT, corpus_with_export
from tests.live_server import live_server

ATTRIBUTION = f"Einstiegsgeld, Bundesministerium für Wirtschaft und Energie, CC BY-ND 4.0, Quelle: {EINSTIEGSGELD_URL}"
# A curated entry that links the export's eingliederungszuschuss page: the two must show as one programme.
CURATED = PROGRAMS_YAML + """\
  - id: eingliederungszuschuss
    name: "Eingliederungszuschuss"
    provider: "Bundesagentur für Arbeit"
    level: Bund
    funding_type: Zuschuss
    target_groups: [kmu]
    topics: [fachkraefte]
    status: open
    status_note: "Kuratierter Eintrag."
    as_of: 2026-10-01
    source_url: https://example.org/eingliederungszuschuss
    fdb_url: https://www.foerderdatenbank.de/FDB/Content/DE/Foerderprogramm/Bund/BA/eingliederungszuschuss-bund.html
"""


@pytest.fixture(scope="module")
def api_url(tmp_path_factory, embeddings) -> Iterator[str]:
    root = tmp_path_factory.mktemp("fdb-api")
    corpus = corpus_with_export(root / "corpus", f"path: {REAL_EXPORT}", CURATED)
    settings = Settings(_env_file=None, data_dir=root / "data", corpus_dir=corpus)
    build_pipeline(settings, embedder=embeddings).run(load_sources(settings.resolved_sources_file()))
    with live_server(create_app(settings=settings, components=build_components(settings, embeddings=embeddings))) \
            as url:
        yield url


def test_programs_lists_the_export_programmes_once_with_their_foerderdatenbank_page(api_url):
    programs = httpx.get(f"{api_url}/api/programs").json()["programs"]
    ids = [p["id"] for p in programs]
    assert len(ids) == len(set(ids))
    einstieg = next(p for p in programs if p["id"] == EINSTIEGSGELD_ID)
    assert einstieg["name"] == "Einstiegsgeld" and einstieg["url"] == EINSTIEGSGELD_URL
    assert einstieg["status"] == "open" and einstieg["funding_type"] == "Zuschuss" and einstieg["level"] == "Bund"
    assert einstieg["topics"] == ["gruendung"] and "In der Förderdatenbank gelistet" in einstieg["status_note"]
    # the curated entry links the export's page: one programme, the curated facts
    assert "fdb-bund-ba-eingliederungszuschuss-bund" not in ids
    assert next(p for p in programs if p["id"] == "eingliederungszuschuss")["status_note"] == "Kuratierter Eintrag."
    assert sum(1 for p in programs if "Eingliederungszusch" in p["name"]) == 1
    founders = httpx.get(f"{api_url}/api/programs", params={"topic": "gruendung", "level": "Bund"}).json()
    assert EINSTIEGSGELD_ID in [p["id"] for p in founders["programs"]]
    detail = httpx.get(f"{api_url}/api/programs/{EINSTIEGSGELD_ID}").json()
    assert detail["sources"] == [EINSTIEGSGELD_URL] and detail["target_groups"] == ["gruender"]


def test_search_finds_the_export_text_cited_with_its_page_and_attribution(api_url):
    r = httpx.get(f"{api_url}/api/search", params={"q": "Einstiegsgeld Selbstständigkeit SGB II", "k": 5})
    assert r.status_code == 200
    results = r.json()["results"]
    top = results[0]
    assert top["url"] == EINSTIEGSGELD_URL and top["doc_id"] == EINSTIEGSGELD_ID
    assert top["metadata"]["attribution"] == ATTRIBUTION and top["metadata"]["status"] == "open"
    filtered = httpx.get(f"{api_url}/api/search", params={"q": "Förderung", "topic": "gruendung", "level": "Bund",
                                                          "k": 10}).json()["results"]
    assert filtered and {x["url"] for x in filtered} == {EINSTIEGSGELD_URL}


def test_a_chat_answer_about_founding_out_of_buergergeld_cites_the_foerderdatenbank_page(api_url):
    # (the export's text says "SGB II", not "Bürgergeld": in this tiny corpus the question must name the Einstieg in
    # die Selbstständigkeit; test_both_sources.py asks it in other words over the bundled corpus)
    r = httpx.post(f"{api_url}/api/chat", json={
        "message": "Gibt es Unterstützung beim Einstieg in die Selbstständigkeit, wenn ich Bürgergeld bekomme?"})
    assert r.status_code == 200, r.text
    body = r.json()
    cited = [c for c in body["citations"] if c["url"] == EINSTIEGSGELD_URL]
    assert cited and all(c["attribution"] == ATTRIBUTION for c in cited)
    assert EINSTIEGSGELD_ID in [p["id"] for p in body["programs"]]
    number = cited[0]["id"]
    assert f"[{number}]" in body["answer"]
    others = [c for c in body["citations"] if not c["url"].startswith("https://www.foerderdatenbank.de/")]
    assert all(c["attribution"] is None for c in others)  # only sources whose licence asks for it

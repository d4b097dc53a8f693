"""The bundled corpus plus an export (the real sample and synthetic programmes with real texts, among them a
bundesweit programme on Energieeffizienz for Handwerk) served by the real app: the chat and the advisor's facets work
on both sources at once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import httpx
import pytest

from api.app import create_app
from api.benchmarks.fdb_export_generator import (
    ALL_SIZES,
    SyntheticProgramme,
    kept_for_nrw,
    load_texts,
    plan_programmes,
    write_export,
)
from api.benchmarks.scale_fdb_bench import with_export_source
from assistant.components import build_components
from assistant.settings import PROJECT_ROOT, Settings
from indexer.catalog import load_programs
from indexer.composition import build_pipeline
from indexer.foerderdatenbank.programme_parser import programme_id
from indexer.source_registry import load_sources
from tests.indexer.fdb.export_corpus import EINSTIEGSGELD_ID, EINSTIEGSGELD_URL, REAL_TEXTS, copy_export
from tests.live_server import live_server

ENERGY_TITLE = "KMU-innovativ: Energieeffizienz, Klimaschutz und Klimaanpassung"


@pytest.fixture(scope="module")
def served(tmp_path_factory, embeddings) -> Iterator[tuple[str, str]]:
    root = tmp_path_factory.mktemp("both-sources")
    corpus = root / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    export = copy_export(root / "export")
    texts = load_texts(REAL_TEXTS)
    energy = SyntheticProgramme(
        number=9001, text=next(t for t in texts if t.title == ENERGY_TITLE), with_richtlinie=False, funder="bund",
        area="bundesweit", kinds=("zuschuss",), areas=("energieeffizienz_erneuerbare_energien",),
        eligible=("unternehmen",), sizes=ALL_SIZES[1:], branches=("handwerk", "produzierendes_gewerbe"),
        organisation=1)
    others = [replace(p, with_richtlinie=False) for p in plan_programmes(texts, 60, seed=7)]
    write_export([energy, *others], export)
    with_export_source(corpus / "sources.yaml", str(export))  # the real sample is part of this export
    settings = Settings(_env_file=None, data_dir=root / "data", corpus_dir=corpus, today=date(2026, 12, 7))
    summary = build_pipeline(settings, embedder=embeddings).run(load_sources(settings.resolved_sources_file()))
    fdb = next(s for s in summary.sources if s.name == "foerderdatenbank")
    assert not summary.failed and fdb.added == 3 + 1 + sum(1 for p in others if kept_for_nrw(p))
    app = create_app(settings=settings, components=build_components(settings, embeddings=embeddings))
    with live_server(app) as url:
        yield url, programme_id("/BMWI/FDB/Content/DE/" + energy.path)


def test_handwerk_and_energieeffizienz_lists_matches_from_both_sources(served):
    url, energy_id = served
    reply = httpx.post(f"{url}/api/chat", json={
        "message": "welche Programme gibt es für Handwerksbetriebe im Bereich Energieeffizienz"}).json()
    shown = [p["id"] for p in reply["programs"]]
    curated = set(load_programs(PROJECT_ROOT / "corpus" / "programs.yaml"))
    assert energy_id in shown, reply["answer"]
    assert set(shown) & curated, reply["answer"]  # … and the curated catalogue's energy programmes
    assert any(c["url"].startswith("https://www.foerderdatenbank.de/") and c["attribution"] for c in reply["citations"])
    assert len(shown) == len(set(shown))


def test_the_advisor_facets_filter_both_sources_by_the_export_classifiers(served):
    url, energy_id = served
    programs = httpx.get(f"{url}/api/programs", params={"topic": "energie"}).json()["programs"]
    ids = {p["id"] for p in programs}
    assert energy_id in ids and "progres-nrw-innovation" in ids
    crafts = httpx.get(f"{url}/api/programs", params={"topic": "energie", "target_group": "handwerk"}).json()
    assert energy_id in {p["id"] for p in crafts["programs"]}
    passages = httpx.get(f"{url}/api/search", params={"q": "Energieeffizienz Handwerk", "topic": "energie",
                                                      "target_group": "handwerk", "k": 10}).json()["results"]
    found = {r["metadata"]["program_id"] for r in passages}
    # The export's programme among the curated ones on the same classifiers, nothing outside them.
    assert energy_id in found and found <= {p["id"] for p in crafts["programs"]}, found


def test_a_question_about_founding_out_of_buergergeld_cites_the_einstiegsgeld_page(served):
    url, _ = served
    reply = httpx.post(f"{url}/api/chat", json={
        "message": "Ich beziehe Bürgergeld und möchte mich selbstständig machen. Welche Förderung gibt es?"}).json()
    assert EINSTIEGSGELD_ID in [p["id"] for p in reply["programs"]], reply["answer"]
    cited = [c for c in reply["citations"] if c["url"] == EINSTIEGSGELD_URL]
    assert cited and cited[0]["attribution"].startswith("Einstiegsgeld, Bundesministerium für Wirtschaft und Energie")

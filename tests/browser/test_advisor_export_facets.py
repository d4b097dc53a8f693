"""The advisor page (/advisor, real headless Chromium) over the small test corpus plus the real export sample: its
facets count and filter the export's classifiers like the curated ones, and export passages show the attribution."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect

from api.app import create_app
from assistant.components import build_components
from assistant.settings import Settings
from indexer.composition import build_pipeline
from indexer.source_registry import load_sources
from tests.indexer.fdb.export_corpus import REAL_EXPORT, corpus_with_export
from tests.live_server import live_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def advisor_url(tmp_path_factory, embeddings) -> Iterator[str]:
    root = tmp_path_factory.mktemp("advisor-fdb")
    settings = Settings(_env_file=None, data_dir=root / "data",
                        corpus_dir=corpus_with_export(root / "corpus", f"path: {REAL_EXPORT}"))
    build_pipeline(settings, embedder=embeddings).run(load_sources(settings.resolved_sources_file()))
    with live_server(create_app(settings=settings, components=build_components(settings, embeddings=embeddings))) \
            as url:
        yield url + "/advisor"


def facet(page, legend: str, label: str):
    return page.locator("fieldset", has=page.locator("legend", has_text=legend)).get_by_label(label, exact=True)


def test_each_kind_of_funding_is_one_facet_and_filters_programmes_that_name_several(page, advisor_url):
    page.goto(advisor_url)
    expect(facet(page, "Förderart", "Zuschuss (4)")).to_be_visible()  # 2 curated + 2 from the export
    expect(facet(page, "Förderart", "Darlehen (2)")).to_be_visible()  # the curated loan and "Darlehen, Bürgschaft"
    expect(facet(page, "Förderart", "Bürgschaft (1)")).to_be_visible()
    expect(page.get_by_label("Darlehen, Bürgschaft (1)")).to_have_count(0)
    expect(page.locator("#programs tbody tr")).to_have_count(7)
    facet(page, "Förderart", "Darlehen (2)").check()
    expect(page.locator("#programs tbody tr")).to_have_count(2)
    expect(page.locator("#programs tbody")).to_contain_text("Innovationskredit Test")
    expect(page.locator("#programs tbody")).to_contain_text("Minitraité-Förderung")
    assert parse_qs(urlsplit(page.url).query)["funding_type"] == ["Darlehen"]
    page.reload()  # the address keeps the kind, and the filter still finds both
    expect(facet(page, "Förderart", "Darlehen (2)")).to_be_checked()
    expect(page.locator("#programs tbody tr")).to_have_count(2)


def test_topics_and_target_groups_of_the_export_are_facets_with_readable_names(page, advisor_url):
    page.goto(advisor_url)
    facet(page, "Thema", "Gründung (1)").check()
    expect(page.locator("#programs tbody tr")).to_have_count(1)
    expect(page.locator("#programs tbody")).to_contain_text("Einstiegsgeld")
    page.locator("#reset-facets").click()
    facet(page, "Zielgruppe", "Kultur- und Kreativwirtschaft (1)").check()
    expect(page.locator("#programs tbody tr")).to_have_count(1)
    facet(page, "Region", "Deutschland (3)").check()  # the export's bundesweit programmes
    expect(page.locator("#programs tbody tr")).to_have_count(1)


def test_an_export_passage_shows_its_attribution(page, advisor_url):
    page.goto(advisor_url + "?q=Einstiegsgeld+Selbstst%C3%A4ndigkeit")
    first = page.locator("#results .passage").first
    expect(first).to_contain_text("Einstiegsgeld")
    expect(first.locator(".attribution")).to_have_text(
        "Einstiegsgeld, Bundesministerium für Wirtschaft und Energie, CC BY-ND 4.0, Quelle: "
        "https://www.foerderdatenbank.de/FDB/Content/DE/Foerderprogramm/Bund/BMAS/einstiegsgeld.html")

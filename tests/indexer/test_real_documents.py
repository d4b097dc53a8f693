"""The real Förderdatenbank pages in ../shared/data/real_docs, served from 127.0.0.1 and crawled: clean main text
(no navigation, footer, cookie banner or service links in any chunk) and the programme facts of each page."""

from __future__ import annotations

import csv
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from indexer.parsers.markdown_parser import parse_markdown
from indexer.parsers.programme_facts import read_programme_facts
from indexer.source_registry import load_sources
from tests.conftest import SHARED_DATA
from tests.indexer.crawler.index_view import served
from tests.indexer.crawler.site_server import Page

REAL_DOCS = SHARED_DATA / "real_docs"
pytestmark = pytest.mark.skipif(not (REAL_DOCS / "MANIFEST.csv").exists(),
                                reason=f"shared real documents not found at {REAL_DOCS}")

# strings of the pages' header, navigation, footer, cookie banner, skip links, print/bookmark buttons, sort widget
BOILERPLATE = ("Einwilligung", "Benutzerhinweise", "Inhaltsverzeichnis", "Impressum", "Barrierefreiheit",
               "Hauptmenu", "Förderorganisationen", "Merkzettel", "Drucken", "Sortierung", "RSS", "www.bmwk.de",
               "Videodienst", "Zum Inhalt")

EXPECTED = {  # file → facts read from its "Förderart / Förderbereich / Fördergebiet / Förderberechtigte" block
    "detail_fail_07_25.html": {"funding_types": ["Darlehen", "Bürgschaft"], "funding_areas": ["Kultur, Medien & Sport"],
                               "funding_region": "bundesweit", "level": "Bund", "eligible_applicants": ["Unternehmen"]},
    "detail_fail_19_12.html": {"funding_types": ["Zuschuss"], "funding_region": "Hessen", "level": "Land",
                               "eligible_applicants": ["Unternehmen"]},
    "detail_multi_desc.html": {"funding_types": ["Beteiligung"], "funding_areas": ["Unternehmensfinanzierung"],
                               "funding_region": "Thüringen", "level": "Land", "eligible_applicants": ["Unternehmen"]},
    "detail_rechts_only.html": {"funding_types": ["Zuschuss"],
                                "funding_areas": ["Aus- & Weiterbildung", "Umwelt- & Naturschutz"],
                                "funding_region": "Thüringen", "eligible_applicants": ["Bildungseinrichtung"]},
    "detail_single_desc.html": {"funding_types": ["Zuschuss"], "funding_region": "bundesweit",
                                "eligible_applicants": ["Forschungseinrichtung", "Hochschule"]},
    "details_single_desc_alt.html": {"status": "closed", "eligible_applicants": ["Forschungseinrichtung",
                                                                                   "Hochschule"]},
}


def _manifest() -> dict[str, str]:
    with (REAL_DOCS / "MANIFEST.csv").open(encoding="utf-8") as handle:
        return {row["file"].split("/", 1)[1]: row["source_url"] for row in csv.DictReader(handle)
                if row["file"].startswith("foerderdatenbank_html/")}


@pytest.fixture()
def real_site(site, web_corpus, web_pipeline):
    """Every real HTML page under its original path, listed in a sitemap; crawled and indexed."""
    paths = {}
    for name, url in _manifest().items():
        parts = urlsplit(url)
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        site.pages[path] = Page((REAL_DOCS / "foerderdatenbank_html" / name).read_bytes())
        paths[name] = path
    locs = "".join(f"<url><loc>{site.base_url}{p.replace('&', '&amp;')}</loc></url>" for p in paths.values())
    site.pages["/sitemap.xml"] = Page(f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}'
                                      "</urlset>".encode(), "application/xml")
    settings = web_corpus(f"""sources:
  - name: foerderdatenbank
    kind: site
    sitemaps: ["{site.base_url}/sitemap.xml"]
    allow_private: true
    delay_seconds: 0
    max_depth: 0
""")
    pipeline, _ = web_pipeline(settings)
    summary = pipeline.run(load_sources(settings.resolved_sources_file()))
    return site, settings, summary, paths


def test_real_pages_are_indexed_with_clean_main_text(real_site):
    site, settings, summary, paths = real_site
    assert summary.totals() == {"added": 7, "updated": 0, "unchanged": 0, "removed": 0, "failed": 0}
    view = served(settings.index_dir)
    for word in BOILERPLATE:
        assert word not in view.text, f"boilerplate {word!r} reached a chunk"
    assert not [c for c in view.chunks if any(line.strip() == "Service" for line in c.text.splitlines())]
    # the content itself survives, with the tab headings of the page as section path
    assert "Förderprogramm aktiv, Antragsstellung nicht mehr möglich" in view.text
    assert "Förderart: Darlehen, Bürgschaft" in view.text
    multi = view.chunks_of(site.base_url + paths["detail_multi_desc.html"])
    assert ("Kurzzusammenfassung › Volltext") in {c.section for c in multi}
    assert any("stille Beteiligung bis zu EUR 140.000" in c.text for c in multi)


def test_real_pages_yield_their_programme_facts(real_site):
    site, settings, _, paths = real_site
    documents = served(settings.index_dir).documents
    for name, expected in EXPECTED.items():
        metadata = documents[site.base_url + paths[name]].metadata
        assert metadata["kind"] == "programme", name  # recognised by its fact fields
        for key, value in expected.items():
            assert metadata.get(key) == value, (name, key, metadata.get(key))
    closed = documents[site.base_url + paths["details_single_desc_alt.html"]].metadata
    assert closed["status_evidence"] == "Förderprogramm aktiv, Antragsstellung nicht mehr möglich"
    assert "2024-11-28" in closed["deadlines"]  # "Die Frist zur Einreichung von Projektskizzen endete am 28.11.2024"
    listing = documents[site.base_url + paths["overview.html"]].metadata
    assert listing["kind"] == "document" and "funding_type" not in listing  # a search listing is not a programme


@pytest.mark.parametrize("name,status", [("exist_gruendungsstipendium.md", "open"), ("urbact.md", "unknown")])
def test_real_markdown_guidelines_parse_and_read_their_status(name: str, status: str):
    title, sections = parse_markdown((REAL_DOCS / "foerderdatenbank_md" / name).read_text(encoding="utf-8"))
    assert title and title.startswith("Titel der Förderlinie")
    assert sections and all(s.text.strip() for s in sections)
    facts = read_programme_facts("\n".join(s.text for s in sections))
    assert facts.status == status


def test_shared_folder_layout_is_what_the_tests_expect():
    assert len(_manifest()) == 7
    assert all((REAL_DOCS / "foerderdatenbank_html" / name).exists() for name in _manifest())
    assert Path(REAL_DOCS / "foerderdatenbank_md").is_dir()

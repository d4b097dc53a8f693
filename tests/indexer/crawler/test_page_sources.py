"""Single-page and PDF sources: catalog facts are attached, and a page that reads differently from the catalog
is flagged rather than silently trusted either way."""

from __future__ import annotations

from indexer.source_registry import load_sources
from tests.indexer.crawler.example_site import ALTPROGRAMM, MERKBLATT_PAGES
from tests.indexer.crawler.index_view import served
from tests.indexer.crawler.site_server import Page
from tests.pdf_factory import text_pdf

PROGRAMS = """programs:
  - id: beispiel-alt
    name: "Altprogramm Beispiel"
    provider: "Land NRW"
    level: Land
    funding_type: Zuschuss
    status: open
    as_of: 2024-01-01
    source_url: https://www.example.org/alt
"""


def test_page_and_pdf_sources_carry_catalog_facts_and_flag_a_status_conflict(site, web_corpus, web_pipeline):
    site.pages["/robots.txt"] = Page(b"", "text/plain", status=404)
    site.html("/alt", ALTPROGRAMM)
    site.pages["/merkblatt"] = Page(text_pdf(MERKBLATT_PAGES), "application/octet-stream")  # sniffed as PDF
    settings = web_corpus(f"""sources:
  - name: alt-seite
    kind: page
    url: "{site.base_url}/alt"
    program_id: beispiel-alt
    allow_private: true
    delay_seconds: 0
  - name: merkblatt
    kind: pdf
    url: "{site.base_url}/merkblatt"
    title: "Merkblatt Beispielförderung"
    allow_private: true
    delay_seconds: 0
    defaults: {{kind: guide, provider: "Beispiel-Förderbank"}}
""")
    (settings.corpus_dir / "programs.yaml").write_text(PROGRAMS, encoding="utf-8")
    pipeline, _ = web_pipeline(settings)
    summary = pipeline.run(load_sources(settings.resolved_sources_file()))

    assert summary.totals()["added"] == 2 and summary.failed == 0
    docs = served(settings.index_dir).documents
    alt = docs[f"{site.base_url}/alt"]
    assert alt.metadata["program_id"] == "beispiel-alt"
    # The catalog stays the single source of truth: the page's "eingestellt" does not become a status (a catalog
    # programme's status is computed when asked, never stored on its chunks) …
    assert "status" not in alt.metadata
    [warning] = summary.sources[0].warnings  # … but the operator is told the page says otherwise
    assert warning["reason"].startswith("page reads as 'closed' but the catalog says 'open'")
    assert "eingestellt" in warning["reason"]

    pdf = docs[f"{site.base_url}/merkblatt"]
    assert pdf.title == "Merkblatt Beispielförderung"
    assert (pdf.metadata["kind"], pdf.metadata["provider"], pdf.metadata["source_format"]) == (
        "guide", "Beispiel-Förderbank", "pdf")

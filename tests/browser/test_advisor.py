"""The advisor research page (/advisor): passages under facets, programmes side by side, answers as Markdown."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from playwright.sync_api import expect


def facet(page, legend: str, label: str):
    return page.locator("fieldset", has=page.locator("legend", has_text=legend)).get_by_label(label)


def test_facets_filter_passages_and_programmes_and_stay_in_the_address(page, deployment):
    page.goto(deployment.url + "/advisor")
    for legend in ("Förderart", "Ebene", "Zielgruppe", "Thema", "Status", "Region"):
        expect(page.locator("legend", has_text=legend)).to_have_count(1)
    expect(facet(page, "Status", "offen (4)")).to_be_visible()  # counts over the programme catalog
    expect(page.locator("#programs tbody tr")).to_have_count(5)
    page.locator("#q").fill("Förderung für Digitalisierung")
    page.locator("#search button").click()
    expect(page.locator("#results .passage").first).to_be_visible()
    facet(page, "Status", "beendet (1)").check()
    expect(page.locator("#programs tbody tr")).to_have_count(1)
    expect(page.locator("#programs tbody")).to_contain_text("Altprogramm Digital")
    expect(page.locator("#results-status")).to_contain_text("Fundstelle")
    expect(page.locator("#results[aria-busy]")).to_have_count(0)
    badges = page.locator("#results .passage .badge")
    expect(badges.first).to_have_text("beendet")
    assert set(badges.all_inner_texts()) == {"beendet"}
    query = parse_qs(urlsplit(page.url).query)
    assert query["status"] == ["closed"] and query["q"] == ["Förderung für Digitalisierung"]
    page.reload()  # a shared link restores query and filters
    expect(facet(page, "Status", "beendet (1)")).to_be_checked()
    expect(page.locator("#programs tbody tr")).to_have_count(1)
    page.locator("#reset-facets").click()
    facet(page, "Region", "NRW (1)").check()
    expect(page.locator("#programs tbody tr")).to_have_count(1)
    expect(page.locator("#programs tbody")).to_contain_text("KI-Zuschuss Test")
    # Reset and the facet each started a search; only the last one fills the list (advisor.js, searchRun).
    expect(page.locator("#results[aria-busy]")).to_have_count(0)
    regions = page.locator("#results .passage .tag").all_inner_texts()
    assert "NRW" in regions and "Deutschland" not in regions


def test_passages_show_source_page_and_as_of_date(page, deployment):
    page.goto(deployment.url + "/advisor?q=Bescheinigung+Finanzamt+Forschungszulage")
    pdf = page.locator("#results .passage").filter(has_text="Seite 2").first
    expect(pdf.get_by_role("link")).to_have_attribute("href", "https://example.org/forschungszulage.pdf#page=2")
    expect(pdf).to_contain_text("Seite 2 · Stand 01.01.2026")
    expect(pdf.locator(".text")).to_contain_text("Bescheinigung")


def test_programmes_side_by_side(page, deployment):
    page.goto(deployment.url + "/advisor")
    compare = page.locator("#compare-button")
    page.locator("#cmp-test-altprogramm").check()
    expect(compare).to_be_disabled()  # at least two
    page.locator("#cmp-test-ki-zuschuss").check()
    compare.click()
    table = page.locator("#comparison table")
    expect(table.locator("thead th")).to_have_text(["Altprogramm Digital", "KI-Zuschuss Test"])
    status = table.locator("tr", has=page.locator("th", has_text="Status"))
    expect(status.locator("td").nth(0)).to_contain_text("beendet")
    expect(status.locator("td").nth(1)).to_contain_text("offen")
    expect(table.locator("tr", has=page.locator("th", has_text="Nachfolger")).locator("td").nth(0)).to_have_text(
        "KI-Zuschuss Test")
    expect(table.locator("tr", has=page.locator("th", has_text="Stand")).locator("td")).to_have_text(
        ["05.06.2024", "07.01.2026"])


def test_answer_exports_as_markdown_with_its_sources(page, deployment):
    page.goto(deployment.url + "/advisor")
    page.locator("#question").fill("Wie läuft das Verfahren bei der Forschungszulage?")
    page.locator("#ask button").click()
    expect(page.locator("#export")).to_be_enabled(timeout=30_000)
    expect(page.locator("#answer a").first).to_have_text(re.compile(r"\[\d+\]"))
    with page.expect_download() as download:
        page.locator("#export").click()
    assert download.value.suggested_filename == "foerder-antwort.md"
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert markdown.startswith("# Wie läuft das Verfahren bei der Forschungszulage?\n")
    assert "keine verbindliche Förderberatung" in markdown
    assert "## Quellen" in markdown
    assert re.search(r"^\[\d+\] Merkblatt Forschungszulage Test, Seite 2, Stand 01\.01\.2026: "
                     r"<https://example\.org/forschungszulage\.pdf#page=2>$", markdown, re.M), markdown
    assert "Quellen:" not in markdown  # the answer's own source lines are replaced by the list with links
    expect(page.locator("#export-preview")).to_have_value(markdown)

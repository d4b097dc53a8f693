"""The advisor page (/advisor) on a 375 px phone and its passages: the search before the filters, every programme's
status in view, corpus Markdown shown as text, the same passage under two URLs shown once.

Its own small deployment: the test corpus plus a guide in rich Markdown and a copy of that guide under another URL
(the near-duplicate case), so the shared browser corpus and the tests that read it stay as they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import httpx
import pytest
from playwright.sync_api import Page, expect

from api.app import create_app
from assistant.components import build_components
from assistant.settings import Settings
from tests.assistant.conversation.conftest import _index
from tests.browser.conftest import screenshot_path
from tests.browser.test_widget_accessibility import run_axe, serious
from tests.browser.widget_page import focused
from tests.corpus_builder import write_test_corpus
from tests.live_server import live_server

PHONE = {"width": 375, "height": 667}

MESSE_MD = """\
---
id: guide-test-messe
kind: guide
title: Messeförderung für junge Unternehmen
source_url: https://example.org/messefoerderung
as_of: 2025-09-01
---
# Messeförderung für junge Unternehmen
## Wer wird gefördert?
**Junge Unternehmen** aus Nordrhein-Westfalen können für die Teilnahme an internationalen Leitmessen einen \
Zuschuss bekommen. Gefördert werden:
- die Standmiete auf einem **Gemeinschaftsstand** des Landes,
- der Standbau und die Ausstattung des Messestands,
- Reisekosten für höchstens zwei Personen.

Das Antragsformular gibt es [beim Messeteam](https://example.org/messefoerderung/antrag); die Regeln stehen \
im Merkblatt `Messe-2025`.
"""
# The same guide republished by a partner: another URL, other typography, the same words.
MESSE_COPY_MD = MESSE_MD.replace("id: guide-test-messe\n", "id: guide-test-messe-partner\n").replace(
    "source_url: https://example.org/messefoerderung\n", "source_url: https://partner.example.net/messe-foerderung\n"
).replace("**Junge Unternehmen**", "Junge Unternehmen").replace("- ", "* ")
MESSE_QUERY = "Zuschuss Standmiete Gemeinschaftsstand Leitmesse"


@pytest.fixture(scope="module")
def advisor_url(tmp_path_factory, embeddings) -> Iterator[str]:
    root = tmp_path_factory.mktemp("advisor-phone")
    corpus = write_test_corpus(root / "corpus")
    (corpus / "sample" / "messe.md").write_text(MESSE_MD, encoding="utf-8")
    (corpus / "sample" / "messe-partner.md").write_text(MESSE_COPY_MD, encoding="utf-8")
    settings = Settings(_env_file=None, data_dir=root / "data", corpus_dir=corpus,
                        rate_limit_search_per_minute=10_000, rate_limit_chat_per_minute=10_000)
    _index(settings, embeddings)
    app = create_app(settings=settings, components=build_components(settings, embeddings=embeddings))
    with live_server(app) as url:
        yield url


@pytest.fixture()
def phone(page: Page) -> Page:
    page.set_viewport_size(PHONE)
    return page


def messe_passages(page: Page):
    return page.locator("#results .passage").filter(has_text="Standmiete")


def test_on_a_phone_the_search_comes_first_and_the_filters_wait_behind_one_button(phone, advisor_url):
    phone.goto(advisor_url + "/advisor?q=Zuschuss&status=open&level=Land")
    expect(phone.locator("#results .passage").first).to_be_visible()
    search = phone.locator("#q").bounding_box()
    summary = phone.locator("#facet-panel summary")
    assert search["y"] + search["height"] <= PHONE["height"]  # within the first screen …
    assert search["y"] < summary.bounding_box()["y"]  # … and above the filters
    expect(summary).to_have_text("Filter (2 aktiv)")  # the two filters of the address
    expect(phone.locator("#facets fieldset").first).to_be_hidden()
    # Results start right under the collapsed filters, not 1,500 px further down.
    assert phone.locator("#results .passage").first.bounding_box()["y"] < PHONE["height"] + 200
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # nothing sticks out sideways
    phone.screenshot(path=screenshot_path("advisor-phone-375.png"))

    # Keyboard: the search box first, then the filter button opens the filters.
    for _ in range(3):  # the skip link, the privacy link in the header, then the search box
        phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.id") == "q"
    phone.keyboard.press("Tab")
    phone.keyboard.press("Tab")
    assert focused(phone)["tag"] == "summary"
    phone.keyboard.press("Enter")
    expect(phone.locator("#facets fieldset").first).to_be_visible()
    status = phone.locator("fieldset", has=phone.locator("legend", has_text="Status"))
    expect(status.get_by_label("offen", exact=False)).to_be_checked()
    status.get_by_label("beendet", exact=False).check()
    expect(summary).to_have_text("Filter (3 aktiv)")
    summary.evaluate("e => e.scrollIntoView()")
    phone.screenshot(path=screenshot_path("advisor-phone-375-filters.png"))
    result = run_axe(phone, None)
    assert not serious(result), result["violations"]
    # At the end of the filters, one button leads back to what they found.
    phone.get_by_role("button", name="Fundstellen anzeigen").click()
    expect(phone.locator("#facets fieldset").first).to_be_hidden()
    assert phone.evaluate("document.activeElement.id") == "results-heading"
    assert 0 <= phone.locator("#results-heading").bounding_box()["y"] < PHONE["height"]


def test_the_filters_stand_open_on_the_left_on_a_wide_screen(page, advisor_url):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(advisor_url + "/advisor?q=Zuschuss")
    expect(page.locator("#facets fieldset").first).to_be_visible()
    facets, search = page.locator(".facets").bounding_box(), page.locator("#q").bounding_box()
    assert facets["x"] + facets["width"] < search["x"] and abs(facets["y"] - search["y"]) < 60


def test_on_a_phone_every_programme_shows_its_status_next_to_its_name(phone, advisor_url):
    phone.goto(advisor_url + "/advisor")
    rows = phone.locator("#programs tbody tr")
    expect(rows).to_have_count(4)
    expected = {p["name"]: {"open": "offen", "closed": "beendet"}.get(p["status"], "unklar")
                for p in httpx.get(advisor_url + "/api/programs").json()["programs"]}
    rows.first.scroll_into_view_if_needed()
    for row in rows.all():
        name, badge = row.locator("th label"), row.locator(".badge")
        expect(badge).to_be_visible()
        assert badge.inner_text() == expected[name.inner_text()]
        box, name_box = badge.bounding_box(), name.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box  # in view, no sideways scrolling
        assert 0 <= box["y"] - name_box["y"] <= 60, (box, name_box)  # right under the name
        assert float(badge.evaluate("e => getComputedStyle(e).fontSize").removesuffix("px")) >= 13
    # Type, level and as-of date follow, each with its label (the column headers are for screen readers only).
    as_of = rows.filter(has_text="Altprogramm Digital").locator(".asof")
    expect(as_of).to_have_text("05.06.2024 – bitte beim Anbieter prüfen")  # older than a year: flagged
    assert as_of.evaluate("e => getComputedStyle(e, '::before').content").startswith('"Stand: "')
    phone.evaluate("document.getElementById('programs-heading').scrollIntoView()")
    phone.screenshot(path=screenshot_path("advisor-phone-375-programmes.png"))


def test_corpus_markdown_is_shown_as_text_with_its_structure(phone, advisor_url):
    phone.goto(advisor_url + "/advisor?q=" + MESSE_QUERY)
    text = messe_passages(phone).first.locator(".text")
    expect(text).to_contain_text("Junge Unternehmen aus Nordrhein-Westfalen")
    # Bold stays bold (which of the two copies leads depends on the ranking; both mark "Gemeinschaftsstand").
    expect(text.locator("strong").last).to_have_text("Gemeinschaftsstand")
    expect(text.locator("li")).to_have_count(3)
    expect(text.locator("li").first).to_have_text("die Standmiete auf einem Gemeinschaftsstand des Landes,")
    expect(text).to_contain_text("gibt es beim Messeteam; die Regeln stehen im Merkblatt Messe-2025.")
    assert text.locator("a").count() == 0  # a link in the text keeps its words, the passage's source is above it
    for shown in phone.locator("#results .passage .text").all_inner_texts():
        for mark in ("**", "](", "`"):
            assert mark not in shown, shown
        assert not any(line.lstrip().startswith(("# ", "## ", "- ", "* ")) for line in shown.splitlines()), shown


def test_the_same_passage_under_two_urls_is_shown_once_with_the_other_on_demand(phone, advisor_url):
    found = httpx.get(advisor_url + "/api/search", params={"q": MESSE_QUERY, "k": 10}).json()["results"]
    same = [r for r in found if "Standmiete" in r["text"]]
    assert len(same) == 1, json.dumps(found, ensure_ascii=False)[:2000]
    [copy] = same[0]["duplicates"]
    assert {same[0]["url"], copy["url"]} == {"https://example.org/messefoerderung",
                                            "https://partner.example.net/messe-foerderung"}
    assert len({r["chunk_id"] for r in found}) == len(found) <= 10

    phone.goto(advisor_url + "/advisor?q=" + MESSE_QUERY)
    expect(messe_passages(phone)).to_have_count(1)
    expect(phone.locator("#results-status")).to_contain_text("(1 mit gleichem Text zusammengefasst)")
    more = messe_passages(phone).locator("details.dupes")
    expect(more.locator("summary")).to_have_text("1 weitere Fundstelle mit (fast) gleichem Text")
    other = more.get_by_role("link")
    expect(other).to_be_hidden()
    more.locator("summary").click()
    expect(other).to_have_attribute("href", copy["url"])
    expect(more.locator("li")).to_contain_text(copy["url"].split("/")[2])  # the other site, named
    messe_passages(phone).evaluate("e => e.scrollIntoView()")
    phone.screenshot(path=screenshot_path("advisor-phone-375-passage.png"))


def test_deadlines_and_old_or_undated_sources_are_said_where_the_server_gives_them(phone, advisor_url):
    """The page's reading of the truth-over-time fields (ends_on, ending_soon, next_deadline, stale, checked_on,
    as_of null). The server computes them for today (the truth-over-time issue); here they are set on the real
    responses of this server, so the page is tested against known values whatever the day."""
    facts = {
        "test-ki-zuschuss": {"ends_on": "2027-01-31", "ending_soon": True},
        "test-kredit": {"stale": True, "as_of": "2024-02-01", "next_deadline": "2027-03-15"},
        "test-forschung": {"as_of": None, "checked_on": "2026-11-20"},
    }

    def programmes(route) -> None:
        body = route.fetch().json()
        for programme in body["programs"]:
            programme.update(facts.get(programme["id"], {}))
        route.fulfill(json=body)

    def search(route) -> None:
        body = route.fetch().json()
        for result in body["results"]:
            result["metadata"].update(facts.get(result["metadata"].get("program_id"), {}))
        route.fulfill(json=body)

    phone.route(re.compile(r"/api/programs\?"), programmes)
    phone.route(re.compile(r"/api/search\?"), search)
    phone.goto(advisor_url + "/advisor?q=KI-Zuschuss+Innovationskredit+Forschungszulage")
    rows = phone.locator("#programs tbody tr")
    expect(rows.filter(has_text="KI-Zuschuss Test").locator(".status")).to_have_text("offen nur noch bis 31.01.2027")
    kredit = rows.filter(has_text="Innovationskredit Test")
    expect(kredit.locator(".status")).to_have_text("offen nächster Stichtag 15.03.2027")
    expect(kredit.locator(".asof")).to_have_text("01.02.2024 – bitte beim Anbieter prüfen")
    expect(rows.filter(has_text="Forschungszulage Test").locator(".asof")).to_have_text(
        "Quelle ohne Datum, gesichtet am 20.11.2026")
    expect(rows.filter(has_text="Altprogramm Digital").locator(".status")).to_have_text("beendet")
    passages = phone.locator("#results .passage")
    expect(passages.filter(has_text="Innovationskredit finanziert").first).to_contain_text(
        "Stand 01.02.2024 – bitte beim Anbieter prüfen")
    expect(passages.filter(has_text="KI-Zuschuss fördert").first.locator(".tags")).to_contain_text(
        "nur noch bis 31.01.2027")
    expect(passages.filter(has_text="Bescheinigungsstelle").first).to_contain_text(
        "Seite 2 · Quelle ohne Datum, gesichtet am 20.11.2026")

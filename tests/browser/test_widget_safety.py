"""Safety of the widget: an indexed page full of script cannot run anything; other websites are refused."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import XSS_QUESTION
from tests.browser.widget_page import ask, open_page, open_panel, part, shadow_html_scan


def test_xss_payload_from_an_indexed_page_does_not_run(page, deployment):
    open_page(page, deployment.allowed_site.origin + "/")
    open_panel(page)
    answer = ask(page, XSS_QUESTION)
    # The payload arrived and is shown as text – not dropped, not interpreted.
    card = answer.locator('article.prog[data-program="test-xss-schutz"]')
    expect(card.locator("h3")).to_have_text("Zahlungsschutz <img src=x onerror=alert('programmname')>")
    expect(answer.locator(".sources")).to_contain_text("Zahlungsschutz Leitfaden <script>alert('titel')</script>")
    expect(answer).to_contain_text("<img src=x onerror=\"alert('bild')\">")
    # Its source URL is javascript:, so neither the [n] marks nor the source list link to it.
    assert answer.locator("a.cite").count() == 0
    assert answer.locator(".sources a").count() == 0
    card.get_by_role("button", name="Details").click()  # the details carry more payload (amount, note, source)
    expect(card.locator(".details dl")).to_contain_text("<svg onload=alert('betrag')>")
    assert card.locator(".details a").count() == 0
    for strong in answer.locator("strong").all():  # the onmouseover payload sits in bold text
        strong.hover()
    found = shadow_html_scan(page)
    assert found == {"handlers": [], "scripts": 0, "images": 0, "jsLinks": [], "iframes": 0}, found
    assert page.watch.dialogs == []


def test_xss_payload_on_the_advisor_page_does_not_run_or_leak_into_the_export(page, deployment):
    page.goto(deployment.url + "/advisor?q=Rechnungsbetrug")
    passage = page.locator("#results .passage").filter(has_text="Zahlungsschutz")
    expect(passage.first).to_contain_text("onerror=\"alert('bild')\"")
    expect(page.locator("#programs tbody")).to_contain_text("<img src=x onerror=alert('programmname')>")
    page.locator("#cmp-test-xss-schutz").check()
    page.locator("#cmp-test-ki-zuschuss").check()
    page.locator("#compare-button").click()
    expect(page.locator("#comparison")).to_contain_text("<svg onload=alert('betrag')>")
    page.locator("#question").fill(XSS_QUESTION)
    page.locator("#ask button").click()
    expect(page.locator("#export")).to_be_enabled(timeout=30_000)
    with page.expect_download() as download:
        page.locator("#export").click()
    markdown = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Rechnungsbetrug" in markdown
    # Every "<" is escaped (Markdown shows it as text) except autolinks to http(s) sources; no inline link survives.
    assert "\\<script" in markdown and "\\<img" in markdown
    assert re.search(r"(?<!\\)<(?!https?://)", markdown) is None, markdown
    assert "](javascript:" not in markdown
    found = shadow_html_scan(page)
    assert found["handlers"] == [] and found["jsLinks"] == [], found
    assert page.locator("#results img, #results script, #comparison img, #answer img").count() == 0
    assert page.watch.dialogs == []


def test_a_website_not_allowed_for_any_partner_is_refused_and_the_widget_says_so(page, deployment):
    refused: list[tuple[str, int]] = []
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.on("Network.responseReceived", lambda e: refused.append((e["response"]["url"], e["response"]["status"])))
    open_page(page, deployment.foreign_site.origin + "/")
    open_panel(page)
    answer = ask(page, "Gibt es einen Zuschuss für künstliche Intelligenz?")
    expect(answer).to_have_attribute("role", "alert")
    expect(answer).to_have_text(
        "Der Assistent ist gerade nicht erreichbar – oder auf dieser Website nicht freigeschaltet.")
    # The browser's CORS preflight got the server's 403, so the question itself was never sent.
    assert (deployment.url + "/api/chat", 403) in refused, refused
    expect(part(page, "form.ask textarea")).to_be_enabled()


def test_a_website_allowed_for_another_partner_gets_a_readable_refusal(page, deployment):
    open_page(page, deployment.allowed_site.origin + "/")
    # The same (allowed) website, but a widget claiming a partner that has not allowed it.
    page.evaluate("""url => {
      const other = document.createElement('nrw-assistant');
      other.setAttribute('partner', 'fremder-partner'); other.setAttribute('inline', '');
      other.setAttribute('api', url);
      document.querySelector('main').appendChild(other);
    }""", deployment.url)
    other = page.locator("nrw-assistant[partner=fremder-partner]")
    expect(other).to_have_attribute("data-ready", "true")
    with page.expect_response(lambda r: r.url.endswith("/api/chat")) as response:
        other.locator("textarea").fill("Gibt es einen Zuschuss?")
        other.locator("textarea").press("Enter")
    assert response.value.status == 403
    assert response.value.headers["content-type"].startswith("application/problem+json")
    expect(other.locator(".msg.bot.error")).to_have_text("Der Assistent ist für diese Website nicht freigeschaltet.")


CRAFTED_REPLY = {
    "session_id": "crafted-session-0001", "message_id": "crafted-message-0001",
    "answer": "**Fett** und _kursiv_, https://example.org/a_b_c.html [1] [2] [3] [9]\n"
              "- Punkt <b>eins</b>\n- [Klick](javascript:alert('md'))\n<img src=x onerror=alert('roh')>\n\n"
              "Quellen:\n[1] versteckt – https://example.org/doc.pdf",
    "citations": [
        {"id": 1, "title": "Dokument", "url": "https://example.org/doc.pdf", "page": 3, "snippet": "", "as_of": None},
        {"id": 2, "title": "Böse", "url": "javascript:alert('c2')", "page": None, "snippet": "", "as_of": None},
        {"id": 3, "title": "Daten", "url": "data:text/html,<script>alert(3)</script>", "page": None, "snippet": "",
         "as_of": None}],
    "programs": [{"id": "x", "name": "<script>alert('p')</script>", "provider": "", "level": "Land",
                  "funding_type": "Zuschuss", "status": "<b>open</b>", "url": "javascript:alert(1)",
                  "as_of": "2025-01-02", "status_note": None}],
    "partners": [{"id": "y", "name": "Partner", "type": "ihk", "reason": "Grund", "url": "javascript:alert('u')",
                  "email": "a@b.de\" onmouseover=\"alert(1)", "phone": "javascript:alert(1)"}],
    "location": None, "clarify": ["<img src=x onerror=alert('chip')>"],
}


def test_only_the_strict_markdown_subset_and_http_links_are_rendered(page, deployment):
    """Whatever a reply contains (here: one crafted beyond what the server sends), the widget draws text, bold,
    italic, lists and http(s) links — replayed from sessionStorage, the same renderer as for live answers."""
    open_page(page, deployment.allowed_site.origin + "/")
    page.evaluate("""reply => sessionStorage.setItem('nrwa:ihk-ostwestfalen', JSON.stringify(
      {sid: reply.session_id, open: true, msgs: [{role: 'user', text: '<i>Frage</i>'}, {role: 'bot', reply}]}))""",
                  CRAFTED_REPLY)
    page.reload()
    answer = part(page, ".msg.bot").last
    expect(answer).to_be_visible()
    expect(part(page, ".msg.user")).to_have_text("<i>Frage</i>")
    expect(answer.locator("strong").first).to_have_text("Fett")
    expect(answer.locator("em")).to_have_text(["kursiv"])  # not the underscores inside the URL
    expect(answer).to_contain_text("https://example.org/a_b_c.html")
    expect(answer.locator("a.cite")).to_have_count(1)
    expect(answer.locator("a.cite")).to_have_attribute("href", "https://example.org/doc.pdf#page=3")
    expect(answer).to_contain_text("[2] [3] [9]")
    expect(answer.locator("ul li")).to_have_text(["Punkt <b>eins</b>", "[Klick](javascript:alert('md'))"])
    expect(answer).to_contain_text("<img src=x onerror=alert('roh')>")
    expect(answer).not_to_contain_text("versteckt")  # the answer's own source lines give way to the list
    expect(answer.locator(".sources li")).to_have_text(["Dokument, S. 3", "Böse", "Daten"])
    expect(answer.locator(".prog h3")).to_have_text("<script>alert('p')</script>")
    expect(answer.locator(".prog .badge")).to_have_text("Status bitte prüfen")
    expect(answer.locator(".chip")).to_have_text("<img src=x onerror=alert('chip')>")
    hrefs = answer.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert hrefs == ["https://example.org/doc.pdf#page=3", "https://example.org/doc.pdf#page=3"], hrefs
    found = shadow_html_scan(page)
    assert found == {"handlers": [], "scripts": 0, "images": 0, "jsLinks": [], "iframes": 0}, found

"""The widget embedded on a partner's site (another origin): streamed answers with citations, cards, chips,
feedback, hand-off, language switch, persistence across pages."""

from __future__ import annotations

import itertools
import re

import httpx
from playwright.sync_api import expect

from tests.browser.conftest import PARTNER
from tests.browser.widget_page import ask, last_bot, open_page, open_panel, part


def test_streamed_answer_with_citation_link_to_the_pdf_page(page, deployment):
    open_page(page, deployment.allowed_site.origin + "/")
    open_panel(page)
    # Record the text of the reply each time it changes while it is still marked busy (= being streamed).
    page.evaluate("""() => {
      window.__shown = [];
      const log = document.querySelector('nrw-assistant').shadowRoot.querySelector('.log');
      new MutationObserver(() => {
        const busy = log.querySelector('[aria-busy=true]');
        if (busy && !busy.classList.contains('thinking')) window.__shown.push(busy.textContent);
      }).observe(log, {subtree: true, childList: true, characterData: true});
    }""")
    deployment.stream.pause_seconds = 0.05
    try:
        with page.expect_response(lambda r: r.url.endswith("/api/chat")) as chat:
            answer = ask(page, "Wie läuft das Verfahren bei der Forschungszulage?")
    finally:
        deployment.stream.pause_seconds = 0.0
    assert chat.value.headers["content-type"].startswith("text/event-stream")
    # The partner context travels with the question (routing may prefer the partner's region).
    assert chat.value.request.post_data_json["partner"] == PARTNER
    assert chat.value.request.headers["x-nrwa-partner"] == PARTNER
    shown = list(dict.fromkeys(page.evaluate("window.__shown")))
    assert len(shown) >= 3, f"the answer was not shown while it streamed: {shown}"
    assert all(len(a) < len(b) for a, b in itertools.pairwise(shown)), "the streamed text did not grow"
    assert shown[0][:20] in answer.inner_text()
    cite = answer.locator("a.cite").first
    expect(cite).to_be_visible()
    assert re.fullmatch(r"\[\d+\]", cite.inner_text())
    links = answer.locator(".sources a")
    hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert "https://example.org/forschungszulage.pdf#page=2" in hrefs
    assert cite.get_attribute("target") == "_blank" and "noopener" in cite.get_attribute("rel")
    expect(answer.locator(".sources")).to_contain_text("S. 2")
    expect(answer.locator(".sources")).to_contain_text("Stand 01.01.2026")


def test_programme_card_shows_status_and_as_of_and_opens_its_details(page, deployment):
    open_page(page, deployment.allowed_site.origin + "/")
    open_panel(page)
    answer = ask(page, "Kann ich das Altprogramm Digital noch beantragen?")
    card = answer.locator('article.prog[data-program="test-altprogramm"]')
    expect(card.locator(".badge")).to_contain_text("beendet")
    expect(card).to_contain_text("Stand 05.06.2024 – bitte beim Anbieter prüfen")  # older than 12 months
    expect(answer.locator('article.prog[data-program="test-ki-zuschuss"] .badge')).to_have_text("offen")
    details = card.locator(".details")
    expect(details).to_be_hidden()
    with page.expect_response(lambda r: r.url.endswith("/api/programs/test-altprogramm")) as response:
        card.get_by_role("button", name="Details").click()
    assert response.value.status == 200
    expect(details).to_be_visible()
    expect(details).to_contain_text("Beendet am31.12.2024")
    expect(details).to_contain_text("NachfolgerKI-Zuschuss Test")
    expect(details.get_by_role("link", name="Offizielle Seite")).to_have_attribute("href", "https://example.org/altprogramm")
    expect(card.get_by_role("button", name="Details ausblenden")).to_have_attribute("aria-expanded", "true")


def test_clarifying_question_chip_takes_the_answer(page, deployment):
    open_page(page, deployment.allowed_site.origin + "/")
    open_panel(page)
    answer = ask(page, "Ich suche einen Ansprechpartner")
    chips = answer.locator(".chips button")
    expect(chips.first).to_be_visible()
    chip_text = chips.first.inner_text()
    assert "Ort" in chip_text and chip_text.endswith("?")  # the server asks for the place first
    chips.first.click()
    box = part(page, "form.ask textarea")
    expect(box).to_be_focused()
    expect(box).to_have_attribute("aria-label", f"Ihre Antwort auf: {chip_text}")
    box.fill("Bielefeld")
    box.press("Enter")
    expect(part(page, ".msg.bot")).to_have_count(3)
    reply = last_bot(page)
    expect(reply).not_to_have_attribute("aria-busy", "true", timeout=30_000)
    expect(reply.locator('article.partner[data-partner="ihk-ostwestfalen"]')).to_be_visible()
    expect(box).to_have_attribute("aria-label", "Ihre Frage")  # the prompt is back to normal


def test_feedback_with_comment_reaches_the_server(page, deployment):
    open_page(page, deployment.allowed_site.origin + "/")
    open_panel(page)
    answer = ask(page, "Gibt es einen Zuschuss für künstliche Intelligenz?")
    down = answer.get_by_role("button", name="Nein, nicht hilfreich")
    down.click()
    expect(down).to_have_attribute("aria-pressed", "true")
    comment = answer.get_by_label("Kommentar (optional)")
    expect(comment).to_be_focused()
    comment.fill("Mir fehlt die Förderhöhe. Rückruf bitte an 0521 123456.")
    with page.expect_response(lambda r: r.url.endswith("/api/feedback")) as response:
        answer.get_by_role("button", name="Feedback senden").click()
    assert response.value.status == 201
    expect(answer.locator(".fb")).to_have_text("Danke für Ihr Feedback!")
    message_id = page.evaluate(
        "JSON.parse(sessionStorage.getItem('nrwa:" + PARTNER + "')).msgs.filter(m => m.reply).pop().reply.message_id")
    stored = httpx.get(f"{deployment.url}/api/admin/feedback", headers=deployment.admin_headers).json()["feedback"]
    mine = [f for f in stored if f["message_id"] == message_id]
    assert len(mine) == 1 and mine[0]["rating"] == "down"
    assert "Förderhöhe" in mine[0]["comment"] and "123456" not in mine[0]["comment"]  # phone masked by the server


def test_handoff_form_needs_consent_and_reaches_the_partner(page, deployment):
    open_page(page, deployment.allowed_site.origin + "/")
    open_panel(page)
    answer = ask(page, "Ich suche einen Ansprechpartner in Bielefeld für Digitalisierung")
    card = answer.locator('article.partner[data-partner="ihk-ostwestfalen"]')
    expect(card.get_by_role("link", name="Website")).to_have_attribute("href", "https://www.ostwestfalen.ihk.de/")
    card.get_by_role("button", name="Kontakt aufnehmen").click()
    form = card.locator("form.handoff")
    expect(form.get_by_label("Name")).to_be_focused()
    question = "Ich suche einen Ansprechpartner in Bielefeld für Digitalisierung"
    expect(form.get_by_label("Ihr Anliegen")).to_have_value(question)  # prefilled, editable
    consent = form.get_by_role("checkbox")
    expect(form.locator(".consent")).to_contain_text("an IHK Ostwestfalen zu Bielefeld übermittelt")
    expect(form.locator(".consent").get_by_role("link", name="Datenschutz")).to_have_attribute(
        "href", deployment.url + "/datenschutz")
    form.get_by_label("Name").fill("Erika Musterfrau")
    form.get_by_label("E-Mail").fill("erika@beispiel-gmbh.de")
    form.get_by_label("Firma (optional)").fill("Beispiel GmbH")
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.url.endswith("/api/handoff") else None)
    form.get_by_role("button", name="Anfrage senden").click()
    assert page.evaluate("el => el.validity.valueMissing", consent.element_handle())
    assert not sent, "the form was sent without consent"
    consent.check()
    with page.expect_response(lambda r: r.url.endswith("/api/handoff")) as response:
        form.get_by_role("button", name="Anfrage senden").click()
    assert response.value.status == 201
    reference = response.value.json()["reference"]
    done = card.locator(".ok")
    expect(done).to_contain_text(f"Ihre Referenz: {reference}")
    expect(done).to_be_focused()
    request = response.value.request.post_data_json
    assert request["consent"] is True and request["partner_id"] == "ihk-ostwestfalen" and request["session_id"]
    deployment.webhook_wait(lambda r: r["reference"] == reference)


def test_answers_follow_the_language_switch(page, deployment):
    open_page(page, deployment.allowed_site.origin + "/")
    open_panel(page)
    expect(part(page, "h2")).to_have_text("Förder-Assistent NRW")
    part(page, "button.lang").click()
    expect(part(page, "h2")).to_have_text("NRW funding assistant")
    expect(part(page, ".lang")).to_be_focused()
    expect(part(page, ".w")).to_have_attribute("lang", "en")
    expect(part(page, "form.ask textarea")).to_have_attribute("placeholder", "Your question about funding programmes …")
    expect(part(page, ".disclosure")).to_contain_text("AI assistant")
    with page.expect_request(lambda r: r.url.endswith("/api/chat")) as request:
        answer = ask(page, "Is there a grant for artificial intelligence projects?")
    assert request.value.post_data_json["locale"] == "en"
    expect(answer.locator(".sources .sect")).to_contain_text("Sources")
    expect(answer.locator(".badge").first).to_have_text("open")
    expect(answer.get_by_role("button", name="Yes, helpful")).to_be_visible()
    page.reload()
    expect(part(page, "h2")).to_have_text("NRW funding assistant")  # the choice is kept for the tab
    part(page, "button.lang").click()
    expect(part(page, "h2")).to_have_text("Förder-Assistent NRW")


def test_conversation_survives_navigation_in_session_storage_only(page, deployment):
    open_page(page, deployment.allowed_site.origin + "/")
    open_panel(page)
    ask(page, "Wie hoch ist der KI-Zuschuss?")
    page.get_by_role("link", name="Weiter zu Seite 2").click()
    page.wait_for_url("**/seite-2")
    expect(page.locator("nrw-assistant[data-ready]")).to_have_count(1)
    expect(part(page, ".panel")).to_be_visible()  # still open on the next page
    expect(part(page, ".msg.user")).to_have_text(["Wie hoch ist der KI-Zuschuss?"])
    expect(part(page, ".msg.bot").last.locator(".sources")).to_be_visible()
    assert page.evaluate("localStorage.length") == 0
    assert page.context.cookies() == []
    stored = page.evaluate(f"JSON.parse(sessionStorage.getItem('nrwa:{PARTNER}'))")
    assert stored["sid"] and [m["role"] for m in stored["msgs"]] == ["user", "bot"]
    part(page, "button.reset").click()
    expect(part(page, ".msg.user")).to_have_count(0)
    assert page.evaluate(f"JSON.parse(sessionStorage.getItem('nrwa:{PARTNER}')).msgs.length") == 0


def test_inline_mode_with_the_partners_greeting_and_colour(page, deployment):
    open_page(page, deployment.allowed_site.origin + "/beratung")
    assert part(page, ".launcher").count() == 0
    panel = part(page, ".panel")
    expect(panel).to_be_visible()
    assert page.evaluate("document.querySelector('nrw-assistant').parentElement.id") == "beratung"
    assert panel.bounding_box()["width"] == page.locator("#beratung").bounding_box()["width"]
    expect(part(page, ".msg.bot").first).to_have_text("Willkommen bei der IHK Teststadt! Fragen Sie uns zur Förderung.")
    assert page.evaluate(
        "getComputedStyle(document.querySelector('nrw-assistant').shadowRoot.querySelector('header')).backgroundColor"
    ) == "rgb(138, 21, 56)"
    answer = ask(page, "Gibt es einen Zuschuss für künstliche Intelligenz?")
    expect(answer.locator("a.cite").first).to_be_visible()

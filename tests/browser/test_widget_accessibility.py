"""Keyboard-only use and WCAG 2.1 AA (axe-core) for the widget and the advisor page."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.browser.conftest import axe_source
from tests.browser.widget_page import ask, focused, open_page, open_panel, part, tab_to

WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def visible_focus(element: dict) -> bool:
    style, width = element["outline"].split()
    return style != "none" and float(width.removesuffix("px")) >= 2


def test_everything_works_with_the_keyboard_alone(page, deployment):
    open_page(page, deployment.allowed_site.origin + "/")
    launcher = tab_to(page, lambda f: "launcher" in f["cls"])
    assert visible_focus(launcher), launcher
    page.keyboard.press("Enter")
    expect(part(page, ".panel")).to_be_visible()
    assert focused(page)["tag"] == "textarea"
    page.keyboard.type("Kann ich das Altprogramm Digital noch beantragen?")
    page.keyboard.press("Enter")
    answer = part(page, ".msg.bot").last
    expect(answer.locator(".fb")).to_be_visible(timeout=30_000)
    # Back through the answer: feedback, sources, programme details, citation links are all reachable.
    thumb = tab_to(page, lambda f: f["name"] == "Nein, nicht hilfreich", backwards=True)
    assert visible_focus(thumb), thumb
    page.keyboard.press("Space")
    assert focused(page)["tag"] == "textarea"  # the optional comment
    page.keyboard.type("Zu knapp.")
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "Feedback senden"
    page.keyboard.press("Enter")
    expect(answer.locator(".fb")).to_have_text("Danke für Ihr Feedback!")
    tab_to(page, lambda f: f["name"] == "Details", backwards=True)
    page.keyboard.press("Enter")
    expect(answer.locator(".details:not([hidden]) dl")).to_contain_text("Stand")
    assert focused(page)["name"] == "Details ausblenden"
    source = tab_to(page, lambda f: f["tag"] == "a" and (f["href"] or "").startswith("https://example.org/"),
                    backwards=True)
    assert visible_focus(source), source
    # The language switch and the close button; Escape closes and gives the focus back to the launcher.
    english = tab_to(page, lambda f: f["name"] == "English", backwards=True)
    assert visible_focus(english), english
    page.keyboard.press("Enter")
    expect(part(page, "h2")).to_have_text("NRW funding assistant")
    assert focused(page)["name"] == "Deutsch"
    page.keyboard.press("Escape")
    expect(part(page, ".panel")).to_be_hidden()
    assert "launcher" in focused(page)["cls"]
    page.keyboard.press("Enter")
    expect(part(page, ".panel")).to_be_visible()
    tab_to(page, lambda f: f["name"] == "Close", backwards=True)
    page.keyboard.press("Enter")
    expect(part(page, ".panel")).to_be_hidden()


RUN_AXE = """([context, tags]) => axe.run(context || document, {runOnly: {type: 'tag', values: tags}}).then(r => ({
  violations: r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                     nodes: v.nodes.map(n => JSON.stringify(n.target))})),
  checked: r.passes.flatMap(p => p.nodes.map(n => JSON.stringify(n.target)))}))"""


def run_axe(page: Page, context: str | None) -> dict:
    """axe-core (from npm, tests/browser/node_modules) on a part of the page: WCAG 2.0/2.1 A and AA rules."""
    page.evaluate(axe_source())
    return page.evaluate(RUN_AXE, [context, WCAG_AA])


def serious(result: dict) -> list[dict]:
    return [v for v in result["violations"] if v["impact"] in ("serious", "critical")]


def test_widget_passes_axe_with_cards_forms_and_chips_open(page, deployment):
    open_page(page, deployment.allowed_site.origin + "/")
    closed = run_axe(page, "nrw-assistant")
    assert not serious(closed), closed["violations"]
    open_panel(page)
    ask(page, "Ich suche einen Ansprechpartner")  # clarifying chips
    answer = ask(page, "Ich suche einen Ansprechpartner in Bielefeld für Digitalisierung")  # partner cards
    answer.get_by_role("button", name="Kontakt aufnehmen").first.click()
    answer.get_by_role("button", name="Ja, hilfreich").click()
    programmes = ask(page, "Kann ich das Altprogramm Digital noch beantragen?")
    programmes.get_by_role("button", name="Details").first.click()
    expect(programmes.locator(".details dl").first).to_be_visible()
    result = run_axe(page, "nrw-assistant")
    assert not serious(result), result["violations"]
    # axe really looked inside the shadow root (its targets name the host, then the element inside).
    assert any(target.startswith('[["nrw-assistant"') for target in result["checked"]), result["checked"][:5]
    page.set_viewport_size({"width": 375, "height": 740})
    part(page, "button.lang").click()
    phone = run_axe(page, "nrw-assistant")
    assert not serious(phone), phone["violations"]


def test_advisor_page_passes_axe(page, deployment):
    page.goto(deployment.url + "/advisor?q=Zuschuss")
    expect(page.locator("#results .passage").first).to_be_visible()
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "Zu den Treffern springen"
    page.keyboard.press("Enter")
    assert focused(page)["name"].startswith("Fundstellen")
    page.locator("#programs tbody input").nth(0).check()
    page.locator("#programs tbody input").nth(1).check()
    page.locator("#compare-button").click()
    page.locator("#question").fill("Kann ich das Altprogramm Digital noch beantragen?")
    page.locator("#ask button").click()
    expect(page.locator("#export")).to_be_enabled(timeout=30_000)
    result = run_axe(page, None)
    assert not serious(result), result["violations"]

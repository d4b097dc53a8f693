"""Screenshots for people to look at (test-artifacts/screenshots/): the widget on the demo partner site at desktop
and phone width, and the advisor page. Each also checks the layout fact that makes the picture right."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import screenshot_path
from tests.browser.widget_page import ask, open_page, open_panel, part


def test_widget_on_the_demo_site_at_desktop_width(page, deployment):
    page.set_viewport_size({"width": 1280, "height": 900})
    open_page(page, deployment.url + "/")
    expect(part(page, ".launcher")).to_be_visible()
    page.screenshot(path=screenshot_path("widget-desktop-closed.png"))
    open_panel(page)
    answer = ask(page, "Ich suche einen Ansprechpartner in Bielefeld für ein KI-Projekt")
    panel = part(page, ".panel").bounding_box()
    assert panel["width"] == 400 and panel["x"] + panel["width"] <= 1280 - 16  # a panel, not the whole page
    page.screenshot(path=screenshot_path("widget-desktop-1280.png"))
    answer.locator("article.partner").first.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_path("widget-desktop-1280-cards.png"))


def test_widget_on_a_phone_fills_the_screen(page, deployment):
    page.set_viewport_size({"width": 375, "height": 740})
    open_page(page, deployment.url + "/")
    open_panel(page)
    ask(page, "Kann ich das Altprogramm Digital noch beantragen?")
    expect(part(page, ".launcher")).to_be_hidden()  # the full-screen panel has its own close button
    box = part(page, ".panel").bounding_box()
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, 375, 740)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375  # nothing sticks out sideways
    page.screenshot(path=screenshot_path("widget-phone-375.png"))
    answer = ask(page, "Ich suche einen Ansprechpartner in Bielefeld")
    # On a phone the partner cards are folded under their heading: the user opens them first.
    partners = answer.locator("details.cards").filter(has=page.locator("article.partner"))
    partners.locator("summary").click()
    answer.get_by_role("button", name="Kontakt aufnehmen").first.click()
    form = answer.locator("form.handoff")
    form.get_by_label("Name").fill("Erika Musterfrau")
    assert form.bounding_box()["width"] <= 375
    form.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_path("widget-phone-375-handoff.png"))


def test_advisor_page(page, deployment):
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(deployment.url + "/advisor?q=Zuschuss&status=open")
    expect(page.locator("#results .passage").first).to_be_visible()
    page.locator("#programs tbody input").nth(0).check()
    page.locator("#programs tbody input").nth(1).check()
    page.locator("#compare-button").click()
    expect(page.locator("#comparison table")).to_be_visible()
    page.screenshot(path=screenshot_path("advisor-1280.png"), full_page=True)

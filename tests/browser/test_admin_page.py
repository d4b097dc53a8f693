"""The admin page (/admin) in real Chromium: without the token it shows only the login, a wrong token is refused,
with the token it draws the charts, the grouped unanswered questions and the feedback, exports CSV, and passes
axe. Conversations are driven through the API first (weak questions in several Kreise, thumbs down)."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.api.handoff.receivers import wait_for
from tests.browser.conftest import ADMIN_TOKEN, screenshot_path
from tests.browser.test_widget_accessibility import run_axe, serious

QUESTIONS = [  # (question, rating): the test corpus has no source on solar power: weak, or rated down
    ("Gibt es Förderung für eine Photovoltaikanlage auf dem Dach meiner Schreinerei in Detmold? "
     "Rückruf an erika.musterfrau@holzwurm-beispiel.de oder 05231 987654", None),
    ("Photovoltaik-Förderung für unsere Tischlerei in Paderborn?", "down"),
    ("Photovoltaik <img src=x onerror=alert('adminseite')> für die Backstube in Lippstadt", "down"),
    ("Förderung für eine Wärmepumpe in unserer Bäckerei in Münster", None),
    ("Gibt es einen Zuschuss für künstliche Intelligenz in unserer Firma in Essen?", "up"),
    ("Förderung für Lastenfahrräder in Dortmund", "down"),
]


@pytest.fixture(scope="module")
def traffic(deployment) -> None:
    for question, rating in QUESTIONS:
        reply = httpx.post(f"{deployment.url}/api/chat", json={"message": question}, timeout=60)
        assert reply.status_code == 200, reply.text
        if rating:
            rated = httpx.post(f"{deployment.url}/api/feedback",
                               json={"message_id": reply.json()["message_id"], "rating": rating,
                                     "comment": "Leider nicht passend, bitte an 0171 5554443"})
            assert rated.status_code == 201, rated.text
    handoff = httpx.post(f"{deployment.url}/api/handoff", json={
        "partner_id": "hwk-owl", "name": "Hanna Kontakt", "email": "hanna.kontakt@beispiel-gmbh.de",
        "message": "Wir suchen Förderung für eine Photovoltaikanlage.", "consent": True})
    assert handoff.status_code == 201, handoff.text
    wait_for(lambda: _delivered(deployment, handoff.json()["id"]) or None, "the hand-off delivered")


def _delivered(deployment, handoff_id: str) -> bool:
    listed = httpx.get(f"{deployment.url}/api/admin/handoffs", headers=deployment.admin_headers).json()["handoffs"]
    return any(h["id"] == handoff_id and h["delivery"]["state"] == "delivered" for h in listed)


def _log_in(page: Page, token: str) -> None:
    page.get_by_label("Admin-Token").fill(token)
    page.get_by_role("button", name="Anmelden").click()


def test_without_the_token_only_the_login_shows(page, deployment, traffic):
    page.goto(deployment.url + "/admin")
    expect(page.get_by_role("heading", name="Anmelden")).to_be_visible()
    expect(page.locator("#dashboard")).to_be_hidden()
    _log_in(page, "falsches-token")
    expect(page.get_by_role("alert")).to_have_text("Der Token ist nicht gültig.")
    expect(page.locator("#dashboard")).to_be_hidden()
    assert page.evaluate("sessionStorage.getItem('nrwa-admin-token')") is None
    assert page.locator("#unanswered li").count() == 0 and page.locator("#series svg").count() == 0


def test_with_the_token_charts_groups_feedback_and_export(page, deployment, traffic, tmp_path):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(deployment.url + "/admin")
    _log_in(page, ADMIN_TOKEN)
    expect(page.locator("#dashboard")).to_be_visible()
    expect(page.locator("#login")).to_be_hidden()

    # The bar chart: one bar pair per day of the 30-day period, today's bars have height.
    bars = page.locator("#series svg g.point")
    expect(bars).to_have_count(30)
    today = bars.last
    assert float(today.locator("rect.gap").get_attribute("height")) > 0
    assert float(today.locator("rect.answered").get_attribute("height")) > 0
    page.get_by_label("pro Woche").check()
    assert 5 <= bars.count() <= 6
    page.get_by_label("pro Tag").check()

    # The grouped list: the solar questions as one group, with the masked examples as text.
    solar = page.locator("#unanswered > li").filter(has_text="Fragen zu Photovoltaik").first
    expect(solar.locator("h3")).to_contain_text("Energie")
    assert int(solar.locator(".n").inner_text()) >= 3
    expect(solar).to_contain_text("Lippe")
    solar.get_by_text("Beispiele").click()
    expect(solar.locator("details li").filter(has_text="<img src=x")).to_have_count(1)  # shown, not run
    expect(solar).to_contain_text("[E-Mail entfernt]")
    expect(page.locator("#unanswered")).not_to_contain_text("holzwurm-beispiel.de")

    # CSS bars and tables.
    expect(page.locator("#kreise li").filter(has_text="Münster")).to_have_count(1)
    assert float(page.locator("#topics .fill").first.evaluate("e => e.getBoundingClientRect().width")) > 20
    expect(page.locator("#feedback tbody tr").filter(has_text="nicht hilfreich").first).to_contain_text(
        "[Telefonnummer entfernt]")
    expect(page.locator("#totals")).to_contain_text("ohne gute Antwort")
    owl = page.locator("#handoffs tbody tr").filter(has_text="Handwerkskammer Ostwestfalen")
    assert int(owl.locator("td").nth(1).inner_text()) >= 1  # delivered
    assert owl.locator(".stack .delivered").evaluate("e => e.getBoundingClientRect().width") > 0

    with page.expect_download() as download_info:
        page.get_by_role("button", name="Fragen ohne gute Antwort (CSV)").click()
    exported = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert exported.startswith("gruppe,zusammenfassung,") and "Photovoltaik" in exported
    assert "erika.musterfrau" not in exported and "987654" not in exported
    expect(page.locator("#export-status")).to_contain_text("heruntergeladen")

    result = run_axe(page, None)
    assert not serious(result), result["violations"]
    page.locator("#unanswered details").first.evaluate("e => e.open = true")
    page.screenshot(path=screenshot_path("admin-desktop.png"), full_page=True)

    page.reload()  # the token lasts for the tab
    expect(page.locator("#dashboard")).to_be_visible()
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("heading", name="Anmelden")).to_be_visible()
    assert page.evaluate("sessionStorage.getItem('nrwa-admin-token')") is None

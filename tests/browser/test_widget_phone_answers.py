"""Issue 16 on a 375 px phone, over the bundled corpus (what `make demo` serves): one answer fits within two screen
heights, the AI notice appears once per conversation, text and cards do not say the same thing twice, and no raw URL
stands in the text. Screenshots go to test-artifacts/screenshots/ for people to look at."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from api.app import create_app
from assistant.components import build_components
from assistant.settings import Settings
from tests.browser.conftest import screenshot_path
from tests.browser.widget_page import ask, open_page, open_panel, part
from tests.live_server import live_server

pytestmark = pytest.mark.slow
PHONE = {"width": 375, "height": 667}
QUESTIONS = (
    "Wir sind ein Tischlereibetrieb mit 12 Leuten in Detmold und wollen unsere Auftragsplanung mit KI verbessern. "
    "Welche Förderung gibt es?",
    "Wie beantrage ich die Forschungszulage?",
    "Zählen wir mit 180 Mitarbeitern noch als KMU?",
)


@pytest.fixture(scope="module")
def demo_url(bundled_index, embeddings, tmp_path_factory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("phone")
    settings = Settings(_env_file=None, data_dir=bundled_index, database_url=f"sqlite:///{folder}/app.db",
                        rate_limit_chat_per_minute=10_000, rate_limit_session_per_minute=10_000)
    app = create_app(settings=settings, components=build_components(settings, embeddings=embeddings))
    with live_server(app) as url:
        yield url


@pytest.mark.parametrize("number", range(len(QUESTIONS)))
def test_one_answer_fits_within_two_phone_screens(page, demo_url, number):
    page.set_viewport_size(PHONE)
    open_page(page, demo_url + "/")
    open_panel(page)
    answer = ask(page, QUESTIONS[number])
    height = answer.bounding_box()["height"]
    answer.scroll_into_view_if_needed()
    page.screenshot(path=screenshot_path(f"widget-phone-375-answer-{number + 1}.png"))
    assert height <= 2 * PHONE["height"], f"answer is {height:.0f} px high on a 375 x 667 phone"
    text = answer.locator("div").first.inner_text()
    assert "http" not in text  # links are cited sources and card buttons, never raw URLs in the text


def test_the_ai_notice_once_per_conversation(page, demo_url):
    page.set_viewport_size(PHONE)
    open_page(page, demo_url + "/")
    open_panel(page)
    first = ask(page, QUESTIONS[1])
    second = ask(page, "Und wie hoch ist die Förderung?")
    banner = part(page, ".disclosure")
    expect(banner).to_have_count(1)
    for answer in (first, second):
        assert "automatisierten Assistenten (KI)" not in answer.inner_text()


def test_cards_do_not_repeat_the_text(page, demo_url):
    page.set_viewport_size(PHONE)
    open_page(page, demo_url + "/")
    open_panel(page)
    answer = ask(page, QUESTIONS[0])
    cards = answer.locator("article.card")
    assert cards.count() >= 2
    text = answer.locator("div").first.inner_text()
    for partner in answer.locator("article.partner").all():
        reason = partner.locator("p:not(.meta)")
        # The partner's reason stands in the answer's text; the card carries only how to reach them.
        assert reason.count() == 0 or (reason.first.text_content() or "") not in text
    sources = answer.locator(".sources li").all_text_contents()  # folded on a phone: text_content, not inner_text
    assert all(sources) and len(sources) == len(set(sources))

"""Event questions on the default index (the bundled corpus, what `make demo` indexes): it holds no invented event,
so the answer says none was found and points to where real dates are published, the partners' own websites, linked
by those only. Partners without an attested website are named without a link."""

from __future__ import annotations

import re

import pytest

from assistant.components import AssistantComponents

URL = re.compile(r"https?://[^\s)\]]+")
QUESTIONS = [
    ("Gibt es Veranstaltungen zu KI im Münsterland?", {"ihk-nord-westfalen", "ki-nrw"}),
    ("welche workshops zur digitalisierung gibts in borken", {"ihk-nord-westfalen", "mittelstand-digital-ruhr-owl"}),
    ("Gibt es Webinare zu EU-Förderung?", {"nrw-europa"}),
    ("Are there any events on AI in Cologne?", {"ihk-koeln", "ki-nrw"}),
]


def test_the_default_index_holds_no_event(bundled: AssistantComponents) -> None:
    chunks = bundled.served_index.get().chunks
    assert chunks and not [c for c in chunks.values() if c.metadata.get("kind") == "event"]


@pytest.mark.parametrize(("question", "expected"), QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_an_event_question_points_to_the_partners_websites(bundled: AssistantComponents, question: str,
                                                          expected: set[str]) -> None:
    registry = bundled.routing.registry
    reply = bundled.chat.chat(question)
    answer = reply.answer
    english = question.startswith("Are")
    assert ("found no upcoming events" if english else "nicht gefunden") in answer.text
    assert not answer.citations and not answer.programs  # no event, no programme list instead of the answer
    assert "Beispiel: " not in answer.text and not re.search(r"\b\d{1,2}:\d{2}\b", answer.text)  # no dates or times
    ids = {p.id for p in answer.partners}
    assert expected <= ids and 1 <= len(answer.partners) <= 3
    websites = set()
    for card in answer.partners:
        partner = registry.get(card.id)
        assert card.url and card.url == partner.website  # a calendar to look at: only partners with a website
        websites.add(card.url)
        assert f"**{card.name}**" in answer.text and card.url in answer.text
    assert set(URL.findall(answer.text)) == websites  # linked only by their official websites


def test_a_partner_without_a_website_is_named_without_a_link(bundled: AssistantComponents) -> None:
    reply = bundled.chat.chat("Wen kann ich zur Gründung in Mettmann anrufen?")
    cards = {p.id: p for p in reply.answer.partners}
    assert "startercenter-nrw" in cards and cards["startercenter-nrw"].url is None
    line = next(line for line in reply.answer.text.splitlines() if line.startswith("- **Startercenter NRW**"))
    assert not URL.search(line.split(" [")[0]) and "None" not in line and "()" not in line

"""Hybrid retrieval over the indexed test corpus, and the extractive answer's citations and statuses."""

from __future__ import annotations

import re

import pytest

from indexer.search_filter import SearchFilter

pytestmark = pytest.mark.both_stores


def test_hybrid_retrieval_finds_the_matching_document_first(indexed):
    result = indexed.retriever.retrieve("Wie beantrage ich die Forschungszulage beim Finanzamt?", k=3)
    assert result.passages[0].chunk.doc_id == "pdf-test-forschung"
    assert result.passages[0].chunk.page == 2  # the page that names the Finanzamt


def test_each_mode_returns_results_and_lexical_handles_umlaut_spellings(indexed):
    for mode in ("lexical", "dense", "hybrid"):
        assert indexed.retriever.retrieve("Kuenstliche Intelligenz Zuschuss", k=3, mode=mode).passages
    top = indexed.retriever.retrieve("Kuenstliche Intelligenz", k=1, mode="lexical").passages[0]
    assert top.chunk.doc_id == "prog-test-ki"


def test_filters_apply_to_both_sides(indexed):
    flt = SearchFilter(status=("closed",))
    for mode in ("lexical", "dense", "hybrid"):
        passages = indexed.retriever.retrieve("Förderung Digitalisierung", k=10, search_filter=flt, mode=mode).passages
        # A programme's status is computed for today from the catalog (its chunks carry none).
        assert passages and {indexed.programs[p.chunk.metadata["program_id"]].status for p in passages} == {"closed"}
    loans = indexed.retriever.retrieve("Förderung", k=10, search_filter=SearchFilter(funding_type=("Darlehen",)))
    assert {p.chunk.doc_id for p in loans.passages} == {"prog-test-kredit"}


def test_results_are_limited_per_document(indexed):
    result = indexed.retriever.retrieve("Förderung Unternehmen Antrag", k=10)
    per_doc: dict[str, int] = {}
    for p in result.passages:
        per_doc[p.chunk.doc_id] = per_doc.get(p.chunk.doc_id, 0) + 1
    assert max(per_doc.values()) <= 2


def _cited_numbers(text: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", text)}


def test_answer_cites_only_retrieved_sources_with_url_and_as_of(indexed):
    reply = indexed.chat.chat("Gibt es einen Zuschuss für künstliche Intelligenz in meinem Betrieb?")
    answer = reply.answer
    assert answer.citations, answer.text
    ids = {c.id for c in answer.citations}
    assert _cited_numbers(answer.text) <= ids
    assert all(c.url.startswith("https://") and c.as_of for c in answer.citations)
    assert "prog-test-ki" in {c.doc_id for c in answer.citations}
    assert next(p.id for p in answer.programs) == "test-ki-zuschuss"
    assert "Sie sprechen mit einem automatisierten Assistenten" in answer.text  # first turn disclosure


def test_closed_programme_is_answered_as_ended_with_citation_and_successor(indexed):
    answer = indexed.chat.chat("Kann ich noch das Altprogramm beantragen?").answer
    cards = {p.id: p.status for p in answer.programs}
    assert cards["test-altprogramm"] == "closed"
    assert "beendet" in answer.text
    cited = [c for c in answer.citations if c.doc_id == "prog-test-alt"]
    assert cited and f"[{cited[0].id}]" in answer.text
    assert "KI-Zuschuss Test" in answer.text  # the successor named in the catalog


def test_closed_programme_is_never_recommended_as_open(indexed):
    answer = indexed.chat.chat("Welche Förderung gibt es für die Digitalisierung von Handwerksbetrieben?").answer
    mentioned = False
    for line in answer.text.splitlines():
        if "Altprogramm" in line and not re.match(r"^\[\d+\] ", line):  # the source list only names titles
            mentioned = True
            assert "beendet" in line, line
    assert mentioned, answer.text
    assert {p.id: p.status for p in answer.programs}.get("test-altprogramm") == "closed"


def test_unanswerable_question_says_so_plainly(indexed):
    answer = indexed.chat.chat("Wie backe ich einen Marmorkuchen mit Schokoladenglasur?").answer
    assert "Dabei kann ich leider nicht helfen" in answer.text and "Förderprogrammen" in answer.text
    assert answer.citations == [] and answer.programs == []


def test_english_locale_gets_english_frame(indexed):
    answer = indexed.chat.chat("Is there a grant for artificial intelligence (KI Zuschuss)?", locale="en").answer
    assert "automated assistant" in answer.text


def test_session_remembers_and_first_turn_disclosure_is_not_repeated(indexed):
    first = indexed.chat.chat("Gibt es einen KI-Zuschuss?")
    second = indexed.chat.chat("und wie hoch ist der?", session_id=first.session_id)
    assert second.session_id == first.session_id
    assert "automatisierten Assistenten" not in second.answer.text
    assert "prog-test-ki" in {c.doc_id for c in second.answer.citations}

"""The LLM answerer against a scripted OpenAI-compatible server on 127.0.0.1 (streaming and not): good replies are
used, replies with an invented citation, a contradicted status, an error or a timeout fall back to the extractive
answer, and instructions hidden in a document change nothing on either path."""

from __future__ import annotations

import json
import re

import httpx
import pytest

from api.app import create_app
from tests.assistant.conversation.conftest import INJECTION_PAYLOAD_URL
from tests.live_server import live_server

KI_QUESTION = "Gibt es einen Zuschuss für künstliche Intelligenz?"
ALT_QUESTION = "Kann ich das Altprogramm Digital noch beantragen?"
GOOD_MARKER = "unterstützt KI-Vorhaben kleiner und mittlerer Unternehmen"


# --- what the scripted model reads: the numbered sources inside the fence -------------------------------
def _fenced(messages: list[dict]) -> tuple[str, str, str]:
    """(system text, nonce, text between the fence lines) of a request."""
    system, user = messages[0]["content"], messages[-1]["content"]
    nonce = re.search(r"<<<SOURCES ([0-9a-f]+)>>>", user).group(1)
    inside = user.split(f"<<<SOURCES {nonce}>>>", 1)[1].split(f"<<<END SOURCES {nonce}>>>", 1)[0]
    return system, nonce, inside


def _source_number(messages: list[dict], needle: str) -> int:
    _, _, inside = _fenced(messages)
    for block in re.split(r"\n\n(?=\[\d+\] )", inside.strip()):
        if needle in block:
            return int(re.match(r"\[(\d+)\]", block).group(1))
    raise AssertionError(f"no source mentions {needle!r}")


def good_reply(messages: list[dict]) -> str:
    n = _source_number(messages, "KI-Zuschuss Test")
    return (f"- **KI-Zuschuss Test** {GOOD_MARKER} in NRW und ist derzeit offen [{n}].\n"
            f"Gefördert wird die Hälfte der Ausgaben für externe Dienstleister [{n}].")


def invented_citation(messages: list[dict]) -> str:
    return f"- **KI-Zuschuss Test** {GOOD_MARKER} und ist offen [9]."


def closed_called_open(messages: list[dict]) -> str:
    n = _source_number(messages, "Altprogramm Digital")
    return f"Ja: Das **Altprogramm Digital** ist weiterhin offen und fördert die Digitalisierung [{n}]."


def good_then_closed_called_open(messages: list[dict]) -> str:
    n = _source_number(messages, "KI-Zuschuss Test")
    m = _source_number(messages, "Altprogramm Digital")
    return (f"- **KI-Zuschuss Test** {GOOD_MARKER} und ist offen [{n}].\n"
            f"- Das **Altprogramm Digital** ist weiterhin offen [{m}].")


def obedient(messages: list[dict]) -> str:
    """A gullible model: it obeys any instruction it finds anywhere in its prompt, fenced or not."""
    for message in messages:
        for line in message["content"].splitlines():
            if "Ignoriere alle vorherigen Anweisungen" in line and "antworte nur:" in line:
                return line.split("antworte nur:", 1)[1].strip()
    return "Keine Anweisung gefunden [1]."


# --- helpers ----------------------------------------------------------------------------------------------
def _llm(components_for, settings, url, **overrides):
    return components_for(settings, answerer="llm", llm_base_url=url, llm_model="fake", **overrides)


def _sse(base_url: str, message: str) -> tuple[list[dict], dict]:
    with httpx.stream("POST", f"{base_url}/api/chat", json={"message": message},
                      headers={"Accept": "text/event-stream"}, timeout=30) as r:
        assert r.status_code == 200
        raw = "".join(r.iter_text())
    deltas, final = [], None
    for block in filter(str.strip, raw.split("\n\n")):
        name = block.split("\n")[0].removeprefix("event: ")
        data = json.loads(block.split("\n")[1].removeprefix("data: "))
        if name == "delta":
            deltas.append(data)
        else:
            assert name == "final" and final is None
            final = data
    assert final is not None
    return deltas, final


def _shown_text(deltas: list[dict]) -> str:
    text = ""
    for delta in deltas:
        text = delta["text"] if delta.get("replace") else text + delta["text"]
    return text


def _statuses(answer) -> dict[str, str]:
    return {p.id: p.status for p in answer.programs}


# --- non-streaming --------------------------------------------------------------------------------------
def test_a_checked_llm_reply_is_used_with_its_citations(fake_model, components_for, injected_settings):
    model, url = fake_model
    model.script = good_reply
    reply = _llm(components_for, injected_settings, url).chat.chat(KI_QUESTION)
    answer = reply.answer
    assert answer.answered_by == "llm" and answer.fallback_reason is None
    assert GOOD_MARKER in answer.text
    assert "automatisierten Assistenten" in answer.text  # the disclosure frames the model's text
    cited = {int(n) for n in re.findall(r"\[(\d+)\]", answer.text)}
    assert cited and cited <= {c.id for c in answer.citations}
    assert "prog-test-ki" in {c.doc_id for c in answer.citations}
    assert _statuses(answer)["test-ki-zuschuss"] == "open"
    assert model.requests and model.requests[0]["stream"] is False


@pytest.mark.parametrize("script", [invented_citation, closed_called_open], ids=["invented-[9]", "closed-as-open"])
def test_a_reply_that_fails_the_check_is_replaced_by_the_extractive_answer(
        script, fake_model, components_for, injected_settings):
    model, url = fake_model
    model.script = script
    question = KI_QUESTION if script is invented_citation else ALT_QUESTION
    answer = _llm(components_for, injected_settings, url).chat.chat(question).answer
    expected = components_for(injected_settings).chat.chat(question).answer
    assert model.requests, "the model was asked"
    assert answer.answered_by == "extractive" and answer.fallback_reason.startswith("check failed")
    assert answer.text == expected.text
    assert "[9]" not in answer.text and "weiterhin offen" not in answer.text
    assert _statuses(answer).get("test-altprogramm", "closed") == "closed"


def test_model_errors_and_timeouts_fall_back(fake_model, components_for, injected_settings):
    model, url = fake_model
    model.script = good_reply
    model.fail_status = 500
    failed = _llm(components_for, injected_settings, url).chat.chat(KI_QUESTION).answer
    assert failed.answered_by == "extractive" and failed.fallback_reason.startswith("model error")
    assert GOOD_MARKER not in failed.text and failed.citations

    model.fail_status = None
    model.delay_seconds = 3.0
    slow = _llm(components_for, injected_settings, url, llm_timeout_seconds=0.5).chat.chat(KI_QUESTION).answer
    assert slow.answered_by == "extractive" and slow.fallback_reason
    assert GOOD_MARKER not in slow.text and slow.citations


def test_turns_without_substance_do_not_call_the_model(fake_model, components_for, injected_settings):
    model, url = fake_model
    model.script = good_reply
    chat = _llm(components_for, injected_settings, url).chat
    assert chat.chat("Hallo!").answer.answered_by == "extractive"
    assert chat.chat("Wie backe ich einen Marmorkuchen?").answer.answered_by == "extractive"
    assert model.requests == []


# --- streaming over HTTP --------------------------------------------------------------------------------
def test_streamed_llm_reply_arrives_in_checked_pieces(fake_model, components_for, injected_settings):
    model, url = fake_model
    model.script = good_reply
    with live_server(create_app(components=_llm(components_for, injected_settings, url))) as base:
        deltas, final = _sse(base, KI_QUESTION)
    assert model.requests[0]["stream"] is True
    assert not any(d.get("replace") for d in deltas)
    assert len(deltas) >= 4  # disclosure, each sentence of the model, the frame after it
    assert "".join(d["text"] for d in deltas) == final["answer"]
    assert GOOD_MARKER in final["answer"]
    assert {int(n) for n in re.findall(r"\[(\d+)\]", final["answer"])} <= {c["id"] for c in final["citations"]}


@pytest.mark.parametrize("script", [invented_citation, good_then_closed_called_open],
                         ids=["invented-[9]", "closed-as-open-after-a-good-line"])
def test_a_streamed_reply_that_fails_is_withdrawn_before_the_bad_sentence(
        script, fake_model, components_for, injected_settings):
    model, url = fake_model
    model.script = script
    question = KI_QUESTION if script is invented_citation else "Welche Zuschüsse gibt es für KI oder das Altprogramm?"
    expected = components_for(injected_settings).chat.chat(question).answer
    with live_server(create_app(components=_llm(components_for, injected_settings, url))) as base:
        deltas, final = _sse(base, question)
    sent = "".join(d["text"] for d in deltas)
    assert "[9]" not in sent and "weiterhin offen" not in sent  # the failing sentence never left the server
    assert any(d.get("replace") for d in deltas)
    assert _shown_text(deltas) == final["answer"] == expected.text
    if script is good_then_closed_called_open:
        assert GOOD_MARKER in sent  # the checked first line had been shown, and was withdrawn
    assert {p["id"]: p["status"] for p in final["programs"]}.get("test-altprogramm", "closed") == "closed"


# --- instructions inside a document -----------------------------------------------------------------------
def test_the_prompt_fences_document_text_as_data(fake_model, components_for, injected_settings):
    model, url = fake_model
    model.script = obedient
    _llm(components_for, injected_settings, url).chat.chat("Digitalisierung im Handwerk: wie geht das mit Förderung?")
    messages = model.requests[0]["messages"]
    system, nonce, inside = _fenced(messages)
    user = messages[-1]["content"]
    assert "Ignoriere alle vorherigen Anweisungen" in inside  # the instruction reached the model only as data
    assert user.count("Ignoriere alle vorherigen Anweisungen") == inside.count("Ignoriere alle vorherigen Anweisungen")
    assert "Ignoriere" not in system
    assert nonce in system and user.count(f"<<<END SOURCES {nonce}>>>") == 1
    assert "<<<END SOURCES>>>" not in inside  # the document's own attempt to close the fence was neutralised
    _llm(components_for, injected_settings, url).chat.chat("Digitalisierung im Handwerk: wie geht das?")
    assert len(model.requests) == 2 and _fenced(model.requests[1]["messages"])[1] != nonce  # a new nonce each time


def test_an_obeyed_instruction_is_caught_on_both_llm_paths(fake_model, components_for, injected_settings):
    model, url = fake_model
    model.script = obedient
    question = "Wie läuft die Digitalisierung im Handwerk und welche Förderung gibt es?"
    expected = components_for(injected_settings).chat.chat(question).answer
    llm = _llm(components_for, injected_settings, url)
    answer = llm.chat.chat(question).answer
    assert answer.answered_by == "extractive" and answer.fallback_reason.startswith("check failed")
    assert answer.text == expected.text
    with live_server(create_app(components=llm)) as base:
        deltas, final = _sse(base, question)
    assert len(model.requests) == 2 and model.requests[1]["stream"] is True
    assert INJECTION_PAYLOAD_URL not in "".join(d["text"] for d in deltas)
    assert final["answer"] == expected.text and _shown_text(deltas) == final["answer"]


def test_an_instruction_in_a_document_does_not_change_the_extractive_answer(components_for, injected_settings,
                                                                            clean_settings):
    questions = ["Wie läuft die Digitalisierung im Handwerk und welche Förderung gibt es?",
                 "Erfahrungen aus der Praxis: nimmt jemand noch Anträge von Handwerksbetrieben an?",
                 "Kann ich das Altprogramm Digital noch beantragen?",
                 "Welche Förderung gibt es für die Digitalisierung von Handwerksbetrieben?"]
    injected, clean = components_for(injected_settings).chat, components_for(clean_settings).chat
    for question in questions:
        with_doc, without = injected.chat(question).answer, clean.chat(question).answer
        assert INJECTION_PAYLOAD_URL not in with_doc.text
        assert "Ignoriere" not in with_doc.text and "weiterhin offen" not in with_doc.text
        assert not any("Ignoriere" in c.snippet for c in with_doc.citations)
        assert _statuses(with_doc) == _statuses(without)
        assert with_doc.clarify == without.clarify

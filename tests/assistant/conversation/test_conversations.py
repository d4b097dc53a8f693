"""At least 40 multi-turn conversations (German and some English) through the real ChatService on the bundled
corpus, checked on the structure of each reply (conversations.yaml) and on invariants every reply keeps."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.assistant.conversation.conversation_checks import ProgramNames, check_expectations, check_invariants

CONVERSATIONS = yaml.safe_load((Path(__file__).parent / "conversations.yaml").read_text(encoding="utf-8"))
CASES = CONVERSATIONS["conversations"]


def test_the_suite_is_large_and_multilingual():
    assert len(CASES) >= 40
    assert sum(len(c["turns"]) > 1 for c in CASES) >= 40
    assert sum(any(t["expect"].get("locale") == "en" for t in c["turns"]) for c in CASES) >= 4
    assert len({c["name"] for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_conversation(case, bundled):
    names = ProgramNames(bundled.programs)
    session_id = None
    for index, turn in enumerate(case["turns"]):
        reply = bundled.chat.chat(turn["say"], session_id)
        session_id = reply.session_id
        context = f"turn {index + 1} {turn['say']!r}\n{reply.answer.text}\nslots={reply.slots}"
        try:
            check_invariants(reply, bundled.programs, first_turn=index == 0)
            check_expectations(reply, turn.get("expect") or {}, names)
        except AssertionError as exc:
            raise AssertionError(f"{exc}\n--- {context}") from exc

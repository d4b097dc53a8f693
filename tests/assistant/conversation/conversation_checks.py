"""Checks of one chat reply against what a conversation file expects, plus the rules every reply must keep.

Programmes are named in the conversation files as users and the catalog name them ("go-digital",
"MID-Digitalisierung") and resolved through the same name matcher the assistant uses, so the files do not
depend on catalog ids. Partners are matched by a part of their name or by their type. Nothing here looks at the
wording of the answer: only at its structure (intent, slots, programme cards and statuses, partners, clarifying
questions, citations) and at invariants (citations resolve, statuses match the catalog, no ended programme is
presented as open).
"""

from __future__ import annotations

import re
from typing import Any

from assistant.answering.phrases import phrase
from assistant.answering.program_mentions import ProgramMentions
from assistant.chat_service import ChatReply
from assistant.llm.answer_checker import AnswerChecker
from indexer.catalog import Program

_SOURCE_LINE = re.compile(r"^\[\d+\] ")
_CITED = re.compile(r"\[(\d+)\]")


class ProgramNames:
    def __init__(self, programs: dict[str, Program]) -> None:
        self._programs = programs
        self._mentions = ProgramMentions(programs)

    def id_of(self, name: str) -> str:
        if name in self._programs:
            return name
        found = self._mentions.find(name)
        assert found, f"conversation file names a programme the catalog does not know: {name!r}"
        return found[0]


def _slot(slots: dict[str, Any], path: str) -> Any:
    value: Any = slots
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _has(name: str, part: str) -> bool:
    return any(option.lower() in name.lower() for option in part.split("|"))


def check_invariants(reply: ChatReply, programs: dict[str, Program], first_turn: bool) -> None:
    answer = reply.answer
    ids = {c.id for c in answer.citations}
    assert {int(n) for n in _CITED.findall(answer.text)} <= ids, "a [n] in the text has no citation"
    assert len(ids) == len(answer.citations), "citation numbers repeat"
    for citation in answer.citations:
        assert citation.url.startswith(("https://", "http://")) and citation.title, citation
        assert f"[{citation.id}]" in answer.text, f"citation {citation.id} is listed but not used"
    for card in answer.programs:
        assert card.status == programs[card.id].status, f"{card.id}: card status differs from the catalog"
    # The programmes the answer shows must not be given another status than the catalog's anywhere in the text
    # (quotes naming other programmes in passing are not the answer's claims about them).
    shown = {card.id: programs[card.id] for card in answer.programs}
    body = "\n".join(line for line in answer.text.splitlines() if not _SOURCE_LINE.match(line))
    status_problems = [p for p in AnswerChecker(shown).check(body, {}, [], final=False) if p.kind == "status"]
    assert not status_problems, status_problems
    assert len(answer.clarify) <= 2, "more than two clarifying questions"
    disclosure = phrase(reply.slots.get("locale") or "de", "disclosure")
    assert (disclosure in answer.text) == first_turn, "the AI disclosure belongs to the first reply only"


def check_expectations(reply: ChatReply, expect: dict[str, Any], names: ProgramNames) -> None:
    answer = reply.answer
    cards = {c.id: c for c in answer.programs}
    order = [c.id for c in answer.programs]
    for key, wanted in expect.items():
        if key == "intent":
            assert reply.intent == wanted, (key, reply.intent)
        elif key == "slots":
            for path, value in wanted.items():
                got = _slot(reply.slots, path)
                if isinstance(value, list) and isinstance(got, list):
                    assert got[: len(value)] == value, (path, got)
                else:
                    assert got == value, (path, got)
        elif key == "programs":  # these programmes are among the cards
            for name in wanted:
                assert names.id_of(name) in cards, (name, order)
        elif key == "programs_any":  # at least one of these is among the cards
            assert any(names.id_of(n) in cards for n in wanted), (wanted, order)
        elif key == "first_program_in":
            assert order and order[0] in {names.id_of(n) for n in wanted}, (wanted, order)
        elif key == "closed":  # shown, and as ended
            for name in wanted:
                program_id = names.id_of(name)
                assert program_id in cards and cards[program_id].status == "closed", (name, order)
        elif key == "not_open":  # if shown at all, then as ended
            for name in wanted:
                card = cards.get(names.id_of(name))
                assert card is None or card.status == "closed", name
        elif key == "no_programs":
            assert not answer.programs, order
        elif key == "partners":  # for each entry a partner whose name has all its parts ("a|b" = a or b)
            for entry in wanted:
                parts = entry if isinstance(entry, list) else [entry]
                assert any(all(_has(p.name, part) for part in parts) for p in answer.partners), \
                    (entry, [p.name for p in answer.partners])
        elif key == "first_partner":
            parts = wanted if isinstance(wanted, list) else [wanted]
            assert answer.partners and all(_has(answer.partners[0].name, part) for part in parts), \
                (wanted, [p.name for p in answer.partners])
        elif key == "partner_types":
            for kind in wanted:
                assert any(p.type == kind for p in answer.partners), (kind, [p.type for p in answer.partners])
        elif key == "no_partners":
            assert not answer.partners, [p.name for p in answer.partners]
        elif key == "partners_with_reason":
            assert answer.partners and all(p.reason for p in answer.partners)
        elif key == "clarify":  # the kinds of question asked, in order ([] = none)
            assert list(reply.asked) == wanted, (reply.asked, answer.clarify)
            assert len(answer.clarify) >= len(wanted)
        elif key == "min_citations":
            assert len(answer.citations) >= wanted, len(answer.citations)
        elif key == "confident":
            assert answer.confident == wanted
        elif key == "location":
            got = reply.location or {}
            for field_name, value in wanted.items():
                assert got.get(field_name) == value, (field_name, got)
        elif key == "no_location":
            assert reply.location is None, reply.location
        elif key == "locale":
            assert reply.slots.get("locale") == wanted
        else:
            raise AssertionError(f"unknown expectation {key!r}")

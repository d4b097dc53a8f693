"""Runs the conversation evaluation set through the chat use case and checks every expectation of every turn.

Reported: per expectation key the share of turns that meet it, and the two figures issue 16 asks for — the share of
turns whose expected programme is among the first three recommended, and the share whose direct answer (the first
paragraph after the notices) addresses the question (names what the expectation lists). A programme or partner
name the catalog does not know counts as a failed check and is listed, never skipped.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from assistant.chat_service import ChatReply, ChatService
from assistant.conversation.language_detection import detect_language
from assistant.evaluation.conversation_cases import Case, name_key
from indexer.catalog import Program

_STATUS_WORDS = {
    "ended": ("beendet", "ausgelaufen", "nicht mehr", "eingestellt", "ended", "no longer", "closed"),
    "open": ("offen", "anträge bis", "open", "applications until", "nur noch bis", "only until"),
    "ends_soon": ("nur noch bis", "only until"),
}


@dataclass
class TurnResult:
    case_id: str
    turn: int
    user: str
    checks: dict[str, bool] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(self.checks.values())


class ProgrammeNames:
    """Names as the cases write them → catalog ids (name, name without its bracket, aliases)."""

    def __init__(self, programmes: Mapping[str, Program]) -> None:
        self._ids: dict[str, str] = {}
        for program in programmes.values():
            for name in (program.name, program.name.split(" (", 1)[0], program.id, *program.aliases):
                self._ids.setdefault(name_key(name), program.id)

    def resolve(self, name: str) -> str | None:
        return self._ids.get(name_key(name)) or self._ids.get(name_key(name.split(" (", 1)[0]))


def lead_paragraph(reply: ChatReply) -> str:
    return reply.answer.lead or reply.answer.text


def _recommended(reply: ChatReply) -> list[str]:
    return [p.id for p in reply.answer.programs if p.status != "closed"]


def check_turn(reply: ChatReply, expect: dict[str, Any], names: ProgrammeNames,
               result: TurnResult) -> None:
    text = reply.answer.text
    lead = lead_paragraph(reply).casefold()
    recommended = _recommended(reply)

    def ids(key: str) -> list[str]:
        found = []
        for name in expect.get(key) or ():
            program_id = names.resolve(name)
            if program_id is None:
                result.notes.append(f"{key}: unknown programme name {name!r}")
            else:
                found.append(program_id)
        return found

    if "kind" in expect:
        result.checks["kind"] = reply.kind == expect["kind"]
        if not result.checks["kind"]:
            result.notes.append(f"kind {reply.kind!r}, expected {expect['kind']!r}")
    if "programs_top3_any" in expect:
        wanted = ids("programs_top3_any")
        result.checks["programs_top3_any"] = bool(set(wanted) & set(recommended[:3]))
        if not result.checks["programs_top3_any"]:
            result.notes.append(f"top 3 {recommended[:3]}, expected one of {wanted}")
    if "programs_not" in expect:
        unwanted = set(ids("programs_not"))
        result.checks["programs_not"] = not unwanted & set(recommended)
        if not result.checks["programs_not"]:
            result.notes.append(f"recommended {sorted(unwanted & set(recommended))}")
    if "answer_mentions_any" in expect:
        words = [str(w).casefold() for w in expect["answer_mentions_any"]]
        result.checks["answer_mentions_any"] = any(w in lead for w in words)
        if not result.checks["answer_mentions_any"]:
            result.notes.append(f"lead lacks all of {words}: {lead[:160]!r}")
    if "answer_mentions_all" in expect:
        words = [str(w).casefold() for w in expect["answer_mentions_all"]]
        result.checks["answer_mentions_all"] = all(w in lead for w in words)
        if not result.checks["answer_mentions_all"]:
            result.notes.append(f"lead lacks some of {words}: {lead[:160]!r}")
    if "status_said" in expect:
        ok = True
        for name, status in dict(expect["status_said"]).items():
            program_id = names.resolve(name)
            if program_id is None:
                result.notes.append(f"status_said: unknown programme name {name!r}")
                ok = False
                continue
            ok = ok and _status_said(reply, program_id, status)
        result.checks["status_said"] = ok
        if not ok:
            result.notes.append(f"status not said as {expect['status_said']}")
    if "partners_top3_any" in expect:
        partners_wanted = {name_key(n) for n in expect["partners_top3_any"]}
        partners_got = {name_key(p.name) for p in reply.answer.partners[:3]}
        result.checks["partners_top3_any"] = bool(partners_wanted & partners_got)
        if not result.checks["partners_top3_any"]:
            result.notes.append(f"partners {[p.name for p in reply.answer.partners[:3]]}")
    if "location_kreis" in expect:
        kreis = str((reply.location or {}).get("kreis") or "")
        result.checks["location_kreis"] = _kreis(kreis) == _kreis(str(expect["location_kreis"]))
        if not result.checks["location_kreis"]:
            result.notes.append(f"kreis {kreis!r}")
    if "asks_for" in expect:
        result.checks["asks_for"] = set(expect["asks_for"]) <= set(reply.asked)
        if not result.checks["asks_for"]:
            result.notes.append(f"asked {list(reply.asked)}")
    if "asks_not" in expect:
        result.checks["asks_not"] = not set(expect["asks_not"]) & set(reply.asked)
        if not result.checks["asks_not"]:
            result.notes.append(f"asked {list(reply.asked)}")
    if "language" in expect:
        result.checks["language"] = detect_language(_without_quotes(text)) == expect["language"]


def _status_said(reply: ChatReply, program_id: str, status: str) -> bool:
    card = next((p for p in reply.answer.programs if p.id == program_id), None)
    if card is None:
        return False
    if status == "ended" and card.status != "closed":
        return False
    if status in ("open", "ends_soon") and card.status == "closed":
        return False
    text = reply.answer.text.casefold()
    return any(word in text for word in _STATUS_WORDS[status])


def _kreis(name: str) -> str:
    folded = name_key(name)
    return folded[len("kreis"):] if folded.startswith("kreis") and len(folded) > len("kreis") else folded


def _without_quotes(text: str) -> str:
    """English answers may quote German source sentences: quoted text is not the answer's own language."""
    out, depth = [], 0
    for char in text:
        if char in "„“\"»«":
            depth ^= 1
            continue
        if not depth:
            out.append(char)
    return "".join(out)


@dataclass
class ConversationReport:
    turns: list[TurnResult]

    def share(self, key: str) -> float | None:
        judged = [t.checks[key] for t in self.turns if key in t.checks]
        return round(sum(judged) / len(judged), 3) if judged else None

    def summary(self) -> dict[str, Any]:
        keys = sorted({k for t in self.turns for k in t.checks})
        direct = [t.checks.get("answer_mentions_any", t.checks.get("answer_mentions_all")) for t in self.turns
                  if "answer_mentions_any" in t.checks or "answer_mentions_all" in t.checks]
        return {
            "cases": len({t.case_id for t in self.turns}), "turns": len(self.turns),
            "turns_passed": round(sum(t.passed for t in self.turns) / max(1, len(self.turns)), 3),
            "top3_share": self.share("programs_top3_any"),
            "direct_answer_share": round(sum(bool(d) for d in direct) / len(direct), 3) if direct else None,
            "checks": {k: self.share(k) for k in keys},
        }

    def failures(self) -> list[dict[str, Any]]:
        return [{"case": t.case_id, "turn": t.turn, "user": t.user,
                 "failed": sorted(k for k, ok in t.checks.items() if not ok), "notes": t.notes}
                for t in self.turns if not t.passed]


def run_cases(cases: list[Case], chat_for: Callable[[date], ChatService],
              programmes_for: Callable[[date], Mapping[str, Program]]) -> ConversationReport:
    """Each case in a fresh conversation, on its own `today`."""
    results: list[TurnResult] = []
    names_by_day: dict[date, ProgrammeNames] = {}
    by_day: dict[date, list[Case]] = defaultdict(list)
    for case in cases:
        by_day[case.today].append(case)
    for day, day_cases in by_day.items():
        chat = chat_for(day)
        names = names_by_day.setdefault(day, ProgrammeNames(programmes_for(day)))
        for case in day_cases:
            session = f"eval-{case.id}-{uuid.uuid4().hex[:8]}"
            for number, turn in enumerate(case.turns, start=1):
                reply = chat.chat(turn.user, session_id=session)
                result = TurnResult(case.id, number, turn.user)
                check_turn(reply, turn.expect, names, result)
                results.append(result)
    return ConversationReport(results)

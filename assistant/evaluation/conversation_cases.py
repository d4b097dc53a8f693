"""The conversation evaluation set (corpus/eval/conversations.yaml): realistic multi-turn cases with expectations
per turn, written from the domain research without looking at answers. See the file's header for the format."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from indexer.text_folding import search_fold

EXPECT_KEYS = frozenset({"kind", "programs_top3_any", "programs_not", "answer_mentions_any", "answer_mentions_all",
                         "status_said", "partners_top3_any", "location_kreis", "asks_for", "asks_not", "language"})
DEFAULT_TODAY = date(2026, 12, 7)
_NON_WORD = re.compile(r"[^0-9a-z]+")


class CaseFileError(ValueError):
    pass


@dataclass(frozen=True)
class Turn:
    user: str
    expect: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Case:
    id: str
    persona: str
    turns: tuple[Turn, ...]
    today: date = DEFAULT_TODAY


def name_key(name: str) -> str:
    """How names are compared: case, spaces, hyphens, dashes and punctuation ignored."""
    return _NON_WORD.sub("", search_fold(name))


def load_cases(path: Path) -> list[Case]:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise CaseFileError(f"{path}: {exc}") from exc
    cases: list[Case] = []
    seen: set[str] = set()
    for number, entry in enumerate(raw.get("cases") or [], start=1):
        if not isinstance(entry, dict) or not entry.get("id") or not entry.get("turns"):
            raise CaseFileError(f"{path}: case #{number} needs an id and turns")
        case_id = str(entry["id"])
        if case_id in seen:
            raise CaseFileError(f"{path}: case id {case_id} appears twice")
        seen.add(case_id)
        turns = []
        for turn in entry["turns"]:
            expect = dict(turn.get("expect") or {})
            unknown = set(expect) - EXPECT_KEYS
            if unknown or not turn.get("user"):
                raise CaseFileError(f"{path}: case {case_id}: a turn needs `user`; unknown keys {sorted(unknown)}")
            turns.append(Turn(str(turn["user"]), expect))
        today = entry.get("today") or DEFAULT_TODAY
        if not isinstance(today, date):
            today = date.fromisoformat(str(today))
        cases.append(Case(case_id, str(entry.get("persona") or ""), tuple(turns), today))
    return cases

"""Checks an LLM reply before (and while) it is shown: every [n] is one of the sources given; a line that names
a programme cites a source about it; no programme's catalog status is contradicted (an ended one called open, an
open one called ended, an unknown one called open); no link that did not come from the sources; no instruction
echoed from a document. Any problem means the extractive answer is shown instead."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assistant.answering.instruction_guard import looks_like_instruction
from assistant.answering.program_mentions import ProgramMentions
from assistant.llm.prompt import SourceRef
from indexer.catalog import Program
from indexer.text_folding import search_fold

_CITATION = re.compile(r"\[(\d+(?:\s*[,;]\s*\d+)*)\]")
_URL = re.compile(r"https?://[^\s)\]>»\"']+")


def _cues(literals: tuple[str, ...], patterns: tuple[str, ...] = ()) -> re.Pattern[str]:
    """A regex over folded text (umlauts and ae/oe/ue folded as in the search index) from plain words."""
    alternatives = [re.escape(search_fold(w)) for w in literals] + list(patterns)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")(?:e|en|er|es|em)?\b", re.IGNORECASE)


_OPEN = _cues(
    ("offen", "geöffnet", "läuft", "laufend", "aktiv", "verfügbar", "beantragbar", "jetzt beantragen",
     "antrag stellen", "bewerben sie sich", "open", "available", "accepting", "you can apply", "can be applied",
     "apply now"),
    (r"konnen sie (?:\w+ )?beantragen", r"kann (?:\w+ )?beantragt werden"),
)
_CLOSED = _cues(
    ("beendet", "ausgelaufen", "eingestellt", "geschlossen", "abgeschlossen", "nicht mehr", "keine neuen",
     "endete", "ended", "closed", "discontinued", "expired", "no longer", "not available", "nicht verfügbar"),
)
_NEGATION = re.compile(r"\b(?:nicht|nicht mehr|kein\w*|no longer|not|never|nie)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# A sentence that only wonders about the status ("ob noch eine Runde offen ist, geht nicht hervor") claims nothing.
_HEDGE = re.compile(r"\b(?:ob|unklar|nicht hervor|prufen sie|bitte prufen|whether|unclear|please check)\b",
                    re.IGNORECASE)
# A status word this close before the next programme's name is about that programme ("des beendeten go-digital").
_LOOKAHEAD_CHARS = 25


@dataclass(frozen=True)
class CheckProblem:
    kind: str  # citation | grounding | status | link | instruction | empty
    detail: str


@dataclass(frozen=True)
class _Mention:
    program: Program
    start: int
    end: int


class AnswerChecker:
    def __init__(self, programs: Mapping[str, Program]) -> None:
        self._programs = programs
        self._mentions = ProgramMentions(programs)

    def check(self, text: str, sources: dict[int, SourceRef], allowed_urls: Iterable[str],
              final: bool = True) -> list[CheckProblem]:
        """All problems in the text. With final=False (a stream in progress) only completed lines must cite."""
        problems: list[CheckProblem] = []
        cited_any = False
        for number in self._cited(text):
            cited_any = True
            if number not in sources:
                problems.append(CheckProblem("citation", f"[{number}] is not one of the {len(sources)} sources"))
        allowed = set(allowed_urls)
        for url in _URL.findall(text):
            if url.rstrip(".,;:") not in allowed:
                problems.append(CheckProblem("link", f"link not from the sources: {url}"))
        if looks_like_instruction(text):
            problems.append(CheckProblem("instruction", "the reply repeats an instruction from a document"))

        lines = text.split("\n")
        complete = lines if final else lines[:-1]
        for index, line in enumerate(lines):
            mentions = self._find(line)
            problems += self._status_problems(line, mentions)
            if index < len(complete) and mentions:
                problems += self._grounding_problems(line, mentions, sources)
        if final and not cited_any and text.strip():
            problems.append(CheckProblem("citation", "the reply cites no source"))
        if final and not text.strip():
            problems.append(CheckProblem("empty", "the reply is empty"))
        return problems

    # --- pieces -----------------------------------------------------------------------------------
    @staticmethod
    def _cited(text: str) -> list[int]:
        return [int(n) for group in _CITATION.findall(text) for n in re.split(r"\s*[,;]\s*", group)]

    def _find(self, line: str) -> list[_Mention]:
        """Programme names in the line with their positions (longest names first, no overlaps)."""
        folded = search_fold(line)
        found: list[_Mention] = []
        for program_id in self._mentions.find(line):
            program = self._programs[program_id]
            # names of the catalogue as served now (a new index generation may list other programmes)
            names = [search_fold(n) for n in (program.name, program.id.replace("-", " "), *program.aliases)
                     if len(n) >= 2]
            for name in sorted(names, key=len, reverse=True):
                position = _find_word(folded, name)
                if position != -1:
                    found.append(_Mention(program, position, position + len(name)))
                    break
        return sorted(found, key=lambda m: m.start)

    def _status_problems(self, line: str, mentions: list[_Mention]) -> list[CheckProblem]:
        if not mentions:
            return []
        folded = search_fold(line)
        said: dict[str, set[str]] = {m.program.id: set() for m in mentions}
        for kind, pattern in (("open", _OPEN), ("closed", _CLOSED)):
            for match in pattern.finditer(folded):
                position = match.start()
                if _HEDGE.search(_sentence_around(folded, position)):
                    continue
                # "nicht offen", "not available": a negated open word says closed
                kind_here = "closed" if kind == "open" and _NEGATION.search(folded[:position]) else kind
                owner = _owner(mentions, position)
                if owner is not None:
                    said[owner.program.id].add(kind_here)
        problems: list[CheckProblem] = []
        for mention in mentions:
            words = said[mention.program.id]
            status = mention.program.status
            if status == "closed" and "open" in words and "closed" not in words:
                problems.append(CheckProblem("status", f"{mention.program.name} has ended but is called open"))
            elif status == "open" and "closed" in words and "open" not in words:
                problems.append(CheckProblem("status", f"{mention.program.name} is open but is called ended"))
            elif status == "unknown" and "open" in words and "closed" not in words:
                problems.append(CheckProblem("status", f"the status of {mention.program.name} is not confirmed"))
        return problems

    @staticmethod
    def _grounding_problems(line: str, mentions: list[_Mention], sources: dict[int, SourceRef]) -> list[CheckProblem]:
        cited = [sources[n] for n in AnswerChecker._cited(line) if n in sources]
        problems: list[CheckProblem] = []
        for mention in mentions:
            program = mention.program
            if not cited:
                problems.append(CheckProblem("grounding", f"the line about {program.name} cites no source"))
                continue
            about = any((ref.program is not None and ref.program.id == program.id)
                        or search_fold(program.name) in search_fold(ref.passage.chunk.text) for ref in cited)
            if not about:
                problems.append(CheckProblem("grounding", f"no cited source is about {program.name}"))
        return problems


def _sentence_around(text: str, position: int) -> str:
    start = max(text.rfind(". ", 0, position), text.rfind("? ", 0, position), text.rfind("! ", 0, position))
    ends = [i for i in (text.find(". ", position), text.find("? ", position), text.find("! ", position)) if i != -1]
    return text[start + 1: min(ends) if ends else len(text)]


def _find_word(haystack: str, needle: str) -> int:
    match = re.search(rf"(?<![0-9a-z]){re.escape(needle)}(?![0-9a-z])", haystack)
    return match.start() if match else -1


def _owner(mentions: list[_Mention], position: int) -> _Mention | None:
    """The programme a status word at this position is about: the next one if it follows right away, else the
    one named before it (or, before any name, the first one)."""
    following = next((m for m in mentions if m.start >= position), None)
    if following is not None and following.start - position <= _LOOKAHEAD_CHARS:
        return following
    preceding = [m for m in mentions if m.start < position]
    if preceding:
        return preceding[-1]
    return mentions[0] if mentions else None

"""Finds programmes named in a question ("Kann ich noch go-digital beantragen?") by name or alias."""

from __future__ import annotations

import re
import threading
from collections.abc import Mapping

from indexer.catalog import Program
from indexer.programme_status import ProgrammesToday
from indexer.text_folding import search_fold

_NON_WORD = re.compile(r"[^0-9a-z]+")


def _norm(text: str) -> str:
    return " " + _NON_WORD.sub(" ", search_fold(text)).strip() + " "


class ProgramMentions:
    def __init__(self, programs: Mapping[str, Program]) -> None:
        self._programs = programs
        self._source: object = None
        self._names: list[tuple[str, str]] = []
        self._lock = threading.Lock()

    def _current_names(self) -> list[tuple[str, str]]:
        """The names, rebuilt when the catalog behind a day's view changed (a new index generation lists other
        programmes)."""
        source = self._programs.catalog() if isinstance(self._programs, ProgrammesToday) else self._programs
        if source is not self._source:
            with self._lock:
                if source is not self._source:
                    self._names = self._build(source)
                    self._source = source
        return self._names

    @staticmethod
    def _build(programs: Mapping[str, Program]) -> list[tuple[str, str]]:
        # Longest names first, so "MID-Digitalisierung" wins over "MID".
        names: list[tuple[str, str]] = []
        for program in programs.values():
            for name in (program.name, program.id.replace("-", " "), *program.aliases):
                norm = _norm(name)
                if len(norm.strip()) >= 2:
                    names.append((norm, program.id))
        return sorted(set(names), key=lambda item: -len(item[0]))

    def find(self, text: str) -> list[str]:
        """Programme ids named in the text, in order of first mention, without overlaps."""
        haystack = _norm(text)
        found: list[tuple[int, str]] = []
        taken: list[tuple[int, int]] = []
        for name, program_id in self._current_names():
            start = haystack.find(name)
            while start != -1:
                end = start + len(name)
                if not any(s < end - 1 and start + 1 < e for s, e in taken):
                    taken.append((start, end))
                    if program_id not in (p for _, p in found):
                        found.append((start, program_id))
                    break
                start = haystack.find(name, start + 1)
        return [program_id for _, program_id in sorted(found)]

"""The served catalogue: curated programs.yaml plus the programmes the Förderdatenbank export lists, never twice.

A curated entry stays authoritative for status, dates and notes; it names its Förderdatenbank entry in `fdb_url`.
A listing belongs to a curated entry when that URL matches, or — when the curated entry names no Förderdatenbank page
of its own — when the listing's title equals the curated name or an alias (compared without case, accents and
punctuation). Such a listing adds its text to the curated programme's documents and no entry of its own; every other
listing enters the catalogue as a programme of its own (listed_programmes.py).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping
from types import MappingProxyType
from urllib.parse import urlsplit

from indexer.catalog import Program
from indexer.listed_programmes import ListedProgramme
from indexer.text_folding import search_fold

_NON_WORD = re.compile(r"[^0-9a-z]+")
_NOTHING_LISTED: Mapping[str, ListedProgramme] = MappingProxyType({})


def normalised_url(url: str) -> str:
    """Scheme, `www.`, case of the host, a trailing slash and a query do not make another page."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{parts.path.rstrip('/')}"


def normalised_name(name: str) -> str:
    return " ".join(_NON_WORD.sub(" ", search_fold(name)).split())


class CuratedIndex:
    """Looks up the curated programme a listing belongs to."""

    def __init__(self, curated: Mapping[str, Program]) -> None:
        self.by_url = {normalised_url(p.fdb_url): p.id for p in curated.values() if p.fdb_url}
        self.by_name: dict[str, str] = {}
        for program in curated.values():
            if program.fdb_url:
                continue  # linked by its URL: a name must not tie another listing to it
            for name in (program.name, *program.aliases):
                self.by_name.setdefault(normalised_name(name), program.id)

    def match(self, url: str, title: str) -> str | None:
        return self.by_url.get(normalised_url(url)) or self.by_name.get(normalised_name(title))


def merge_catalogue(curated: Mapping[str, Program], listed: Iterable[ListedProgramme]) -> dict[str, Program]:
    merged = dict(curated)
    index = CuratedIndex(curated)
    for row in sorted(listed, key=lambda r: r.program_id):
        if row.merged_into in curated or index.match(row.url, str(row.entry.get("name") or "")) \
                or row.program_id in merged:
            continue
        merged[row.program_id] = row.program()
    return merged


class ServedCatalogue:
    """For ProgrammesToday: the merged catalogue of the served generation, the same object until the generation's
    listed programmes change (ProgrammesToday recomputes the day's view when the object changes)."""

    def __init__(self, curated: Mapping[str, Program],
                 listed: Callable[[], Mapping[str, ListedProgramme] | None]) -> None:
        self._curated = curated
        self._listed = listed
        self._seen: Mapping[str, ListedProgramme] | None = None
        self._merged: Mapping[str, Program] = curated
        self._lock = threading.Lock()

    def __call__(self) -> Mapping[str, Program]:
        listed = self._listed() or _NOTHING_LISTED
        if listed is not self._seen:
            with self._lock:
                if listed is not self._seen:
                    self._merged = merge_catalogue(self._curated, listed.values()) if listed else self._curated
                    self._seen = listed
        return self._merged

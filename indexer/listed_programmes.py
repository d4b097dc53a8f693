"""Programmes a source lists (the Förderdatenbank export), kept in the index record of each generation.

A listed programme is a catalogue entry built from the listing (name, provider, level, funding type, topics …) plus
its history: the export day its current text was first seen (the as-of of its documents, so an unchanged programme
keeps its date and is not re-embedded), the newest export day that listed it, and the day it vanished from the
listing. A programme that vanished is kept for history and shown as ended; its documents leave the search index.
The served catalogue is the curated programs.yaml plus the listed programmes of the served generation
(catalogue_merge.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING, Any

from indexer.catalog import Program, parse_program
from indexer.source_date import display_date

if TYPE_CHECKING:
    from indexer.source_reading import SourceRead


@dataclass(frozen=True)
class ListedProgramme:
    program_id: str
    source: str  # the source (sources.yaml name) that lists it
    path: str  # where the listing has it (the export's content path)
    url: str  # its public page: the source_url and Förderdatenbank link of the catalogue entry
    entry: dict[str, Any] = field(default_factory=dict)  # name, provider, level, topics, … as in programs.yaml
    fingerprint: str = ""  # hash of the listing's content: a change means a new text
    first_seen: str = ""  # export day this text was first listed
    listed_on: str = ""  # newest export day that listed it
    vanished_on: str | None = None  # first export day that no longer listed it
    merged_into: str | None = None  # the curated programme this listing belongs to (never shown twice)

    def listed_again(self, listed_on: str) -> ListedProgramme:
        return replace(self, listed_on=listed_on, vanished_on=None)

    def vanished(self, day: str) -> ListedProgramme:
        return self if self.vanished_on else replace(self, vanished_on=day)

    def program(self) -> Program:
        """The catalogue entry: open while listed ("in der Förderdatenbank gelistet" is its only status basis),
        closed from the day it vanished."""
        if self.vanished_on:
            status, ended_on = "closed", self.vanished_on
            note = (f"Seit dem {display_date(self.vanished_on)} nicht mehr in der Förderdatenbank gelistet "
                    f"(zuletzt im Export vom {display_date(self.listed_on)}): beendet oder zurückgezogen.")
        else:
            status, ended_on = "open", None
            note = (f"In der Förderdatenbank gelistet (Export vom {display_date(self.listed_on)}). Fristen und "
                    f"Konditionen bitte auf der Seite des Programms prüfen.")
        entry = {**self.entry, "id": self.program_id, "status": status, "status_note": note, "ended_on": ended_on,
                 "as_of": self.listed_on, "source_url": self.url, "fdb_url": self.url, "sources": [self.url]}
        return parse_program(entry, f"listed programme {self.path}")

    def to_row(self) -> tuple[Any, ...]:
        return (self.program_id, self.source, self.path, self.url, json.dumps(self.entry, ensure_ascii=False),
                self.fingerprint, self.first_seen, self.listed_on, self.vanished_on, self.merged_into)

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> ListedProgramme:
        return cls(row[0], row[1], row[2], row[3], json.loads(row[4]), *row[5:10])

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def next_listing(previous: Mapping[str, ListedProgramme], reads: Iterable[SourceRead],
                 registry_names: set[str] | None) -> dict[str, ListedProgramme]:
    """The listed programmes of the next generation: a source that listed its programmes this run replaces its own
    (vanished ones included); the others stay as they were, unless their source left the registry."""
    reads = list(reads)
    replaced = {r.name for r in reads if r.listed_programmes is not None}
    table = {pid: row for pid, row in previous.items()
             if row.source not in replaced and (registry_names is None or row.source in registry_names)}
    for read in reads:
        table.update((row.program_id, row) for row in read.listed_programmes or ())
    return dict(sorted(table.items()))

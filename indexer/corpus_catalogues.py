"""The corpus catalogues of one process (programs.yaml, partners.yaml, the gazetteer), each read at most once.

The API loads one `CorpusCatalogues` in `create_app` and hands it to everyone who needs a catalogue (programmes,
routing, hand-off, statistics' names), so a process reads each file once. Each file is read on first use, not when the
object is built: callers keep their own strictness (the programmes fail start-up, the statistics' names only log) and
a process that never needs the gazetteer never reads it. An index run builds its own on purpose: it indexes the files
as they are now.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from indexer.catalog import Program, load_programs
from indexer.gazetteer import GAZETTEER_FOLDER, Gazetteer, load_gazetteer
from indexer.partner_catalogue import PartnerEntries, read_partner_entries

PROGRAMMES_FILE = "programs.yaml"
PARTNERS_FILE = "partners.yaml"


class CorpusCatalogues:
    def __init__(self, corpus_dir: Path) -> None:
        self.corpus_dir = Path(corpus_dir)

    @cached_property
    def programmes(self) -> dict[str, Program]:
        """The curated programmes (empty without programs.yaml); CatalogError when the file is malformed."""
        return load_programs(self.corpus_dir / PROGRAMMES_FILE)

    @cached_property
    def partners(self) -> PartnerEntries | None:
        """partners.yaml as read, not yet validated; None when the corpus has none. PartnerDataError when the file
        cannot be read or is not YAML."""
        path = self.corpus_dir / PARTNERS_FILE
        return read_partner_entries(path) if path.exists() else None

    @cached_property
    def gazetteer(self) -> Gazetteer | None:
        """None when the corpus has no gazetteer folder (a test corpus without routing)."""
        if not (self.corpus_dir / GAZETTEER_FOLDER).is_dir():
            return None
        return load_gazetteer(self.corpus_dir)


def load_corpus_catalogues(corpus_dir: Path) -> CorpusCatalogues:
    """The one entry point; nothing is read until a catalogue is asked for."""
    return CorpusCatalogues(corpus_dir)

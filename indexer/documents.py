"""The shapes that flow through the indexer: a parsed document, its sections, and the chunks made from it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Section:
    """A run of text under one heading path, on one page (PDF) or none (HTML/Markdown)."""

    text: str
    heading_path: tuple[str, ...] = ()
    page: int | None = None


@dataclass
class ParsedDocument:
    """One source document after parsing, before chunking.

    `metadata` holds the flat facts we filter and cite by (kind, program_id, status, level, …);
    values are str, int, float, bool or lists of str.
    """

    doc_id: str
    title: str
    url: str
    sections: list[Section]
    as_of: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    location: str = ""  # where it came from: a file path or a fetched URL

    @property
    def text(self) -> str:
        return "\n\n".join(s.text for s in self.sections)

    def content_hash(self) -> str:
        """Hash of everything that ends up in the index, so any change re-embeds and nothing else does."""
        digest = hashlib.sha256()
        for part in (self.title, self.url, self.as_of or "", repr(sorted(self.metadata.items()))):
            digest.update(part.encode("utf-8"))
            digest.update(b"\x00")
        for s in self.sections:
            digest.update(f"{s.page}|{'/'.join(s.heading_path)}|{s.text}".encode())
            digest.update(b"\x00")
        return digest.hexdigest()


@dataclass(frozen=True)
class Chunk:
    chunk_id: str
    doc_id: str
    text: str
    title: str
    url: str
    page: int | None
    section: str
    as_of: str | None
    metadata: dict[str, Any]

    @property
    def embedding_text(self) -> str:
        """What the embedder sees: title and section give a short chunk its context."""
        head = self.title if not self.section else f"{self.title} – {self.section}"
        return f"{head}\n{self.text}"

"""The record of what one index generation holds: documents with content hashes, and their chunks.

It decides what the next run must embed again, and it is where the served index reads chunk texts and
metadata from (the lexical index and the dense store only hold ids and vectors that point here).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.documents import Chunk

_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    doc_id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    location TEXT NOT NULL,
    url TEXT NOT NULL,
    title TEXT NOT NULL,
    as_of TEXT,
    content_hash TEXT NOT NULL,
    chunk_count INTEGER NOT NULL,
    metadata TEXT NOT NULL,
    indexed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(doc_id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    text TEXT NOT NULL,
    title TEXT NOT NULL,
    url TEXT NOT NULL,
    page INTEGER,
    section TEXT NOT NULL,
    as_of TEXT,
    metadata TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_by_doc ON chunks(doc_id, ord);
CREATE TABLE IF NOT EXISTS runs (
    run_id INTEGER PRIMARY KEY AUTOINCREMENT,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    summary TEXT
);
"""


@dataclass(frozen=True)
class DocumentEntry:
    doc_id: str
    source: str
    location: str
    url: str
    title: str
    as_of: str | None
    content_hash: str
    chunk_count: int
    metadata: dict[str, Any]
    indexed_at: str


class IndexRecord:
    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        if read_only:
            self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False)
            self._db.executescript(_SCHEMA)
        self._db.execute("PRAGMA foreign_keys = ON")

    def close(self) -> None:
        self._db.close()

    # --- documents ---------------------------------------------------------------------------
    def documents(self) -> dict[str, DocumentEntry]:
        rows = self._db.execute(
            "SELECT doc_id, source, location, url, title, as_of, content_hash, chunk_count, metadata, indexed_at "
            "FROM documents"
        )
        return {r[0]: DocumentEntry(*r[:8], json.loads(r[8]), r[9]) for r in rows}

    def put_document(self, entry: DocumentEntry, chunks: list[Chunk]) -> None:
        with self._db:
            self._db.execute("DELETE FROM documents WHERE doc_id = ?", (entry.doc_id,))
            self._db.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?)",
                (entry.doc_id, entry.source, entry.location, entry.url, entry.title, entry.as_of,
                 entry.content_hash, entry.chunk_count, json.dumps(entry.metadata, ensure_ascii=False),
                 entry.indexed_at),
            )
            self._db.executemany(
                "INSERT INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (c.chunk_id, c.doc_id, i, c.text, c.title, c.url, c.page, c.section, c.as_of,
                     json.dumps(c.metadata, ensure_ascii=False))
                    for i, c in enumerate(chunks)
                ],
            )

    def delete_documents(self, doc_ids: Iterable[str]) -> None:
        with self._db:
            self._db.executemany("DELETE FROM documents WHERE doc_id = ?", [(d,) for d in doc_ids])

    def chunk_ids_of(self, doc_ids: Iterable[str]) -> list[str]:
        ids: list[str] = []
        for doc_id in doc_ids:
            ids.extend(r[0] for r in self._db.execute("SELECT chunk_id FROM chunks WHERE doc_id = ?", (doc_id,)))
        return ids

    # --- chunks ------------------------------------------------------------------------------
    def iter_chunks(self) -> Iterator[Chunk]:
        rows = self._db.execute(
            "SELECT chunk_id, doc_id, text, title, url, page, section, as_of, metadata FROM chunks "
            "ORDER BY doc_id, ord"
        )
        for r in rows:
            yield Chunk(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], json.loads(r[8]))

    def count(self) -> tuple[int, int]:
        docs = self._db.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
        chunks = self._db.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        return int(docs), int(chunks)

    # --- runs --------------------------------------------------------------------------------
    def add_run(self, started_at: str, finished_at: str, summary: dict[str, Any]) -> None:
        with self._db:
            self._db.execute(
                "INSERT INTO runs (started_at, finished_at, summary) VALUES (?,?,?)",
                (started_at, finished_at, json.dumps(summary, ensure_ascii=False)),
            )

    def last_run(self) -> dict[str, Any] | None:
        row = self._db.execute("SELECT summary FROM runs ORDER BY run_id DESC LIMIT 1").fetchone()
        return json.loads(row[0]) if row else None

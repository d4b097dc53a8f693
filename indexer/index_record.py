"""The record of what one index generation holds: documents with content hashes, and their chunks.

It decides what the next run must embed again, and it is where the served index reads chunk texts and
metadata from (the lexical index and the dense store only hold ids and vectors that point here).
Programmes a source lists (the Förderdatenbank export) are kept here too, vanished ones included, so the served
catalogue is always that of the served generation (indexer/listed_programmes.py).
For fetched sources it also keeps the HTTP validators (ETag, Last-Modified, sitemap lastmod) and the compressed
response body per URL, so a 304 answer can be re-parsed without downloading the page again.
"""

from __future__ import annotations

import json
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.documents import Chunk
from indexer.listed_programmes import ListedProgramme

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
CREATE TABLE IF NOT EXISTS fetch_state (
    url TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    final_url TEXT NOT NULL,
    etag TEXT,
    last_modified TEXT,
    sitemap_lastmod TEXT,
    content_type TEXT NOT NULL,
    body BLOB NOT NULL,
    text_hash TEXT,
    first_seen TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS programmes (
    program_id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    path TEXT NOT NULL,
    url TEXT NOT NULL,
    entry TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    listed_on TEXT NOT NULL,
    vanished_on TEXT,
    merged_into TEXT
);
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


def _document_entry(doc_id: str, source: str, location: str, url: str, title: str, as_of: str | None,
                    content_hash: str, chunk_count: int, metadata: str, indexed_at: str) -> DocumentEntry:
    """A row of the documents table (metadata stored as JSON)."""
    return DocumentEntry(doc_id, source, location, url, title, as_of, content_hash, chunk_count, json.loads(metadata),
                         indexed_at)


@dataclass(frozen=True)
class FetchState:
    """What the last successful fetch of one URL left behind (the body zlib-compressed)."""

    url: str
    source: str
    final_url: str
    etag: str | None
    last_modified: str | None
    sitemap_lastmod: str | None
    content_type: str
    compressed_body: bytes
    text_hash: str | None  # normalised text of the parsed page: its as-of "first seen" date stays while it holds
    first_seen: str  # ISO date this text was first fetched
    fetched_at: str

    @property
    def body(self) -> bytes:
        return zlib.decompress(self.compressed_body)

    @staticmethod
    def compress(body: bytes) -> bytes:
        return zlib.compress(body, 6)


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
        entries = (_document_entry(*row) for row in rows)
        return {entry.doc_id: entry for entry in entries}

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

    # --- fetch state ---------------------------------------------------------------------------
    def fetch_states(self) -> dict[str, FetchState]:
        try:
            rows = self._db.execute(
                "SELECT url, source, final_url, etag, last_modified, sitemap_lastmod, content_type, body, text_hash, "
                "first_seen, fetched_at FROM fetch_state"
            ).fetchall()
        except sqlite3.OperationalError:
            return {}  # a record written before fetch state existed (opened read-only, so not migrated)
        return {r[0]: FetchState(*r) for r in rows}

    def put_fetch_states(self, states: Iterable[FetchState]) -> None:
        with self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO fetch_state VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(s.url, s.source, s.final_url, s.etag, s.last_modified, s.sitemap_lastmod, s.content_type,
                  s.compressed_body, s.text_hash, s.first_seen, s.fetched_at) for s in states],
            )

    def delete_fetch_states(self, urls: Iterable[str]) -> None:
        with self._db:
            self._db.executemany("DELETE FROM fetch_state WHERE url = ?", [(u,) for u in urls])

    # --- listed programmes -------------------------------------------------------------------------
    def listed_programmes(self) -> dict[str, ListedProgramme]:
        try:
            rows = self._db.execute(
                "SELECT program_id, source, path, url, entry, fingerprint, first_seen, listed_on, vanished_on, "
                "merged_into FROM programmes ORDER BY program_id"
            ).fetchall()
        except sqlite3.OperationalError:
            return {}  # a record written before listed programmes existed (opened read-only, so not migrated)
        return {r[0]: ListedProgramme.from_row(r) for r in rows}

    def replace_listed_programmes(self, programmes: Iterable[ListedProgramme]) -> None:
        with self._db:
            self._db.execute("DELETE FROM programmes")
            self._db.executemany("INSERT INTO programmes VALUES (?,?,?,?,?,?,?,?,?,?)",
                                 [p.to_row() for p in programmes])

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

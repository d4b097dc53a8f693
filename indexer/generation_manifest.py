"""The manifest of an index generation: what it holds and how its files looked when the indexer finished it.

Written as `MANIFEST.json` into the generation folder as the last step before the switch, and never changed after:

    {"format": 1, "generation": "…", "created_at": "…",
     "embedding": {"model": "all-MiniLM-L6-v2", "dimension": 384},   # model null = not recorded
     "counts": {"documents": 5, "chunks": 7, "vectors": 7, "lexical": 7},
     "vectors": {"collection": "nrwa_chunks"},                        # where the vectors are (a Chroma collection)
     "files": {"record.sqlite": {"size": …, "sha256": "…"}, "lexical/chunk_ids.json": {…}, …,
               "chroma/chroma.sqlite3": {"size": …, "grows": true}, "chroma/<segment>/data_level0.bin": {"size": …}}}

The record and the lexical files are written once and only ever read, so their checksums hold. Embedded Chroma
rewrites parts of its files on every read (its SQLite bookkeeping, the HNSW length array), so for those only the
sizes are kept: Chroma's SQLite file may grow, never shrink; the HNSW arrays keep their size. A generation
without a manifest was built before manifests existed: it is served unverified (see generation_check.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

MANIFEST_FILE = "MANIFEST.json"
FORMAT = 1
_CHECKSUMMED = ("record.sqlite", "lexical", "sentences")  # written once, read only afterwards
_GROWING = ("chroma.sqlite3",)  # Chroma's own SQLite may grow when the collection is read


class ManifestError(ValueError):
    """The manifest exists but cannot be read: the generation cannot be verified."""


@dataclass(frozen=True)
class Manifest:
    generation: str
    embedding_model: str | None
    embedding_dimension: int | None
    counts: dict[str, int]
    files: dict[str, dict[str, Any]]
    collection: str | None = None
    created_at: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {"format": FORMAT, "generation": self.generation, "created_at": self.created_at,
                "embedding": {"model": self.embedding_model, "dimension": self.embedding_dimension},
                "counts": self.counts, "vectors": {"collection": self.collection}, "files": self.files}


def fingerprint_files(folder: Path) -> dict[str, dict[str, Any]]:
    """Size of every file of the generation, plus the sha256 of those that never change once written."""
    files: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(folder).as_posix()
        if relative in (MANIFEST_FILE, "IN_PROGRESS"):
            continue
        entry: dict[str, Any] = {"size": path.stat().st_size}
        if relative.split("/", 1)[0] in _CHECKSUMMED:
            entry["sha256"] = file_sha256(path)
        elif path.name in _GROWING:
            entry["grows"] = True
        files[relative] = entry
    return files


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Atomically, so a kill while writing leaves no half manifest (the generation is still IN_PROGRESS then)."""
    tmp = folder / f".{MANIFEST_FILE}.{uuid.uuid4().hex}.tmp"
    tmp.write_text(json.dumps(manifest.as_dict(), ensure_ascii=False, indent=1), encoding="utf-8")
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, folder / MANIFEST_FILE)


def build_manifest(folder: Path, generation: str, embedding_model: str | None, embedding_dimension: int | None,
                   counts: dict[str, int], collection: str | None) -> Manifest:
    return Manifest(generation, embedding_model, embedding_dimension, dict(counts), fingerprint_files(folder),
                    collection, datetime.now(UTC).isoformat(timespec="seconds"))


def read_manifest(folder: Path) -> Manifest | None:
    """The manifest, or None for a generation written before manifests existed. ManifestError if unreadable."""
    path = folder / MANIFEST_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        raise ManifestError(f"{MANIFEST_FILE} is unreadable ({exc.__class__.__name__})") from exc
    try:
        embedding = data.get("embedding") or {}
        return Manifest(
            generation=str(data["generation"]),
            embedding_model=embedding.get("model"),
            embedding_dimension=embedding.get("dimension"),
            counts={str(k): int(v) for k, v in dict(data["counts"]).items()},
            files={str(k): dict(v) for k, v in dict(data["files"]).items()},
            collection=(data.get("vectors") or {}).get("collection"),
            created_at=str(data.get("created_at") or ""),
        )
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ManifestError(f"{MANIFEST_FILE} is not a generation manifest ({exc.__class__.__name__})") from exc


def file_problem(folder: Path, relative: str, expected: dict[str, Any]) -> str | None:
    """Why this file does not match its manifest entry, or None when it does."""
    path = folder / relative
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return f"{relative} is missing"
    want = int(expected.get("size", -1))
    if expected.get("grows") and size < want:
        return f"{relative} is shorter than when it was written ({size} < {want} bytes)"
    if not expected.get("grows") and size != want:
        return f"{relative} has {size} bytes, {want} when it was written"
    if "sha256" in expected and file_sha256(path) != expected["sha256"]:
        return f"{relative} has changed since it was written (checksum)"
    return None


def store_of(relative: str) -> str:
    """Which store a generation file belongs to: record, lexical or vectors."""
    head = relative.split("/", 1)[0]
    return {"record.sqlite": "record", "lexical": "lexical", "chroma": "vectors",
            "sentences": "sentences"}.get(head, "record")

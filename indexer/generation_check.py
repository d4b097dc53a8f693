"""Is an index generation whole? The checks the server runs before it serves one and the indexer runs before it
builds on one.

    check_files(generations, generation, expected_model)  cheap: folder, manifest, file sizes and checksums, model
    check_generation(generations, generation, expected_model)  the indexer's: the above, plus SQLite's quick_check
        of the record, the vectors counted and compared by id with the record, and the lexical ids with the record

Problems are reported per store ("generation", "manifest", "model", "record", "vectors", "lexical"), so the indexer
rebuilds only what is damaged: the lexical index is rebuilt from the record on every run anyway, while a damaged
record or lost vectors send it back to an older generation that is whole (see pipeline.py).
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from indexer.generation_manifest import Manifest, ManifestError, file_problem, read_manifest, store_of
from indexer.generations import Generation, IndexGenerations

_BASE_STORES = ("generation", "model", "record", "vectors")  # what a run cannot build on


@dataclass
class GenerationCheck:
    generation: Generation
    manifest: Manifest | None = None
    problems: dict[str, str] = field(default_factory=dict)  # store -> the first reason found

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def verified(self) -> bool:
        """Whole according to its manifest (False for a generation built before manifests existed)."""
        return self.ok and self.manifest is not None

    @property
    def usable_as_base(self) -> bool:
        """A run may copy its record and vectors (its lexical index is rebuilt anyway)."""
        return not any(store in self.problems for store in _BASE_STORES)

    @property
    def reason(self) -> str:
        return "; ".join(f"{store}: {why}" for store, why in self.problems.items())

    def add(self, store: str, reason: str) -> None:
        self.problems.setdefault(store, reason)


def model_problem(manifest: Manifest | None, expected_model: str | None) -> str | None:
    """A generation is only ever queried with the model that embedded it (unknown on either side: no objection)."""
    built_with = manifest.embedding_model if manifest else None
    if expected_model and built_with and built_with != expected_model:
        return f"built with the embedding model {built_with!r}, but {expected_model!r} is configured"
    return None


def check_files(generations: IndexGenerations, generation: Generation,
                expected_model: str | None = None) -> GenerationCheck:
    """The cheap check: nothing is opened, only file sizes and the checksums of the record and lexical files."""
    check = GenerationCheck(generation)
    if not generation.path.is_dir():
        check.add("generation", "its folder is missing")
        return check
    try:
        check.manifest = read_manifest(generation.path)
    except ManifestError as exc:
        check.add("manifest", str(exc))
    problem = model_problem(check.manifest, expected_model)
    if problem:
        check.add("model", problem)
    if check.manifest is not None:
        for relative, expected in check.manifest.files.items():
            if generations.chroma_url and store_of(relative) == "vectors":
                continue
            reason = file_problem(generation.path, relative, expected)
            if reason:
                check.add(store_of(relative), reason)
    else:  # built before manifests (or the manifest is damaged): at least every store must be there
        for relative, store in (("record.sqlite", "record"), ("lexical/chunk_ids.json", "lexical")):
            if not (generation.path / relative).is_file():
                check.add(store, f"{relative} is missing")
    if not generations.chroma_url and not (generation.chroma_path / "chroma.sqlite3").is_file():
        check.add("vectors", "chroma/chroma.sqlite3 is missing")
    return check


def check_generation(generations: IndexGenerations, generation: Generation,
                     expected_model: str | None = None) -> GenerationCheck:
    """The indexer's check before it builds on a generation: the cheap one, then the contents of every store."""
    check = check_files(generations, generation, expected_model)
    if "generation" in check.problems:
        return check
    record_ids = _record_chunk_ids(check)
    if "vectors" not in check.problems:
        _check_vectors(generations, check, record_ids)
    if "lexical" not in check.problems and record_ids is not None:
        _check_lexical(check, record_ids)
    return check


def _record_chunk_ids(check: GenerationCheck) -> list[str] | None:
    """The record's chunk ids in lexical order, or None (and a problem) when the record cannot be trusted."""
    path = check.generation.record_path
    if "record" in check.problems or not path.is_file():
        check.add("record", "record.sqlite is missing")
        return None
    try:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            verdict = db.execute("PRAGMA quick_check").fetchone()[0]
            if verdict != "ok":
                check.add("record", f"SQLite quick_check: {verdict}")
                return None
            documents = int(db.execute("SELECT COUNT(*) FROM documents").fetchone()[0])
            ids = [r[0] for r in db.execute("SELECT chunk_id FROM chunks ORDER BY doc_id, ord")]
        finally:
            db.close()
    except sqlite3.Error as exc:
        check.add("record", f"record.sqlite cannot be read ({exc})")
        return None
    counts = check.manifest.counts if check.manifest else {}
    if counts and (counts.get("documents"), counts.get("chunks")) != (documents, len(ids)):
        check.add("record", f"holds {documents} documents and {len(ids)} chunks, the manifest "
                            f"{counts.get('documents')} and {counts.get('chunks')}")
        return None
    return ids


def _check_vectors(generations: IndexGenerations, check: GenerationCheck, record_ids: list[str] | None) -> None:
    expected = len(record_ids) if record_ids is not None else (check.manifest.counts.get("vectors")
                                                               if check.manifest else None)
    try:
        store = generations.vector_store(check.generation)
        stored = store.ids()
        problem = probe_vectors(store, len(stored), check.manifest.embedding_dimension if check.manifest else None)
    except Exception as exc:  # Chroma raises many kinds; any of them means the vectors are unusable
        check.add("vectors", f"the Chroma collection cannot be read ({_short(exc)})")
        return
    if problem:
        check.add("vectors", problem)
    elif expected is not None and len(stored) != expected:
        check.add("vectors", f"holds {len(stored)} vectors for {expected} chunks")
    elif record_ids is not None and set(stored) != set(record_ids):
        check.add("vectors", "its chunk ids differ from the record's")


def probe_vectors(store: Any, expected_count: int, dimension: int | None) -> str | None:
    """Count the vectors, read one and search with it: Chroma reports damage to its files on such reads."""
    count = store.count()
    if count != expected_count:
        return f"holds {count} vectors, {expected_count} expected"
    if count == 0:
        return None
    vector = store.any_vector()
    if vector is None:
        return "a vector cannot be read"
    if dimension and len(vector) != dimension:
        return f"its vectors have {len(vector)} dimensions, {dimension} expected"
    if not store.query(vector, 1):
        return "a search with one of its own vectors finds nothing"
    return None


def _check_lexical(check: GenerationCheck, record_ids: list[str]) -> None:
    folder = check.generation.lexical_path
    try:
        chunk_ids = json.loads((folder / "chunk_ids.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        check.add("lexical", f"lexical/chunk_ids.json cannot be read ({exc.__class__.__name__})")
        return
    if chunk_ids != record_ids:
        check.add("lexical", "lexical/chunk_ids.json does not list the record's chunks")
    elif record_ids and not (folder / "bm25").is_dir():
        check.add("lexical", "lexical/bm25 is missing")


def _short(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{exc.__class__.__name__}: {text[0][:200]}" if text else exc.__class__.__name__

"""File damage for every store of a generation, as a disk fault, a bad copy or a careless hand would leave it.

Each entry damages the generation in a folder and names the store the verification must blame."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from indexer.generations import Generation, IndexGenerations


@dataclass(frozen=True)
class Damage:
    store: str  # record, vectors, lexical or generation: what the repair summary names
    apply: Callable[[Generation, IndexGenerations], None]


def _truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 2)


def _scramble(path: Path) -> None:
    """Same size, other bytes: only a checksum notices."""
    size = path.stat().st_size
    path.write_bytes(bytes((i * 7 + 13) % 256 for i in range(size)))


def _segment(generation: Generation) -> Path:
    [segment] = [p for p in generation.chroma_path.iterdir() if p.is_dir()]
    return segment


def _delete_collection(generation: Generation, generations: IndexGenerations) -> None:
    from indexer.vector_store import chroma_client

    chroma_client(url=generations.chroma_url).delete_collection(generations.collection(generation))


DAMAGES: dict[str, Damage] = {
    "record truncated": Damage("record", lambda g, _: _truncate(g.record_path)),
    "record overwritten": Damage("record", lambda g, _: _scramble(g.record_path)),
    "chroma.sqlite3 truncated": Damage("vectors", lambda g, _: _truncate(g.chroma_path / "chroma.sqlite3")),
    "HNSW array truncated": Damage("vectors", lambda g, _: _truncate(_segment(g) / "data_level0.bin")),
    "HNSW segment missing": Damage("vectors", lambda g, _: shutil.rmtree(_segment(g))),
    "bm25 arrays overwritten": Damage("lexical", lambda g, _: [
        _scramble(g.lexical_path / "bm25" / name) for name in ("data.csc.index.npy", "indices.csc.index.npy")]),
    "chunk_ids.json damaged": Damage("lexical", lambda g, _: (g.lexical_path / "chunk_ids.json").write_text(
        '["prog-test-ki#0", "prog-te', encoding="utf-8")),
    "lexical folder missing": Damage("lexical", lambda g, _: shutil.rmtree(g.lexical_path)),
    "bm25 folder missing": Damage("lexical", lambda g, _: shutil.rmtree(g.lexical_path / "bm25")),
    "generation missing": Damage("generation", lambda g, _: shutil.rmtree(g.path)),
}
# With a Chroma server the vectors are not files of the generation: there, the collection goes missing instead.
SERVER_DAMAGES: dict[str, Damage] = {
    **{name: DAMAGES[name] for name in ("record truncated", "chunk_ids.json damaged", "bm25 arrays overwritten",
                                        "lexical folder missing", "generation missing")},
    "collection missing": Damage("vectors", _delete_collection),
}

"""Sentence vectors of a generation: every quotable sentence of the chunks embedded once at index time, so the
answer composer can tell which sentence of a passage answers the question (its own vector against the question's)
without embedding anything while a person waits.

Files in the generation folder: `sentences/vectors.npy` (float16, one row per sentence) and `sentences/rows.json`
([chunk_id, sentence] per row, grouped by chunk). A run re-embeds only sentences it has not seen: the previous
generation's rows are reused when chunk id and sentence text are unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import numpy as np

from indexer.documents import Chunk
from indexer.sentences import split_sentences

FOLDER = "sentences"
_MIN_CHARS = 30
_MAX_CHARS = 400
_PER_CHUNK = 16  # the sentences of one chunk worth quoting are rarely more
_SKIPPED_KINDS = frozenset({"event"})  # events are answered from their facts, not quoted


def quotable_sentences(chunk: Chunk) -> list[str]:
    """The sentences of a chunk that an answer could quote (long enough, not a heading or a link list)."""
    if chunk.metadata.get("kind") in _SKIPPED_KINDS or chunk.metadata.get("sentence_vectors") is False:
        return []
    out = [s for s in split_sentences(chunk.text)
           if _MIN_CHARS <= len(s) <= _MAX_CHARS and "http" not in s and not s.startswith("#")]
    return list(dict.fromkeys(out))[:_PER_CHUNK]


class SentenceStore:
    def __init__(self, rows: list[tuple[str, str]], vectors: np.ndarray) -> None:
        self.rows = rows
        self.vectors = vectors.astype(np.float32, copy=False)
        self._by_chunk: dict[str, dict[str, int]] = {}
        for row, (chunk_id, sentence) in enumerate(rows):
            self._by_chunk.setdefault(chunk_id, {})[sentence] = row

    def __len__(self) -> int:
        return len(self.rows)

    @classmethod
    def build(cls, chunks: Iterable[Chunk], embed: Callable[[list[str]], np.ndarray],
              previous: SentenceStore | None = None, batch: int = 256) -> tuple[SentenceStore, int]:
        """The store for these chunks, and how many sentences had to be embedded (the rest came from `previous`,
        which must come from the same model)."""
        rows = [(chunk.chunk_id, sentence) for chunk in chunks for sentence in quotable_sentences(chunk)]
        known = [previous.row(chunk_id, sentence) if previous is not None else None for chunk_id, sentence in rows]
        todo = [i for i, row in enumerate(known) if row is None]
        fresh: dict[int, np.ndarray] = {}
        for start in range(0, len(todo), batch):
            part = todo[start:start + batch]
            fresh.update(zip(part, embed([rows[i][1] for i in part]), strict=True))
        dimension = next(iter(fresh.values())).shape[0] if fresh else \
            (previous.vectors.shape[1] if previous is not None else 0)
        vectors = np.zeros((len(rows), dimension), dtype=np.float32)
        for i, row in enumerate(known):
            vectors[i] = fresh[i] if row is None else previous.vectors[row]  # type: ignore[union-attr]
        return cls(rows, vectors), len(todo)

    def row(self, chunk_id: str, sentence: str) -> int | None:
        return self._by_chunk.get(chunk_id, {}).get(sentence)

    def similarity(self, vector: Sequence[float] | np.ndarray, chunk_id: str, sentence: str) -> float | None:
        row = self.row(chunk_id, sentence)
        if row is None:
            return None
        return float(self.vectors[row] @ np.asarray(vector, dtype=np.float32))

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.save(folder / "vectors.npy", self.vectors.astype(np.float16))
        (folder / "rows.json").write_text(json.dumps(self.rows, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> SentenceStore | None:
        """None when the generation has no sentence vectors (built before they existed)."""
        if not (folder / "rows.json").exists():
            return None
        rows = [tuple(r) for r in json.loads((folder / "rows.json").read_text(encoding="utf-8"))]
        vectors = np.load(folder / "vectors.npy", allow_pickle=False)
        if vectors.shape[0] != len(rows):
            raise ValueError(f"{folder}: {vectors.shape[0]} vectors for {len(rows)} sentences")
        return cls(rows, vectors)

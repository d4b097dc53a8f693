"""The lexical side: BM25 (bm25s) over German analysed terms, persisted beside the dense store."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path

import bm25s
import numpy as np

from indexer.documents import Chunk

Analyze = Callable[[str], list[str]]


def lexical_text(chunk: Chunk) -> str:
    """Title and section are searched with the text: a passage about 'Antrag' under 'ZIM' should match 'ZIM'."""
    return f"{chunk.title}\n{chunk.section}\n{chunk.text}"


class LexicalIndex:
    def __init__(self, retriever: bm25s.BM25 | None, chunk_ids: list[str], analyze: Analyze) -> None:
        self._retriever = retriever
        self.chunk_ids = chunk_ids
        self._analyze = analyze
        self._vocab: dict[str, int] = dict(getattr(retriever, "vocab_dict", {}) or {})

    @classmethod
    def build(cls, chunk_ids: list[str], texts: Sequence[str], analyze: Analyze) -> LexicalIndex:
        if not chunk_ids:
            return cls(None, [], analyze)
        retriever = bm25s.BM25(k1=1.2, b=0.75)
        retriever.index([analyze(t) or [""] for t in texts], show_progress=False)
        return cls(retriever, list(chunk_ids), analyze)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "chunk_ids.json").write_text(json.dumps(self.chunk_ids), encoding="utf-8")
        if self._retriever is not None:
            self._retriever.save(str(folder / "bm25"))

    @classmethod
    def load(cls, folder: Path, analyze: Analyze) -> LexicalIndex:
        chunk_ids = json.loads((folder / "chunk_ids.json").read_text(encoding="utf-8"))
        retriever = bm25s.BM25.load(str(folder / "bm25")) if chunk_ids else None
        return cls(retriever, chunk_ids, analyze)

    def __len__(self) -> int:
        return len(self.chunk_ids)

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every chunk (in chunk_ids order) for the query."""
        terms = [t for t in self._analyze(query) if t in self._vocab]
        if self._retriever is None or not terms:
            return np.zeros(len(self.chunk_ids), dtype=np.float32)
        return np.asarray(self._retriever.get_scores(terms), dtype=np.float32)

    def search(self, query: str, k: int, mask: np.ndarray | None = None) -> list[tuple[str, float]]:
        """Top k (chunk_id, score) with score > 0; `mask` (bool per chunk) restricts to filtered chunks."""
        scores = self.scores(query)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        positive = int(np.count_nonzero(scores > 0))
        k = min(k, positive)
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.chunk_ids[i], float(scores[i])) for i in top]

"""The vectors of the few chunks a narrow filter lets through, held in memory and searched exactly.

A Chroma query restricted to a list of ids spends several milliseconds looking the ids up, more than the query
embedding itself costs on a small index; a matrix product over a few thousand unit vectors takes microseconds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class VectorSubset:
    chunk_ids: list[str]
    matrix: np.ndarray  # one unit vector per chunk id

    @classmethod
    def of(cls, vectors: Mapping[str, np.ndarray], dimension: int) -> VectorSubset:
        if not vectors:
            return cls([], np.zeros((0, dimension), dtype=np.float32))
        return cls(list(vectors), unit_rows(np.asarray(list(vectors.values()), dtype=np.float32)))

    def nearest(self, vector: Sequence[float], k: int) -> list[tuple[str, float]]:
        """The k most similar chunks as (chunk_id, cosine similarity), best first; what Chroma would return."""
        k = min(k, len(self.chunk_ids))
        if k <= 0:
            return []
        query = np.asarray(vector, dtype=np.float32)
        similarities = self.matrix @ (query / (np.linalg.norm(query) or 1.0))
        top = np.argpartition(-similarities, k - 1)[:k]
        top = top[np.argsort(-similarities[top], kind="stable")]
        return [(self.chunk_ids[i], float(similarities[i])) for i in top]


def unit_rows(matrix: np.ndarray) -> np.ndarray:
    """Each row scaled to length 1 (zero rows stay zero), so a dot product is the cosine similarity."""
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)

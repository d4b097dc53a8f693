"""What every embedding backend is (e5_embeddings.py, embeddings.py, openai_embeddings.py): langchain's Embeddings
plus a batch call returning one array, and the model's identity, which index generations record so that a
generation is never queried with another model."""

from __future__ import annotations

from typing import Protocol

import numpy as np

E5_MODEL_ID = "multilingual-e5-small-q4"
MINILM_MODEL_ID = "all-MiniLM-L6-v2"


class EmbeddingModelError(RuntimeError):
    """The model cannot be used: missing, wrong weights, a missing extra, an unreachable endpoint."""


# Where a model's cosine similarities lie for unrelated and for clearly related question/passage pairs (measured on
# XQuAD-de: e5 unrelated median 0.75, 99th percentile 0.81; the answer's passage: 5th percentile 0.82, median 0.87).
# Models not listed use the raw cosine (0..1), as MiniLM always did.
SIMILARITY_BANDS = {E5_MODEL_ID: (0.78, 0.88)}


class EmbeddingModel(Protocol):
    name: str
    dimension: int

    def embed_array(self, texts: list[str]) -> np.ndarray:
        """Documents, as one float32 array of normalised rows."""
        ...

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        """Questions, batched (evaluation): models with query/passage prefixes embed them as queries."""
        ...

    def embed_query(self, text: str) -> list[float]: ...

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

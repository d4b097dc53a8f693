"""The configured embedding model, for the indexer (documents) and the assistant (queries) alike."""

from __future__ import annotations

from pathlib import Path

from indexer.embedding_model import E5_MODEL_ID, MINILM_MODEL_ID, EmbeddingModel, EmbeddingModelError
from indexer.settings import EmbeddingSettings


def embedding_model_id(settings: EmbeddingSettings) -> str:
    """The configured embedding model's identity, without loading it. Every generation records the identity of
    the model that embedded it, and is never queried with another (assistant/retrieval/served_index.py)."""
    if settings.embedding_backend == "e5":
        return E5_MODEL_ID
    if settings.embedding_backend == "minilm":
        return MINILM_MODEL_ID
    if settings.embedding_backend == "openai":
        return f"openai:{settings.embedding_model}"
    # The model folder's name: the same model under another folder name counts as another model.
    return Path(settings.embedding_model).name if settings.embedding_model else "sentence-transformers"


def build_embeddings(settings: EmbeddingSettings) -> EmbeddingModel:
    """The configured backend; a missing model, extra or setting is an EmbeddingModelError with what to do."""
    backend = settings.embedding_backend
    if backend == "e5":
        from indexer.e5_embeddings import E5Embeddings

        return E5Embeddings(query_threads=1, batch_threads=settings.embedding_threads)
    if backend == "openai":
        if not settings.embedding_url or not settings.embedding_model:
            raise EmbeddingModelError("NRWA_EMBEDDING_BACKEND=openai needs NRWA_EMBEDDING_URL and NRWA_EMBEDDING_MODEL")
        from indexer.openai_embeddings import OpenAICompatibleEmbeddings

        return OpenAICompatibleEmbeddings(
            settings.embedding_url, settings.embedding_model, settings.embedding_api_key.get_secret_value(),
            query_model=settings.embedding_query_model, query_prefix=settings.embedding_query_prefix,
            passage_prefix=settings.embedding_passage_prefix, batch_size=settings.embedding_batch_size)
    from indexer.embeddings import SentenceTransformerEmbeddings, bundled_minilm_path

    if backend == "sentence-transformers":
        if not settings.embedding_model:
            raise EmbeddingModelError("NRWA_EMBEDDING_MODEL must name a local model folder for this backend")
        return SentenceTransformerEmbeddings(Path(settings.embedding_model), batch_size=settings.embedding_batch_size)
    return SentenceTransformerEmbeddings(bundled_minilm_path(), batch_size=settings.embedding_batch_size,
                                         name=MINILM_MODEL_ID)

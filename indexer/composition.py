"""The indexer's composition root: the writer side (an index run, a background re-index), built from the indexer's
settings alone. `nrw-assistant index` needs nothing from `assistant`; the API decides whether runs on several
machines share a PostgreSQL lock (`cluster_lock_url`)."""

from __future__ import annotations

import functools
from collections.abc import Callable

from indexer.background_reindex import BackgroundReindex
from indexer.chunker import Chunker
from indexer.embedding_choice import build_embeddings, embedding_model_id
from indexer.fault_injection import StopAt
from indexer.generations import open_generations
from indexer.german_analyzer import GermanAnalyzer
from indexer.pipeline import ArrayEmbedder, IndexingPipeline
from indexer.settings import IndexerSettings


def build_pipeline(settings: IndexerSettings, analyzer: GermanAnalyzer | None = None,
                   embedder: ArrayEmbedder | None = None, sentence_embedder: ArrayEmbedder | None = None,
                   cluster_lock_url: str | None = None) -> IndexingPipeline:
    """`embedder`: a model already loaded (tests share one); by default a run loads its own, only when something
    changed. `sentence_embedder`: the same model for the sentence vectors, when a caller counts the chunk
    embeddings apart (default: `embedder`). `cluster_lock_url`: a PostgreSQL URL whose advisory lock keeps runs on
    several machines apart; None = the index folder's file lock alone."""
    analyzer = analyzer or GermanAnalyzer()
    generations = open_generations(settings)
    embedder_factory = (lambda: embedder) if embedder is not None else (lambda: build_embeddings(settings))
    sentence_factory = (lambda: sentence_embedder) if sentence_embedder is not None else None
    chunker = Chunker(settings.chunk_size, settings.chunk_overlap)
    make: Callable[..., IndexingPipeline] = IndexingPipeline
    if cluster_lock_url:
        from indexer.cluster_lock import ClusterLockedPipeline  # sqlalchemy only when a cluster shares the index

        make = functools.partial(ClusterLockedPipeline, cluster_lock_url, settings.collection_prefix)
    return make(generations, settings.corpus_dir, embedder_factory, chunker, analyzer.terms,
                batch_size=settings.embedding_batch_size, user_agent=settings.crawler_user_agent,
                embedding_model=embedding_model_id(settings), stop_at=StopAt.parse(settings.test_stop_at),
                sentence_embedder_factory=sentence_factory)


def build_background_reindex(settings: IndexerSettings, analyzer: GermanAnalyzer | None = None,
                             cluster_lock_url: str | None = None) -> BackgroundReindex:
    """A re-index on a background thread (POST /api/admin/reindex): the CLI's run with its own model instance,
    loaded only when something changed, so chat requests never share a tokenizer with the indexer."""
    return BackgroundReindex(open_generations(settings), settings.resolved_sources_file(), settings.corpus_dir,
                             lambda: build_pipeline(settings, analyzer, cluster_lock_url=cluster_lock_url))

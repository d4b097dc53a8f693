"""Indexer acceptance tests share the crawler fixtures (served site, web corpus, pipeline with real e5 embeddings)."""

from tests.indexer.crawler.conftest import site, web_corpus, web_pipeline  # noqa: F401 (pytest fixtures)

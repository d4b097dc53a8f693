"""Indexer acceptance tests share the crawler fixtures (served site, web corpus, pipeline with real MiniLM)."""

from tests.crawler.conftest import site, web_corpus, web_pipeline  # noqa: F401 (pytest fixtures)

"""Crawler fixtures: a served test site, a corpus folder whose sources.yaml points at it, and a pipeline with the
real e5 embeddings (counting what it embeds) and a test User-Agent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.settings import Settings
from indexer.composition import build_pipeline
from indexer.pipeline import IndexingPipeline
from tests.conftest import CountingEmbedder
from tests.indexer.crawler.site_server import TestSite, serve

TEST_USER_AGENT = "NRWA-Testcrawler/1.0 (+mailto:test@example.org)"


@pytest.fixture()
def site() -> Iterator[TestSite]:
    with serve(TestSite()) as running:
        yield running


@pytest.fixture()
def web_corpus(tmp_path: Path) -> Callable[[str], Settings]:
    """Write sources.yaml into a fresh corpus folder; returns Settings pointing at it."""
    def make(sources_yaml: str) -> Settings:
        corpus = tmp_path / "corpus"
        corpus.mkdir(exist_ok=True)
        (corpus / "sources.yaml").write_text(sources_yaml, encoding="utf-8")
        return Settings(_env_file=None, data_dir=tmp_path / "data", corpus_dir=corpus,
                        crawler_user_agent=TEST_USER_AGENT)
    return make


@pytest.fixture()
def web_pipeline(embeddings) -> Callable[[Settings], tuple[IndexingPipeline, CountingEmbedder]]:
    def make(settings: Settings) -> tuple[IndexingPipeline, CountingEmbedder]:
        counter = CountingEmbedder(embeddings)
        return build_pipeline(settings, embedder=counter, sentence_embedder=embeddings), counter
    return make

"""Shared fixtures: the real MiniLM embeddings (loaded once), a small test corpus, and indexed stores on disk."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from assistant.components import build_analyzer
from assistant.settings import PROJECT_ROOT, Settings
from indexer.chunker import Chunker
from indexer.embeddings import SentenceTransformerEmbeddings, bundled_minilm_path
from indexer.generations import IndexGenerations
from indexer.pipeline import IndexingPipeline
from tests.corpus_builder import write_test_corpus

SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def embeddings() -> SentenceTransformerEmbeddings:
    return SentenceTransformerEmbeddings(bundled_minilm_path())


@pytest.fixture()
def test_corpus(tmp_path: Path) -> Path:
    return write_test_corpus(tmp_path / "corpus")


@pytest.fixture()
def settings_for(tmp_path: Path) -> Callable[[Path], Settings]:
    def make(corpus_dir: Path) -> Settings:
        return Settings(_env_file=None, data_dir=tmp_path / "data", corpus_dir=corpus_dir)
    return make


class CountingEmbedder:
    """The real embeddings, counting how many texts were embedded (to prove incremental runs)."""

    def __init__(self, inner: SentenceTransformerEmbeddings) -> None:
        self.inner = inner
        self.embedded = 0
        self.fail_after: int | None = None

    def embed_array(self, texts: list[str]):
        if self.fail_after is not None and self.embedded + len(texts) > self.fail_after:
            raise RuntimeError("simulated crash while embedding")
        self.embedded += len(texts)
        return self.inner.embed_array(texts)


@pytest.fixture()
def pipeline_for(embeddings: SentenceTransformerEmbeddings):
    def make(settings: Settings) -> tuple[IndexingPipeline, CountingEmbedder]:
        counter = CountingEmbedder(embeddings)
        pipeline = IndexingPipeline(
            generations=IndexGenerations(settings.index_dir),
            corpus_dir=settings.corpus_dir,
            embedder_factory=lambda: counter,
            chunker=Chunker(settings.chunk_size, settings.chunk_overlap),
            analyze=build_analyzer().terms,
        )
        return pipeline, counter
    return make


@pytest.fixture()
def indexed(test_corpus, settings_for, pipeline_for, embeddings):
    """AssistantComponents over the indexed test corpus (real Chroma on disk, real MiniLM)."""
    from assistant.components import build_components
    from indexer.source_registry import load_sources

    settings = settings_for(test_corpus)
    pipeline, _ = pipeline_for(settings)
    pipeline.run(load_sources(settings.resolved_sources_file()))
    return build_components(settings, embeddings=embeddings)

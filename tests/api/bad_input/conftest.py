"""One real server for the whole bad-input module: the indexed test corpus, admin token, a hand-off channel to a
webhook receiver on 127.0.0.1, and rate limits raised so that hundreds of refused requests stay refused for their
own reason (the limits have their own tests in tests/api/api_hardening and tests/api/operations)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.components import AssistantComponents, build_components
from assistant.settings import Settings
from indexer.composition import build_pipeline
from indexer.embedding_model import EmbeddingModel
from indexer.pipeline import RunSummary
from indexer.source_registry import load_sources
from tests.api.handoff.app_under_test import RunningApp, running_app
from tests.api.handoff.receivers import WebhookReceiver
from tests.corpus_builder import write_test_corpus

RAISED_LIMITS = {"rate_limit_chat_per_minute": 100_000, "rate_limit_session_per_minute": 100_000,
                 "rate_limit_search_per_minute": 100_000, "rate_limit_handoff_per_hour": 100_000}


def index_corpus(settings: Settings, embeddings: EmbeddingModel) -> RunSummary:
    """The real indexing pipeline (Chroma on disk, bm25s, the default e5 embeddings loaded once per test session)."""
    return build_pipeline(settings, embedder=embeddings).run(load_sources(settings.resolved_sources_file()))


@pytest.fixture(scope="module")
def module_components(tmp_path_factory, embeddings) -> AssistantComponents:
    root: Path = tmp_path_factory.mktemp("bad-input")
    settings = Settings(_env_file=None, data_dir=root / "data", corpus_dir=write_test_corpus(root / "corpus"))
    index_corpus(settings, embeddings)
    return build_components(settings, embeddings=embeddings)


@pytest.fixture(scope="module")
def webhook() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture(scope="module")
def server(module_components, webhook, tmp_path_factory) -> Iterator[RunningApp]:
    channels = {"default": {"channel": "webhook", "url": webhook.url}}
    with running_app(module_components, tmp_path_factory.mktemp("deployment"), channels, **RAISED_LIMITS) as app:
        yield app

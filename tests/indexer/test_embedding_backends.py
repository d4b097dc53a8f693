"""The embedding backends behind one interface: e5 (the default, no torch), MiniLM (the torch extra) and what the
settings choose; a backend that cannot be used says why."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from assistant.settings import Settings
from indexer.embedding_choice import build_embeddings, embedding_model_id
from indexer.embedding_model import E5_MODEL_ID, MINILM_MODEL_ID, EmbeddingModelError


def test_e5_embeds_questions_and_passages_differently_and_normalised(embeddings):
    assert embeddings.name == E5_MODEL_ID and embeddings.dimension == 384
    question = "Wie beantrage ich die Forschungszulage?"
    as_query = np.asarray(embeddings.embed_query(question))
    as_passage = embeddings.embed_array([question])[0]
    assert as_query.shape == (384,) and abs(float(np.linalg.norm(as_query)) - 1.0) < 1e-3
    assert float(as_query @ as_passage) < 0.999  # the "query: " and "passage: " prefixes make a difference
    batch = embeddings.embed_queries([question, "Kredit für eine Gründung"])
    assert np.allclose(batch[0], as_query, atol=1e-4)


def test_e5_finds_a_german_paraphrase(embeddings):
    passages = embeddings.embed_array([
        "Das Zentrale Innovationsprogramm Mittelstand fördert Forschungsprojekte von Unternehmen mit Hochschulen.",
        "Die Handwerkskammer berät zur Ausbildung von Lehrlingen.",
    ])
    query = np.asarray(embeddings.embed_query("Zuschuss für ein Entwicklungsvorhaben zusammen mit der Uni"))
    assert int(np.argmax(passages @ query)) == 0


def test_e5_is_the_default_and_every_backend_names_its_model_without_loading_it(tmp_path):
    assert Settings(_env_file=None).embedding_backend == "e5"
    assert embedding_model_id(Settings(_env_file=None)) == E5_MODEL_ID
    assert embedding_model_id(Settings(_env_file=None, embedding_backend="minilm")) == MINILM_MODEL_ID
    remote = Settings(_env_file=None, embedding_backend="openai", embedding_model="bge-m3")
    assert embedding_model_id(remote) == "openai:bge-m3"


def test_minilm_backend_still_works(minilm):
    assert minilm.name == MINILM_MODEL_ID and minilm.dimension == 384
    vectors = minilm.embed_array(["Förderung für Digitalisierung", "Kredit"])
    assert vectors.shape == (2, 384)
    assert np.allclose(minilm.embed_queries(["Kredit"])[0], vectors[1], atol=1e-5)  # symmetric model


def test_a_misconfigured_backend_is_a_clear_error():
    with pytest.raises(EmbeddingModelError, match="NRWA_EMBEDDING_URL"):
        build_embeddings(Settings(_env_file=None, embedding_backend="openai"))
    with pytest.raises(EmbeddingModelError, match="local model folder"):
        build_embeddings(Settings(_env_file=None, embedding_backend="sentence-transformers"))


def test_minilm_without_the_torch_extra_says_how_to_install_it():
    # A process in which sentence_transformers cannot be imported, as in the default install.
    code = ("import sys; sys.modules['sentence_transformers'] = None\n"
            "from indexer.embedding_choice import build_embeddings\nfrom assistant.settings import Settings\n"
            "from indexer.embedding_model import EmbeddingModelError\n"
            "try:\n    build_embeddings(Settings(_env_file=None, embedding_backend='minilm'))\n"
            "except EmbeddingModelError as exc:\n    print(exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert "make install-torch" in out.stdout and "torch" in out.stdout

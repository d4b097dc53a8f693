"""An indexed corpus with the bundled gazetteer and partner list (so turns resolve Kreise and recommend partners),
built once per session with the real pipeline, Chroma and the e5 embeddings; and the app over it on 127.0.0.1."""

from __future__ import annotations

import shutil

import pytest

from assistant.settings import PROJECT_ROOT, Settings
from tests.corpus_builder import write_test_corpus


@pytest.fixture(scope="session")
def routed_settings(tmp_path_factory, embeddings) -> Settings:
    from tests.assistant.conversation.conftest import _index

    root = tmp_path_factory.mktemp("insights")
    corpus = write_test_corpus(root / "corpus")
    shutil.copytree(PROJECT_ROOT / "corpus" / "gazetteer", corpus / "gazetteer")
    shutil.copy(PROJECT_ROOT / "corpus" / "partners.yaml", corpus / "partners.yaml")
    shutil.copytree(PROJECT_ROOT / "corpus" / "sample" / "partners", corpus / "sample" / "partners")
    settings = Settings(_env_file=None, data_dir=root / "data", corpus_dir=corpus)
    _index(settings, embeddings)
    return settings

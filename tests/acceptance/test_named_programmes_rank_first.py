"""A programme the question names ranks before its look-alike siblings in search (the advisor's /api/search and the
chat share the retriever): "Digital Jetzt" is not "go-digital", "MID-Digitalisierung" not "MID-Digitale Sicherheit"."""

from __future__ import annotations

import pytest

from assistant.components import build_components
from assistant.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def retriever(bundled_index, embeddings, tmp_path_factory):
    folder = tmp_path_factory.mktemp("named")
    settings = Settings(_env_file=None, data_dir=bundled_index, database_url=f"sqlite:///{folder}/app.db")
    return build_components(settings, embeddings=embeddings).retriever


@pytest.mark.parametrize(("question", "named"), [
    ("gibts das Digital jetzt Programm noch?", "digital-jetzt"),
    ("MID Digitalisierung Losverfahren wie läuft die Ziehung ab", "mid-digitalisierung"),
    ("Wie viele Tagewerke zahlt die BAFA Unternehmensberatung?", "bafa-unternehmensberatung"),
])
def test_the_named_programme_comes_first(retriever, question, named):
    passages = retriever.retrieve(question, k=5, per_document=1).passages
    assert passages[0].chunk.metadata.get("program_id") == named, \
        [p.chunk.metadata.get("program_id") or p.chunk.doc_id for p in passages]

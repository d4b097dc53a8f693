"""Issue 18: the API reads each corpus catalogue once per process. `create_app` loads the catalogues once and hands
them to the programmes, the routing, the hand-off and the statistics' names; answering chat turns reads none again."""

from __future__ import annotations

import builtins
import io
import shutil
from collections import Counter
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from assistant.settings import PROJECT_ROOT, Settings
from indexer.composition import build_pipeline
from indexer.source_registry import load_sources
from tests.corpus_builder import write_test_corpus
from tests.live_server import live_server

CATALOGUES = ("programs.yaml", "partners.yaml", "gemeinden.csv")


@pytest.fixture()
def routed_settings(tmp_path: Path, embeddings) -> Settings:
    """The small test corpus with the bundled gazetteer and partner list (so routing and hand-offs are built); only
    the test documents are indexed."""
    corpus = write_test_corpus(tmp_path / "corpus")
    shutil.copytree(PROJECT_ROOT / "corpus" / "gazetteer", corpus / "gazetteer")
    shutil.copy(PROJECT_ROOT / "corpus" / "partners.yaml", corpus / "partners.yaml")
    shutil.copytree(PROJECT_ROOT / "corpus" / "sample" / "partners", corpus / "sample" / "partners")
    (corpus / "sources.yaml").write_text("sources:\n  - name: sample\n    kind: local_folder\n    path: sample\n"
                                         "    exclude: ['partners/**']\n", encoding="utf-8")
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", corpus_dir=corpus)
    summary = build_pipeline(settings, embedder=embeddings).run(load_sources(settings.resolved_sources_file()))
    assert summary.switched and not summary.failed, summary.as_dict()
    return settings


def test_the_api_reads_each_catalogue_once(routed_settings: Settings, embeddings,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = routed_settings.corpus_dir.resolve()
    opened: Counter[str] = Counter()
    real_open = io.open

    # Path.read_text and Path.open go through io.open, the csv and other readers through builtins.open.
    def spy(file, *args, **kwargs):
        if isinstance(file, (str, Path)) and corpus in Path(file).resolve().parents:
            opened[Path(file).name] += 1
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("assistant.components.build_embeddings", lambda settings: embeddings)  # loaded once
    monkeypatch.setattr(io, "open", spy)
    monkeypatch.setattr(builtins, "open", spy)
    app = create_app(routed_settings)
    with live_server(app) as url:
        for message in ("Gibt es einen Zuschuss für KI in Bielefeld?", "Wer berät mich dazu vor Ort?"):
            response = httpx.post(f"{url}/api/chat", json={"message": message}, timeout=60)
            assert response.status_code == 200, response.text
    monkeypatch.undo()

    assert {name: opened[name] for name in CATALOGUES} == {name: 1 for name in CATALOGUES}, dict(opened)

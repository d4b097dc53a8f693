"""An index run stopped at each named phase — by SIGKILL, or by SIGTERM for an orderly stop — while a real server on
127.0.0.1 answers: the served answers do not change, a SIGTERM leaves no partial generation, a released lock and
the reason in LAST_RUN.json, and the next run succeeds and leaves no orphan (also the one a kill inside the switch
leaves). The stop comes from the test-only hook NRWA_TEST_STOP_AT, so each phase is hit deterministically."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from api.app import create_app
from assistant.components import build_components
from indexer.composition import build_pipeline
from indexer.fault_injection import PHASES
from indexer.run_lock import RunLock
from indexer.source_registry import load_sources
from tests.corpus_builder import write_test_corpus
from tests.indexer.healing.conftest import embedded_settings, server_settings
from tests.indexer.healing.index_folder import (
    IndexFolder,
    admin_status,
    build_index_folder,
    chat_citations,
    ready_generation,
    search_ids,
)
from tests.live_server import live_server


@dataclass
class Served:
    folder: IndexFolder
    url: str


@pytest.fixture(scope="module", params=["embedded", pytest.param("server", marks=pytest.mark.server_stores)])
def served(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, embeddings) -> Iterator[Served]:
    """One index folder and one server for the whole module: every stopped run is tried against it in turn."""
    path = tmp_path_factory.mktemp("stops")
    write_test_corpus(path / "corpus")
    services = request.getfixturevalue("shared_services") if request.param == "server" else None
    settings = server_settings(path, services) if services else embedded_settings(path)
    folder = build_index_folder(settings, embeddings)
    app = create_app(settings=settings, components=build_components(settings, embeddings=embeddings))
    with live_server(app) as url:
        yield Served(folder, url)
    if services is not None:
        services.postgres.drop_database(str(settings.database_url))


def _document(word: str, doc_id: str) -> str:
    return (f"---\nid: {doc_id}\nkind: guide\ntitle: {word} im Betrieb\nsource_url: https://example.org/{doc_id}\n"
            f"as_of: 2026-11-02\n---\n# {word} im Betrieb\n\nDer {word} hilft Betrieben in Nordrhein-Westfalen "
            "bei der Planung ihrer Innovationsvorhaben.\n")


@pytest.mark.parametrize("signal_name", ["SIGKILL", "SIGTERM"])
@pytest.mark.parametrize("phase", PHASES)
def test_a_stopped_run_changes_nothing_served_and_the_next_run_leaves_no_orphan(served, phase, signal_name,
                                                                                embeddings):
    folder, url = served.folder, served.url
    serving = folder.served_id()
    assert ready_generation(url) == serving
    answer = chat_citations(url)
    word = f"Haltepunktplaner{phase}{signal_name[3:].lower()}"
    doc_id = f"halt-{phase}-{signal_name.lower()}"
    (folder.settings.corpus_dir / "sample" / f"{doc_id}.md").write_text(_document(word, doc_id), encoding="utf-8")

    stopped = folder.cli("index", NRWA_TEST_STOP_AT=f"{phase}:{signal_name}")
    assert "Traceback" not in stopped.stderr, stopped.stderr
    if signal_name == "SIGKILL":
        assert stopped.returncode == -9, stopped.stderr
    else:
        assert stopped.returncode == 143, stopped.stderr
        assert f"stopped by SIGTERM during {phase}" in stopped.stderr

    # The served answers are unchanged, and nothing of the stopped run is visible.
    assert folder.served_id() == serving and ready_generation(url) == serving
    assert chat_citations(url) == answer
    assert doc_id not in search_ids(url, word)
    with RunLock(folder.settings.index_dir):  # the lock is free again (released, or dropped by the kernel)
        pass
    left_behind = folder.generation_folders() - set(folder.history())
    if signal_name == "SIGTERM":
        assert not left_behind  # the half-built generation was removed
        assert folder.history()[-1] == serving
        last = folder.last_run()
        assert (last["stopped"], last["phase"], last["switched"]) == ("SIGTERM", phase, False)
        assert admin_status(url)["last_run"]["state"] == "stopped"
        orphans: set[str] = set()
    elif phase == "switch":
        orphan = folder.history()[-1]  # named in HISTORY after the served one, never switched in
        assert orphan != serving and orphan in folder.generation_folders()
        orphans = {orphan}
    else:
        assert len(left_behind) == (1 if phase in ("embed", "lexical", "record") else 0)
        orphans = left_behind

    # The next run (in this process, with the loaded model: the CLI's exit codes are tested with the damaged files)
    # succeeds, is served without a restart, and leaves nothing that CURRENT and HISTORY do not name.
    after = build_pipeline(folder.settings, embedder=embeddings).run(
        load_sources(folder.settings.resolved_sources_file()), all_sources=True)
    assert after.switched and after.failed == 0
    assert orphans <= set(after.removed_generations)
    current = folder.served_id()
    assert current != serving and ready_generation(url) == current
    assert search_ids(url, word)[0] == doc_id
    history = folder.history()
    assert history[-1] == current and len(history) <= folder.settings.index_keep_generations
    assert folder.generation_folders() == set(history)
    if folder.settings.chroma_url:
        assert folder.server_collections() == set(history)

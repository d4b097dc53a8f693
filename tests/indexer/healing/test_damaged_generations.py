"""A damaged served generation, file by file: a real server on 127.0.0.1 never answers 5xx, quarantines it once,
answers with citations from the previous generation, and after a plain `nrw-assistant index` (exit 0) answers from
the repaired current generation — without a restart. On the embedded stores and on a Chroma server."""

from __future__ import annotations

import json
import logging
import signal

import httpx
import pytest

from api.app import create_app
from assistant.components import build_components
from tests.api.operations.server_process import serve_process
from tests.indexer.healing.damage import DAMAGES, SERVER_DAMAGES, Damage
from tests.indexer.healing.index_folder import (
    ADMIN_TOKEN,
    NEW_DOCUMENT_ID,
    IndexFolder,
    admin_status,
    chat_citations,
    environment,
    metric,
    ready_generation,
    search_ids,
)
from tests.live_server import live_server


def _damaged_index_is_survived_and_repaired(folder: IndexFolder, damage: Damage, embeddings,
                                            caplog: pytest.LogCaptureFixture) -> None:
    damage.apply(folder.generation(folder.current), folder.generations)
    caplog.set_level(logging.WARNING, logger="nrwa.index")
    app = create_app(settings=folder.settings, components=build_components(folder.settings, embeddings=embeddings))
    with live_server(app) as url:
        # The previous generation answers; the damaged one is never served.
        assert ready_generation(url) == folder.older
        for _ in range(3):  # several requests: the damaged generation is not loaded again for each
            assert chat_citations(url)
            assert NEW_DOCUMENT_ID not in search_ids(url)
            streamed = httpx.post(f"{url}/api/chat", json={"message": "Was ist der KI-Zuschuss?"},
                                  headers={"Accept": "text/event-stream"}, timeout=60)
            assert streamed.status_code == 200 and "event: final" in streamed.text
        status = admin_status(url)
        assert status["served"] == {"generation": folder.older, "fallback": True, "verified": True,
                                    "unavailable": None, "hint": None}
        [quarantined] = status["quarantined"]
        assert quarantined["generation"] == folder.current and quarantined["reason"]
        assert status["generation"] == folder.current and status["documents"] == 5  # what is served: the older
        assert metric(url, "nrwa_index_quarantined_generations") == 1
        assert metric(url, "nrwa_index_serving_fallback") == 1
        logged = [r for r in caplog.records if "quarantined" in r.getMessage() and folder.current in r.getMessage()]
        assert len(logged) == 1, [r.getMessage() for r in caplog.records]

        # The next plain run notices, repairs, and says so; the running server picks the result up.
        run = folder.cli("index")
        assert run.returncode == 0, run.stderr
        assert f"repaired: generation {folder.current}: {damage.store}" in run.stdout, run.stdout
        repaired = folder.served_id()
        assert repaired not in (folder.older, folder.current)
        assert ready_generation(url) == repaired
        assert search_ids(url)[0] == NEW_DOCUMENT_ID  # the current content, the guide added last
        assert chat_citations(url)
        after = admin_status(url)
        assert after["served"] == {"generation": repaired, "fallback": False, "verified": True,
                                   "unavailable": None, "hint": None}
        assert after["quarantined"] == [] and after["documents"] == 6
        assert after["last_run"]["repairs"] and after["last_run"]["state"] == "succeeded"
        assert metric(url, "nrwa_index_quarantined_generations") == 0

    # The damaged generation is gone; nothing is left that CURRENT and HISTORY do not name.
    assert folder.history() == [folder.older, repaired]
    assert folder.generation_folders() == {folder.older, repaired}


@pytest.mark.parametrize("name", list(DAMAGES))
def test_a_damaged_generation_falls_back_and_the_next_run_repairs_it(name, index_folder, embeddings, caplog):
    _damaged_index_is_survived_and_repaired(index_folder, DAMAGES[name], embeddings, caplog)


@pytest.mark.server_stores
@pytest.mark.parametrize("name", list(SERVER_DAMAGES))
def test_on_a_chroma_server_too(name, server_index_folder, embeddings, caplog):
    folder = server_index_folder
    _damaged_index_is_survived_and_repaired(folder, SERVER_DAMAGES[name], embeddings, caplog)
    assert folder.server_collections() == set(folder.history())  # no orphan collection either


def test_a_real_serve_process_survives_a_damaged_record_and_logs_the_quarantine_once(index_folder):
    """The issue's first finding, as an operator meets it: `nrw-assistant serve` over a truncated record."""
    DAMAGES["record truncated"].apply(index_folder.generation(index_folder.current), index_folder.generations)
    env = {k: v for k, v in environment(index_folder.settings, NRWA_ADMIN_TOKEN=ADMIN_TOKEN).items()
           if k.startswith("NRWA_")}
    with serve_process(index_folder.settings.data_dir.parent, env) as server:
        for _ in range(3):
            assert ready_generation(server.url) == index_folder.older
            assert chat_citations(server.url) and NEW_DOCUMENT_ID not in search_ids(server.url)
        run = index_folder.cli("index")
        assert run.returncode == 0, run.stderr
        assert ready_generation(server.url) == index_folder.served_id() != index_folder.current
        assert search_ids(server.url)[0] == NEW_DOCUMENT_ID
        server.terminate()  # an orderly stop, so every request's log line is written before the log is read
        assert server.wait(timeout=60) == -signal.SIGTERM  # uvicorn ends by the signal it shut down for
        log = [json.loads(line) for line in server.log_lines()]
    quarantined = [entry for entry in log if "quarantined" in entry.get("msg", "")]
    assert len(quarantined) == 1 and index_folder.current in quarantined[0]["msg"]
    assert quarantined[0]["level"] == "ERROR" and "record.sqlite" in quarantined[0]["msg"]
    statuses = [entry["status"] for entry in log if entry.get("msg") == "request"]
    assert len(statuses) >= 12 and all(status < 500 for status in statuses)
    assert "Traceback" not in server.log_file.read_text(encoding="utf-8")

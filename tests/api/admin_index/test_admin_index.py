"""POST /api/admin/reindex and GET /api/admin/index on a real server over a real index: the run happens in the
background, one at a time, and the running app answers from the new generation as soon as it is switched in."""

from __future__ import annotations

import time
from typing import Any

import httpx
import pytest

from api.app import create_app
from indexer.run_lock import RunLock
from tests.api.handoff.problems import assert_problem
from tests.live_server import live_server

TOKEN = "index-admin-token-0123456789abcdef"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
NEW_DOCUMENT = """---
id: quantensensorik
kind: guide
title: Quantensensorik im Mittelstand
source_url: https://example.org/quantensensorik
as_of: 2026-11-02
---
# Quantensensorik im Mittelstand

Die Quantensensorik misst Magnetfelder so genau, dass Betriebe Materialfehler früh erkennen.
"""


def _server(indexed: Any, **overrides: Any):
    settings = indexed.settings.model_copy(update={"admin_token": TOKEN, **overrides})
    return live_server(create_app(settings=settings, components=indexed))


def _status(url: str) -> dict[str, Any]:
    response = httpx.get(f"{url}/api/admin/index", headers=AUTH, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()


def _wait_for_run(url: str, run_id: str, timeout: float = 240) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = _status(url)
        if status["run"]["id"] == run_id and status["run"]["state"] != "running":
            return status
        time.sleep(0.2)
    pytest.fail(f"the reindex run {run_id} did not finish in {timeout} s")


def _search(url: str, query: str) -> list[dict[str, Any]]:
    response = httpx.get(f"{url}/api/search", params={"q": query}, timeout=30)
    assert response.status_code == 200, response.text
    return response.json()["results"]


def test_a_reindex_runs_in_the_background_and_the_running_app_serves_its_result(indexed):
    corpus = indexed.settings.corpus_dir
    with _server(indexed) as url:
        before = _status(url)
        assert before["serving"] is True and before["run"] is None and before["run_in_progress"] is False
        assert (before["documents"], before["last_run"]["state"]) == (5, "succeeded")
        [sample] = before["sources"]
        assert sample["name"] == "sample" and sample["documents"] == 5
        assert sample["oldest_as_of"] == "2024-02-01" and sample["oldest_age_days"] > 600
        assert all(r["doc_id"] != "quantensensorik" for r in _search(url, "Quantensensorik Magnetfelder"))

        (corpus / "sample" / "quantensensorik.md").write_text(NEW_DOCUMENT, encoding="utf-8")
        started = httpx.post(f"{url}/api/admin/reindex", headers=AUTH, timeout=30)
        assert started.status_code == 202, started.text
        run = started.json()["run"]
        assert run["state"] == "running" and run["sources"] is None and run["full"] is False
        assert started.headers["location"] == "/api/admin/index"

        after = _wait_for_run(url, run["id"])
        assert after["run"]["state"] == "succeeded", after["run"]
        assert after["run"]["switched"] is True and after["run"]["generation"] != before["generation"]
        assert after["run"]["totals"] == {"added": 1, "updated": 0, "unchanged": 5, "removed": 0, "failed": 0}
        assert (after["generation"], after["documents"]) == (after["run"]["generation"], 6)
        assert after["history"][-2:] == [before["generation"], after["generation"]]
        assert after["last_run"]["state"] == "succeeded"
        assert after["last_run"]["sources"] == [{"name": "sample", "kind": "local_folder", "added": 1, "updated": 0,
                                                 "unchanged": 5, "removed": 0, "failed": 0, "skipped": 0,
                                                 "duplicates": 0, "complete": True}]
        # no restart: the same server process answers from the new generation
        hits = _search(url, "Quantensensorik Magnetfelder")
        assert hits and hits[0]["doc_id"] == "quantensensorik"


def test_one_run_at_a_time_whoever_started_it(indexed):
    with _server(indexed) as url:
        cli_run = RunLock(indexed.settings.index_dir)  # as `nrw-assistant index` holds it
        cli_run.acquire()
        try:
            body = assert_problem(httpx.post(f"{url}/api/admin/reindex", headers=AUTH, timeout=30), 409)
            assert "in progress" in body["detail"]
            assert _status(url)["run_in_progress"] is True
        finally:
            cli_run.release()

        first = httpx.post(f"{url}/api/admin/reindex", headers=AUTH, json={"full": True}, timeout=30)
        assert first.status_code == 202, first.text
        second = httpx.post(f"{url}/api/admin/reindex", headers=AUTH, timeout=30)  # the full run embeds for seconds
        assert_problem(second, 409)
        status = _wait_for_run(url, first.json()["run"]["id"])
        assert status["run"]["state"] == "succeeded" and status["run"]["full"] is True
        assert status["run_in_progress"] is False
        third = httpx.post(f"{url}/api/admin/reindex", headers=AUTH, json={"sources": ["sample"]}, timeout=30)
        assert third.status_code == 202, third.text
        assert _wait_for_run(url, third.json()["run"]["id"])["run"]["sources"] == ["sample"]


def test_failures_are_reported_with_reasons_and_a_crashed_run_leaves_the_index_serving(indexed):
    corpus = indexed.settings.corpus_dir
    (corpus / "sample" / "ohne-datum.md").write_text(
        "---\nid: ohne-datum\nsource_url: https://example.org/x\n---\n# Ohne Datum\nText ohne Stand.\n",
        encoding="utf-8")
    with _server(indexed) as url:
        run = httpx.post(f"{url}/api/admin/reindex", headers=AUTH, timeout=30).json()["run"]
        status = _wait_for_run(url, run["id"])
        assert status["run"]["state"] == "failed" and status["last_run"]["state"] == "failed"
        assert status["failures"] == [{"source": "sample", "location": "ohne-datum.md",
                                       "reason": "metadata lacks as_of (or checked_on for an undated source)"}]
    serving = _status_of_generation(indexed)

    # A model that cannot be loaded breaks the run itself once something must be embedded.
    (corpus / "sample" / "ohne-datum.md").write_text(
        "---\nid: ohne-datum\nsource_url: https://example.org/x\nas_of: 2026-11-01\n---\n# Mit Datum\nText.\n",
        encoding="utf-8")
    with _server(indexed, embedding_backend="sentence-transformers", embedding_model="/nonexistent/model") as url:
        run = httpx.post(f"{url}/api/admin/reindex", headers=AUTH, timeout=30).json()["run"]
        status = _wait_for_run(url, run["id"])
        assert status["run"]["state"] == "crashed" and "model folder not found" in status["run"]["error"]
        assert status["last_run"]["state"] == "crashed" and status["last_run"]["switched"] is False
        assert status["generation"] == serving and status["documents"] == 5
        assert _search(url, "KI-Zuschuss")  # the previous generation still answers


def _status_of_generation(indexed: Any) -> str:
    return (indexed.settings.index_dir / "CURRENT").read_text(encoding="utf-8").strip()


def test_bad_requests_and_a_broken_registry_get_problem_replies(indexed):
    with _server(indexed) as url:
        post = f"{url}/api/admin/reindex"
        assert_problem(httpx.post(post, timeout=30), 401)
        assert_problem(httpx.get(f"{url}/api/admin/index", timeout=30), 401)
        body = assert_problem(httpx.post(post, headers=AUTH, json={"sources": ["gibt-es-nicht"]}, timeout=30), 422)
        assert "gibt-es-nicht" in body["detail"]
        for bad in ({"full": "ja bitte"}, {"sources": []}, {"sources": ["../etc"]}, {"faster": True}, [1, 2]):
            assert_problem(httpx.post(post, headers=AUTH, json=bad, timeout=30), 422)
        assert_problem(httpx.post(post, headers={**AUTH, "content-type": "application/json"}, content=b"{nope",
                                  timeout=30), 422)

        sources_file = indexed.settings.corpus_dir / "sources.yaml"
        sources_file.write_text("sources:\n  - name: sample\n    kind: ordner\n", encoding="utf-8")
        body = assert_problem(httpx.post(post, headers=AUTH, timeout=30), 409)
        assert "sources.yaml:3" in body["detail"] and "kind must be one of" in body["detail"]
        status = _status(url)
        assert "sources.yaml:3" in status["registry_error"]
        assert status["serving"] is True and status["documents"] == 5 and status["run"] is None


def test_without_a_configured_token_the_index_admin_does_not_exist(indexed):
    settings = indexed.settings.model_copy(update={"admin_token": None})
    with live_server(create_app(settings=settings, components=indexed)) as url:
        assert_problem(httpx.post(f"{url}/api/admin/reindex", headers=AUTH, timeout=30), 404)
        assert_problem(httpx.get(f"{url}/api/admin/index", headers=AUTH, timeout=30), 404)

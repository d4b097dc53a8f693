"""Several API workers on the shared stores — a real Chroma server, a real PostgreSQL database and one data folder:
`serve --workers 2` on one port (A) and a second `serve` on another (B), each a separate process like two replicas
behind a proxy. A conversation whose turns alternate between them keeps its state, a rate limit holds across them,
and an index run by a separate process is picked up by both without a restart; a failed run leaves both serving
and is reported by both."""

from __future__ import annotations

import json
import re
import shutil
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, select

from api.appdata.tables import conversations
from assistant.settings import PROJECT_ROOT
from tests.api.scale_out.deployment import api_servers, clean_environment, cli, worker_pids
from tests.corpus_builder import write_test_corpus

ADMIN_TOKEN = "scale-out-admin-token-0123456789"
DISCLOSURE = "automatisierten Assistenten"  # the first turn's note that an automated assistant answers


@dataclass
class Deployment:
    env: dict[str, str]
    folder: Path
    corpus: Path
    database_url: str
    a: str  # serve --workers 2
    b: str  # serve
    a_pid: int

    @property
    def admin(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@pytest.fixture(scope="module")
def deployment(shared_services, tmp_path_factory) -> Iterator[Deployment]:
    folder = tmp_path_factory.mktemp("deployment")
    corpus = write_test_corpus(folder / "corpus")
    shutil.copytree(PROJECT_ROOT / "corpus" / "gazetteer", corpus / "gazetteer")  # places for the dialogue state
    database_url = shared_services.new_database()
    env = clean_environment(
        NRWA_DATA_DIR=str(folder / "data"), NRWA_CORPUS_DIR=str(corpus), NRWA_DATABASE_URL=database_url,
        NRWA_CHROMA_URL=shared_services.chroma.url, NRWA_COLLECTION_PREFIX=f"w{uuid.uuid4().hex[:12]}",
        NRWA_ADMIN_TOKEN=ADMIN_TOKEN, NRWA_TRUSTED_PROXIES='["127.0.0.1"]', NRWA_RATE_LIMIT_SEARCH_PER_MINUTE="4",
        NRWA_RATE_LIMIT_CHAT_PER_MINUTE="1000", NRWA_RATE_LIMIT_SESSION_PER_MINUTE="1000")
    indexed = cli(env, "index", cwd=folder)
    assert indexed.returncode == 0, indexed.stderr
    with api_servers(env, folder, workers=[2, 1]) as [(a, a_pid), (b, _)]:
        yield Deployment(env, folder, corpus, database_url, a, b, a_pid)
    shared_services.postgres.drop_database(database_url)


def _chat(url: str, message: str, session_id: str | None = None) -> dict:
    response = httpx.post(f"{url}/api/chat", json={"message": message, "session_id": session_id}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def _generation(url: str) -> str:
    return httpx.get(f"{url}/readyz", timeout=10).json()["generation"]


def test_serve_with_two_workers_runs_two_worker_processes(deployment):
    assert len(worker_pids(deployment.a_pid)) == 2


def test_a_conversation_alternating_between_workers_keeps_its_state(deployment):
    first = _chat(deployment.a, "Wir sind eine Schreinerei mit 12 Leuten in Lemgo. Gibt es einen KI-Zuschuss?")
    assert first["location"]["gemeinde"] == "Lemgo" and DISCLOSURE in first["answer"]

    second = _chat(deployment.b, "und wie hoch ist der?", first["session_id"])
    assert second["session_id"] == first["session_id"]
    assert second["location"]["gemeinde"] == "Lemgo"  # B never heard of Lemgo: it read the conversation
    assert DISCLOSURE not in second["answer"]  # not the first turn for B either
    assert "https://example.org/ki-zuschuss" in {c["url"] for c in second["citations"]}

    third = _chat(deployment.a, "Gibt es dafür auch einen Kredit?", first["session_id"])
    assert third["location"]["gemeinde"] == "Lemgo"

    fresh = _chat(deployment.b, "und wie hoch ist der?")  # the same words without the conversation
    assert fresh["location"] is None and DISCLOSURE in fresh["answer"]

    engine = create_engine(deployment.database_url)
    try:
        with engine.connect() as connection:
            row = connection.execute(select(conversations).where(
                conversations.c.session_id == first["session_id"])).mappings().one()
    finally:
        engine.dispose()
    assert len(row["turns"]) == 3
    assert "Schreinerei mit 12 Leuten" not in json.dumps(dict(row), default=str, ensure_ascii=False)


def test_a_rate_limit_holds_across_workers(deployment):
    client = {"X-Forwarded-For": "198.51.100.23"}  # the workers trust 127.0.0.1 as their proxy
    statuses = [httpx.get(f"{url}/api/search", params={"q": "Zuschuss"}, headers=client, timeout=30).status_code
                for url in (deployment.a, deployment.b, deployment.a, deployment.b, deployment.a, deployment.b)]
    assert statuses == [200, 200, 200, 200, 429, 429]
    other = httpx.get(f"{deployment.b}/api/search", params={"q": "Zuschuss"},
                      headers={"X-Forwarded-For": "198.51.100.24"}, timeout=30)
    assert other.status_code == 200


def test_an_index_run_by_another_process_is_picked_up_by_every_worker(deployment):
    before = _generation(deployment.b)
    (deployment.corpus / "sample" / "wasserstoff.md").write_text(
        "---\nid: guide-wasserstoff\nkind: guide\ntitle: Wasserstoff im Mittelstand\n"
        "source_url: https://example.org/wasserstoff\nas_of: 2026-11-01\n---\n# Wasserstoff im Mittelstand\n"
        "Ein Elektrolyseur für Grünwasserstoff wird in der Beispielregion mit einem Zuschuss gefördert.\n",
        encoding="utf-8")
    run = cli(deployment.env, "index", cwd=deployment.folder)
    assert run.returncode == 0, run.stderr
    after = (Path(deployment.env["NRWA_DATA_DIR"]) / "index" / "CURRENT").read_text().strip()
    assert after != before

    for number, url in enumerate((deployment.a, deployment.b, deployment.a, deployment.a, deployment.b)):
        assert _generation(url) == after
        client = {"X-Forwarded-For": f"198.51.100.{100 + number}"}  # below the search limit
        found = httpx.get(f"{url}/api/search", params={"q": "Elektrolyseur", "k": 3}, headers=client, timeout=30)
        assert found.json()["results"][0]["doc_id"] == "guide-wasserstoff"


def test_a_failed_scheduled_run_keeps_every_worker_serving_and_is_reported(deployment):
    serving = _generation(deployment.a)
    guide = deployment.corpus / "sample" / "regeln.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nNeuer Absatz zur Antragstellung.\n", encoding="utf-8")
    broken = {**deployment.env, "NRWA_EMBEDDING_BACKEND": "sentence-transformers",
              "NRWA_EMBEDDING_MODEL": str(deployment.folder / "no-such-model")}
    run = cli(broken, "index", "--due", cwd=deployment.folder)
    assert run.returncode == 2 and "embedding model folder not found" in run.stderr
    assert "due: sample (files changed since" in run.stdout and "Traceback" not in run.stderr

    for url in (deployment.a, deployment.b):
        assert _generation(url) == serving
        assert _chat(url, "Wie beantrage ich die Forschungszulage?")["citations"]
        metrics = httpx.get(f"{url}/metrics", timeout=10).text
        assert "nrwa_index_last_run_error 1.0" in metrics
        assert "nrwa_index_sources_due 1.0" in metrics  # the changed source is still due
        finished = float(re.search(r"^nrwa_index_last_run_timestamp_seconds (\S+)$", metrics, re.M).group(1))
        assert 0 < time.time() - finished < 600
        status = httpx.get(f"{url}/api/admin/index", headers=deployment.admin, timeout=10).json()
        assert status["generation"] == serving
        assert status["last_run"]["state"] == "crashed" and "EmbeddingModelError" in status["last_run"]["error"]

    repaired = cli(deployment.env, "index", "--due", cwd=deployment.folder)  # the next tick, configured right
    assert repaired.returncode == 0, repaired.stderr
    assert "nrwa_index_last_run_error 0.0" in httpx.get(f"{deployment.b}/metrics", timeout=10).text
    assert _generation(deployment.b) != serving

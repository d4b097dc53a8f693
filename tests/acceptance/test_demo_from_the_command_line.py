"""Issue #2's acceptance, the way a newcomer meets the product: the real `nrw-assistant` commands on the bundled
corpus (index twice, then `demo` serving on 127.0.0.1), asked the two questions of the issue over HTTP.

One index for the module (about half a minute on two cores); slow, so `make test-fast` leaves it out.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import yaml

from assistant.settings import PROJECT_ROOT
from tests.live_server import free_port

pytestmark = pytest.mark.slow
CLI = str(Path(sys.executable).parent / "nrw-assistant")
PROGRAMS = {p["id"]: p for p in yaml.safe_load((PROJECT_ROOT / "corpus" / "programs.yaml").read_text())["programs"]}


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NRWA_")}
    return env | {"NRWA_DATA_DIR": str(data_dir), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}


def _index(data_dir: Path) -> dict:
    done = subprocess.run([CLI, "index", "--json"], env=_env(data_dir), capture_output=True, text=True, timeout=900,
                          cwd=PROJECT_ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> tuple[dict, dict, Path]:
    data_dir = tmp_path_factory.mktemp("demo") / "data"
    return _index(data_dir), _index(data_dir), data_dir


@pytest.fixture(scope="module")
def demo_url(runs) -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen([CLI, "demo", "--port", str(port)], env=_env(runs[2]), cwd=PROJECT_ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, f"demo exited: {server.stderr.read()[-3000:] if server.stderr else ''}"
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "demo did not become ready within 120 s"
            time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_first_run_indexes_the_whole_bundled_corpus(runs):
    first, _, _ = runs
    assert first["switched"] and first["totals"]["failed"] == 0
    assert first["documents"] >= 20 + 39 and first["chunks_embedded"] == first["chunks"] > 100


def test_second_run_with_nothing_changed_embeds_nothing(runs):
    first, second, _ = runs
    assert second["chunks_embedded"] == 0
    assert second["totals"]["unchanged"] == first["totals"]["added"] and second["totals"]["added"] == 0
    assert second["chunks"] == first["chunks"]


def test_demo_page_embeds_the_widget(demo_url):
    page = httpx.get(demo_url, timeout=10)
    assert page.status_code == 200 and "/widget.js" in page.text
    assert httpx.get(f"{demo_url}/widget.js", timeout=10).headers["content-type"].startswith("text/javascript")


def test_ki_question_gets_a_german_answer_citing_a_programme_document(demo_url):
    reply = httpx.post(f"{demo_url}/api/chat", timeout=60, json={
        "message": "Welche Förderung gibt es für ein KI-Projekt in meinem Betrieb in NRW?"}).json()
    assert reply["citations"], reply["answer"]
    programme_urls = {p["source_url"] for p in PROGRAMS.values()}
    cited = [c for c in reply["citations"] if c["url"] in programme_urls]
    assert cited, [c["url"] for c in reply["citations"]]
    assert all(c["as_of"] or c["checked_on"] for c in cited)  # dated, or undated with the day it was read
    assert f"[{cited[0]['id']}]" in reply["answer"]
    assert any(word in reply["answer"] for word in ("Förder", "Programm", "Zuschuss")), reply["answer"]
    # No ended programme is offered as a recommendation with an open status.
    assert all(p["status"] == PROGRAMS[p["id"]]["status"] for p in reply["programs"] if p["id"] in PROGRAMS)


def test_go_digital_is_answered_as_ended_with_a_citation(demo_url):
    reply = httpx.post(f"{demo_url}/api/chat", timeout=60, json={"message": "Kann ich noch go-digital beantragen?"})
    body = reply.json()
    assert {p["id"]: p["status"] for p in body["programs"]}.get("go-digital") == "closed", body["programs"]
    answer = body["answer"].lower()
    assert any(word in answer for word in ("beendet", "eingestellt", "ausgelaufen", "nicht mehr")), body["answer"]
    assert body["citations"] and any(f"[{c['id']}]" in body["answer"] for c in body["citations"])

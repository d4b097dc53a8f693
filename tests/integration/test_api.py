"""The HTTP contract against a real server on 127.0.0.1: chat (JSON and SSE), search, health, problem+json."""

from __future__ import annotations

import json

import httpx
import pytest

from api.app import create_app
from tests.api.handoff.problems import assert_problem
from tests.live_server import live_server

pytestmark = pytest.mark.both_stores


@pytest.fixture()
def base_url(indexed):
    with live_server(create_app(components=indexed)) as url:
        yield url


def test_chat_json_reply_follows_the_contract(base_url):
    r = httpx.post(f"{base_url}/api/chat", json={"message": "Gibt es einen Zuschuss für künstliche Intelligenz?"})
    assert r.status_code == 200
    body = r.json()
    # The contract's fields, plus the additive ones (ARCHITECTURE.md §4 changes only additively).
    assert set(body) == {"session_id", "message_id", "answer", "citations", "programs", "partners", "location",
                         "clarify", "kind", "notice"}
    assert body["kind"] == "programmes" and body["notice"] and body["answer"].startswith(body["notice"])
    assert body["citations"] and {"id", "title", "url", "page", "snippet", "as_of"} <= set(body["citations"][0])
    assert body["programs"][0]["status"] in {"open", "closed", "unknown"}
    follow = httpx.post(f"{base_url}/api/chat", json={"message": "und wie hoch?", "session_id": body["session_id"]})
    assert follow.json()["session_id"] == body["session_id"]


def test_chat_streams_delta_events_then_one_final(base_url):
    with httpx.stream("POST", f"{base_url}/api/chat", json={"message": "Forschungszulage Verfahren"},
                      headers={"Accept": "text/event-stream"}) as r:
        assert r.status_code == 200
        assert r.headers["content-type"].startswith("text/event-stream")
        assert r.headers["x-accel-buffering"] == "no"
        raw = "".join(r.iter_text())
    events = [block for block in raw.split("\n\n") if block.strip()]
    names = [block.split("\n")[0].removeprefix("event: ") for block in events]
    assert names[-1] == "final" and set(names[:-1]) == {"delta"} and len(names) > 2
    deltas = "".join(json.loads(b.split("\n")[1].removeprefix("data: "))["text"] for b in events[:-1])
    final = json.loads(events[-1].split("\n")[1].removeprefix("data: "))
    assert deltas == final["answer"]
    assert any(c["page"] == 2 for c in final["citations"])


def test_search_returns_passages_with_filters(base_url):
    r = httpx.get(f"{base_url}/api/search", params={"q": "Förderung", "status": "closed", "k": 5})
    assert r.status_code == 200
    results = r.json()["results"]
    assert results and all(x["metadata"]["status"] == "closed" for x in results)
    assert {"chunk_id", "doc_id", "title", "url", "page", "text", "score", "metadata"} <= set(results[0])


def test_health_and_readiness(base_url):
    assert httpx.get(f"{base_url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{base_url}/readyz")
    assert ready.status_code == 200 and ready.json()["chunks"] > 0


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ({"message": ""}, 422),
        ({"message": "x" * 4001}, 422),
        ({"message": "Hallo", "unknown": 1}, 422),
        ({"message": 42}, 422),
        ({"message": "Hallo", "locale": "fr"}, 422),
        ({"message": "Hallo", "session_id": "../../etc"}, 422),
        ({}, 422),
    ],
)
def test_bad_chat_requests_get_problem_json(base_url, body, status):
    assert_problem(httpx.post(f"{base_url}/api/chat", json=body), status)


def test_invalid_json_and_oversized_bodies_are_refused(base_url):
    assert_problem(httpx.post(f"{base_url}/api/chat", content=b"{not json",
                               headers={"Content-Type": "application/json"}), 422)
    assert_problem(httpx.post(f"{base_url}/api/chat", content=b"x" * 1_000_000,
                               headers={"Content-Type": "application/json"}), 413)
    assert_problem(httpx.get(f"{base_url}/api/search", params={"q": ""}), 422)
    assert_problem(httpx.get(f"{base_url}/api/search", params={"q": "a", "k": 999}), 422)
    assert_problem(httpx.get(f"{base_url}/api/nope"), 404)
    # the server keeps serving after all of that
    assert httpx.get(f"{base_url}/healthz").status_code == 200


def test_demo_page_and_widget_are_served(base_url):
    page = httpx.get(f"{base_url}/")
    assert page.status_code == 200 and "widget.js" in page.text
    script = httpx.get(f"{base_url}/widget.js")
    assert script.status_code == 200 and "customElements.define" in script.text

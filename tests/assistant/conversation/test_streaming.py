"""POST /api/chat on a real server over the bundled corpus: SSE deltas grow the answer line by line, the final
event carries the contract's JSON, a session continues across streamed turns, and JSON and SSE agree."""

from __future__ import annotations

import json

import httpx
import pytest

from api.app import create_app
from tests.live_server import live_server

OPENER = "Wir sind ne Schreinerei mit 12 Leuten in Herford und wollen unsere Auftragsplanung digitalisieren"


@pytest.fixture(scope="module")
def base_url(bundled):
    with live_server(create_app(components=bundled)) as url:
        yield url


def _stream(base_url: str, body: dict) -> tuple[list[dict], dict, httpx.Headers]:
    with httpx.stream("POST", f"{base_url}/api/chat", json=body, headers={"Accept": "text/event-stream"},
                      timeout=30) as r:
        assert r.status_code == 200
        headers = r.headers
        raw = "".join(r.iter_text())
    blocks = [b for b in raw.split("\n\n") if b.strip()]
    names = [b.split("\n")[0].removeprefix("event: ") for b in blocks]
    assert names[-1] == "final" and set(names[:-1]) == {"delta"}
    data = [json.loads(b.split("\n")[1].removeprefix("data: ")) for b in blocks]
    return data[:-1], data[-1], headers


def test_a_streamed_conversation(base_url):
    deltas, final, headers = _stream(base_url, {"message": OPENER})
    assert headers["content-type"].startswith("text/event-stream")
    assert headers["cache-control"] == "no-cache" and headers["x-accel-buffering"] == "no"
    text = "".join(d["text"] for d in deltas)
    assert text == final["answer"] and not any(d.get("replace") for d in deltas)
    assert len(deltas) >= 5  # written and sent line by line, not as one block
    assert len(deltas[0]["text"]) < len(final["answer"]) / 2
    assert final["location"]["kreis"] == "Herford"
    assert final["programs"] and final["citations"]

    follow, second, _ = _stream(base_url, {"message": "wen kann ich da anrufen?", "session_id": final["session_id"]})
    assert second["session_id"] == final["session_id"]
    assert "".join(d["text"] for d in follow) == second["answer"]
    assert second["partners"] and "Handwerk" in second["partners"][0]["name"]
    assert all(p["reason"] for p in second["partners"])


def test_json_and_stream_give_the_same_reply(base_url):
    question = {"message": "Kann ich noch go-digital beantragen?"}
    as_json = httpx.post(f"{base_url}/api/chat", json=question, timeout=30).json()
    _, streamed, _ = _stream(base_url, question)
    for key in ("answer", "citations", "programs", "partners", "location", "clarify"):
        assert as_json[key] == streamed[key], key
    assert {p["id"]: p["status"] for p in as_json["programs"]}["go-digital"] == "closed"

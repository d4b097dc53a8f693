"""POST /api/feedback on a real chat answer: 201, stored with the answer's sources and confidence, contact data in
comments masked; unknown message ids are 404 problems; bad input is a 422 problem."""

from __future__ import annotations

import httpx
import pytest

from tests.api.handoff.app_under_test import running_app
from tests.api.handoff.database_file import sqlite_bytes
from tests.api.handoff.problems import assert_problem

pytestmark = pytest.mark.both_stores


def _chat(url: str, message: str, session_id: str | None = None) -> dict:
    response = httpx.post(f"{url}/api/chat", json={"message": message, "session_id": session_id})
    assert response.status_code == 200, response.text
    return response.json()


def _feedback(url: str, headers: dict[str, str]) -> list[dict]:
    response = httpx.get(f"{url}/api/admin/feedback", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["feedback"]


def test_feedback_is_stored_with_sources_and_masked_comment(indexed, tmp_path):
    comment = ("Leider passt das nicht. Rufen Sie mich an: 0231 / 98 76-54 oder mobil +49 171 2345678, "
               "Mail an max.mustermann@beispiel-gmbh.de – Förderung bis 50.000 Euro ab 01.02.2026?")
    with running_app(indexed, tmp_path, channels=None) as server:
        reply = _chat(server.url, "Gibt es einen Zuschuss für künstliche Intelligenz?")
        response = httpx.post(f"{server.url}/api/feedback",
                              json={"message_id": reply["message_id"], "rating": "down", "comment": comment})
        assert response.status_code == 201, response.text
        assert response.json()["id"]
        stored = _feedback(server.url, server.admin_headers)

    assert len(stored) == 1
    item = stored[0]
    assert item["message_id"] == reply["message_id"] and item["rating"] == "down"
    # The sources are the documents the answer cited, as recorded for that very turn.
    chunks = indexed.served_index.get().chunks.values()
    cited_docs = {c.doc_id for c in chunks if c.url in {citation["url"] for citation in reply["citations"]}}
    assert item["sources"] and set(item["sources"]) == cited_docs
    turn = indexed.sessions.get_or_create(reply["session_id"])[0].turns[-1]
    assert turn["message_id"] == reply["message_id"] and item["confidence"] == turn["confidence"]
    assert item["programmes"] == [p["id"] for p in reply["programs"]]
    masked = item["comment"]
    for secret in ("0231", "98 76-54", "171 2345678", "max.mustermann", "beispiel-gmbh.de"):
        assert secret not in masked
    assert "[Telefonnummer entfernt]" in masked and "[E-Mail entfernt]" in masked
    assert "50.000 Euro ab 01.02.2026" in masked  # amounts and dates are not phone numbers

    raw_bytes = sqlite_bytes(server.settings)
    if raw_bytes is not None:
        assert b"max.mustermann" not in raw_bytes and b"2345678" not in raw_bytes


def test_a_second_rating_replaces_the_first(indexed, tmp_path):
    with running_app(indexed, tmp_path, channels=None) as server:
        reply = _chat(server.url, "Forschungszulage Verfahren")
        for rating in ("up", "down"):
            response = httpx.post(f"{server.url}/api/feedback",
                                  json={"message_id": reply["message_id"], "rating": rating})
            assert response.status_code == 201
        stored = _feedback(server.url, server.admin_headers)

    assert [(f["message_id"], f["rating"], f["comment"]) for f in stored] == [(reply["message_id"], "down", None)]


def test_unknown_message_and_bad_input_are_problems(indexed, tmp_path):
    with running_app(indexed, tmp_path, channels=None) as server:
        url = f"{server.url}/api/feedback"
        message_id = _chat(server.url, "Förderung für Digitalisierung")["message_id"]
        assert_problem(httpx.post(url, json={"message_id": "0" * 32, "rating": "up"}), 404)
        bad_bodies = [
            {"message_id": message_id, "rating": "meh"},
            {"message_id": message_id, "rating": True},
            {"message_id": message_id, "rating": "up", "comment": "x" * 1001},
            {"message_id": message_id, "rating": "up", "comment": 5},
            {"message_id": message_id, "rating": "up", "comment": "a\x00b"},
            {"message_id": message_id, "rating": "up", "extra": 1},
            {"message_id": 12345678, "rating": "up"},
            {"message_id": "../../x", "rating": "up"},
            {"rating": "up"},
            {"message_id": message_id},
        ]
        for body in bad_bodies:
            assert_problem(httpx.post(url, json=body), 422)
        assert _feedback(server.url, server.admin_headers) == []

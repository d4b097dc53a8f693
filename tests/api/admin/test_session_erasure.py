"""DELETE /api/admin/sessions/{id} removes everything of one session — the conversation in memory, its turns, the
feedback on its answers, its hand-offs — and nothing of other sessions."""

from __future__ import annotations

import httpx
import pytest

from tests.api.handoff.app_under_test import running_app
from tests.api.handoff.database_file import sqlite_bytes
from tests.api.handoff.problems import assert_problem
from tests.api.handoff.receivers import wait_for

pytestmark = pytest.mark.both_stores

ERASED = "session-erase-0001"
KEPT = "session-keep-0002"


def _chat(url: str, message: str, session_id: str) -> dict:
    response = httpx.post(f"{url}/api/chat", json={"message": message, "session_id": session_id})
    assert response.status_code == 200, response.text
    return response.json()


def test_delete_session_removes_everything_of_it(indexed, tmp_path, webhook_receiver):
    channels = {"default": {"channel": "webhook", "url": webhook_receiver.url}}
    with running_app(indexed, tmp_path, channels) as server:
        first = _chat(server.url, "Gibt es einen Zuschuss für künstliche Intelligenz?", ERASED)
        _chat(server.url, "und wie hoch?", ERASED)
        other = _chat(server.url, "Forschungszulage Verfahren", KEPT)
        for reply in (first, other):
            feedback = httpx.post(f"{server.url}/api/feedback",
                                  json={"message_id": reply["message_id"], "rating": "up", "comment": "hilfreich"})
            assert feedback.status_code == 201
        erased_handoff = server.post_handoff(session_id=ERASED, email="geloescht@beispiel.de").json()
        kept_handoff = server.post_handoff(session_id=KEPT, email="bleibt@beispiel.de").json()
        wait_for(lambda: len(webhook_receiver.requests) == 2, "both hand-offs delivered")

        response = httpx.delete(f"{server.url}/api/admin/sessions/{ERASED}", headers=server.admin_headers)
        assert response.status_code == 200, response.text
        second = httpx.delete(f"{server.url}/api/admin/sessions/{ERASED}", headers=server.admin_headers).json()

        handoff_ids = {h["id"] for h in server.handoffs()}
        feedback_ids = [f["message_id"] for f in httpx.get(f"{server.url}/api/admin/feedback",
                                                           headers=server.admin_headers).json()["feedback"]]
        # The erased answer can no longer be rated: its turn is gone.
        assert_problem(httpx.post(f"{server.url}/api/feedback",
                                  json={"message_id": first["message_id"], "rating": "down"}), 404)
        assert httpx.post(f"{server.url}/api/feedback",
                          json={"message_id": other["message_id"], "rating": "down"}).status_code == 201
        assert_problem(httpx.delete(f"{server.url}/api/admin/sessions/kurz!", headers=server.admin_headers),
                       422)

    database_bytes = sqlite_bytes(server.settings)
    if database_bytes is not None:  # erased rows are overwritten in the file (secure_delete), not just unlinked
        assert b"geloescht@beispiel.de" not in database_bytes and b"bleibt@beispiel.de" in database_bytes

    assert response.json() == {"session_id": ERASED, "conversation": True, "turns": 2, "feedback": 1,
                               "handoffs": 1}
    assert second == {"session_id": ERASED, "conversation": False, "turns": 0, "feedback": 0, "handoffs": 0}
    assert handoff_ids == {kept_handoff["id"]} and erased_handoff["id"] not in handoff_ids
    assert feedback_ids == [other["message_id"]]
    # The conversation itself is forgotten: the id now starts a new, empty session.
    session, is_new = indexed.sessions.get_or_create(ERASED)
    assert is_new and session.turns == []

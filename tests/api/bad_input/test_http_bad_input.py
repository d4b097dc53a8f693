"""The bad-input suite against a real server on 127.0.0.1: every malformed, oversized, mistyped or unauthorised
request gets a 4xx application/problem+json that names the problem and leaks nothing internal, and a normal chat
turn works right after each one. Nothing stored is lost, nothing is added, nothing is sent to a partner."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest

from tests.api.bad_input.clean_problem import assert_chat_works, assert_clean_problem
from tests.api.handoff.app_under_test import ADMIN_TOKEN, handoff_body
from tests.api.handoff.receivers import wait_for

JSON = {"Content-Type": "application/json"}
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: str
    status: int
    mentions: str  # the detail must name this (the field, the limit): the error helps a developer
    json: Any = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)

    def send(self, url: str) -> httpx.Response:
        if self.content is not None:
            return httpx.request(self.method, url + self.path, content=self.content, headers=self.headers, timeout=30)
        return httpx.request(self.method, url + self.path, json=self.json, headers=self.headers, timeout=30)


def _megabyte_chunks() -> Iterator[bytes]:
    for _ in range(1024):
        yield b"x" * 1024


def _chat(**body: Any) -> dict[str, Any]:
    return {"message": "Gibt es Förderung für Digitalisierung?", **body}


CASES = [
    # --- POST /api/chat ---------------------------------------------------------------------------
    Case("chat empty message", "POST", "/api/chat", 422, "message", json={"message": ""}),
    Case("chat only spaces", "POST", "/api/chat", 422, "message", json={"message": "   \n\t "}),
    Case("chat 4001 characters", "POST", "/api/chat", 422, "4000", json={"message": "x" * 4001}),
    Case("chat 1 MB body", "POST", "/api/chat", 413, "bytes", json={"message": "x" * 1_000_000}),
    Case("chat invalid JSON", "POST", "/api/chat", 422, "JSON", content=b'{"message": "Hallo",', headers=JSON),
    Case("chat JSON nested 10,000 deep", "POST", "/api/chat", 400, "nest",
         content=b'{"message": ' + b"[" * 10_000 + b"]" * 10_000 + b"}", headers=JSON),
    Case("chat nested JSON from a website", "POST", "/api/chat", 400, "nest",
         content=b'{"partner": ' + b"{" * 5_000 + b"}" * 5_000 + b"}",
         headers={**JSON, "Origin": "https://fremde-seite.example"}),
    Case("handoff JSON nested 10,000 deep", "POST", "/api/handoff", 400, "nest",
         content=b'{"name": ' + b"[" * 10_000 + b"]" * 10_000 + b"}", headers=JSON),
    Case("chat array instead of object", "POST", "/api/chat", 422, "body", json=[_chat()]),
    Case("chat null body", "POST", "/api/chat", 422, "body", content=b"null", headers=JSON),
    Case("chat no body", "POST", "/api/chat", 422, "body", content=b"", headers=JSON),
    Case("chat form instead of JSON", "POST", "/api/chat", 422, "body", content=b"message=Hallo",
         headers={"Content-Type": "application/x-www-form-urlencoded"}),
    Case("chat message is a number", "POST", "/api/chat", 422, "message", json={"message": 42}),
    Case("chat message is a list", "POST", "/api/chat", 422, "message", json={"message": ["Hallo"]}),
    Case("chat session_id is a number", "POST", "/api/chat", 422, "session_id", json=_chat(session_id=12345678)),
    Case("chat session_id path traversal", "POST", "/api/chat", 422, "session_id", json=_chat(session_id="../../etc")),
    Case("chat unknown locale", "POST", "/api/chat", 422, "locale", json=_chat(locale="fr")),
    Case("chat unknown field", "POST", "/api/chat", 422, "admin", json=_chat(admin=True)),
    Case("chat NUL byte", "POST", "/api/chat", 422, "message", json={"message": "Förderung\x00für KI"}),
    Case("chat escape character", "POST", "/api/chat", 422, "message", json={"message": "\x1b[2J Förderung"}),
    Case("chat invalid UTF-8", "POST", "/api/chat", 400, "body", content=b'{"message": "F\xf6rderung \xff"}',
         headers=JSON),
    Case("chat lone surrogate", "POST", "/api/chat", 422, "message", content=b'{"message": "KI \\ud800"}',
         headers=JSON),
    Case("chat streamed NUL byte", "POST", "/api/chat", 422, "message", json={"message": "\x00"},
         headers={"Accept": "text/event-stream"}),
    # --- GET /api/search --------------------------------------------------------------------------
    Case("search empty", "GET", "/api/search?q=", 422, "q"),
    Case("search 501 characters", "GET", "/api/search?q=" + "a" * 501, 422, "500"),
    Case("search NUL byte", "GET", "/api/search?q=KI%00Zuschuss", 422, "q"),
    Case("search k not a number", "GET", "/api/search?q=KI&k=zehn", 422, "k"),
    Case("search k too large", "GET", "/api/search?q=KI&k=51", 422, "50"),
    Case("search unknown level", "GET", "/api/search?q=KI&level=Kommune", 422, "level"),
    # --- POST /api/feedback -----------------------------------------------------------------------
    Case("feedback unknown message", "POST", "/api/feedback", 404, "message_id",
         json={"message_id": "a" * 32, "rating": "up"}),
    Case("feedback wrong rating", "POST", "/api/feedback", 422, "rating", json={"message_id": "a" * 32, "rating": 5}),
    Case("feedback NUL in comment", "POST", "/api/feedback", 422, "comment",
         json={"message_id": "a" * 32, "rating": "up", "comment": "gut\x00"}),
    Case("feedback 1001 character comment", "POST", "/api/feedback", 422, "1000",
         json={"message_id": "a" * 32, "rating": "down", "comment": "z" * 1001}),
    Case("feedback unknown field", "POST", "/api/feedback", 422, "stars",
         json={"message_id": "a" * 32, "rating": "up", "stars": 5}),
    # --- POST /api/handoff ------------------------------------------------------------------------
    Case("handoff missing consent", "POST", "/api/handoff", 422, "consent", json=handoff_body(consent=...)),
    Case("handoff consent false", "POST", "/api/handoff", 422, "consent", json=handoff_body(consent=False)),
    Case("handoff consent as text", "POST", "/api/handoff", 422, "consent", json=handoff_body(consent="ja")),
    Case("handoff header injection in name", "POST", "/api/handoff", 422, "name",
         json=handoff_body(name="Erika\r\nBcc: spam@example.org")),
    Case("handoff invalid e-mail", "POST", "/api/handoff", 422, "email", json=handoff_body(email="keine-adresse")),
    Case("handoff NUL in message", "POST", "/api/handoff", 422, "message", json=handoff_body(message="Hallo\x00")),
    Case("handoff unknown partner", "POST", "/api/handoff", 404, "partner_id",
         json=handoff_body(partner_id="ihk-gibt-es-nicht")),
    Case("handoff unknown field", "POST", "/api/handoff", 422, "cc", json=handoff_body(cc=["a@example.org"])),
    # --- admin ------------------------------------------------------------------------------------
    Case("admin without token", "GET", "/api/admin/handoffs", 401, "Bearer"),
    Case("admin wrong token", "GET", "/api/admin/handoffs", 401, "token",
         headers={"Authorization": "Bearer " + ADMIN_TOKEN[:-1] + "x"}),
    Case("admin token as Basic", "GET", "/api/admin/feedback", 401, "Bearer",
         headers={"Authorization": f"Basic {ADMIN_TOKEN}"}),
    Case("admin delete without token", "DELETE", "/api/admin/sessions/session-0001-abcdef", 401, "Bearer"),
    Case("admin delete bad session id", "DELETE", "/api/admin/sessions/%3Cscript%3Ealert(1)", 422, "session_id",
         headers=ADMIN),
    Case("admin limit out of range", "GET", "/api/admin/handoffs?limit=100000", 422, "limit", headers=ADMIN),
    # --- anything else ----------------------------------------------------------------------------
    Case("unknown route", "GET", "/api/does-not-exist", 404, "Not Found"),
    Case("wrong method", "PUT", "/api/chat", 405, "Method Not Allowed", json=_chat()),
    Case("programme id too long", "GET", "/api/programs/" + "p" * 101, 422, "program"),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_gets_a_clean_problem_and_the_server_keeps_serving(server, case):
    problem = assert_clean_problem(case.send(server.url), case.status)
    assert case.mentions.lower() in problem["detail"].lower(), problem
    assert_chat_works(server.url)


def test_a_1_mb_body_without_content_length_is_refused(server):
    response = httpx.post(f"{server.url}/api/chat", content=_megabyte_chunks(), headers=JSON, timeout=30)
    assert "bytes" in assert_clean_problem(response, 413)["detail"]
    assert_chat_works(server.url)


def test_brackets_inside_the_text_are_not_nesting(server):
    reply = httpx.post(f"{server.url}/api/chat", json={"message": "KI-Zuschuss " + "[{" * 500}, timeout=30)
    assert reply.status_code == 200, reply.text


def test_nothing_stored_is_lost_or_added_and_nothing_reaches_a_partner(server, webhook):
    delivered_before = len(webhook.requests)
    stored = server.post_handoff(session_id="session-bad-input-01", email="bleibt@beispiel.de")
    assert stored.status_code == 201, stored.text
    wait_for(lambda: [h["delivery"]["state"] for h in server.handoffs()] == ["delivered"], "the hand-off delivered")
    before = server.handoffs(include_personal_data=True)

    for case in CASES:
        assert case.send(server.url).status_code == case.status, case.name

    after = server.handoffs(include_personal_data=True)
    assert after == before  # the stored hand-off is intact, and no refused one was stored
    assert any(h["contact"] and h["contact"]["email"] == "bleibt@beispiel.de" for h in after)
    assert len(webhook.requests) == delivered_before + 1  # no refused hand-off was ever sent
    assert_chat_works(server.url)

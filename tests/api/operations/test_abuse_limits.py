"""Abuse controls on a real server. Hand-offs are limited per client address, and the refused ones are neither
stored nor sent, so no spam run reaches a partner. Against `nrw-assistant serve` as deployed: neither a forged
X-Forwarded-For nor switching chat sessions escapes the per-client limits (only NRWA_TRUSTED_PROXIES may name a
client's address). Chat per IP and per session: tests/api/api_hardening/test_abuse_controls.py."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.api.handoff.app_under_test import running_app
from tests.api.handoff.problems import assert_problem
from tests.api.handoff.receivers import WebhookReceiver, wait_for
from tests.api.operations.server_process import serve_process


@pytest.fixture()
def webhook_receiver() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver().start()
    yield receiver
    receiver.stop()


def test_hand_offs_are_limited_per_client_and_the_refused_ones_never_reach_the_partner(indexed, tmp_path,
                                                                                       webhook_receiver):
    channels = {"default": {"channel": "webhook", "url": webhook_receiver.url}}
    with running_app(indexed, tmp_path, channels, rate_limit_handoff_per_hour=3) as server:
        statuses = [server.post_handoff(message=f"Anfrage {n}").status_code for n in range(5)]
        refused = server.post_handoff(message="Anfrage 5")
        assert_problem(refused, 429)
        wait_for(lambda: len(webhook_receiver.requests) == 3, "the three accepted hand-offs delivered")
        stored = server.handoffs(include_personal_data=True)

    assert statuses == [201, 201, 201, 429, 429]
    assert 1 <= int(refused.headers["retry-after"]) <= 3600
    assert sorted(h["contact"]["message"] for h in stored) == ["Anfrage 0", "Anfrage 1", "Anfrage 2"]
    assert len(webhook_receiver.requests) == 3


@pytest.mark.slow
def test_forged_forwarding_headers_and_new_sessions_do_not_escape_the_limits(indexed, tmp_path):
    env = {"NRWA_DATA_DIR": str(indexed.settings.data_dir), "NRWA_CORPUS_DIR": str(indexed.settings.corpus_dir),
           "NRWA_RATE_LIMIT_SEARCH_PER_MINUTE": "2", "NRWA_RATE_LIMIT_CHAT_PER_MINUTE": "3"}
    with serve_process(tmp_path, env) as server:
        searches = [httpx.get(f"{server.url}/api/search", params={"q": "Zuschuss"},
                              headers={"X-Forwarded-For": f"198.51.100.{n}", "X-Real-IP": f"203.0.113.{n}"})
                    for n in range(4)]
        chats = [httpx.post(f"{server.url}/api/chat", timeout=60,
                            json={"message": "KI Zuschuss", "session_id": f"session-{n:04d}-rotating"},
                            headers={"X-Forwarded-For": f"192.0.2.{n}"})
                 for n in range(5)]
        healthy = httpx.get(f"{server.url}/healthz").status_code

    assert [r.status_code for r in searches] == [200, 200, 429, 429]
    assert [r.status_code for r in chats] == [200, 200, 200, 429, 429]
    assert_problem(chats[-1], 429)
    assert healthy == 200  # routes without a limit are not affected

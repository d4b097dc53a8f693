"""What POST /api/handoff refuses: no consent, unknown partners, partners without a channel, bad input — each a
problem+json reply, with nothing stored and nothing sent."""

from __future__ import annotations

import httpx
import pytest

from tests.api.handoff.app_under_test import handoff_body, running_app
from tests.api.handoff.problems import assert_problem
from tests.api.handoff.receivers import wait_for

pytestmark = pytest.mark.both_stores

CHANNELS = {"partners": {"ihk-teststadt": {"channel": "email", "to": ["beratung@ihk-teststadt.example"]}}}


def test_without_consent_nothing_is_stored_or_sent(indexed, tmp_path, smtp_receiver):
    with running_app(indexed, tmp_path, CHANNELS, smtp_port=smtp_receiver.port) as server:
        for consent in (False, ..., None, "true", 1, "ja"):
            problem = assert_problem(server.post_handoff(consent=consent, name="Ohne Einwilligung"), 422)
            assert "consent" in problem["detail"]
        assert server.handoffs() == []
        # A valid hand-off afterwards is the only one the partner ever receives.
        accepted = server.post_handoff()
        assert accepted.status_code == 201
        wait_for(lambda: server.handoffs()[0]["delivery"]["state"] == "delivered", "the valid hand-off delivered")
        assert len(server.handoffs()) == 1

    assert len(smtp_receiver.mails) == 1
    assert accepted.json()["reference"] in smtp_receiver.mails[0].message["Subject"]
    assert "Ohne Einwilligung" not in smtp_receiver.mails[0].message.get_content()


def test_unknown_partner_and_partner_without_channel(indexed, tmp_path, smtp_receiver):
    with running_app(indexed, tmp_path, CHANNELS, smtp_port=smtp_receiver.port) as server:
        unknown = assert_problem(server.post_handoff(partner_id="ihk-gibt-es-nicht"), 404)
        assert "partner" in unknown["detail"]
        # Known partner, but this deployment has no channel for it and no default: refused, not silently kept.
        assert_problem(server.post_handoff(partner_id="agentur-ohne-kanal"), 503)
        assert server.handoffs() == []


def test_without_channels_file_hand_offs_are_unavailable(indexed, tmp_path):
    with running_app(indexed, tmp_path, channels=None) as server:
        assert_problem(server.post_handoff(), 503)
        assert server.handoffs() == []


BAD_INPUTS = [
    {"name": 42},
    {"consent": True, "unknown_field": "x"},
    {"name": "x" * 201},
    {"name": "   "},
    {"name": "Erika\r\nBcc: spam@example.org"},
    {"company": "y" * 201},
    {"email": "keine-adresse"},
    {"email": "erika@beispiel"},
    {"email": "erika@beispiel.de\nBcc: spam@example.org"},
    {"email": ["erika@beispiel.de"]},
    {"phone": "bitte anrufen"},
    {"phone": "0" * 41},
    {"message": ""},
    {"message": "z" * 4001},
    {"message": "Hallo\x00Welt"},
    {"partner_id": "../../etc/passwd"},
    {"partner_id": None},
    {"session_id": "kurz"},
    {"email": ...},
    {"message": ...},
]


def test_bad_input_is_a_422_problem(indexed, tmp_path):
    # One server for all cases (an index per case would be slow); a webhook nobody listens to is never reached.
    channels = {"default": {"channel": "webhook", "url": "http://127.0.0.1:9/never"}}
    with running_app(indexed, tmp_path, channels) as server:
        for overrides in BAD_INPUTS:
            problem = assert_problem(server.post_handoff(**overrides), 422)
            assert problem["detail"], overrides
        assert server.handoffs() == []


def test_malformed_bodies_are_problems(indexed, tmp_path):
    with running_app(indexed, tmp_path, {"default": {"channel": "webhook", "url": "http://127.0.0.1:9/x"}}) as server:
        url = f"{server.url}/api/handoff"
        assert_problem(httpx.post(url, content=b"{not json", headers={"Content-Type": "application/json"}), 422)
        assert_problem(httpx.post(url, json=[handoff_body()]), 422)
        assert_problem(httpx.post(url, content=b"\xff\xfe", headers={"Content-Type": "application/json"}), 422)
        assert server.handoffs() == []

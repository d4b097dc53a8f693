"""Hand-offs reach the partner: by e-mail through a real SMTP server, by signed webhook, and after a retry when the
receiver was down. Everything runs against the real server on 127.0.0.1 with its background worker."""

from __future__ import annotations

import hashlib
import hmac
import re
from datetime import datetime, timedelta

import httpx
import pytest

from api.cli import main as cli_main
from tests.api.handoff.app_under_test import WEBHOOK_SECRET, running_app
from tests.api.handoff.receivers import WebhookReceiver, wait_for

pytestmark = pytest.mark.both_stores

REFERENCE = re.compile(r"^NRW-\d{4}-[A-HJ-NP-Z2-9]{6}$")


def _email_channels(to: str = "beratung@ihk-teststadt.example") -> dict:
    return {"partners": {"ihk-teststadt": {"channel": "email", "to": [to]}}}


def test_email_reaches_the_partner_with_message_contact_and_reference(indexed, tmp_path, smtp_receiver):
    with running_app(indexed, tmp_path, _email_channels(), smtp_port=smtp_receiver.port) as server:
        response = server.post_handoff()
        assert response.status_code == 201, response.text
        created = response.json()
        assert REFERENCE.match(created["reference"]) and created["id"]

        mail = wait_for(lambda: smtp_receiver.mails and smtp_receiver.mails[0], "the e-mail to arrive").message
        state = wait_for(lambda: (h := server.handoff(created["id"]))["delivery"]["state"] != "pending" and h,
                         "the delivery state to be recorded")
        metrics = httpx.get(f"{server.url}/metrics").text

    assert smtp_receiver.mails[0].rcpt_tos == ["beratung@ihk-teststadt.example"]
    assert created["reference"] in mail["Subject"] and "IHK Teststadt" in mail["Subject"]
    assert mail["Reply-To"] == "erika.musterfrau@beispiel-gmbh.de"
    assert mail["From"] == "assistent@nrw-innovation.example"
    body = mail.get_content()
    for expected in (created["reference"], "IHK Teststadt", "Erika Musterfrau", "Beispiel GmbH",
                     "erika.musterfrau@beispiel-gmbh.de", "+49 231 9876543",
                     "Wir planen eine KI-gestützte Qualitätskontrolle und suchen passende Förderung."):
        assert expected in body
    assert "zugestimmt" in body  # the partner learns that the company consented

    delivery = state["delivery"]
    assert delivery["state"] == "delivered" and delivery["attempts"] == 1 and delivery["channel"] == "email"
    assert delivery["target"] == "beratung@ihk-teststadt.example" and delivery["last_error"] is None
    assert state["contact"] is None  # personal data only when asked for
    assert 'nrwa_handoff_deliveries_total{channel="email",outcome="delivered"} 1.0' in metrics


def test_webhook_receives_signed_json(indexed, tmp_path, webhook_receiver):
    channels = {"default": {"channel": "webhook", "url": webhook_receiver.url}}
    with running_app(indexed, tmp_path, channels) as server:
        response = server.post_handoff(partner_id="hwk-teststadt", phone=None, company="  ")
        assert response.status_code == 201, response.text
        created = response.json()
        request = wait_for(lambda: webhook_receiver.requests and webhook_receiver.requests[0], "the webhook call")
        wait_for(lambda: server.handoff(created["id"])["delivery"]["state"] == "delivered", "state delivered")

    payload = request.json()
    assert request.path == "/hooks/nrwa"
    assert payload["event"] == "handoff.created"
    assert payload["id"] == created["id"] and payload["reference"] == created["reference"]
    assert payload["partner"] == {"id": "hwk-teststadt", "name": "Handwerkskammer Teststadt"}
    assert payload["contact"] == {"name": "Erika Musterfrau", "email": "erika.musterfrau@beispiel-gmbh.de",
                                  "company": None, "phone": None}
    assert payload["message"].startswith("Wir planen eine KI-gestützte Qualitätskontrolle")

    timestamp = request.headers["x-nrwa-timestamp"]
    signed = timestamp.encode() + b"." + request.body
    expected = "sha256=" + hmac.new(WEBHOOK_SECRET.encode(), signed, hashlib.sha256).hexdigest()
    assert request.headers["x-nrwa-signature"] == expected
    forged = "sha256=" + hmac.new(b"another-secret", signed, hashlib.sha256).hexdigest()
    assert request.headers["x-nrwa-signature"] != forged


def test_retry_after_the_receiver_was_down(indexed, tmp_path):
    receiver = WebhookReceiver()  # port chosen, nothing listening yet
    channels = {"partners": {"ihk-teststadt": {"channel": "webhook", "url": receiver.url, "secret": "own-secret"}}}
    with running_app(indexed, tmp_path, channels) as server:
        created = server.post_handoff().json()
        failed_once = wait_for(lambda: (h := server.handoff(created["id"]))["delivery"]["attempts"] >= 1 and h,
                               "the first attempt")
        delivery = failed_once["delivery"]
        assert delivery["state"] == "pending" and delivery["attempts"] == 1
        assert delivery["last_error"] and "Connect" in delivery["last_error"]
        retry_at = datetime.fromisoformat(delivery["next_attempt_at"])
        assert retry_at > datetime.fromisoformat(delivery["updated_at"])  # backed off, not hammering

        receiver.start()
        try:
            early = server.services.delivery.deliver_due(now=retry_at - timedelta(seconds=1))
            assert early.claimed == 0 and not receiver.requests  # the backoff is respected
            report = server.services.delivery.deliver_due(now=retry_at)
            after = server.handoff(created["id"])
        finally:
            receiver.stop()

    assert report.delivered == 1
    assert after["delivery"]["state"] == "delivered" and after["delivery"]["attempts"] == 2
    assert after["delivery"]["last_error"] is None
    assert len(receiver.requests) == 1 and receiver.requests[0].json()["reference"] == created["reference"]
    signed = receiver.requests[0].headers["x-nrwa-timestamp"].encode() + b"." + receiver.requests[0].body
    # The channel's own secret wins over the deployment-wide one.
    assert receiver.requests[0].headers["x-nrwa-signature"] == \
        "sha256=" + hmac.new(b"own-secret", signed, hashlib.sha256).hexdigest()


def test_failed_after_max_attempts_then_cli_retry_delivers(indexed, tmp_path, monkeypatch, capsys):
    receiver = WebhookReceiver()
    channels = {"default": {"channel": "webhook", "url": receiver.url}}
    with running_app(indexed, tmp_path, channels, handoff_max_attempts=2) as server:
        created = server.post_handoff().json()
        wait_for(lambda: server.handoff(created["id"])["delivery"]["attempts"] >= 1, "the first attempt")
        server.services.delivery.deliver_due(now=datetime.fromisoformat("2100-01-01T00:00:00+00:00"))
        failed = server.handoff(created["id"])["delivery"]
        assert failed["state"] == "failed" and failed["attempts"] == 2 and failed["next_attempt_at"] is None
        settings = server.settings

    receiver.start()
    try:
        for name, value in {
            "NRWA_DATA_DIR": str(settings.data_dir), "NRWA_CORPUS_DIR": str(settings.corpus_dir),
            "NRWA_HANDOFF_CHANNELS_FILE": str(settings.handoff_channels_file),
            "NRWA_HANDOFF_ALLOW_PRIVATE_WEBHOOKS": "true", "NRWA_DATABASE_URL": settings.resolved_database_url(),
        }.items():
            monkeypatch.setenv(name, value)
        monkeypatch.chdir(tmp_path)  # no stray .env
        capsys.readouterr()
        status = cli_main(["handoffs", "retry", "--failed"])
        printed = capsys.readouterr().out
    finally:
        receiver.stop()

    assert status == 0, printed
    assert '"requeued": 1' in printed and '"delivered": 1' in printed
    assert [r.json()["reference"] for r in receiver.requests] == [created["reference"]]

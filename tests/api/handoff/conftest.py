"""Loopback receivers for hand-off deliveries, started and stopped around each test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.api.handoff.receivers import SmtpReceiver, WebhookReceiver


@pytest.fixture()
def smtp_receiver() -> Iterator[SmtpReceiver]:
    receiver = SmtpReceiver().start()
    yield receiver
    receiver.stop()


@pytest.fixture()
def webhook_receiver() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver().start()
    yield receiver
    receiver.stop()

"""One delivery round: claim the due hand-offs, send each through its partner's channel, record the outcome.

Synchronous on purpose (smtplib, a plain HTTP POST): the background worker runs it in a thread, and
`nrw-assistant handoffs retry` runs it directly. The channel is looked up at every attempt, so a corrected
channels file applies to hand-offs still waiting for a retry.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx

from api.appdata.clock import utc_now
from api.appdata.handoff_store import HandoffStore, HandoffWithDelivery
from api.handoff.address_policy import ForbiddenAddress
from api.handoff.channels import Channel, EmailChannel, HandoffChannels, WebhookChannel
from api.handoff.email_message import build_handoff_email
from api.handoff.retry_schedule import RetrySchedule
from api.handoff.smtp_sender import SmtpSender
from api.handoff.webhook_payload import handoff_payload
from api.handoff.webhook_sender import WebhookRejected, WebhookSender

logger = logging.getLogger("nrwa.handoff")

# Long enough for one SMTP or HTTP attempt with its timeouts; a crashed worker's claim expires after it.
LEASE = timedelta(minutes=5)
BATCH = 50


class DeliveryProblem(Exception):
    """A failure that is ours to report, not an exception from a library."""


@dataclass
class DeliveryReport:
    claimed: int = 0
    delivered: int = 0
    retrying: int = 0
    failed: int = 0


class HandoffDelivery:
    def __init__(self, store: HandoffStore, channels: HandoffChannels | None, smtp: SmtpSender | None,
                 webhooks: WebhookSender, schedule: RetrySchedule, retention_days: int,
                 default_webhook_secret: str | None = None,
                 on_attempt: Callable[[str, str], None] | None = None) -> None:
        self._store = store
        self._channels = channels
        self._smtp = smtp
        self._webhooks = webhooks
        self._schedule = schedule
        self._retention_days = retention_days
        self._default_secret = default_webhook_secret
        self._on_attempt = on_attempt or (lambda channel, outcome: None)

    def deliver_due(self, now: datetime | None = None, ignore_schedule: bool = False,
                    limit: int = BATCH) -> DeliveryReport:
        """Attempt up to `limit` due deliveries once each. `now` lets tests and the CLI step over the backoff;
        ignore_schedule attempts every pending delivery, due or not."""
        report = DeliveryReport()
        claimed = self._store.claim_due(now or utc_now(), LEASE, limit=limit, ignore_schedule=ignore_schedule)
        report.claimed = len(claimed)
        for item in claimed:
            self._attempt(item, now or utc_now(), report)
        return report

    def _attempt(self, item: HandoffWithDelivery, now: datetime, report: DeliveryReport) -> None:
        delivery, handoff = item.delivery, item.handoff
        channel = self._channels.for_partner(handoff.partner_id) if self._channels else None
        kind, target = (channel.kind, channel.target) if channel else (None, None)
        try:
            if channel is None:
                raise DeliveryProblem(f"no hand-off channel configured for partner {handoff.partner_id}")
            note = self._send(item, channel)
        except (DeliveryProblem, ForbiddenAddress, WebhookRejected, smtplib.SMTPException, httpx.HTTPError,
                OSError) as exc:
            self._failed(item, kind, target, _describe(exc), now, report)
            return
        except Exception as exc:  # a bug must not stop the worker; the hand-off stays visible as failing
            logger.exception("unexpected error delivering hand-off %s", handoff.reference)
            self._failed(item, kind, target, f"internal error: {type(exc).__name__}", now, report)
            return
        self._store.mark_delivered(delivery.id, channel.kind, channel.target, now, note)
        self._on_attempt(channel.kind, "delivered")
        report.delivered += 1
        logger.info("hand-off %s delivered by %s", handoff.reference, channel.kind)

    def _send(self, item: HandoffWithDelivery, channel: Channel) -> str | None:
        handoff, contact = item.handoff, item.handoff.contact
        if contact is None:
            raise DeliveryProblem("personal data already deleted; nothing to deliver")
        if isinstance(channel, EmailChannel):
            if self._smtp is None:
                raise DeliveryProblem("no SMTP server configured (NRWA_SMTP_HOST, NRWA_SMTP_FROM)")
            message = build_handoff_email(handoff, contact, self._smtp.sender, channel.to, self._retention_days)
            refused = self._smtp.send(message)
            # Delivered to the partner's other addresses; retrying would send them duplicates.
            return f"refused recipients: {', '.join(sorted(refused))}" if refused else None
        if isinstance(channel, WebhookChannel):
            self._webhooks.send(channel.url, handoff_payload(handoff, contact), channel.secret or self._default_secret)
            return None
        raise DeliveryProblem(f"unknown channel {channel!r}")

    def _failed(self, item: HandoffWithDelivery, kind: str | None, target: str | None, error: str, now: datetime,
                report: DeliveryReport) -> None:
        attempts = item.delivery.attempts + 1
        retry_at = self._schedule.next_attempt(attempts, now)
        self._store.mark_failed_attempt(item.delivery.id, kind, target, error, retry_at, now)
        self._on_attempt(kind or "none", "retry" if retry_at else "failed")
        if retry_at:
            report.retrying += 1
        else:
            report.failed += 1
        logger.warning("hand-off %s: attempt %d failed (%s)%s", item.handoff.reference, attempts, error,
                       "" if retry_at else "; giving up")


def _describe(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return f"{type(exc).__name__}: {text}" if not isinstance(exc, DeliveryProblem) else text

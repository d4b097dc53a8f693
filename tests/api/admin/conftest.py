"""The loopback receivers of the hand-off tests, for admin tests that deliver hand-offs too."""

from tests.api.handoff.conftest import smtp_receiver, webhook_receiver

__all__ = ["smtp_receiver", "webhook_receiver"]

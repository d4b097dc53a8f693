"""Personal data of hand-offs is deleted after the retention period; the non-personal facts stay for statistics.
Time is simulated by passing `now` to the purge the background worker runs daily."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa

from api.appdata.tables import handoffs
from tests.api.handoff.app_under_test import running_app
from tests.api.handoff.database_file import sqlite_bytes
from tests.api.handoff.receivers import wait_for

pytestmark = pytest.mark.both_stores


def test_personal_data_is_deleted_after_retention(indexed, tmp_path, webhook_receiver):
    channels = {"default": {"channel": "webhook", "url": webhook_receiver.url}}
    with running_app(indexed, tmp_path, channels, retention_days=30) as server:
        old = server.post_handoff(email="alt@beispiel.de", name="Alte Anfrage").json()
        wait_for(lambda: server.handoff(old["id"])["delivery"]["state"] == "delivered", "delivery")
        created_at = datetime.fromisoformat(server.handoff(old["id"])["created_at"])

        # 29 days later: nothing is due yet.
        early = server.services.purge(now=created_at + timedelta(days=29))
        assert early.handoffs == 0
        assert server.handoff(old["id"], include_personal_data=True)["contact"]["email"] == "alt@beispiel.de"

        young = server.post_handoff(email="neu@beispiel.de").json()
        young_created_at = datetime.fromisoformat(server.handoff(young["id"])["created_at"])
        # Exactly 30 days after the younger one: the older one is past the period, the younger one just inside.
        report = server.services.purge(now=young_created_at + timedelta(days=30))
        purged = server.handoff(old["id"], include_personal_data=True)
        kept = server.handoff(young["id"], include_personal_data=True)
        again = server.services.purge(now=young_created_at + timedelta(days=30))

        with server.services.engine.connect() as connection:
            row = connection.execute(sa.select(handoffs).where(handoffs.c.id == old["id"])).mappings().one()

    database_bytes = sqlite_bytes(server.settings)

    assert report.handoffs == 1 and again.handoffs == 0
    assert purged["personal_data_deleted"] is True and purged["contact"] is None and purged["session_id"] is None
    # What statistics need survives: partner, dates, reference and delivery state.
    assert purged["partner_id"] == "ihk-teststadt" and purged["reference"] == old["reference"]
    assert purged["delivery"]["state"] == "delivered" and purged["created_at"]
    assert all(row[c] is None for c in ("name", "email", "company", "phone", "message", "session_id"))
    # The younger hand-off is untouched.
    assert kept["personal_data_deleted"] is False and kept["contact"]["email"] == "neu@beispiel.de"
    if database_bytes is not None:  # deleted means gone from the file and its WAL, not merely hidden from queries
        assert b"alt@beispiel.de" not in database_bytes and b"Alte Anfrage" not in database_bytes
        assert b"neu@beispiel.de" in database_bytes


def test_retention_ends_a_pending_delivery(indexed, tmp_path):
    channels = {"default": {"channel": "webhook", "url": "http://127.0.0.1:9/down"}}
    with running_app(indexed, tmp_path, channels, retention_days=7) as server:
        created = server.post_handoff().json()
        wait_for(lambda: server.handoff(created["id"])["delivery"]["attempts"] >= 1, "the first attempt")
        server.services.purge(now=datetime.fromisoformat(server.handoff(created["id"])["created_at"])
                              + timedelta(days=8))
        delivery = server.handoff(created["id"])["delivery"]

    assert delivery["state"] == "failed" and "retention" in delivery["last_error"]

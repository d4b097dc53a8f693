"""The one way app-data code reads the time: aware UTC, so tests can pass their own `now` instead."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)

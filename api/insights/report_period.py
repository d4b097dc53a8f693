"""The days a report covers: the last N calendar days in Germany, today included."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from api.insights.daily_counts import REPORT_TIMEZONE, day_start
from api.insights.insight_models import Period

MAX_DAYS = 366


def last_days(days: int, today: date) -> Period:
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_DAYS}")
    return Period(first_day=today - timedelta(days=days - 1), last_day=today, days=days,
                  timezone=str(REPORT_TIMEZONE))


def bounds(period: Period) -> tuple[datetime, datetime]:
    """The UTC timestamps [start, end) of the period, for queries on created_at."""
    return day_start(period.first_day), day_start(period.last_day + timedelta(days=1))

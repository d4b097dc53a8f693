"""Anonymous counters per day: ("topic", "energie") → 12 on 2026-06-15. The statistics are read from these.

They are counted when a turn is recorded, in the same transaction, so they outlive the per-question rows that the
retention purge deletes. Days are calendar days in Germany, as maintainers read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, select

from api.appdata.tables import daily_counts
from api.appdata.upsert import insert_or_update

REPORT_TIMEZONE = ZoneInfo("Europe/Berlin")

Key = tuple[str, str]  # (metric, item)


@dataclass(frozen=True)
class Tally:
    day: date
    metric: str
    item: str
    count: int
    total: float = 0.0  # sum of measured values (latency in ms)


def report_day(moment: datetime) -> date:
    return moment.astimezone(REPORT_TIMEZONE).date()


def day_start(day: date) -> datetime:
    """The UTC moment the German calendar day begins (timestamps in the database are UTC)."""
    return datetime.combine(day, time(), REPORT_TIMEZONE).astimezone(UTC)


def add_counts(connection: Connection, day: date, counts: Mapping[Key, tuple[int, float]]) -> None:
    """Add (count, total) to each (metric, item) of the day; concurrent writers add up, never overwrite."""
    if not counts:
        return
    statement = insert_or_update(connection.engine, daily_counts).values([
        {"day": day, "metric": metric, "item": item[:200], "count": count, "total": total}
        for (metric, item), (count, total) in counts.items()
    ])
    connection.execute(statement.on_conflict_do_update(
        index_elements=[daily_counts.c.day, daily_counts.c.metric, daily_counts.c.item],
        set_={"count": daily_counts.c.count + statement.excluded.count,
              "total": daily_counts.c.total + statement.excluded.total},
    ))


def read_counts(connection: Connection, first: date, last: date) -> list[Tally]:
    rows = connection.execute(select(daily_counts).where(daily_counts.c.day >= first, daily_counts.c.day <= last))
    return [Tally(r.day, r.metric, r.item, int(r._mapping["count"]), float(r.total)) for r in rows]

"""Usage statistics for a period: questions per topic, Kreis and region, recommended programmes and partners,
ratings, hand-offs per partner with their delivery state, answer latency; per day and per ISO week.

Everything is first read as tallies (day, metric, item, count): the daily counters of the turns, plus ratings and
hand-offs counted from their own tables (which keep their anonymous facts after the retention purge). The
statistics and the CSV export are both built from these tallies.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine, select

from api.appdata.tables import feedback, handoff_deliveries, handoffs
from api.insights.daily_counts import Tally, read_counts, report_day
from api.insights.display_names import DisplayNames
from api.insights.insight_models import (
    CountItem,
    HandoffsByPartner,
    LatencySummary,
    Period,
    SeriesPoint,
    Statistics,
    Totals,
)
from api.insights.report_period import bounds
from api.insights.turn_facts import LATENCY_BOUNDS_MS, OVER_ALL_BOUNDS

HANDOFF_STATES = ("pending", "delivered", "failed")


def read_tallies(engine: Engine, period: Period) -> list[Tally]:
    start, end = bounds(period)
    counted: Counter[tuple[date, str, str]] = Counter()
    with engine.connect() as connection:
        tallies = read_counts(connection, period.first_day, period.last_day)
        for created_at, rating in connection.execute(
                select(feedback.c.created_at, feedback.c.rating)
                .where(feedback.c.created_at >= start, feedback.c.created_at < end)):
            counted[(report_day(created_at), "rating", rating)] += 1
        for created_at, partner_id, state in connection.execute(
                select(handoffs.c.created_at, handoffs.c.partner_id, handoff_deliveries.c.state)
                .join(handoff_deliveries, handoff_deliveries.c.handoff_id == handoffs.c.id)
                .where(handoffs.c.created_at >= start, handoffs.c.created_at < end)):
            counted[(report_day(created_at), f"handoff_{state}", partner_id)] += 1
    return tallies + [Tally(day, metric, item, n) for (day, metric, item), n in counted.items()]


def build_statistics(tallies: Iterable[Tally], period: Period, names: DisplayNames) -> Statistics:
    tallies = list(tallies)
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    for t in tallies:
        totals[t.metric][t.item] += t.count

    def ranking(metric: str) -> list[CountItem]:
        items = [CountItem(key=k, label=names.label(metric, k), count=n) for k, n in totals[metric].items() if n]
        return sorted(items, key=lambda i: (-i.count, i.label))

    handoff_rows: dict[str, Counter[str]] = defaultdict(Counter)
    for state in HANDOFF_STATES:
        for partner_id, n in totals[f"handoff_{state}"].items():
            handoff_rows[partner_id][state] += n
    by_partner = sorted(
        (HandoffsByPartner(partner_id=p, partner_name=names.label("partner", p),
                           total=sum(c.values()), pending=c["pending"], delivered=c["delivered"], failed=c["failed"])
         for p, c in handoff_rows.items()),
        key=lambda h: (-h.total, h.partner_name))

    return Statistics(
        period=period,
        totals=Totals(questions=totals["questions"][""], unanswered=totals["unanswered"][""],
                      weak=totals["unanswered"]["weak"], declined=totals["unanswered"]["declined"],
                      rated_up=totals["rating"]["up"], rated_down=totals["rating"]["down"],
                      handoffs=sum(h.total for h in by_partner)),
        per_day=_series(tallies, period, lambda day: (day.isoformat(), day)),
        per_week=_series(tallies, period, _iso_week),
        topics=ranking("topic"), kreise=ranking("kreis"), regierungsbezirke=ranking("regierungsbezirk"),
        sectors=ranking("sector"), programmes=ranking("programme"), partners=ranking("partner"),
        handoffs=by_partner,
        latency=_latency([t for t in tallies if t.metric == "latency"], names),
    )


def _iso_week(day: date) -> tuple[str, date]:
    year, week, weekday = day.isocalendar()
    return f"{year}-W{week:02d}", day - timedelta(days=weekday - 1)


def _series(tallies: list[Tally], period: Period, bucket: Callable[[date], tuple[str, date]]) -> list[SeriesPoint]:
    """One point per day or week of the period, empty ones included (a chart needs the gaps)."""
    points: dict[str, dict[str, Any]] = {}
    for offset in range(period.days):
        label, first = bucket(period.first_day + timedelta(days=offset))
        points.setdefault(label, {"period": label, "first_day": first, "questions": 0, "unanswered": 0,
                                  "rated_up": 0, "rated_down": 0, "handoffs": 0, "latency": [0, 0.0]})
    for t in tallies:
        point = points.get(bucket(t.day)[0])
        if point is None:
            continue
        if (t.metric, t.item) in (("questions", ""), ("unanswered", "")):
            point[t.metric] += t.count
        elif t.metric == "rating":
            point[f"rated_{t.item}"] += t.count
        elif t.metric.startswith("handoff_"):
            point["handoffs"] += t.count
        elif t.metric == "latency":
            point["latency"][0] += t.count
            point["latency"][1] += t.total
    series = []
    for point in points.values():
        answers, total_ms = point.pop("latency")
        series.append(SeriesPoint(**point, average_latency_ms=round(total_ms / answers, 1) if answers else None))
    return series


def _latency(tallies: list[Tally], names: DisplayNames) -> LatencySummary:
    per_class: Counter[str] = Counter()
    total_ms = 0.0
    for t in tallies:
        per_class[t.item] += t.count
        total_ms += t.total
    answers = sum(per_class.values())
    order = [str(b) for b in LATENCY_BOUNDS_MS] + [OVER_ALL_BOUNDS]

    def percentile(share: float) -> float | None:
        if not answers:
            return None
        seen = 0
        for key in order:
            seen += per_class[key]
            if seen >= share * answers:
                return None if key == OVER_ALL_BOUNDS else float(key)
        return None

    return LatencySummary(
        answers=answers, average_ms=round(total_ms / answers, 1) if answers else None,
        p50_ms=percentile(0.5), p95_ms=percentile(0.95),
        classes=[CountItem(key=k, label=names.label("latency", k), count=per_class[k]) for k in order],
    )

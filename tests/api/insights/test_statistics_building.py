"""Statistics from tallies: days without traffic are shown, weeks follow ISO weeks, latency percentiles come from
the latency classes, rankings are ordered; the CSV export cannot carry a spreadsheet formula."""

from __future__ import annotations

import csv
import io
from datetime import date

from api.insights.csv_export import tallies_csv
from api.insights.daily_counts import Tally
from api.insights.display_names import DisplayNames
from api.insights.report_period import last_days
from api.insights.statistics import build_statistics

NAMES = DisplayNames({"p1": "Programm Eins"}, {"hwk-owl": "HWK OWL"})


def test_series_rankings_and_latency():
    period = last_days(10, date(2026, 6, 17))  # Mon 8 June … Wed 17 June 2026: ISO weeks 24 and 25
    tallies = [
        Tally(date(2026, 6, 8), "questions", "", 3), Tally(date(2026, 6, 15), "questions", "", 2),
        Tally(date(2026, 6, 15), "unanswered", "", 1), Tally(date(2026, 6, 16), "rating", "down", 1),
        Tally(date(2026, 6, 16), "handoff_delivered", "hwk-owl", 2), Tally(date(2026, 6, 16), "handoff_failed",
                                                                           "hwk-owl", 1),
        Tally(date(2026, 6, 8), "kreis", "Lippe", 1), Tally(date(2026, 6, 15), "kreis", "Lippe", 1),
        Tally(date(2026, 6, 15), "kreis", "", 3), Tally(date(2026, 6, 15), "programme", "p1", 2),
        Tally(date(2026, 6, 8), "latency", "500", 3, 900.0), Tally(date(2026, 6, 15), "latency", "4000", 1, 3500.0),
        Tally(date(2026, 6, 15), "latency", "inf", 1, 20000.0),
    ]
    stats = build_statistics(tallies, period, NAMES)
    assert [p.period for p in stats.per_day][:2] == ["2026-06-08", "2026-06-09"] and len(stats.per_day) == 10
    assert [(p.period, p.first_day, p.questions) for p in stats.per_week] == [
        ("2026-W24", date(2026, 6, 8), 3), ("2026-W25", date(2026, 6, 15), 2)]
    assert stats.per_week[1].handoffs == 3 and stats.per_week[1].rated_down == 1
    assert stats.per_day[0].average_latency_ms == 300.0 and stats.per_day[1].average_latency_ms is None
    assert [(k.label, k.count) for k in stats.kreise] == [("ohne Ortsangabe", 3), ("Lippe", 2)]
    assert stats.programmes[0].label == "Programm Eins"
    assert [(h.partner_name, h.total, h.delivered, h.failed) for h in stats.handoffs] == [("HWK OWL", 3, 2, 1)]
    latency = stats.latency
    assert (latency.answers, latency.average_ms, latency.p50_ms, latency.p95_ms) == (5, 4880.0, 500.0, None)
    assert [c.label for c in latency.classes][-2:] == ["bis 15 s", "über 15 s"]
    assert latency.classes[1].label == "bis 0,5 s"


def test_csv_cells_never_start_a_formula():
    tallies = [Tally(date(2026, 6, 8), "kreis", "=HYPERLINK(\"http://x\")", 1),
               Tally(date(2026, 6, 8), "topic", "-1+2", 2)]
    rows = list(csv.DictReader(io.StringIO(tallies_csv(tallies, NAMES))))
    assert [r["schluessel"] for r in rows] == ["'=HYPERLINK(\"http://x\")", "'-1+2"]
    assert rows[0]["kennzahl_bezeichnung"] == "Kreis" and rows[1]["anzahl"] == "2"

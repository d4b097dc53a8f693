"""CSV exports for spreadsheets: the daily tallies (long format, one row per day, metric and item), the unanswered
questions with their group, and the feedback. Only what the admin API shows anyway; nothing identifies a person.

A cell that starts like a formula (=, +, -, @) gets a leading apostrophe: the texts come from users, and a
spreadsheet must not run them.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from api.appdata.feedback_store import FeedbackRecord
from api.insights.daily_counts import Tally
from api.insights.display_names import METRIC_LABELS, DisplayNames
from api.insights.insight_models import UnansweredReport

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def tallies_csv(tallies: Iterable[Tally], names: DisplayNames) -> str:
    rows = sorted(tallies, key=lambda t: (t.day, t.metric, t.item))
    return _csv(["tag", "kennzahl", "kennzahl_bezeichnung", "schluessel", "bezeichnung", "anzahl", "summe_ms"],
                ([t.day.isoformat(), t.metric, METRIC_LABELS.get(t.metric, t.metric), t.item,
                  names.label(t.metric, t.item), t.count, round(t.total, 1) if t.total else ""] for t in rows))


def unanswered_csv(report: UnansweredReport) -> str:
    """Every question of the report once, with its group (build the report with all examples for this)."""
    rows = []
    for number, group in enumerate(report.groups, start=1):
        for question in group.examples:
            rows.append([number, group.summary, group.topic_label or "", group.sector_label or "",
                         question.asked_at.isoformat(), question.question or "", question.kreis or "",
                         " ".join(question.reasons)])
    return _csv(["gruppe", "zusammenfassung", "thema", "branche", "gefragt_am", "frage", "kreis", "gruende"], rows)


def feedback_csv(records: Sequence[FeedbackRecord]) -> str:
    return _csv(["zeit", "bewertung", "kommentar", "quellen", "programme", "konfidenz"],
                ([r.created_at.isoformat(), r.rating, r.comment or "", " ".join(r.sources), " ".join(r.programmes),
                  "" if r.confidence is None else r.confidence] for r in records))


def _csv(header: list[str], rows: Iterable[Iterable[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_safe(cell) for cell in row] for row in rows)
    return out.getvalue()


def _safe(cell: Any) -> Any:
    return "'" + cell if isinstance(cell, str) and cell.startswith(_FORMULA_START) else cell

"""`nrw-assistant report [--days N] [--json]`: the statistics and the grouped unanswered questions of the last days,
as German text for a cron mail or as one JSON object (`{"statistics": …, "unanswered": …}`, as the admin API)."""

from __future__ import annotations

import argparse
import json
from datetime import date

from api.insights.insight_models import CountItem, SeriesPoint, Statistics, UnansweredReport
from assistant.settings import Settings

_TOP = 8  # entries per ranking in the text


def add_report_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--days", type=int, default=7, help="the last N calendar days, today included (default 7)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of text")


def run_report(args: argparse.Namespace, settings: Settings) -> int:
    """Database errors become RuntimeError, which the CLI prints as one line (exit 2)."""
    from sqlalchemy.exc import SQLAlchemyError

    from api.appdata.engine import engine_from_settings
    from api.appdata.migrator import current_revision, head_revision
    from api.insights.insights_service import build_insights

    engine = engine_from_settings(settings)
    try:
        if current_revision(engine) != head_revision():
            raise RuntimeError("the app data schema is not current: run `nrw-assistant db upgrade` first")
        insights = build_insights(settings, engine)
        period = insights.period(args.days)
        statistics, unanswered = insights.statistics(period), insights.unanswered(period)
    except SQLAlchemyError as exc:
        raise RuntimeError(f"app data database: {exc.__class__.__name__}: {exc}") from exc
    finally:
        engine.dispose()
    if args.json:
        print(json.dumps({"statistics": statistics.model_dump(mode="json"),
                          "unanswered": unanswered.model_dump(mode="json")}, ensure_ascii=False))
    else:
        print(report_text(statistics, unanswered))
    return 0


def report_text(statistics: Statistics, unanswered: UnansweredReport) -> str:
    s, p, t = statistics, statistics.period, statistics.totals
    lines = [
        f"NRW Innovation Assistant – Bericht {_date(p.first_day)} bis {_date(p.last_day)} ({p.days} Tage)",
        "",
        f"Fragen: {t.questions} · ohne gute Antwort: {t.unanswered} (keine passende Quelle: {t.weak}, ohne "
        f"gesicherte Antwort: {t.declined}) · hilfreich: {t.rated_up} · nicht hilfreich: {t.rated_down} · "
        f"Übergaben: {t.handoffs}",
        f"Antwortzeit: {_latency(statistics)}",
        "",
        _ranking("Themen", s.topics), _ranking("Kreise", s.kreise), _ranking("Regierungsbezirke", s.regierungsbezirke),
        _ranking("Branchen", s.sectors), _ranking("Empfohlene Programme", s.programmes),
        _ranking("Empfohlene Partner", s.partners),
        "Übergaben an Partner:" + ("" if s.handoffs else " keine"),
        *(f"  {h.partner_name}: {h.total} (zugestellt {h.delivered}, offen {h.pending}, gescheitert {h.failed})"
          for h in s.handoffs),
        "",
        "Pro Woche:", *_series(s.per_week),
    ]
    if p.days <= 31:
        lines += ["Pro Tag:", *_series(s.per_day)]
    groups = len(unanswered.groups)
    lines += ["", f"Fragen ohne gute Antwort: {unanswered.total}, in {groups} {'Gruppe' if groups == 1 else 'Gruppen'}"]
    for group in unanswered.groups:
        lines.append(f"  - {group.summary}")
        lines += [f"      „{e.question}“" + (f" ({e.kreis})" if e.kreis else "")
                  for e in group.examples[:2] if e.question]
    return "\n".join(lines)


def _date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def _ranking(title: str, items: list[CountItem]) -> str:
    shown = ", ".join(f"{i.label} {i.count}" for i in items[:_TOP])
    more = f" (und {len(items) - _TOP} weitere)" if len(items) > _TOP else ""
    return f"{title}: {shown or 'keine'}{more}"


def _latency(statistics: Statistics) -> str:
    latency = statistics.latency
    if not latency.answers:
        return "keine Antworten"
    parts = [f"Mittel {latency.average_ms:.0f} ms"]
    for name, value in (("Median", latency.p50_ms), ("95 %", latency.p95_ms)):
        parts.append(f"{name} bis {value:.0f} ms" if value is not None else f"{name} über 15 s")
    return ", ".join(parts) + f" ({latency.answers} Antworten)"


def _series(points: list[SeriesPoint]) -> list[str]:
    return [f"  {point.period}: Fragen {point.questions}, ohne gute Antwort {point.unanswered}, hilfreich "
            f"{point.rated_up}, nicht hilfreich {point.rated_down}, Übergaben {point.handoffs}"
            + (f", Antwortzeit Ø {point.average_latency_ms:.0f} ms" if point.average_latency_ms is not None else "")
            for point in points]

"""The report of questions the assistant could not answer well, grouped by subject, largest group first:
"12 Fragen zu Photovoltaik (Energie), überwiegend Handwerk – keine passende Quelle"."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Engine, select

from api.appdata.tables import unanswered_questions
from api.insights.display_names import DisplayNames
from api.insights.insight_models import CountItem, Period, UnansweredExample, UnansweredGroup, UnansweredReport
from api.insights.question_grouping import QuestionGroup, QuestionGrouper, QuestionToGroup
from api.insights.report_period import bounds

EXAMPLES = 5
_REASONS = ("weak", "declined", "rated_down")


def build_unanswered_report(engine: Engine, grouper: QuestionGrouper, names: DisplayNames, period: Period,
                            examples: int | None = EXAMPLES) -> UnansweredReport:
    """`examples`: how many questions each group lists, newest first (None: all, for the export)."""
    start, end = bounds(period)
    table = unanswered_questions
    with engine.connect() as connection:
        rows = connection.execute(select(table).where(table.c.created_at >= start, table.c.created_at < end)
                                  .order_by(table.c.created_at, table.c.message_id)).mappings().all()
    groups = grouper.group([QuestionToGroup(r["question"] or "", (r["topics"] or [None])[0],
                                            tuple(p for p in (r["gemeinde"], r["kreis"]) if p)) for r in rows])
    return UnansweredReport(period=period, total=len(rows),
                            groups=[_group(g, [rows[m] for m in g.members], names, examples) for g in groups])


def _group(group: QuestionGroup, rows: list[Any], names: DisplayNames, examples: int | None) -> UnansweredGroup:
    reasons = {reason: sum(bool(r[reason]) for r in rows) for reason in _REASONS}
    sectors = Counter(r["sector"] for r in rows if r["sector"])
    sector, sector_count = sectors.most_common(1)[0] if sectors else (None, 0)
    sector_label = names.label("sector", sector) if sector and 2 * sector_count >= len(rows) else None
    topic_label = names.label("topic", group.topic) if group.topic else None
    kreise = Counter(r["kreis"] or "" for r in rows)
    return UnansweredGroup(
        summary=_summary(len(rows), group.keywords, topic_label, sector_label, reasons),
        count=len(rows), keywords=group.keywords, topic=group.topic, topic_label=topic_label,
        sector_label=sector_label, **reasons,
        kreise=sorted((CountItem(key=k, label=names.label("kreis", k), count=n) for k, n in kreise.items()),
                      key=lambda i: (-i.count, i.label)),
        first_asked=rows[0]["created_at"], last_asked=rows[-1]["created_at"],
        examples=[UnansweredExample(asked_at=r["created_at"], question=r["question"], kreis=r["kreis"],
                                    reasons=[reason for reason in _REASONS if r[reason]])
                  for r in list(reversed(rows))[:examples]],
    )


def _summary(count: int, keywords: list[str], topic_label: str | None, sector_label: str | None,
             reasons: dict[str, int]) -> str:
    questions = "1 Frage" if count == 1 else f"{count} Fragen"
    if keywords:
        subject = f"zu {', '.join(keywords)}" + (f" ({topic_label})" if topic_label else "")
    else:
        subject = f"zum Thema {topic_label}" if topic_label else "ohne erkennbares Thema"
    text = f"{questions} {subject}" + (f", überwiegend {sector_label}" if sector_label else "")
    why = []
    if 2 * reasons["weak"] >= count:
        why.append("keine passende Quelle")
    elif 2 * reasons["declined"] >= count:
        why.append("ohne gesicherte Antwort")
    if reasons["rated_down"]:
        why.append(f"{reasons['rated_down']}× als nicht hilfreich bewertet")
    return text + (f" – {'; '.join(why)}" if why else "")

"""Every user-facing sentence of the extractive answerer, in German and English."""

from __future__ import annotations

PHRASES: dict[str, dict[str, str]] = {
    "de": {
        "disclosure": "_Hinweis: Sie sprechen mit einem automatisierten Assistenten (KI). Die Antworten sind "
                      "keine verbindliche Förderberatung – bitte prüfen Sie die verlinkten Quellen._",
        "intro_programs": "Diese Angebote passen nach meinen Quellen zu Ihrer Frage:",
        "intro_more_programs": "Weitere Angebote zu Ihrer Frage:",
        "intro_passages": "Das sagen meine Quellen dazu:",
        "ended_header": "Nicht mehr verfügbar (nur zur Einordnung):",
        "ended_line": "**{name}** ist beendet{since}.{note}",
        "ended_since": " (seit {date})",
        "named_closed": "**{name}** kann nicht mehr beantragt werden: Das Programm ist beendet{since}.{note}",
        "named_successor": " Nachfolger bzw. Alternative: **{successor}**.",
        "named_open": "**{name}** ist nach meinen Quellen derzeit offen{note}.",
        "named_unknown": "Zum aktuellen Stand von **{name}** habe ich keine gesicherte Angabe{note} – bitte prüfen "
                         "Sie die offizielle Seite.",
        "status_open": "offen",
        "status_closed": "beendet",
        "status_unknown": "Status unklar",
        "no_answer": "Dazu habe ich keine gesicherte Information in meinen Quellen.",
        "no_answer_partner": "Am besten hilft Ihnen hier eine persönliche Beratung weiter:",
        "no_answer_default_partner": "Eine erste kostenlose Orientierung geben die IHK oder Handwerkskammer vor Ort "
                                     "und das Service-Center der NRW.BANK.",
        "partners_header": "Ansprechpartner:",
        "sources_header": "Quellen:",
        "source_line": "[{id}] {title}{page} – {url} (Stand: {as_of})",
        "page": ", Seite {page}",
        "as_of_unknown": "unbekannt",
        "caveat": "Wichtig: Bei Zuschüssen darf das Vorhaben meist erst nach Antrag bzw. Bewilligung beginnen.",
    },
    "en": {
        "disclosure": "_Note: you are talking to an automated assistant (AI). Answers are not binding funding "
                      "advice – please check the linked sources._",
        "intro_programs": "According to my sources, these offers fit your question:",
        "intro_more_programs": "Further offers related to your question:",
        "intro_passages": "This is what my sources say:",
        "ended_header": "No longer available (for context only):",
        "ended_line": "**{name}** has ended{since}.{note}",
        "ended_since": " (since {date})",
        "named_closed": "**{name}** can no longer be applied for: the programme has ended{since}.{note}",
        "named_successor": " Successor or alternative: **{successor}**.",
        "named_open": "According to my sources, **{name}** is currently open{note}.",
        "named_unknown": "I have no confirmed information on the current status of **{name}**{note} – please "
                         "check the official page.",
        "status_open": "open",
        "status_closed": "ended",
        "status_unknown": "status unclear",
        "no_answer": "I have no reliable information on this in my sources.",
        "no_answer_partner": "A personal consultation will help you best here:",
        "no_answer_default_partner": "The local IHK or Handwerkskammer and the NRW.BANK Service-Center offer a "
                                     "free first orientation.",
        "partners_header": "Contacts:",
        "sources_header": "Sources:",
        "source_line": "[{id}] {title}{page} – {url} (as of: {as_of})",
        "page": ", page {page}",
        "as_of_unknown": "unknown",
        "caveat": "Important: for grants, the project usually may only start after application or approval.",
    },
}


def format_date(iso: str, locale: str) -> str:
    """2024-12-31 → 31.12.2024 in German, unchanged in English (ISO is unambiguous)."""
    parts = iso.split("-")
    if locale == "de" and len(parts) == 3 and all(p.isdigit() for p in parts):
        return f"{parts[2]}.{parts[1]}.{parts[0]}"
    return iso


def phrase(locale: str, key: str, **values: object) -> str:
    table = PHRASES.get(locale, PHRASES["de"])
    return table[key].format(**values)

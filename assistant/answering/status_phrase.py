"""How a programme's status and the age of a fact read for a person, on the day they ask.

Everything comes from the day's view of the catalog (indexer/programme_status.py): "offen", "nur noch bis
31.12.2026", "beendet am 31.12.2026", "Status unklar – bitte beim Anbieter prüfen", "nächste Antragsphase ab …".
A fact whose source is older than the staleness limit says so ("Stand 02/2024 – bitte beim Anbieter prüfen"); an
undated source never shows the day it was read as its "Stand" ("Quelle ohne Datum, gesichtet am 07.12.2026").
"""

from __future__ import annotations

from indexer.catalog import Program
from indexer.source_date import display_date

_TEXT = {
    "de": {
        "open": "offen", "open_until": "offen, Anträge bis {date}", "ending_soon": "nur noch bis {date}",
        "closed_on": "beendet am {date}", "closed_in": "beendet ({date})", "closed": "beendet",
        "unknown": "Status unklar – bitte beim Anbieter prüfen", "between": "nächste Antragsphase ab {date}",
        "deadline": "nächster Stichtag {date}", "stale": "Stand {date} – bitte beim Anbieter prüfen",
        "undated": "Quelle ohne Datum, gesichtet am {date}", "as_of": "Stand {date}",
    },
    "en": {
        "open": "open", "open_until": "open, applications until {date}", "ending_soon": "only until {date}",
        "closed_on": "ended on {date}", "closed_in": "ended ({date})", "closed": "ended",
        "unknown": "status unclear – please check with the provider", "between": "next application round from {date}",
        "deadline": "next deadline {date}", "stale": "as of {date} – please check with the provider",
        "undated": "undated source, read on {date}", "as_of": "as of {date}",
    },
}


def _text(locale: str, key: str, **values: str) -> str:
    return _TEXT.get(locale, _TEXT["de"])[key].format(**values)


def status_phrase(program: Program, locale: str = "de") -> str:
    """The status as it stands today, with its date: what a person reads beside the programme's name."""
    today = program.today
    if program.status == "closed":
        if program.ended_on:
            date = display_date(program.ended_on, locale)
            return _text(locale, "closed_on" if len(program.ended_on) == 10 else "closed_in", date=date)
        return _text(locale, "closed")
    if today is not None and today.opens_on:
        return _text(locale, "between", date=display_date(today.opens_on, locale))
    if program.status == "unknown":
        return _text(locale, "unknown")
    parts = []
    if today is not None and today.ends_on:
        key = "ending_soon" if today.ending_soon else "open_until"
        parts.append(_text(locale, key, date=display_date(today.ends_on, locale)))
    else:
        parts.append(_text(locale, "open"))
    if today is not None and today.next_deadline and today.next_deadline != today.ends_on:
        parts.append(_text(locale, "deadline", date=display_date(today.next_deadline, locale)))
    return "; ".join(parts)


def as_of_phrase(as_of: str | None, checked_on: str | None, stale: bool, locale: str = "de") -> str:
    """"Stand 07.01.2026", "Stand 02/2024 – bitte beim Anbieter prüfen" or "Quelle ohne Datum, gesichtet am …"."""
    if as_of:
        return _text(locale, "stale" if stale else "as_of", date=display_date(as_of, locale))
    if checked_on:
        return _text(locale, "undated", date=display_date(checked_on, locale))
    return _text(locale, "undated", date="?").split(",")[0]


def stale_note(program: Program, locale: str = "de") -> str | None:
    """The warning for a programme whose newest source is older than the staleness limit, else None."""
    if program.today is None or not program.today.stale or not program.as_of:
        return None
    return _text(locale, "stale", date=display_date(program.as_of, locale))

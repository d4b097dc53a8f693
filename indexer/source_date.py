"""The date of a source at the precision the source gives it: a day, a month ("Stand 02/2024") or only a year.

A source that gives only a month or a year is not pretended to be more exact: it is shown as it was given and, for
staleness, counts from its first day (the conservative reading: it may be older than its last day suggests).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class SourceDate:
    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def parse(cls, value: object) -> SourceDate | None:
        """`None`/"" → None; a date, "2026", "2024-02" or "2026-01-07" → a SourceDate; anything else ValueError."""
        if value is None or value == "":
            return None
        if isinstance(value, date):
            return cls(value.year, value.month, value.day)
        match = _ISO.match(str(value).strip())
        if not match:
            raise ValueError(f"not a date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
        year, month, day = (int(g) if g else None for g in match.groups())
        parsed = cls(year, month, day)  # type: ignore[arg-type]
        parsed.first_day()  # validates month and day
        return parsed

    def first_day(self) -> date:
        return date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> date:
        if self.day is not None:
            return date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return date(self.year, month, calendar.monthrange(self.year, month)[1])

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def display(self, locale: str = "de") -> str:
        """31.12.2024, 02/2024, 2023 in German; 2024-12-31, 02/2024, 2023 in English (ISO days are unambiguous)."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{self.month:02d}/{self.year}"
        return f"{self.day:02d}.{self.month:02d}.{self.year}" if locale == "de" else self.iso()

def months_back(today: date, months: int) -> date:
    """The same day `months` months earlier (the last day of a shorter month)."""
    total = today.year * 12 + today.month - 1 - months
    year, month = divmod(total, 12)
    return date(year, month + 1, min(today.day, calendar.monthrange(year, month + 1)[1]))


def is_stale(value: object, today: date, months: int) -> bool:
    """True when the source date lies more than `months` months before today; an undated source is not "stale"
    (it is shown as undated instead)."""
    try:
        parsed = SourceDate.parse(value)
    except ValueError:
        return False
    return parsed is not None and parsed.first_day() < months_back(today, months)


def display_date(value: object, locale: str = "de") -> str:
    """A stored date (ISO, possibly partial) as a reader sees it; text that is no date is returned unchanged."""
    try:
        parsed = SourceDate.parse(value)
    except ValueError:
        return str(value)
    return parsed.display(locale) if parsed else ""

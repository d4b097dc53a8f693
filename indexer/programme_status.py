"""The one place where a programme's status for a given day is decided.

The catalog says what its newest source said (`status`, as of `as_of`) and which dates the sources give:
`valid_until` (the guideline or application period ends), `application_windows`, `deadlines` and `ended_on`. What an
SME sees is computed from those and today's date, so it stays true tomorrow: a programme past its end is closed
("beendet am …") whatever the curated status says, one within `ending_soon_days` of its end is "nur noch bis …", and a
cut-off that has passed is never named as the next one. Chat, /api/programs, /api/search, the advisor page, the LLM
prompt and its answer checker all read a day's view (ProgrammesToday), never the catalog's raw status.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from datetime import date

from indexer.catalog import Program
from indexer.search_filter import SearchFilter
from indexer.source_date import SourceDate, is_stale

ENDING_SOON_DAYS = 45
STALE_AFTER_MONTHS = 12


@dataclass(frozen=True)
class ProgrammeStatus:
    status: str  # open | closed | unknown: what can be said today
    curated: str  # what programs.yaml says (as of its source)
    reason: str  # catalog | ended_on_passed | valid_until_passed | windows_passed | between_windows
    ended_on: str | None = None  # when it ended (ISO, possibly partial), if it has
    ends_on: str | None = None  # the last day applications are possible, when a source states it and it is ahead
    days_left: int | None = None  # days from today to ends_on
    ending_soon: bool = False  # ends_on lies within ending_soon_days
    next_deadline: str | None = None  # the next cut-off day, today or later
    opens_on: str | None = None  # between application windows: when the next one opens
    stale: bool = False  # the newest source is older than the staleness limit


def _day(iso: str | None) -> date | None:
    parsed = SourceDate.parse(iso) if iso else None
    return parsed.last_day() if parsed else None


def programme_status(program: Program, today: date, ending_soon_days: int = ENDING_SOON_DAYS,
                     stale_after_months: int = STALE_AFTER_MONTHS) -> ProgrammeStatus:
    """The status of `program` on `today`. The catalog's `closed` is final; dates can only close, never open."""
    curated = program.curated_status
    stale = is_stale(program.as_of, today, stale_after_months)
    next_deadline = next((d for d in program.deadlines if date.fromisoformat(d) >= today), None)

    ended = _day(program.ended_on)
    if curated == "closed" or (ended is not None and ended < today):
        reason = "catalog" if curated == "closed" else "ended_on_passed"
        return ProgrammeStatus("closed", curated, reason, ended_on=program.ended_on or program.valid_until,
                               stale=stale)
    until = _day(program.valid_until)
    if until is not None and until < today:
        return ProgrammeStatus("closed", curated, "valid_until_passed", ended_on=program.valid_until, stale=stale)

    ends: date | None = until
    if ended is not None:  # an end the sources announce ("läuft zum 31.12.2026 aus")
        ends = min(ends, ended) if ends else ended
    opens_on: str | None = None
    status = curated
    reason = "catalog"
    if program.application_windows:
        windows = [(date.fromisoformat(a), date.fromisoformat(b)) for a, b in program.application_windows]
        current = next(((a, b) for a, b in windows if a <= today <= b), None)
        upcoming = [(a, b) for a, b in windows if a > today]
        if current is not None:
            ends = min(current[1], ends) if ends else current[1]
        elif upcoming:
            # Not open today, but the sources name the next window: neither open nor ended.
            status, reason, opens_on, ends = "unknown", "between_windows", upcoming[0][0].isoformat(), None
        else:
            last = windows[-1][1].isoformat()
            return ProgrammeStatus("closed", curated, "windows_passed", ended_on=last, stale=stale)

    days_left = (ends - today).days if ends is not None else None
    return ProgrammeStatus(
        status, curated, reason,
        ends_on=ends.isoformat() if ends is not None else None,
        days_left=days_left,
        ending_soon=days_left is not None and 0 <= days_left <= ending_soon_days,
        next_deadline=next_deadline,
        opens_on=opens_on,
        stale=stale,
    )


def on_day(program: Program, today: date, ending_soon_days: int = ENDING_SOON_DAYS,
           stale_after_months: int = STALE_AFTER_MONTHS) -> Program:
    """The programme as it stands on `today`: `status` and `ended_on` computed, the details in `program.today`."""
    status = programme_status(program, today, ending_soon_days, stale_after_months)
    return replace(program, status=status.status, ended_on=status.ended_on or program.ended_on, today=status)


class ProgrammesToday(Mapping[str, Program]):
    """The catalog as it stands today, recomputed when the date changes (so a server running past midnight, or a
    test setting NRWA_TODAY, never serves yesterday's status). Reads like the dict it replaces."""

    def __init__(self, catalog: Callable[[], Mapping[str, Program]] | Mapping[str, Program],
                 today: Callable[[], date], ending_soon_days: int = ENDING_SOON_DAYS,
                 stale_after_months: int = STALE_AFTER_MONTHS) -> None:
        self._catalog = catalog if callable(catalog) else (lambda: catalog)
        self._today = today
        self._ending_soon_days = ending_soon_days
        self._stale_after_months = stale_after_months
        # (day, the catalog object itself — not its id(), which a new catalog may reuse —, the day's view)
        self._cache: tuple[date, Mapping[str, Program], dict[str, Program]] | None = None
        self._lock = threading.Lock()

    @property
    def today(self) -> date:
        return self._today()

    @property
    def stale_after_months(self) -> int:
        return self._stale_after_months

    def catalog(self) -> Mapping[str, Program]:
        """The catalog behind the day's view (another object once it changed, e.g. a new index generation)."""
        return self._catalog()

    def _view(self) -> dict[str, Program]:
        day = self._today()
        source = self._catalog()
        cached = self._cache
        if cached is not None and cached[0] == day and cached[1] is source:
            return cached[2]
        with self._lock:
            view = {pid: on_day(p, day, self._ending_soon_days, self._stale_after_months) for pid, p in source.items()}
            self._cache = (day, source, view)
        return view

    def __getitem__(self, program_id: str) -> Program:
        return self._view()[program_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._view())

    def __len__(self) -> int:
        return len(self._view())


def with_status_resolved(search_filter: SearchFilter | None,
                         programmes: Mapping[str, Program]) -> SearchFilter | None:
    """A status filter turned into the catalog programmes that have that status today (see SearchFilter)."""
    if search_filter is None or not search_filter.status:
        return search_filter
    ids = tuple(sorted(pid for pid, p in programmes.items() if p.status in search_filter.status))
    return replace(search_filter, programmes_with_status=ids)

"""iCalendar feeds (RFC 5545, read with the `icalendar` package) → events with start, end, place or online,
region, topics and organiser.

Times without a zone are taken as German local time; all-day events run to the end of their last day.
Custom properties a feed may set: X-NRWA-REGION (e.g. Münsterland), X-NRWA-ONLINE (TRUE/FALSE).
Recurring events (RRULE) are read as their first occurrence.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from indexer.parsers.errors import ParseError

LOCAL_ZONE = ZoneInfo("Europe/Berlin")
ONLINE_WORDS = ("online", "webinar", "virtuell", "digital via", "zoom", "teams", "livestream")


@dataclass
class CalendarEvent:
    uid: str
    title: str
    start: datetime
    end: datetime
    all_day: bool
    location: str = ""
    online: bool = False
    region: str | None = None
    topics: list[str] = field(default_factory=list)
    organiser: str | None = None
    url: str | None = None
    description: str = ""
    modified: str | None = None  # ISO date of LAST-MODIFIED or CREATED
    cancelled: bool = False


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0]
    return str(value).strip()


def _moment(value: Any, end_of_day: bool = False) -> datetime:
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=LOCAL_ZONE)
    if isinstance(value, date):
        moment = datetime.combine(value, time.min, tzinfo=LOCAL_ZONE)
        return moment + timedelta(days=1) if end_of_day else moment
    raise ValueError(f"not a date: {value!r}")


def _decoded(component: Any, name: str) -> Any:
    try:
        return component.decoded(name)
    except (KeyError, ValueError, TypeError):
        return None


def _categories(component: Any) -> list[str]:
    values = component.get("CATEGORIES")
    if values is None:
        return []
    groups = values if isinstance(values, list) else [values]
    names: list[str] = []
    for group in groups:
        for item in getattr(group, "cats", [group]):
            name = str(item).strip()
            if name and name not in names:
                names.append(name)
    return names


def _organiser(component: Any) -> str | None:
    organiser = component.get("ORGANIZER")
    if organiser is None:
        return None
    name = getattr(organiser, "params", {}).get("CN")
    return str(name).strip() if name else str(organiser).removeprefix("mailto:").strip() or None


def _modified(component: Any) -> str | None:
    for name in ("LAST-MODIFIED", "CREATED"):
        value = _decoded(component, name)
        if isinstance(value, (datetime, date)):
            return value.date().isoformat() if isinstance(value, datetime) else value.isoformat()
    return None


def _event(component: Any) -> CalendarEvent:
    start_value = _decoded(component, "DTSTART")
    if not isinstance(start_value, (datetime, date)):
        raise ValueError("event has no valid DTSTART")
    all_day = not isinstance(start_value, datetime)
    start = _moment(start_value)
    end_value = _decoded(component, "DTEND")
    if isinstance(end_value, (datetime, date)):
        end = _moment(end_value)  # DTEND of an all-day event is already the day after (exclusive)
    else:
        duration = _decoded(component, "DURATION")
        if isinstance(duration, timedelta):
            end = start + duration
        else:
            end = _moment(start_value, end_of_day=True) if all_day else start + timedelta(hours=1)
    location = _text(component, "LOCATION")
    online_flag = _text(component, "X-NRWA-ONLINE").lower()
    online = online_flag in ("true", "1", "ja", "yes") if online_flag else any(
        w in location.lower() for w in ONLINE_WORDS)
    title = _text(component, "SUMMARY")
    if not title:
        raise ValueError("event has no SUMMARY (title)")
    return CalendarEvent(
        uid=_text(component, "UID") or f"{title}|{start.isoformat()}",
        title=title,
        start=start,
        end=end,
        all_day=all_day,
        location=location,
        online=online,
        region=_text(component, "X-NRWA-REGION") or None,
        topics=_categories(component),
        organiser=_organiser(component),
        url=_text(component, "URL") or None,
        description=_text(component, "DESCRIPTION"),
        modified=_modified(component),
        cancelled=_text(component, "STATUS").upper() == "CANCELLED",
    )


def parse_ical(data: bytes) -> tuple[list[CalendarEvent], list[str]]:
    """Return (events, problems). A feed that is not iCalendar at all raises ParseError."""
    if not data.lstrip(b"\xef\xbb\xbf \r\n\t").upper().startswith(b"BEGIN:VCALENDAR"):
        raise ParseError("not an iCalendar feed (it does not start with BEGIN:VCALENDAR)")
    try:
        import icalendar  # only ical sources need it; a missing package must not break the whole indexer
    except ImportError as exc:
        raise ParseError("the package 'icalendar' is not installed (pip install icalendar)") from exc
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ParseError(f"iCalendar feed is broken ({exc})") from exc
    events: list[CalendarEvent] = []
    problems: list[str] = []
    for component in calendar.walk("VEVENT"):
        try:
            events.append(_event(component))
        except ValueError as exc:
            problems.append(f"event {_text(component, 'UID') or _text(component, 'SUMMARY') or '?'}: {exc}")
    return events, problems

"""Event pages → events: the schema.org `Event` data (JSON-LD) that event calendars and partner sites embed for
search engines, read into the same CalendarEvent an iCalendar feed gives.

Only structured data is trusted: dates guessed from running text would let a past event pass as upcoming. Times
without a zone are German local time; an event without an end ends with its day. Returns (events, problems).
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime, time, timedelta
from typing import Any
from urllib.parse import urljoin

from bs4 import BeautifulSoup

from indexer.parsers.ical_parser import LOCAL_ZONE, ONLINE_WORDS, CalendarEvent

_TAGS = re.compile(r"<[^>]+>")


def _types(node: dict[str, Any]) -> list[str]:
    value = node.get("@type") or []
    return [str(t) for t in (value if isinstance(value, list) else [value])]


def _nodes(data: Any) -> list[dict[str, Any]]:
    """Every object in a JSON-LD document, including those in lists and @graph."""
    if isinstance(data, list):
        return [n for item in data for n in _nodes(item)]
    if not isinstance(data, dict):
        return []
    return [data, *_nodes(data.get("@graph") or [])]


def _text(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(t for t in (_text(v) for v in value) if t)
    if isinstance(value, dict):
        return _text(value.get("name") or value.get("@value") or "")
    return _TAGS.sub(" ", str(value or "")).strip()


def _moment(value: Any) -> tuple[datetime, bool]:
    """(moment, all day) of an ISO date or date-time."""
    text = str(value or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return datetime.combine(date.fromisoformat(text), time.min, tzinfo=LOCAL_ZONE), True
    moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return (moment if moment.tzinfo else moment.replace(tzinfo=LOCAL_ZONE)), False


def _place(location: Any) -> tuple[str, bool]:
    """(place text, online) of a schema.org location: text, Place, PostalAddress, VirtualLocation or a list."""
    items = location if isinstance(location, list) else [location]
    parts: list[str] = []
    online = False
    for item in items:
        if isinstance(item, dict):
            if "VirtualLocation" in _types(item):
                online = True
                continue
            address = item.get("address")
            if isinstance(address, dict):
                street = _text(address.get("streetAddress"))
                town = " ".join(t for t in (_text(address.get("postalCode")), _text(address.get("addressLocality")))
                                if t)
                address_text = ", ".join(t for t in (street, town) if t)
            else:
                address_text = _text(address)
            parts.append(", ".join(t for t in (_text(item.get("name")), address_text) if t))
        elif item:
            parts.append(_text(item))
    place = "; ".join(p for p in parts if p)
    return place, online or any(w in place.lower() for w in ONLINE_WORDS)


def _event(node: dict[str, Any], page_url: str, index: int) -> CalendarEvent:
    title = _text(node.get("name"))
    if not title:
        raise ValueError("event has no name")
    if not node.get("startDate"):
        raise ValueError("event has no startDate")
    start, all_day = _moment(node["startDate"])
    if node.get("endDate"):
        end, end_all_day = _moment(node["endDate"])
        if end_all_day:
            end += timedelta(days=1)  # an end date means the whole of that day
    else:
        end = datetime.combine(start.astimezone(LOCAL_ZONE).date() + timedelta(days=1), time.min, tzinfo=LOCAL_ZONE)
    place, online = _place(node.get("location"))
    mode = str(node.get("eventAttendanceMode") or "")
    keywords = node.get("keywords") or []
    topics = [t.strip() for t in (keywords.split(",") if isinstance(keywords, str) else map(_text, keywords))]
    url = urljoin(page_url, str(node["url"])) if node.get("url") else None
    return CalendarEvent(
        uid=str(node.get("@id") or url or f"{page_url}#event-{index}"),
        title=title,
        start=start,
        end=end,
        all_day=all_day,
        location=place,
        online=online or "Online" in mode or "Mixed" in mode,
        topics=[t for t in topics if t],
        organiser=_text(node.get("organizer")) or None,
        url=url,
        description=_text(node.get("description")),
        cancelled="EventCancelled" in str(node.get("eventStatus") or ""),
    )


def events_on_page(html: str, page_url: str) -> tuple[list[CalendarEvent], list[str]]:
    soup = BeautifulSoup(html, "html.parser")
    events: list[CalendarEvent] = []
    problems: list[str] = []
    for script in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(script.string or "")
        except ValueError:
            problems.append("structured data (JSON-LD) is not valid JSON")
            continue
        for node in _nodes(data):
            if not any(t.endswith("Event") for t in _types(node)):
                continue
            try:
                events.append(_event(node, page_url, len(events)))
            except (ValueError, TypeError) as exc:
                problems.append(f"event {_text(node.get('name')) or '?'}: {exc}")
    return events, problems

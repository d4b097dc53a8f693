"""Calendar events → documents (kind `event`) whose text answers "what, when, where, for whom, by whom".

The metadata carries `event_start`, `event_end` (ISO, with zone), `event_end_ts` (epoch seconds, for the
past-events filter in indexer.search_filter), `event_when` (the date in German words), `event_online`,
`event_place`, `event_region`, `topics` and `organiser`. The region comes from the feed (X-NRWA-REGION), else
from the place via the gazetteer (Gemeinde or Kreis → economic region), else from the source's default region.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from indexer.documents import ParsedDocument, Section
from indexer.parsers.ical_parser import LOCAL_ZONE, CalendarEvent
from indexer.text_folding import spell_out_umlauts

_WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
_MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember")
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass
class RegionGazetteer:
    """Place name (Gemeinde or Kreis, lower-case) → economic region name (regions.csv of the corpus)."""

    by_place: dict[str, str] = field(default_factory=dict)
    regions: set[str] = field(default_factory=set)

    @classmethod
    def load(cls, folder: Path) -> RegionGazetteer:
        gazetteer = cls()
        regions_file, gemeinden_file = folder / "regions.csv", folder / "gemeinden.csv"
        if not regions_file.exists():
            return gazetteer
        kreis_region: dict[str, str] = {}
        with regions_file.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                gazetteer.regions.add(row["region"])
                for alias in (row.get("aliases") or "").split(";"):
                    if alias.strip():
                        gazetteer.by_place.setdefault(alias.strip().lower(), row["region"])
                for ags, kreis in zip((row.get("kreis_ags") or "").split(";"), (row.get("kreise") or "").split(";"),
                                      strict=False):
                    # a Kreis in two regions (Rhein-Kreis Neuss, Wesel) keeps its first; the feed can say better
                    kreis_region.setdefault(ags, row["region"])
                    gazetteer.by_place.setdefault(kreis.strip().lower(), row["region"])
        if gemeinden_file.exists():
            with gemeinden_file.open(encoding="utf-8") as handle:
                for row in csv.DictReader(handle):
                    region = kreis_region.get(row["kreis_ags"])
                    if region:
                        gazetteer.by_place.setdefault(row["gemeinde"].strip().lower(), region)
        return gazetteer

    def region_of(self, place: str) -> str | None:
        """The region named in a LOCATION like 'Haus der Wirtschaft, 48143 Münster'."""
        for part in reversed(re.split(r"[,;/()]", place)):
            name = re.sub(r"^\s*\d{5}\s*", "", part).strip().lower()
            if name in self.by_place:
                return self.by_place[name]
        return None


def _german_date(moment: datetime) -> str:
    return f"{_WEEKDAYS[moment.weekday()]}, {moment.day}. {_MONTHS[moment.month - 1]} {moment.year}"


def _when(event: CalendarEvent) -> str:
    start, end = event.start.astimezone(LOCAL_ZONE), event.end.astimezone(LOCAL_ZONE)
    if event.all_day:
        last = end - timedelta(seconds=1)  # DTEND of an all-day event is exclusive
        return _german_date(start) if last.date() == start.date() else f"{_german_date(start)} bis {_german_date(last)}"
    if end.date() == start.date():
        return f"{_german_date(start)}, {start:%H:%M}–{end:%H:%M} Uhr"
    return f"{_german_date(start)}, {start:%H:%M} Uhr bis {_german_date(end)}, {end:%H:%M} Uhr"


def topic_slug(name: str) -> str:
    """'KI' → 'ki', 'Gründung' → 'gruendung': the topic slugs programs.yaml and partners.yaml use."""
    return _SLUG.sub("-", spell_out_umlauts(name.lower())).strip("-")


def event_document(event: CalendarEvent, url: str, location: str, region: str | None, as_of: str,
                   defaults: dict[str, object]) -> ParsedDocument:
    """`url` is cited (the event's own page, else the feed or page it stands in); `location` is where it was read
    (a feed URL or file, or an event page's URL)."""
    place = "Online" if event.online and not event.location else event.location
    lines = [f"Veranstaltung: {event.title}", f"Termin: {_when(event)}"]
    if event.cancelled:
        lines.append("Status: abgesagt")
    lines.append(f"Ort: {place}{' (online)' if event.online and 'online' not in place.lower() else ''}"
                 if place else "Ort: wird noch bekannt gegeben")
    if region:
        lines.append(f"Region: {region}")
    if event.topics:
        lines.append(f"Themen: {', '.join(event.topics)}")
    if event.organiser:
        lines.append(f"Veranstalter: {event.organiser}")
    if event.url:
        lines.append(f"Weitere Informationen und Anmeldung: {event.url}")
    sections = [Section("\n".join(lines), ("Veranstaltung",))]
    if event.description:
        sections.append(Section(event.description, ("Beschreibung",)))
    digest = hashlib.sha256(f"{url}|{event.uid}|{event.start.isoformat()}".encode()).hexdigest()[:12]
    metadata: dict[str, object] = {"source_format": "ical", "language": "de", **defaults}
    metadata.update({
        "kind": "event",
        "status": "",
        "event_start": event.start.isoformat(),
        "event_end": event.end.isoformat(),
        "event_end_ts": int(event.end.timestamp()),
        "event_when": _when(event),  # as an answer lists it: "Dienstag, 16. März 2027, 10:00–11:30 Uhr"
        "event_online": event.online,
        "event_place": place,
        "event_region": region or "",
        "event_cancelled": event.cancelled,
        "topics": [topic_slug(t) for t in event.topics],
        "organiser": event.organiser or "",
        "as_of_source": "event" if event.modified else "fetched",
    })
    return ParsedDocument(
        doc_id=f"event-{topic_slug(event.title)[:40].strip('-')}-{digest}",
        title=event.title,
        url=url,
        sections=sections,
        as_of=event.modified or as_of,
        metadata=metadata,
        location=f"{location}#{event.uid}",
    )

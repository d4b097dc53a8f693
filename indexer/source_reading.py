"""Read one source of any kind into documents plus what the run must report and remember.

local_folder → files on disk; site/page/pdf → the polite fetcher and the site crawler; ical → a feed by URL or
file; foerderdatenbank_export → the Förderdatenbank's bulk export (indexer/foerderdatenbank/export_reader.py), which
also yields the programmes it lists for the catalogue. A site or page whose defaults say `kind: event` holds event
pages: their schema.org Event data becomes event documents, like a feed's. Every problem becomes a `failed` entry with
a reason; nothing here raises for a bad document or page.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from indexer.catalog import Program
from indexer.documents import ParsedDocument
from indexer.event_documents import RegionGazetteer, event_document
from indexer.fetch.content_sniffing import decode_text
from indexer.fetch.fetch_policy import FetchPolicy
from indexer.fetch.http_fetcher import PoliteFetcher
from indexer.fetch.site_crawler import FetchedPage, PageFailure, Progress, SiteCrawler
from indexer.foerderdatenbank.export_reader import FoerderdatenbankExportReader
from indexer.index_record import FetchState
from indexer.listed_programmes import ListedProgramme
from indexer.local_folder import check_file_size, iter_documents
from indexer.parsers.errors import ParseError
from indexer.parsers.event_page import events_on_page
from indexer.parsers.ical_parser import CalendarEvent, parse_ical
from indexer.programme_status import on_day
from indexer.source_registry import (
    FoerderdatenbankExportSource,
    IcalSource,
    LocalFolderSource,
    PageSource,
    PdfSource,
    SiteSource,
    Source,
    WebSource,
)
from indexer.web_document import CatalogLookup, WebDocumentBuilder


@dataclass
class SourceRead:
    name: str
    kind: str
    documents: list[ParsedDocument] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    warnings: list[dict[str, str]] = field(default_factory=list)
    complete: bool = True  # read completely: documents it no longer yields may be removed
    unsure_locations: set[str] = field(default_factory=set)  # failed for now: keep what was indexed from there
    gone_locations: set[str] = field(default_factory=set)
    fetch_states: list[FetchState] = field(default_factory=list)
    crawl: dict[str, Any] | None = None
    # Programmes the source lists for the catalogue (all of this source's, vanished ones included); None = the source
    # lists none or was not read, so what the record holds for it stays.
    listed_programmes: list[ListedProgramme] | None = None


@dataclass
class _Events:
    documents: list[ParsedDocument] = field(default_factory=list)
    failed: list[dict[str, str]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)


class SourceReader:
    def __init__(self, corpus_dir: Path, programs: Mapping[str, Program], partners: Mapping[str, dict[str, Any]],
                 previous_states: Mapping[str, FetchState], user_agent: str, full: bool = False,
                 now: datetime | None = None, progress: Progress | None = None,
                 previous_programmes: Mapping[str, ListedProgramme] | None = None) -> None:
        self.corpus_dir = corpus_dir
        self.catalog = CatalogLookup(programs, partners)
        self.previous_states = previous_states
        self.user_agent = user_agent
        self.full = full
        self.now = now or datetime.now(UTC)
        self.progress = progress
        self.previous_programmes = previous_programmes or {}
        self._gazetteer: RegionGazetteer | None = None

    @property
    def today(self) -> date:
        return self.now.date()

    def read(self, source: Source) -> SourceRead:
        if isinstance(source, LocalFolderSource):
            return self._read_local(source)
        if isinstance(source, IcalSource):
            return self._read_ical(source)
        if isinstance(source, FoerderdatenbankExportSource):
            return self._read_foerderdatenbank(source)
        return self._read_web(source)

    def _read_foerderdatenbank(self, source: FoerderdatenbankExportSource) -> SourceRead:
        read = SourceRead(source.name, source.kind)
        FoerderdatenbankExportReader(self.corpus_dir, self.catalog.programs, self.previous_states,
                                     self.previous_programmes, self.user_agent, self.full, self.today,
                                     self.progress).read(source, read)
        return read

    # --- local folder ---------------------------------------------------------------------------------
    def _read_local(self, source: LocalFolderSource) -> SourceRead:
        read = SourceRead(source.name, source.kind)
        root = (self.corpus_dir / source.path).resolve()
        if not root.is_dir():
            read.failed.append({"location": source.path, "reason": "folder not found"})
            read.complete = False
            return read
        for file, result in iter_documents(root, source.include, source.exclude, self.catalog.programs,
                                           self.catalog.partners, source.max_bytes, dict(source.defaults)):
            if isinstance(result, ParseError):
                read.failed.append({"location": file.relative, "reason": str(result)})
                read.unsure_locations.add(file.relative)
            else:
                read.documents.append(result)
        return read

    # --- web: site, page, pdf ---------------------------------------------------------------------------
    def _policy(self, source: WebSource) -> FetchPolicy:
        return FetchPolicy(
            user_agent=self.user_agent, delay_seconds=source.delay_seconds, concurrency=source.concurrency,
            timeout_seconds=source.timeout_seconds, retries=source.retries, backoff_seconds=source.backoff_seconds,
            max_bytes=source.max_bytes, allow_private=source.allow_private,
        )

    def _read_web(self, source: SiteSource | PageSource | PdfSource) -> SourceRead:
        read = SourceRead(source.name, source.kind)
        lock = threading.Lock()
        by_id: dict[str, ParsedDocument] = {}
        start_hosts = ({urlsplit(u).hostname for u in [*source.seeds, *source.sitemaps]}
                       if isinstance(source, SiteSource) else {urlsplit(source.url).hostname})
        builder = WebDocumentBuilder(source, self.catalog, self.previous_states, self.today,
                                     same_site=lambda url: urlsplit(url).hostname in start_hosts)

        event_pages = source.defaults.get("kind") == "event"

        def handle(page: FetchedPage) -> list[str]:
            web = builder.build(page)
            doc = web.document
            if event_pages and doc.metadata.get("source_format") == "html":
                events = self._events_from_page(source, page, doc.as_of or self.today.isoformat())
                with lock:
                    read.fetch_states.append(web.state)
                    self._report_events(events, read)
                    by_id.update((d.doc_id, d) for d in events.documents)
                return web.links
            with lock:
                read.fetch_states.append(web.state)
                if doc.doc_id in by_id:  # two URLs with one canonical link: one document, both URLs known
                    first = by_id[doc.doc_id]
                    first.metadata["alternate_urls"] = sorted({*first.metadata.get("alternate_urls", []), page.url}
                                                              - {first.url})
                else:
                    by_id[doc.doc_id] = doc
                program = self.catalog.programs.get(str(doc.metadata.get("program_id") or ""))
                catalog_status = on_day(program, self.today).status if program is not None \
                    else doc.metadata.get("status")
                if web.facts_status != "unknown" and catalog_status not in (web.facts_status, "unknown", ""):
                    read.warnings.append({"location": page.url, "reason": (
                        f"page reads as {web.facts_status!r} but the catalog says {catalog_status!r}: "
                        f"{doc.metadata.get('status_evidence') or ''}".strip())})
            return web.links

        with PoliteFetcher(self._policy(source)) as fetcher:
            crawler = SiteCrawler(fetcher, self.previous_states, self.full, self.progress)
            if isinstance(source, SiteSource):
                report = crawler.crawl_site(source, handle)
            else:
                report = crawler.fetch_one(source.url, handle)
        read.documents = sorted(by_id.values(), key=lambda d: d.url)
        read.failed, read.skipped = [*report.failed, *read.failed], [*report.skipped, *read.skipped]
        read.complete = report.complete
        read.unsure_locations = set(report.unsure)
        read.gone_locations = set(report.gone)
        read.crawl = report.as_dict()
        read.warnings.sort(key=lambda w: w["location"])
        return read

    # --- ical ---------------------------------------------------------------------------------------------
    def _gazetteer_once(self) -> RegionGazetteer:
        if self._gazetteer is None:
            self._gazetteer = RegionGazetteer.load(self.corpus_dir / "gazetteer")
        return self._gazetteer

    def _read_ical(self, source: IcalSource) -> SourceRead:
        read = SourceRead(source.name, source.kind)
        if source.path is not None:
            path = (self.corpus_dir / source.path).resolve()
            try:
                check_file_size(path, source.max_bytes)
                data = path.read_bytes()
            except OSError as exc:
                read.failed.append({"location": source.path, "reason": f"feed file not readable ({exc.strerror})"})
                read.complete = False
                return read
            except ParseError as exc:
                read.failed.append({"location": source.path, "reason": str(exc)})
                read.complete = False
                return read
            modified = datetime.fromtimestamp(path.stat().st_mtime, UTC).date().isoformat()
            try:
                self._events_from_feed(source, data, source.path, None, modified, read)
            except ParseError as exc:
                read.failed.append({"location": source.path, "reason": str(exc)})
                read.complete = False
            return read

        def handle(page: FetchedPage) -> list[str]:
            feed_url = page.final_url
            previous = self.previous_states.get(page.url)
            first_seen = self.today.isoformat()
            raw_hash = FetchState.compress(page.content)
            if previous is not None and previous.compressed_body == raw_hash:
                first_seen = previous.first_seen
            try:
                self._events_from_feed(source, page.content, feed_url, feed_url, first_seen, read)
            except ParseError as exc:
                raise PageFailure(str(exc), hides_links=True) from exc  # a broken feed hides all its events
            read.fetch_states.append(FetchState(
                url=page.url, source=source.name, final_url=page.final_url, etag=page.etag,
                last_modified=page.last_modified, sitemap_lastmod=None, content_type=page.content_type,
                compressed_body=raw_hash, text_hash=None, first_seen=first_seen,
                fetched_at=datetime.now(UTC).isoformat(timespec="seconds")))
            return []

        with PoliteFetcher(self._policy(source)) as fetcher:
            report = SiteCrawler(fetcher, self.previous_states, self.full, self.progress).fetch_one(
                source.url or "", handle)
        read.failed.extend(report.failed)
        read.skipped.extend(report.skipped)
        read.complete = report.complete and read.complete
        read.unsure_locations |= set(report.unsure)
        read.crawl = report.as_dict()
        return read

    def _events_from_feed(self, source: IcalSource, data: bytes, location: str, feed_url: str | None,
                          as_of: str, read: SourceRead) -> None:
        events, problems = parse_ical(data)  # ParseError for a feed that is not iCalendar at all
        found = self._event_documents(source, events, problems, location, feed_url, as_of)
        self._report_events(found, read)
        read.documents.extend(found.documents)

    def _events_from_page(self, source: WebSource, page: FetchedPage, as_of: str) -> _Events:
        events, problems = events_on_page(decode_text(page.content, page.content_type), page.final_url)
        found = self._event_documents(source, events, problems, page.url, page.final_url, as_of)
        if not events and not problems:
            found.skipped.append({"location": page.url, "reason": "no event data (schema.org Event) on the page"})
        return found

    def _event_documents(self, source: WebSource, events: list[CalendarEvent], problems: list[str], location: str,
                         fallback_url: str | None, as_of: str) -> _Events:
        """Upcoming events → documents; past and cancelled ones are counted, never indexed. `location` (feed or
        page) heads each event's location, so events stay while their feed or page fails for a while."""
        found = _Events(failed=[{"location": location, "reason": p} for p in problems])
        past = cancelled = 0
        for event in events:
            if event.end <= self.now:
                past += 1  # over already: never indexed; the search filter drops the ones that end later
                continue
            if event.cancelled:
                cancelled += 1
                continue
            url = event.url or fallback_url
            if not url:
                found.failed.append({"location": f"{location}#{event.uid}",
                                     "reason": "event has no URL to cite (set URL in the feed)"})
                continue
            region = event.region or self._gazetteer_once().region_of(event.location) or source.region
            found.documents.append(event_document(event, url, location, region, as_of, dict(source.defaults)))
        if past:
            found.skipped.append({"location": location, "reason": f"{past} past event(s) not indexed"})
        if cancelled:
            found.skipped.append({"location": location, "reason": f"{cancelled} cancelled event(s) not indexed"})
        return found

    @staticmethod
    def _report_events(found: _Events, read: SourceRead) -> None:
        read.failed.extend(found.failed)
        read.skipped.extend(found.skipped)


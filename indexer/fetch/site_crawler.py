"""Crawl a site (seeds + sitemaps, allow/deny patterns, depth and page limits) or fetch one URL, and hand every
fetched page to a handler that turns it into a document and returns the links to follow.

Pages are fetched in waves (one link depth at a time) on a small thread pool; the fetcher enforces per-host
pacing. A page whose validators still match (304, or an unchanged sitemap lastmod) is served from the body
cached in the index record, so it is re-parsed without a download.

A crawl is *complete* when it was not cut by max_pages and every failure was a definite "gone" (404/410) or a
parse failure of a file without links (PDF). Only complete crawls may remove documents of pages no longer seen.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Literal
from urllib.parse import urlsplit

from indexer.fetch.canonical_url import canonical_url
from indexer.fetch.http_fetcher import FetchError, PoliteFetcher
from indexer.fetch.sitemap import SitemapEntry, SitemapError, parse_sitemap
from indexer.index_record import FetchState
from indexer.parsers.errors import ParseError
from indexer.source_registry import SiteSource

_SKIP_EXTENSIONS = re.compile(
    r"\.(?:jpe?g|png|gif|svg|webp|ico|bmp|tiff?|css|js|mjs|json|zip|gz|tgz|rar|7z|mp3|mp4|m4a|avi|mov|webm|wav|"
    r"docx?|xlsx?|pptx?|odt|ods|exe|dmg|msi|woff2?|ttf|eot|xml|rss|atom|ics)$",
    re.IGNORECASE,
)
_MAX_SITEMAP_FILES = 50


@dataclass
class FetchedPage:
    url: str  # canonical URL as queued
    final_url: str  # canonical URL after redirects
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None
    sitemap_lastmod: str | None
    depth: int
    origin: Literal["network", "not_modified", "sitemap_unchanged"]


class PageFailure(Exception):
    """Raised by a handler for a page that was fetched but cannot be indexed."""

    def __init__(self, reason: str, hides_links: bool) -> None:
        super().__init__(reason)
        self.reason = reason
        self.hides_links = hides_links


# Returns the absolute links to follow; raises PageFailure (or ParseError) for a page it cannot index.
PageHandler = Callable[[FetchedPage], list[str]]
Progress = Callable[[int, int, str], None]


@dataclass
class CrawlReport:
    handled: int = 0  # pages handed to the handler successfully
    failed: list[dict[str, str]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    gone: list[str] = field(default_factory=list)  # URLs that answered 404/410
    unsure: list[str] = field(default_factory=list)  # URLs that failed for another reason: keep what we had
    aliases: dict[str, str] = field(default_factory=dict)  # redirected URL → URL of the page it led to
    truncated: bool = False
    blocked: bool = False  # a failure that may hide links (fetch error, unreadable HTML, sitemap error)
    requests: int = 0
    not_modified: int = 0
    from_sitemap_cache: int = 0

    @property
    def complete(self) -> bool:
        return not self.truncated and not self.blocked

    def as_dict(self) -> dict[str, object]:
        return {"pages": self.handled, "requests": self.requests, "not_modified": self.not_modified,
                "unchanged_by_sitemap": self.from_sitemap_cache, "complete": self.complete,
                "truncated": self.truncated}


class SiteCrawler:
    def __init__(self, fetcher: PoliteFetcher, cache: Mapping[str, FetchState], full: bool = False,
                 progress: Progress | None = None) -> None:
        self.fetcher = fetcher
        self.cache = cache
        self.full = full
        self.progress = progress
        self._lock = threading.Lock()

    # --- one URL (page, pdf and ical sources) ------------------------------------------------------------
    def fetch_one(self, url: str, handle: PageHandler) -> CrawlReport:
        report = CrawlReport()
        host = urlsplit(url).hostname
        seen = {canonical_url(url)}
        self._visit(canonical_url(url), 0, None, lambda u: urlsplit(u).hostname == host, handle, report, seen)
        return self._finish(report)

    # --- a whole site ------------------------------------------------------------------------------------
    def crawl_site(self, source: SiteSource, handle: PageHandler) -> CrawlReport:
        report = CrawlReport()
        allowed = self._allowed_for(source)
        lastmods: dict[str, str | None] = {}
        for entry in self._sitemap_entries(source, allowed, report):
            lastmods.setdefault(canonical_url(entry.url), entry.lastmod)

        seen: set[str] = set()
        wave: list[str] = []
        for url in [*(canonical_url(s) for s in source.seeds), *lastmods]:
            if url not in seen and allowed(url):
                seen.add(url)
                wave.append(url)
        dispatched = not_fetched = 0
        depth = 0
        with ThreadPoolExecutor(max_workers=min(8, source.concurrency * 2), thread_name_prefix="crawl") as pool:
            while wave:
                wave = [u for u in wave if self._robots_allows(u, report)]
                room = source.max_pages - dispatched
                if len(wave) > room:
                    not_fetched += len(wave) - room
                    wave = wave[:room]
                dispatched += len(wave)
                futures = [pool.submit(self._visit, url, depth, lastmods.get(url), allowed, handle, report, seen)
                           for url in wave]
                next_wave: list[str] = []
                for future in futures:
                    links = future.result()
                    if depth >= source.max_depth:
                        continue
                    for link in links:
                        url = canonical_url(link)
                        with self._lock:
                            if url in seen or not allowed(url) or _SKIP_EXTENSIONS.search(urlsplit(url).path):
                                continue
                            seen.add(url)
                        next_wave.append(url)
                wave = next_wave
                depth += 1
        if not_fetched:
            report.truncated = True
            report.skipped.append({"location": source.name, "reason": f"max_pages {source.max_pages} reached; "
                                                                      f"{not_fetched} more URLs not fetched"})
        return self._finish(report)

    # --- steps -------------------------------------------------------------------------------------------
    def _finish(self, report: CrawlReport) -> CrawlReport:
        """Stable order for reports and tests (pages are fetched in parallel)."""
        report.requests = self.fetcher.requests
        report.failed.sort(key=lambda f: f["location"])
        report.skipped.sort(key=lambda f: f["location"])
        report.gone.sort()
        report.unsure.sort()
        return report

    def _allowed_for(self, source: SiteSource) -> Callable[[str], bool]:
        allow = [re.compile(p) for p in source.allow]
        deny = [re.compile(p) for p in source.deny]
        hosts = {urlsplit(u).hostname for u in [*source.seeds, *source.sitemaps]}

        def allowed(url: str) -> bool:
            url = canonical_url(url)
            if urlsplit(url).scheme not in ("http", "https") or any(p.search(url) for p in deny):
                return False
            if allow:
                return any(p.search(url) for p in allow)
            return urlsplit(url).hostname in hosts

        return allowed

    def _robots_allows(self, url: str, report: CrawlReport) -> bool:
        try:
            if self.fetcher.robots.allowed(url):
                return True
        except Exception:  # a robots.txt that breaks the parser must not stop the run
            return True
        if self.fetcher.robots.unreachable(url):
            report.failed.append({"location": url,
                                  "reason": "robots.txt could not be read (server error or no connection)"})
            report.unsure.append(url)
            report.blocked = True
        else:
            report.skipped.append({"location": url, "reason": "disallowed by robots.txt"})
        return False

    def _sitemap_entries(self, source: SiteSource, allowed: Callable[[str], bool],
                         report: CrawlReport) -> list[SitemapEntry]:
        entries: list[SitemapEntry] = []
        queue = list(source.sitemaps)
        fetched = 0
        while queue and fetched < _MAX_SITEMAP_FILES:
            url = queue.pop(0)
            fetched += 1
            try:
                result = self.fetcher.fetch(url, url_allowed=allowed)
                pages, children = parse_sitemap(result.content)
            except FetchError as exc:
                report.failed.append({"location": url, "reason": f"sitemap: {exc.reason}"})
                report.blocked = True
                continue
            except SitemapError as exc:
                report.failed.append({"location": url, "reason": f"sitemap: {exc}"})
                report.blocked = True
                continue
            entries.extend(e for e in pages if allowed(e.url))
            queue.extend(c for c in children if allowed(c))
        return entries

    def _visit(self, url: str, depth: int, sitemap_lastmod: str | None, allowed: Callable[[str], bool],
               handle: PageHandler, report: CrawlReport, seen: set[str]) -> list[str]:
        """Fetch one URL (or take it from the cache) and hand it on. Returns the links to follow."""
        page = self._fetch_page(url, depth, sitemap_lastmod, allowed, report, seen)
        if page is None:
            return []
        if page.final_url != url:
            with self._lock:
                already = page.final_url in seen
                seen.add(page.final_url)
            if already:
                with self._lock:
                    report.aliases[url] = page.final_url
                return []
        try:
            links = handle(page)
        except PageFailure as exc:
            self._fail(report, url, exc.reason, "unsure", blocks=exc.hides_links)
            return []
        except ParseError as exc:
            self._fail(report, url, str(exc), "unsure", blocks=True)
            return []
        with self._lock:
            report.handled += 1
            if page.final_url != url:
                report.aliases[url] = page.final_url
            done = report.handled
        if self.progress:
            self.progress(done, 0, page.final_url)
        return links

    def _fetch_page(self, url: str, depth: int, sitemap_lastmod: str | None, allowed: Callable[[str], bool],
                    report: CrawlReport, seen: set[str]) -> FetchedPage | None:
        state = None if self.full else self.cache.get(url)
        if state is not None and sitemap_lastmod and state.sitemap_lastmod == sitemap_lastmod:
            with self._lock:
                report.from_sitemap_cache += 1
            return FetchedPage(url, state.final_url, state.body, state.content_type, state.etag,
                               state.last_modified, sitemap_lastmod, depth, "sitemap_unchanged")
        def known(target: str) -> bool:
            with self._lock:
                return canonical_url(target) in seen

        try:
            result = self.fetcher.fetch(url, etag=state.etag if state else None,
                                        last_modified=state.last_modified if state else None, url_allowed=allowed,
                                        known=known)
        except FetchError as exc:
            if exc.kind == "robots":
                with self._lock:
                    report.skipped.append({"location": url, "reason": exc.reason})
                return None
            self._fail(report, url, exc.reason, "gone" if exc.kind == "gone" else "unsure",
                       blocks=exc.kind != "gone")
            return None
        final = canonical_url(result.final_url)
        if result.redirect_only:
            with self._lock:
                report.aliases[url] = final
            return None
        if result.not_modified and state is not None:
            with self._lock:
                report.not_modified += 1
            return FetchedPage(url, state.final_url, state.body, state.content_type, state.etag,
                               state.last_modified, sitemap_lastmod, depth, "not_modified")
        return FetchedPage(url, final, result.content, result.content_type, result.etag, result.last_modified,
                           sitemap_lastmod, depth, "network")

    def _fail(self, report: CrawlReport, url: str, reason: str, kind: Literal["gone", "unsure"],
              blocks: bool) -> None:
        with self._lock:
            report.failed.append({"location": url, "reason": reason})
            (report.gone if kind == "gone" else report.unsure).append(url)
            report.blocked = report.blocked or blocks

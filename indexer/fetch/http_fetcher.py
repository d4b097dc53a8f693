"""The polite HTTP fetcher: one User-Agent, robots.txt, per-host pacing, timeouts, retries with backoff,
conditional GET, size limits, redirects checked hop by hop, and no private addresses unless allowed."""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from typing import Literal
from urllib.parse import urljoin, urlsplit

import httpx

from indexer.fetch.address_guard import BlockedAddressError, check_public_host
from indexer.fetch.fetch_policy import FetchPolicy
from indexer.fetch.host_limiter import HostLimiter
from indexer.fetch.robots import RobotsCache

# transient: may work next time (timeouts, 5xx); gone: 404/410; refused: our own rules said no;
# robots: robots.txt forbids it; client: any other 4xx
FailureKind = Literal["transient", "gone", "refused", "robots", "client"]
_REDIRECTS = {301, 302, 303, 307, 308}
_RETRY_STATUS = {429, 500, 502, 503, 504}


class FetchError(Exception):
    def __init__(self, reason: str, kind: FailureKind, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
        self.status = status


@dataclass
class FetchResult:
    url: str  # as requested
    final_url: str  # after redirects
    status: int
    content: bytes
    content_type: str
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # 304: the caller's cached copy is current
    redirect_only: bool = False  # stopped at a redirect to a URL the caller already has
    redirects: list[str] = field(default_factory=list)


def http_date_to_iso(value: str | None) -> str | None:
    """'Wed, 21 Oct 2026 07:28:00 GMT' → '2026-10-21' (None if absent or unreadable)."""
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).date().isoformat()


class PoliteFetcher:
    def __init__(self, policy: FetchPolicy, transport: httpx.BaseTransport | None = None) -> None:
        self.policy = policy
        self._client = httpx.Client(
            headers={"User-Agent": policy.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(policy.timeout_seconds),
            follow_redirects=False,  # every hop is checked against the source's URL patterns
            transport=transport,
        )
        self._limiter = HostLimiter(policy.concurrency)
        self.robots = RobotsCache(self._fetch_robots, policy.user_agent)
        self.requests = 0
        self._count_lock = threading.Lock()

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> PoliteFetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- public ------------------------------------------------------------------------------
    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None,
              url_allowed: Callable[[str], bool] | None = None, check_robots: bool = True,
              known: Callable[[str], bool] | None = None) -> FetchResult:
        """GET `url`, following redirects only to URLs `url_allowed` accepts. A redirect to a URL `known` says is
        fetched anyway stops there (result `redirect_only`), saving the second download. Raises FetchError."""
        redirects: list[str] = []
        current = url
        for _hop in range(self.policy.max_redirects + 1):
            self._check_target(current, check_robots)
            response_status, headers, content = self._request(current, etag, last_modified)
            if response_status in _REDIRECTS and headers.get("location"):
                target = urljoin(current, headers["location"])
                if url_allowed is not None and not url_allowed(target):
                    raise FetchError(f"redirect to {target} leaves the allowed URLs", "refused", response_status)
                redirects.append(current)
                current = target
                if known is not None and known(target):
                    return FetchResult(url, target, response_status, b"", "", redirects=redirects,
                                       redirect_only=True)
                continue
            if response_status == 304:
                return FetchResult(url, current, 304, b"", headers.get("content-type", ""), etag, last_modified,
                                   not_modified=True, redirects=redirects)
            if response_status in (404, 410):
                raise FetchError(f"HTTP {response_status} (page not found)", "gone", response_status)
            if response_status >= 500 or response_status == 429:
                raise FetchError(f"HTTP {response_status} after {self.policy.retries + 1} attempts", "transient",
                                 response_status)
            if response_status >= 400 or response_status < 200:
                raise FetchError(f"HTTP {response_status}", "client", response_status)
            return FetchResult(url, current, response_status, content, headers.get("content-type", ""),
                               headers.get("etag"), headers.get("last-modified"), redirects=redirects)
        raise FetchError(f"more than {self.policy.max_redirects} redirects", "refused")

    # --- steps -------------------------------------------------------------------------------
    def _check_target(self, url: str, check_robots: bool) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) URL: {url}", "refused")
        if not self.policy.allow_private:
            try:
                check_public_host(parts.hostname, parts.port or (443 if parts.scheme == "https" else 80))
            except BlockedAddressError as exc:
                raise FetchError(str(exc), "refused") from exc
        if check_robots:
            if self.robots.unreachable(url):
                raise FetchError("robots.txt could not be read (server error or no connection); not fetching "
                                 "this host", "transient")
            if not self.robots.allowed(url):
                raise FetchError("disallowed by robots.txt", "robots")

    def _host_delay(self, url: str) -> float:
        delay = self.policy.delay_seconds
        crawl_delay = self.robots.crawl_delay(url) if not url.endswith("/robots.txt") else None
        if crawl_delay is not None:
            delay = max(delay, min(crawl_delay, self.policy.max_crawl_delay))
        return delay

    def _request(self, url: str, etag: str | None, last_modified: str | None) -> tuple[int, dict[str, str], bytes]:
        """One GET with retries for timeouts, connection errors and 5xx/429. Returns (status, headers, body)."""
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        host = urlsplit(url).netloc
        delay = self._host_delay(url)
        attempt = 0
        while True:
            pause = self.policy.backoff_seconds * (2**attempt)
            try:
                with self._limiter.slot(host, delay):
                    with self._count_lock:
                        self.requests += 1
                    status, response_headers, body = self._get(url, headers)
                if status not in _RETRY_STATUS or attempt >= self.policy.retries:
                    return status, response_headers, body
                pause = max(pause, self._retry_after(response_headers))
            except (httpx.TimeoutException, httpx.TransportError) as exc:
                if attempt >= self.policy.retries:
                    what = "timed out" if isinstance(exc, httpx.TimeoutException) else f"failed ({type(exc).__name__})"
                    raise FetchError(f"request {what} after {attempt + 1} attempts", "transient") from exc
            attempt += 1
            time.sleep(pause)

    def _retry_after(self, headers: dict[str, str]) -> float:
        value = headers.get("retry-after", "")
        try:
            return min(float(value), self.policy.max_retry_after)
        except ValueError:
            return 0.0

    def _get(self, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        started = time.monotonic()
        with self._client.stream("GET", url, headers=headers) as response:
            response_headers = {k.lower(): v for k, v in response.headers.items()}
            if not 200 <= response.status_code < 300:
                return response.status_code, response_headers, b""  # error and redirect bodies are not needed
            declared = response_headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.policy.max_bytes:
                raise FetchError(self._too_large(int(declared)), "refused", 200)
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():  # decoded bytes: a gzip bomb is caught here too
                size += len(chunk)
                if size > self.policy.max_bytes:
                    raise FetchError(self._too_large(None), "refused", 200)
                if time.monotonic() - started > self.policy.body_deadline_seconds:
                    raise FetchError(f"response took longer than {self.policy.body_deadline_seconds:.0f} s",
                                     "transient", 200)
                chunks.append(chunk)
            return response.status_code, response_headers, b"".join(chunks)

    def _too_large(self, declared: int | None) -> str:
        limit = f"{self.policy.max_bytes / 1_000_000:.0f} MB"
        size = f" ({declared / 1_000_000:.0f} MB)" if declared else ""
        return f"response is larger than the size limit of {limit}{size}; not indexed"

    def _fetch_robots(self, url: str) -> tuple[int | None, str]:
        try:
            result = self.fetch(url, check_robots=False)
        except FetchError as exc:
            if exc.kind in ("gone", "client"):
                return exc.status or 404, ""
            return None, ""  # unreachable, 5xx, or refused: the origin counts as disallowed
        return result.status, result.content.decode("utf-8", errors="replace")

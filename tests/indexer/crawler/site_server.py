"""A real HTTP server on 127.0.0.1 (http.server in a thread) serving a small site whose pages tests can change
while it runs. It honours If-None-Match with ETags, logs every request, and can redirect, fail, stall or stream."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Page:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering (a slow page)
    redirect_to: str | None = None  # path or absolute URL, answered with 301
    etag: bool = True  # send an ETag and answer 304 to a matching If-None-Match
    stream_bytes: int = 0  # > 0: stream this many bytes of filler HTML without Content-Length


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output quiet

    def do_GET(self) -> None:
        site = self.server.site
        with site.lock:
            site.log.append(Request(self.path, {k.lower(): v for k, v in self.headers.items()}))
            page = site.pages.get(self.path)
        if page is None:
            self._send(404, b"<html><body><h1>Nicht gefunden</h1></body></html>", "text/html; charset=utf-8", {})
            return
        if page.delay:
            time.sleep(page.delay)
        if page.redirect_to:
            self._send(301, b"", "text/html", {"Location": page.redirect_to})
            return
        headers = dict(page.headers)
        if page.stream_bytes:
            self._stream(page)
            return
        if page.etag and page.status == 200:
            tag = '"' + hashlib.sha256(page.body).hexdigest()[:16] + '"'
            headers["ETag"] = tag
            if self.headers.get("If-None-Match") == tag:
                self._send(304, b"", page.content_type, headers)
                return
        self._send(page.status, page.body, page.content_type, headers)

    def _send(self, status: int, body: bytes, content_type: str, headers: dict[str, str]) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()
            if status != 304:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout test)

    def _stream(self, page: Page) -> None:
        chunk = b"<p>" + b"Viel Text " * 6000 + b"</p>\n"
        try:
            self.send_response(200)
            self.send_header("Content-Type", page.content_type)
            self.end_headers()  # no Content-Length: the client only learns the size by reading
            self.wfile.write(b"<html><body>")
            sent = 0
            while sent < page.stream_bytes:
                self.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client stopped reading at its size limit


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: TestSite


class TestSite:
    """Routes by path (including the query string). Change `pages` at any time; read `log` afterwards."""

    __test__ = False  # not a pytest test class

    def __init__(self) -> None:
        self.pages: dict[str, Page] = {}
        self.log: list[Request] = []
        self.lock = threading.Lock()
        self.base_url = ""

    def html(self, path: str, body: str, **kwargs: object) -> None:
        self.pages[path] = Page(body.encode("utf-8"), **kwargs)  # type: ignore[arg-type]

    def requested(self, path: str) -> int:
        with self.lock:
            return sum(1 for r in self.log if r.path == path)

    def clear_log(self) -> None:
        with self.lock:
            self.log.clear()


@contextmanager
def serve(site: TestSite) -> Iterator[TestSite]:
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = site
    site.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield site
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)

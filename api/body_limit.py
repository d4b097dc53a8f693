"""Refuse request bodies above a size limit with 413, whether announced by Content-Length or streamed, and bodies
nested deeper than any request of this API with 400.

Bodies here are small (a chat message is at most 4,000 characters), so the body is read up to the limit
before the app sees it and then replayed; a streamed body that grows past the limit never reaches a route.
The nesting limit protects every JSON parser behind this middleware (rate limiter, origin check, FastAPI): a few
kilobytes of `[[[[…` would otherwise exhaust Python's recursion limit while parsing.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from api.problems import problem
from api.request_body import replaying

MAX_NESTING = 32  # the deepest request body of the API is two levels deep
_OPEN, _CLOSE, _QUOTE, _BACKSLASH = frozenset(b"[{"), frozenset(b"]}"), ord('"'), ord("\\")


def nested_deeper_than(body: bytes, limit: int) -> bool:
    """Whether brackets outside JSON strings nest deeper than `limit` (cheap unless the body has many brackets)."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == _BACKSLASH:
                escaped = True
            elif byte == _QUOTE:
                in_string = False
        elif byte == _QUOTE:
            in_string = True
        elif byte in _OPEN:
            depth += 1
            if depth > limit:
                return True
        elif byte in _CLOSE:
            depth -= 1
    return False


class BodyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_bytes: int, max_nesting: int = MAX_NESTING) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.max_nesting = max_nesting

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        too_large = problem(413, "Anfrage zu groß", f"request bodies are limited to {self.max_bytes} bytes")
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await too_large(scope, receive, send)
            return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await too_large(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        if nested_deeper_than(body, self.max_nesting):
            too_deep = problem(400, "Ungültige Anfrage", f"request bodies may nest at most {self.max_nesting} levels")
            await too_deep(scope, receive, send)
            return
        await self.app(scope, replaying(body, receive), send)

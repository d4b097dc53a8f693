"""Which websites may use the API from a browser: the origins a deployment allows per partner (deny by default).

A partner's widget runs on the partner's pages, so its requests carry that page's `Origin`. A request to /api/*
with an `Origin` is answered only if

- it comes from the API's own origin (the demo page, /advisor), or
- the origin is listed for the partner the request names (header `X-NRWA-Partner`, else the query parameter or
  the JSON field `partner`) in `NRWA_WIDGET_ORIGINS`, or in `NRWA_CORS_ORIGINS` (allowed for every partner).

Anything else gets 403 problem+json. CORS headers are sent only to allowed origins, so a page that is allowed for
no partner cannot even read the refusal, while a page allowed for another partner can (and its widget shows it).
A preflight cannot name the partner (browsers do not send header values with it), so it is answered for origins
allowed for any partner; the request that follows is checked against its own partner. The admin API is never
answered cross-origin.

Requests without an `Origin` (curl, servers, the CLI) pass: an origin check protects browsers' users from other
websites, not the API from scripts — rate limits and the admin token do that. Behind a proxy, keep the `Host`
header (same-origin pages are recognised by it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qs, urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.problems import problem
from api.request_body import buffer_body

PARTNER_HEADER = "X-NRWA-Partner"
ALLOWED_METHODS = ("GET", "POST")
ALLOWED_HEADERS = ("accept", "content-type", PARTNER_HEADER.lower())
_DEFAULT_PORTS = {"http": 80, "https": 443}


class OriginConfigError(ValueError):
    """A configured origin is not of the form scheme://host[:port]."""


def normalize_origin(value: str) -> str | None:
    """`https://Example.org:443/` → `https://example.org`; None if it is not an http(s) origin."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in _DEFAULT_PORTS or not parts.hostname or parts.username or parts.password:
        return None
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        return None
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" if port in (None, _DEFAULT_PORTS[parts.scheme]) else f"{parts.scheme}://{host}:{port}"


class WidgetOriginPolicy:
    def __init__(self, per_partner: Mapping[str, Iterable[str]], everywhere: Iterable[str] = ()) -> None:
        self._per_partner = {partner: frozenset(_checked(origins, partner)) for partner, origins in per_partner.items()}
        self._everywhere = frozenset(_checked(everywhere, "cors_origins"))
        self._any_partner = self._everywhere.union(*self._per_partner.values())

    def allows(self, origin: str, partner: str | None) -> bool:
        return origin in self._everywhere or (partner is not None and origin in self._per_partner.get(partner, ()))

    def allows_some_partner(self, origin: str) -> bool:
        return origin in self._any_partner


def _checked(origins: Iterable[str], owner: str) -> list[str]:
    checked = []
    for origin in origins:
        normal = normalize_origin(origin)
        if normal is None:
            raise OriginConfigError(f"widget origin {origin!r} of {owner} is not of the form https://host[:port]")
        checked.append(normal)
    return checked


class WidgetOriginMiddleware:
    def __init__(self, app: ASGIApp, policy: WidgetOriginPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        raw_origin = headers.get("origin")
        if raw_origin is None:
            await self.app(scope, receive, send)
            return
        origin = normalize_origin(raw_origin)
        if origin is not None and _same_origin(origin, headers.get("host")):
            await self.app(scope, receive, send)
            return
        readable = origin is not None and self.policy.allows_some_partner(origin)
        if scope["path"].startswith("/api/admin/"):
            await self._refuse(scope, receive, send, origin if readable else None, "the admin API is not cross-origin")
            return
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self._preflight(scope, receive, send, origin if readable else None, headers)
            return
        partner = headers.get(PARTNER_HEADER.lower()) or _query_partner(scope)
        if scope["method"] == "POST":
            body, receive = await buffer_body(receive)
            body_partner = _body_partner(body)
            if partner and body_partner and body_partner != partner:
                await self._refuse(scope, receive, send, origin if readable else None,
                                   f"{PARTNER_HEADER} and the partner field name different partners")
                return
            partner = partner or body_partner
        if origin is None or not self.policy.allows(origin, partner):
            who = f"partner {partner!r}" if partner else "requests that name no partner"
            await self._refuse(scope, receive, send, origin if readable else None,
                               f"this website ({raw_origin[:100]}) is not allowed to use the assistant for {who}")
            return
        await self.app(scope, receive, _with_cors(send, origin))

    async def _preflight(self, scope: Scope, receive: Receive, send: Send, origin: str | None,
                         headers: dict[str, str]) -> None:
        method = headers["access-control-request-method"].upper()
        wanted = {h.strip().lower() for h in headers.get("access-control-request-headers", "").split(",") if h.strip()}
        if origin is None or method not in ALLOWED_METHODS or not wanted <= set(ALLOWED_HEADERS):
            await self._refuse(scope, receive, send, None, "this website is not allowed to use the assistant")
            return
        await send({"type": "http.response.start", "status": 204, "headers": [
            *_cors_headers(origin),
            (b"access-control-allow-methods", ", ".join(ALLOWED_METHODS).encode()),
            (b"access-control-allow-headers", ", ".join(("Accept", "Content-Type", PARTNER_HEADER)).encode()),
            (b"access-control-max-age", b"600"),
        ]})
        await send({"type": "http.response.body", "body": b""})

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, origin: str | None, detail: str) -> None:
        response = problem(403, "Nicht erlaubt", detail)
        await response(scope, receive, _with_cors(send, origin) if origin else _with_vary(send))


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}


def _same_origin(origin: str, host: str | None) -> bool:
    if not host:
        return False
    scheme = origin.split("://", 1)[0]
    return normalize_origin(f"{scheme}://{host}") == origin


def _query_partner(scope: Scope) -> str | None:
    values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get("partner")
    return values[0] if values else None


def _body_partner(body: bytes) -> str | None:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    value = data.get("partner") if isinstance(data, dict) else None
    return value if isinstance(value, str) and value else None


def _cors_headers(origin: str) -> list[tuple[bytes, bytes]]:
    return [(b"access-control-allow-origin", origin.encode("latin-1")), (b"vary", b"Origin")]


def _with_cors(send: Send, origin: str) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message.setdefault("headers", [])
            message["headers"] = [*message["headers"], *_cors_headers(origin),
                                  (b"access-control-expose-headers", b"Retry-After, X-Request-ID")]
        await send(message)
    return wrapped


def _with_vary(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), (b"vary", b"Origin")]
        await send(message)
    return wrapped

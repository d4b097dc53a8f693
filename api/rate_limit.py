"""Sliding-window rate limits per client IP and per chat session; 429 with Retry-After when exceeded.

Implemented as pure ASGI middleware so it covers every route without touching the routers, and so the
chat body (needed for the session id) is read once and replayed to the app. The counters live in this process
(SlidingWindowLimiter, the single-process default) or in the app-data database, shared by every worker
(api/appdata/rate_limit_counters.py); api/appdata/shared_state.py picks one from the settings.
"""

from __future__ import annotations

import json
import math
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Protocol

from anyio import to_thread
from starlette.types import ASGIApp, Receive, Scope, Send

from api.client_address import client_ip
from api.problems import problem
from api.request_body import buffer_body


@dataclass(frozen=True)
class Rule:
    limit: int
    window_seconds: float


class Limiter(Protocol):
    blocking: bool  # True: does I/O, so the middleware calls it from a worker thread

    def hit(self, key: str, rule: Rule, now: float | None = None) -> float | None:
        """Record one request; return seconds to wait if it is over the limit (then it is not recorded)."""
        ...


class SlidingWindowLimiter:
    """In-process limiter; one per app. Keys are forgotten when their window is empty."""

    blocking = False

    def __init__(self, max_keys: int = 100_000) -> None:
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()
        self._max_keys = max_keys

    def hit(self, key: str, rule: Rule, now: float | None = None) -> float | None:
        """Record one request; return seconds to wait if it is over the limit (then it is not recorded)."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.get(key)
            if hits is None:
                if len(self._hits) >= self._max_keys:
                    self._evict(now)
                hits = self._hits.setdefault(key, deque())
            while hits and hits[0] <= now - rule.window_seconds:
                hits.popleft()
            if len(hits) >= rule.limit:
                return max(0.0, hits[0] + rule.window_seconds - now)
            hits.append(now)
            return None

    def _evict(self, now: float) -> None:
        stale = [k for k, v in self._hits.items() if not v or v[-1] < now - 3600]
        for key in stale or list(self._hits)[: len(self._hits) // 10]:
            del self._hits[key]


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limiter: Limiter, rules: dict[tuple[str, str], Rule],
                 session_rule: Rule | None, trusted_proxies: frozenset[str]) -> None:
        self.app = app
        self.limiter = limiter
        self.rules = rules  # (method, path) → rule per client IP
        self.session_rule = session_rule
        self.trusted_proxies = trusted_proxies

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        rule = self.rules.get((scope["method"], scope["path"]))
        if rule is None:
            await self.app(scope, receive, send)
            return
        ip = client_ip(scope, self.trusted_proxies)
        wait = await self._hit(f"ip:{scope['path']}:{ip}", rule)
        if wait is None and self.session_rule is not None and scope["path"] == "/api/chat":
            body, receive = await buffer_body(receive)
            session_id = _session_id(body)
            if session_id:
                wait = await self._hit(f"session:{session_id}", self.session_rule)
        if wait is not None:
            retry = str(max(1, math.ceil(wait)))
            response = problem(429, "Zu viele Anfragen", f"rate limit reached; retry after {retry} s",
                               headers={"Retry-After": retry})
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _hit(self, key: str, rule: Rule) -> float | None:
        if self.limiter.blocking:
            return await to_thread.run_sync(self.limiter.hit, key, rule)
        return self.limiter.hit(key, rule)


def _session_id(body: bytes) -> str | None:
    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError):
        return None
    value = data.get("session_id") if isinstance(data, dict) else None
    return value if isinstance(value, str) and len(value) <= 64 else None

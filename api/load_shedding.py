"""An overall limit of requests in flight: above it, shed with 503 at once instead of queueing forever.

A streamed reply counts until its last byte is sent.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from api.problems import problem

# Cheap endpoints an orchestrator must always reach, even under load.
_NEVER_SHED = frozenset({"/healthz", "/readyz", "/metrics"})


class ConcurrencyLimitMiddleware:
    def __init__(self, app: ASGIApp, max_in_flight: int) -> None:
        self.app = app
        self.max_in_flight = max_in_flight
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in _NEVER_SHED:
            await self.app(scope, receive, send)
            return
        if self.in_flight >= self.max_in_flight:
            response = problem(503, "Überlastet", "the service is busy; please retry shortly",
                               headers={"Retry-After": "1"})
            await response(scope, receive, send)
            return
        self.in_flight += 1  # single event loop: no lock needed
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1

"""Prometheus metrics, one registry per app (no process globals), exposed at GET /metrics."""

from __future__ import annotations

import time
from collections.abc import Callable

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.retrieval.served_index import ServingState

_LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10, 30)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter("nrwa_http_requests_total", "HTTP requests", ["method", "route", "status"],
                                registry=self.registry)
        self.latency = Histogram("nrwa_http_request_duration_seconds", "HTTP request latency", ["route"],
                                 buckets=_LATENCY_BUCKETS, registry=self.registry)
        self.retrieval = Histogram("nrwa_retrieval_seconds", "Retrieval time per chat turn",
                                   buckets=_LATENCY_BUCKETS, registry=self.registry)
        self.answer = Histogram("nrwa_answer_seconds", "Whole chat turn time (retrieval + answer)",
                                buckets=_LATENCY_BUCKETS, registry=self.registry)
        self.first_delta = Histogram("nrwa_answer_first_delta_seconds", "Time to the first streamed piece of an answer",
                                     buckets=_LATENCY_BUCKETS, registry=self.registry)
        self.handoff_deliveries = Counter("nrwa_handoff_deliveries_total", "Hand-off delivery attempts",
                                          ["channel", "outcome"], registry=self.registry)
        self.index_age = Gauge("nrwa_index_age_seconds", "Age of the served index generation",
                               registry=self.registry)
        self.index_chunks = Gauge("nrwa_index_chunks", "Chunks in the served index", registry=self.registry)
        self.index_failures = Gauge("nrwa_index_last_run_failures", "Failed sources/documents in the last run",
                                    registry=self.registry)
        self.index_quarantined = Gauge(
            "nrwa_index_quarantined_generations",
            "Index generations this process refused to serve: they failed to load or verify", registry=self.registry)
        self.index_fallback = Gauge(
            "nrwa_index_serving_fallback",
            "1 while an older generation is served because the current one cannot be", registry=self.registry)
        self.index_unverified = Gauge(
            "nrwa_index_serving_unverified",
            "1 while the served generation has no manifest (built before manifests existed)", registry=self.registry)
        self.index_ready = Gauge("nrwa_index_ready", "1 while a generation with chunks is served (see /readyz)",
                                 registry=self.registry)

    def observe_chat(self, timings_ms: dict[str, float]) -> None:
        """One answered chat turn, from its ChatReply.timings_ms (retrieval, first_delta when streamed, total)."""
        for key, histogram in (("retrieval", self.retrieval), ("first_delta", self.first_delta),
                               ("total", self.answer)):
            if key in timings_ms:
                histogram.observe(timings_ms[key] / 1000)

    def set_index_probe(self, probe: Callable[[], tuple[float | None, int, int]]) -> None:
        """probe() → (age seconds or None, chunks, failures); read at scrape time."""
        self.index_age.set_function(lambda: probe()[0] or 0.0)
        self.index_chunks.set_function(lambda: float(probe()[1]))
        self.index_failures.set_function(lambda: float(probe()[2]))

    def set_serving_probe(self, probe: Callable[[], ServingState]) -> None:
        """probe() → the served index's state (assistant.retrieval.served_index); read at scrape time."""
        self.index_quarantined.set_function(lambda: float(len(probe().quarantined)))
        self.index_fallback.set_function(lambda: float(probe().fallback))
        self.index_unverified.set_function(lambda: float(_unverified(probe())))
        self.index_ready.set_function(lambda: float(_ready(probe())))


def _unverified(state: ServingState) -> bool:
    return state.loaded is not None and not state.loaded.verified


def _ready(state: ServingState) -> bool:
    return state.loaded is not None and bool(state.loaded.chunks)


class MetricsMiddleware:
    """Counts and times every request by its route template (not the raw path: bounded label values)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or "unmatched"
            self.metrics.requests.labels(scope["method"], template, str(status)).inc()
            self.metrics.latency.labels(template).observe(time.perf_counter() - started)

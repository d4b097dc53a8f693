"""Rate limits (429 + Retry-After), load shedding (503), body limits, request ids, metrics, IP truncation."""

from __future__ import annotations

import asyncio

import httpx
import pytest

from api.app import create_app
from api.client_address import client_ip, truncate_ip
from api.load_shedding import ConcurrencyLimitMiddleware
from api.rate_limit import Rule, SlidingWindowLimiter
from tests.live_server import live_server


def _problem(response: httpx.Response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    return response.json()


def test_chat_is_limited_per_ip_with_retry_after(indexed):
    settings = indexed.settings.model_copy(update={"rate_limit_chat_per_minute": 2})
    with live_server(create_app(settings=settings, components=indexed)) as url:
        for _ in range(2):
            assert httpx.post(f"{url}/api/chat", json={"message": "Forschungszulage"}).status_code == 200
        limited = httpx.post(f"{url}/api/chat", json={"message": "Forschungszulage"})
        _problem(limited, 429)
        assert 1 <= int(limited.headers["retry-after"]) <= 60
        assert httpx.get(f"{url}/api/search", params={"q": "Zuschuss"}).status_code == 200  # other routes unaffected


def test_chat_is_limited_per_session(indexed):
    settings = indexed.settings.model_copy(update={"rate_limit_session_per_minute": 1})
    with live_server(create_app(settings=settings, components=indexed)) as url:
        first = httpx.post(f"{url}/api/chat", json={"message": "KI Zuschuss", "session_id": "abcdefgh1234"})
        assert first.status_code == 200
        _problem(httpx.post(f"{url}/api/chat", json={"message": "und?", "session_id": "abcdefgh1234"}), 429)
        other = httpx.post(f"{url}/api/chat", json={"message": "KI Zuschuss", "session_id": "zyxwvuts9876"})
        assert other.status_code == 200


def test_streamed_oversized_body_without_length_is_refused(indexed):
    with live_server(create_app(components=indexed)) as url:
        def chunks():
            for _ in range(200):
                yield b"x" * 1024
        _problem(httpx.post(f"{url}/api/chat", content=chunks(), headers={"Content-Type": "application/json"}), 413)
        assert httpx.get(f"{url}/healthz").status_code == 200


def test_request_id_is_echoed_or_created_and_metrics_are_exposed(indexed):
    with live_server(create_app(components=indexed)) as url:
        given = httpx.get(f"{url}/healthz", headers={"X-Request-ID": "abc-123-def-456"})
        assert given.headers["x-request-id"] == "abc-123-def-456"
        made = httpx.get(f"{url}/healthz", headers={"X-Request-ID": "<script>"})
        assert made.headers["x-request-id"] != "<script>" and len(made.headers["x-request-id"]) == 32
        httpx.post(f"{url}/api/chat", json={"message": "Forschungszulage"})
        text = httpx.get(f"{url}/metrics").text
        assert 'nrwa_http_requests_total{method="POST",route="/api/chat",status="200"} 1.0' in text
        assert "nrwa_http_request_duration_seconds_bucket" in text
        assert "nrwa_index_chunks" in text and "nrwa_index_chunks 0.0" not in text


def test_sliding_window_forgets_old_hits():
    limiter = SlidingWindowLimiter()
    rule = Rule(limit=2, window_seconds=10)
    assert limiter.hit("k", rule, now=0) is None
    assert limiter.hit("k", rule, now=1) is None
    assert limiter.hit("k", rule, now=2) == pytest.approx(8)
    assert limiter.hit("k", rule, now=10.5) is None  # the first hit left the window


def test_load_is_shed_with_503_when_too_many_requests_are_in_flight():
    release = asyncio.Event()

    async def slow_app(scope, receive, send):
        await release.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    middleware = ConcurrencyLimitMiddleware(slow_app, max_in_flight=1)

    async def call(path: str) -> int:
        status = 0

        async def send(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]

        async def receive():
            return {"type": "http.request", "body": b"", "more_body": False}

        await middleware({"type": "http", "path": path, "method": "GET", "headers": []}, receive, send)
        return status

    async def scenario() -> tuple[int, int, int]:
        first = asyncio.create_task(call("/api/search"))
        await asyncio.sleep(0.01)
        shed = await call("/api/search")
        health_task = asyncio.create_task(call("/healthz"))  # never shed
        await asyncio.sleep(0.01)
        release.set()
        return await first, shed, await health_task

    assert asyncio.run(scenario()) == (200, 503, 200)


def test_ip_addresses_are_truncated_and_proxies_only_trusted_when_configured():
    assert truncate_ip("203.0.113.77") == "203.0.113.0"
    assert truncate_ip("2001:db8:abcd:1234::1") == "2001:db8:abcd::"
    assert truncate_ip("not-an-ip") == "unknown"
    scope = {"client": ("10.0.0.5", 1), "headers": [(b"x-forwarded-for", b"198.51.100.9, 10.0.0.5")]}
    assert client_ip(scope, frozenset()) == "10.0.0.5"
    assert client_ip(scope, frozenset({"10.0.0.5"})) == "198.51.100.9"

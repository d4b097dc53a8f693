"""The real app on 127.0.0.1 over the routed test corpus, with a database of its own, an admin token, and hand-off
channels to loopback webhooks (one answers 204, one 500 so its deliveries fail), plus the calls the tests repeat."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import yaml

from api.app import create_app
from assistant.components import build_components
from assistant.settings import Settings
from indexer.embedding_model import EmbeddingModel
from tests.api.handoff.app_under_test import ADMIN_TOKEN, RunningApp
from tests.api.handoff.receivers import WebhookReceiver
from tests.live_server import live_server

FAILING_PARTNER = "hwk-muenster"


@contextmanager
def insights_app(settings: Settings, embeddings: EmbeddingModel, folder: Path,
                 **overrides: Any) -> Iterator[RunningApp]:
    accepting, failing = WebhookReceiver().start(), WebhookReceiver(status=500).start()
    channels = folder / "handoff_channels.yaml"
    channels.write_text(yaml.safe_dump({"default": {"channel": "webhook", "url": accepting.url},
                                        "partners": {FAILING_PARTNER: {"channel": "webhook", "url": failing.url}}}),
                        encoding="utf-8")
    settings = settings.model_copy(update={
        "admin_token": ADMIN_TOKEN, "database_url": f"sqlite:///{folder / 'app.db'}",
        "handoff_channels_file": channels, "handoff_allow_private_webhooks": True, "handoff_max_attempts": 1,
        "rate_limit_chat_per_minute": 10_000, "rate_limit_session_per_minute": 10_000,
        "rate_limit_handoff_per_hour": 10_000, **overrides,
    })
    app = create_app(settings=settings, components=build_components(settings, embeddings=embeddings))
    try:
        with live_server(app) as url:
            yield RunningApp(url, app, settings)
    finally:
        accepting.stop()
        failing.stop()


def chat(url: str, message: str, session_id: str | None = None) -> dict[str, Any]:
    response = httpx.post(f"{url}/api/chat", json={"message": message, "session_id": session_id}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def rate(url: str, reply: dict[str, Any], rating: str, comment: str | None = None) -> None:
    response = httpx.post(f"{url}/api/feedback",
                          json={"message_id": reply["message_id"], "rating": rating, "comment": comment})
    assert response.status_code == 201, response.text


def admin_get(server: RunningApp, path: str, **params: Any) -> httpx.Response:
    response = httpx.get(f"{server.url}{path}", headers=server.admin_headers, params=params, timeout=60)
    assert response.status_code == 200, response.text
    return response


def database_bytes(database: Path) -> bytes:
    """The SQLite file and its WAL, checkpointed: every value stored, in whatever table."""
    with contextlib.closing(sqlite3.connect(database)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return b"".join(p.read_bytes() for p in sorted(database.parent.glob(database.name + "*")))

"""The real app on 127.0.0.1 over the indexed test corpus, configured like a deployment with hand-off channels.

Writes a small partners.yaml into the test corpus and a channels file beside it, starts the server through
tests/live_server.py, and offers the few HTTP calls the tests repeat.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import yaml
from fastapi import FastAPI
from pydantic import SecretStr

from api.app import create_app
from api.app_data_services import AppDataServices
from assistant.components import AssistantComponents
from assistant.settings import Settings
from tests.live_server import live_server

ADMIN_TOKEN = "test-admin-token-0123456789abcdef"
WEBHOOK_SECRET = "test-webhook-secret"
TEST_PARTNERS = [
    {"id": "ihk-teststadt", "name": "IHK Teststadt"},
    {"id": "hwk-teststadt", "name": "Handwerkskammer Teststadt"},
    {"id": "agentur-ohne-kanal", "name": "Agentur ohne Kanal"},
]


@dataclass
class RunningApp:
    url: str
    app: FastAPI
    settings: Settings

    @property
    def services(self) -> AppDataServices:
        return self.app.state.app_data

    @property
    def admin_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {ADMIN_TOKEN}"}

    def post_handoff(self, **overrides: Any) -> httpx.Response:
        return httpx.post(f"{self.url}/api/handoff", json=handoff_body(**overrides))

    def handoffs(self, include_personal_data: bool = False) -> list[dict[str, Any]]:
        response = httpx.get(f"{self.url}/api/admin/handoffs", headers=self.admin_headers,
                             params={"include_personal_data": str(include_personal_data).lower()})
        assert response.status_code == 200, response.text
        return response.json()["handoffs"]

    def handoff(self, handoff_id: str, include_personal_data: bool = False) -> dict[str, Any]:
        return next(h for h in self.handoffs(include_personal_data) if h["id"] == handoff_id)


def handoff_body(**overrides: Any) -> dict[str, Any]:
    body = {
        "session_id": "session-0001-abcdef",
        "partner_id": "ihk-teststadt",
        "name": "Erika Musterfrau",
        "email": "erika.musterfrau@beispiel-gmbh.de",
        "company": "Beispiel GmbH",
        "phone": "+49 231 9876543",
        "message": "Wir planen eine KI-gestützte Qualitätskontrolle und suchen passende Förderung.",
        "consent": True,
    }
    body.update(overrides)
    return {k: v for k, v in body.items() if v is not ...}  # `...` drops a field


@contextmanager
def running_app(indexed: AssistantComponents, folder: Path, channels: dict[str, Any] | None,
                smtp_port: int | None = None, **overrides: Any) -> Iterator[RunningApp]:
    (indexed.settings.corpus_dir / "partners.yaml").write_text(
        yaml.safe_dump({"partners": TEST_PARTNERS}, allow_unicode=True), encoding="utf-8")
    channels_file = None
    if channels is not None:
        channels_file = folder / "handoff_channels.yaml"
        channels_file.write_text(yaml.safe_dump(channels), encoding="utf-8")
    update: dict[str, Any] = {
        "admin_token": ADMIN_TOKEN,
        "handoff_channels_file": channels_file,
        "handoff_allow_private_webhooks": True,  # the receivers live on 127.0.0.1
        "handoff_webhook_secret": SecretStr(WEBHOOK_SECRET),
        "handoff_retry_base_seconds": 3600.0,  # no retry by the clock during a test; tests pass `now` instead
        "smtp_host": "127.0.0.1" if smtp_port else None,
        "smtp_port": smtp_port or 25,
        "smtp_from": "assistent@nrw-innovation.example" if smtp_port else None,
        "smtp_starttls": False,
        "rate_limit_handoff_per_hour": 10_000,
    }
    update.update(overrides)
    settings = indexed.settings.model_copy(update=update)
    app = create_app(settings=settings, components=indexed)
    with live_server(app) as url:
        yield RunningApp(url, app, settings)

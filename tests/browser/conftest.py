"""Browser tests: real headless Chromium (Debian's, driven by Playwright) against the real app on 127.0.0.1.

One index for the whole session: the small test corpus, the bundled gazetteer and partner list (so replies carry
partner cards), and a programme whose page is an XSS payload. The API allows the widget of PARTNER on one partner
site (another 127.0.0.1 port = another origin) and on no other; hand-offs go to a webhook on loopback.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from fastapi import FastAPI

from api.app import create_app
from assistant.components import build_components
from assistant.settings import PROJECT_ROOT, Settings
from tests.api.handoff.receivers import WebhookReceiver, wait_for
from tests.browser.partner_site import PartnerSite
from tests.corpus_builder import PROGRAMS_YAML, write_test_corpus
from tests.live_server import live_server

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
AXE = Path(__file__).parent / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"
PARTNER = "ihk-ostwestfalen"
ADMIN_TOKEN = "browser-test-admin-token-0123456789"

# Every string a page could run if it were inserted as HTML or followed as a link. Each alert() says which.
XSS_PROGRAM = """\
  - id: test-xss-schutz
    name: "Zahlungsschutz <img src=x onerror=alert('programmname')>"
    provider: "<script>alert('traeger')</script>"
    level: Land
    funding_type: Zuschuss
    target_groups: [kmu]
    topics: [it-sicherheit]
    status: open
    status_note: "<b onmouseover=alert('hinweis')>Hinweis</b> [Antrag](javascript:alert('md-hinweis'))"
    amount: "<svg onload=alert('betrag')>"
    as_of: 2025-04-01
    source_url: "javascript:alert('programmquelle')"
    document: sample/zahlungsschutz.md
"""
XSS_MD = """\
---
id: prog-test-xss
kind: programme
program_id: test-xss-schutz
title: "Zahlungsschutz Leitfaden <script>alert('titel')</script>"
source_url: "javascript:alert('quelle')"
as_of: 2025-04-01
---
# Zahlungsschutz Leitfaden <script>alert('h1')</script>
## Schutz vor Rechnungsbetrug
Der Zahlungsschutz hilft kleinen Unternehmen gegen Rechnungsbetrug und gefälschte Überweisungen. \
<img src=x onerror="alert('bild')"> Mehr dazu [im Antrag](javascript:alert('mdlink')) oder \
<a href="javascript:alert('anker')" onclick="alert('klick')">hier</a>. **<b onmouseover=alert('fett')>Wichtig</b>**
"""
XSS_QUESTION = "Gibt es Hilfe gegen Rechnungsbetrug und gefälschte Überweisungen?"


class PacedStream:
    """The real chat stream, optionally with a pause before each event — like a slow language model, so that a
    test can see the answer grow (the extractive answerer writes its lines faster than a browser paints)."""

    def __init__(self, inner: Callable[..., AsyncIterator]) -> None:
        self.inner = inner
        self.pause_seconds = 0.0

    async def __call__(self, turn: object) -> AsyncIterator:
        async for event in self.inner(turn):
            if self.pause_seconds:
                await asyncio.sleep(self.pause_seconds)
            yield event


@dataclass
class Deployment:
    url: str
    app: FastAPI
    allowed_site: PartnerSite
    foreign_site: PartnerSite
    webhook: WebhookReceiver
    stream: PacedStream

    @property
    def admin_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {ADMIN_TOKEN}"}

    def webhook_wait(self, match: Callable[[dict], bool]) -> dict:
        """The hand-off the partner's webhook received (delivered in the background, so wait for it)."""
        return wait_for(lambda: next((r.json() for r in self.webhook.requests if match(r.json())), None),
                        "the hand-off at the partner's webhook")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_settings(tmp_path_factory, embeddings) -> Settings:
    from tests.assistant.conversation.conftest import _index

    root = tmp_path_factory.mktemp("browser")
    corpus = write_test_corpus(root / "corpus")
    programs = PROGRAMS_YAML
    for topics, region in (("[ki, digitalisierung]", "NRW"), ("[fue]", "Deutschland")):
        programs = programs.replace(f"    topics: {topics}\n", f"    topics: {topics}\n    region: {region}\n")
    assert programs.count("region:") == 2  # regions for the advisor's region facet
    (corpus / "programs.yaml").write_text(programs + XSS_PROGRAM, encoding="utf-8")
    (corpus / "sample" / "zahlungsschutz.md").write_text(XSS_MD, encoding="utf-8")
    # The bundled routing data, so that replies carry partner cards with a hand-off form.
    shutil.copytree(PROJECT_ROOT / "corpus" / "gazetteer", corpus / "gazetteer")
    shutil.copy(PROJECT_ROOT / "corpus" / "partners.yaml", corpus / "partners.yaml")
    shutil.copytree(PROJECT_ROOT / "corpus" / "sample" / "partners", corpus / "sample" / "partners")
    settings = Settings(_env_file=None, data_dir=root / "data", corpus_dir=corpus)
    _index(settings, embeddings)
    return settings


@pytest.fixture(scope="session")
def deployment(browser_settings, embeddings, tmp_path_factory) -> Iterator[Deployment]:
    webhook = WebhookReceiver().start()
    channels = tmp_path_factory.mktemp("channels") / "handoff_channels.yaml"
    channels.write_text(yaml.safe_dump({"default": {"channel": "webhook", "url": webhook.url}}), encoding="utf-8")
    allowed = PartnerSite(PARTNER).start()
    foreign = PartnerSite(PARTNER).start()  # the same snippet, but its origin is allowed for no partner
    settings = browser_settings.model_copy(update={
        "widget_origins": {PARTNER: [allowed.origin], "other-partner": ["https://www.example.org"]},
        "admin_token": ADMIN_TOKEN,
        "handoff_channels_file": channels,
        "handoff_allow_private_webhooks": True,
        "handoff_retry_base_seconds": 3600.0,
        "rate_limit_chat_per_minute": 10_000, "rate_limit_session_per_minute": 10_000,
        "rate_limit_search_per_minute": 10_000, "rate_limit_handoff_per_hour": 10_000,
    })
    components = build_components(settings, embeddings=embeddings)
    stream = components.chat.stream_prepared = PacedStream(components.chat.stream_prepared)
    app = create_app(settings=settings, components=components)
    with live_server(app) as url:
        allowed.api_url = foreign.api_url = url
        yield Deployment(url, app, allowed, foreign, webhook, stream)
    allowed.stop()
    foreign.stop()
    webhook.stop()


@pytest.fixture(scope="session")
def chromium_context():
    if not CHROMIUM.exists():
        pytest.fail("Debian chromium is not installed: run `make browser-deps` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="nrwa-chromium-") as profile, sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS,
            viewport={"width": 1280, "height": 900}, locale="de-DE", accept_downloads=True)
        yield context
        context.close()


@dataclass
class PageWatch:
    """What a page did that a test may not allow: dialogs (alert …), requests to hosts other than 127.0.0.1."""

    dialogs: list[str]
    foreign_requests: list[str]


@pytest.fixture()
def page(chromium_context) -> Iterator:
    page = chromium_context.new_page()
    page.set_default_timeout(20_000)
    watch = PageWatch([], [])

    def on_dialog(dialog) -> None:
        watch.dialogs.append(dialog.message)
        dialog.dismiss()

    def on_request(request) -> None:
        if not request.url.startswith(("http://127.0.0.1:", "data:", "blob:", "about:")):
            watch.foreign_requests.append(request.url)

    page.on("dialog", on_dialog)
    page.on("request", on_request)
    page.watch = watch
    yield page
    page.close()
    assert not watch.foreign_requests, f"requests to third parties: {watch.foreign_requests}"
    assert not watch.dialogs, f"dialogs opened: {watch.dialogs}"


def axe_source() -> str:
    assert AXE.exists(), "axe-core is missing: run `npm ci` in tests/browser (package-lock.json pins it)"
    return AXE.read_text(encoding="utf-8")


def screenshot_path(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / name


def dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)

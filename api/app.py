"""The app factory: builds a FastAPI app from Settings (or from ready components, as tests do)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from api.app_data_services import build_app_data_services
from api.app_lifespan import app_data_lifespan
from api.appdata.shared_state import build_rate_limiter, build_session_store
from api.auth import AdminAuth
from api.body_limit import BodyLimitMiddleware
from api.composition import build_index_background
from api.index_run_metrics import install_index_run_metrics
from api.load_shedding import ConcurrencyLimitMiddleware
from api.metrics import Metrics, MetricsMiddleware
from api.openapi_problems import install_problem_openapi
from api.problems import install_problem_handlers
from api.rate_limit import RateLimitMiddleware, Rule
from api.request_logging import RequestLogMiddleware
from api.routers import (
    admin,
    admin_index,
    chat,
    corpus_check,
    feedback,
    handoff,
    health,
    insights,
    programs,
    routing,
    search,
)
from api.widget_origins import WidgetOriginMiddleware, WidgetOriginPolicy
from assistant.components import AssistantComponents, build_components
from assistant.settings import PROJECT_ROOT, Settings
from indexer.corpus_catalogues import load_corpus_catalogues
from indexer.embeddings import limit_torch_threads

WIDGET_DIR = PROJECT_ROOT / "widget"
MAX_BODY_BYTES = 64 * 1024  # a chat message is at most 4,000 characters; anything far larger is refused early


def create_served_app(settings: Settings | None = None) -> FastAPI:
    """The app as `nrw-assistant serve` runs it, in each worker process: torch limited to the server's threads
    first (a process-wide setting, so not in create_app, which tests and benchmarks build in their own process)."""
    settings = settings or Settings()
    limit_torch_threads(settings.server_torch_threads)
    return create_app(settings)


def create_app(settings: Settings | None = None, components: AssistantComponents | None = None) -> FastAPI:
    settings = settings or (components.settings if components else Settings())
    app = FastAPI(
        title="NRW Innovation Assistant",
        version="0.1.0",
        description="Cited answers on funding programmes for SMEs in NRW, and routing to regional partners.",
        lifespan=app_data_lifespan,  # migrations, chat-turn recorder, hand-off delivery and retention worker
    )
    app.state.metrics = Metrics()
    app.state.admin_auth = AdminAuth(settings.admin_token)
    # Every corpus catalogue is read once per process and handed to whoever needs it (issue 18).
    catalogues = load_corpus_catalogues(settings.corpus_dir)
    app.state.app_data = build_app_data_services(
        settings, lambda channel, outcome: app.state.metrics.handoff_deliveries.labels(channel, outcome).inc(),
        catalogues=catalogues)
    # Conversations in this process, or in the app-data database when several workers serve (Settings.state_store).
    app.state.components = components or build_components(
        settings, sessions=build_session_store(settings, app.state.app_data.engine), catalogues=catalogues)
    app.state.reindex = build_index_background(settings, app.state.components.analyzer)
    _install_index_probe(app)
    install_index_run_metrics(app.state.metrics.registry, settings)
    install_problem_handlers(app)
    install_problem_openapi(app)
    _install_middleware(app, settings)

    app.include_router(chat.router)
    app.include_router(search.router)
    app.include_router(programs.router)
    app.include_router(routing.router)
    app.include_router(health.router)
    app.include_router(feedback.router)
    app.include_router(handoff.router)
    app.include_router(admin.router)
    app.include_router(admin_index.router)
    app.include_router(insights.router)
    app.include_router(corpus_check.router)
    _mount_widget(app, WIDGET_DIR)

    @app.get("/metrics", include_in_schema=False)
    def metrics() -> Response:
        return Response(generate_latest(app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)

    return app


def _install_middleware(app: FastAPI, settings: Settings) -> None:
    """Added innermost first: rate limits, widget origins (and CORS), body limit, load shedding, metrics, request
    log (outermost)."""
    proxies = frozenset(settings.trusted_proxies)
    rules = {
        ("POST", "/api/chat"): Rule(settings.rate_limit_chat_per_minute, 60),
        ("GET", "/api/search"): Rule(settings.rate_limit_search_per_minute, 60),
        ("POST", "/api/handoff"): Rule(settings.rate_limit_handoff_per_hour, 3600),
    }
    limiter = build_rate_limiter(settings, app.state.app_data.engine)  # per process, or shared by every worker
    app.add_middleware(RateLimitMiddleware, limiter=limiter, rules=rules,
                       session_rule=Rule(settings.rate_limit_session_per_minute, 60), trusted_proxies=proxies)
    app.add_middleware(WidgetOriginMiddleware,  # deny by default; refusals and 429s still carry CORS headers
                       policy=WidgetOriginPolicy(settings.widget_origins, settings.cors_origins))
    app.add_middleware(BodyLimitMiddleware, max_bytes=MAX_BODY_BYTES)  # outside the limiter, which reads bodies
    app.add_middleware(ConcurrencyLimitMiddleware, max_in_flight=settings.max_concurrent_requests)
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)
    app.add_middleware(RequestLogMiddleware, trusted_proxies=proxies)


def _install_index_probe(app: FastAPI) -> None:
    served = app.state.components.served_index

    def probe() -> tuple[float | None, int, int]:
        loaded = served.state().loaded  # never raises: a damaged index is a reading, not a scrape error
        if loaded is None:
            return None, 0, 0
        age = time.time() - loaded.generation.path.stat().st_mtime if loaded.generation.path.exists() else None
        failures = int(((loaded.last_run or {}).get("totals") or {}).get("failed", 0))
        return age, len(loaded.chunks), failures

    app.state.metrics.set_index_probe(probe)
    app.state.metrics.set_serving_probe(served.state)


def _mount_widget(app: FastAPI, folder: Path) -> None:
    # Our own pages may load and call only this origin (the widget and advisor make no third-party request).
    page_headers = {"Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                    "img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"}

    def static(path: Path, media_type: str) -> Callable[[], Response]:
        headers = {"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff",
                   **(page_headers if media_type.startswith("text/html") else {})}

        def serve() -> Response:
            return FileResponse(path, media_type=media_type, headers=headers)
        return serve

    html, js, css = "text/html; charset=utf-8", "text/javascript; charset=utf-8", "text/css; charset=utf-8"
    for route, file, media_type in [
        ("/", "demo/index.html", html), ("/widget.js", "widget.js", js), ("/widget.css", "widget.css", css),
        ("/advisor", "advisor/index.html", html), ("/advisor/advisor.js", "advisor/advisor.js", js),
        ("/advisor/advisor.css", "advisor/advisor.css", css), ("/datenschutz", "privacy.html", html),
        ("/admin", "admin/index.html", html), ("/admin/admin.js", "admin/admin.js", js),
        ("/admin/admin.css", "admin/admin.css", css),
    ]:
        app.add_api_route(route, static(folder / file, media_type), include_in_schema=False)

"""The app factory: builds a FastAPI app from Settings (or from ready components, as tests do)."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, Response

from api.problems import install_problem_handlers, problem
from api.routers import chat, health, search
from assistant.components import AssistantComponents, build_components
from assistant.settings import PROJECT_ROOT, Settings

WIDGET_DIR = PROJECT_ROOT / "widget"
MAX_BODY_BYTES = 64 * 1024  # a chat message is at most 4,000 characters; anything far larger is refused early


def create_app(settings: Settings | None = None, components: AssistantComponents | None = None) -> FastAPI:
    settings = settings or (components.settings if components else Settings())
    app = FastAPI(
        title="NRW Innovation Assistant",
        version="0.1.0",
        description="Cited answers on funding programmes for SMEs in NRW, and routing to regional partners.",
    )
    app.state.components = components or build_components(settings)
    install_problem_handlers(app)

    if settings.cors_origins:
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins, allow_methods=["GET", "POST"],
                           allow_headers=["Content-Type", "Accept"], allow_credentials=False)

    @app.middleware("http")
    async def limit_body(request: Request, call_next):
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY_BYTES):
            return problem(413, "Anfrage zu groß", f"request bodies are limited to {MAX_BODY_BYTES} bytes")
        return await call_next(request)

    app.include_router(chat.router)
    app.include_router(search.router)
    app.include_router(health.router)
    _mount_widget(app, WIDGET_DIR)
    return app


def _mount_widget(app: FastAPI, folder: Path) -> None:
    def static(path: Path, media_type: str):
        def serve() -> Response:
            return FileResponse(path, media_type=media_type, headers={"Cache-Control": "no-cache"})
        return serve

    app.add_api_route("/", static(folder / "demo" / "index.html", "text/html; charset=utf-8"),
                      include_in_schema=False)
    app.add_api_route("/widget.js", static(folder / "widget.js", "text/javascript; charset=utf-8"),
                      include_in_schema=False)

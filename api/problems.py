"""Every error as application/problem+json (RFC 9457) — never a traceback, never internal details."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from assistant.retrieval.served_index import IndexUnavailableError

PROBLEM_JSON = "application/problem+json"
logger = logging.getLogger("nrwa.api")


def problem(status: int, title: str, detail: str, headers: dict[str, str] | None = None,
            extensions: dict[str, object] | None = None) -> JSONResponse:
    """extensions: further members of the problem (RFC 9457 §3.2), e.g. the values a parameter accepts."""
    return JSONResponse(
        {"type": "about:blank", "title": title, "status": status, "detail": detail, **(extensions or {})},
        status_code=status, media_type=PROBLEM_JSON, headers=headers,
    )


def _describe(errors: list[dict]) -> str:
    parts = []
    for err in errors[:5]:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{loc}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        return problem(422, "Ungültige Anfrage", _describe(list(exc.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else "request failed"
        return problem(exc.status_code, _TITLES.get(exc.status_code, "Fehler"), detail,
                       headers=getattr(exc, "headers", None))

    @app.exception_handler(IndexUnavailableError)
    async def _index_unavailable(_: Request, exc: IndexUnavailableError) -> JSONResponse:
        # Logged once where it was found (assistant/retrieval/served_index.py), not on every request.
        return problem(503, _TITLES[503], f"The search index cannot be served: {exc.reason}; {exc.hint}",
                       headers={"Retry-After": "30"})

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        logger.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem(500, "Interner Fehler", "The request could not be completed; it has been logged.")


_TITLES = {400: "Ungültige Anfrage", 401: "Nicht angemeldet", 403: "Nicht erlaubt", 404: "Nicht gefunden",
           405: "Methode nicht erlaubt", 409: "Konflikt", 413: "Anfrage zu groß", 415: "Falscher Inhaltstyp",
           422: "Ungültige Anfrage", 429: "Zu viele Anfragen", 503: "Nicht bereit"}

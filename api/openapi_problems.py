"""Make the OpenAPI document say what the API really does on errors: problem+json, with every status the
middleware and handlers can produce, so clients and schema-based tests see no undocumented reply."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from api.problems import PROBLEM_JSON

_PROBLEM_SCHEMA = {
    "type": "object",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
    },
}
# Statuses any operation may answer: bad body, wrong method, too large, invalid, rate limited, shed.
_COMMON = {"400": "Malformed request", "405": "Method not allowed", "413": "Request body too large",
           "422": "Invalid request", "429": "Too many requests", "500": "Internal error",
           "503": "Busy or not ready"}


def _problem_response(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {PROBLEM_JSON: {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def install_problem_openapi(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = _PROBLEM_SCHEMA
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                responses = operation.setdefault("responses", {})
                for status, description in _COMMON.items():
                    responses[status] = _problem_response(description)
                for status, response in list(responses.items()):
                    # Declared error replies (401, 403, 404 …) are problem+json too.
                    if status.startswith(("4", "5")) and PROBLEM_JSON not in response.get("content", {}):
                        responses[status] = _problem_response(response.get("description", "Error"))
        for name in ("HTTPValidationError", "ValidationError"):
            schema["components"]["schemas"].pop(name, None)
        app.openapi_schema = schema
        return schema

    app.openapi = openapi  # type: ignore[method-assign]

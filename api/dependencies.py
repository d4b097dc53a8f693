"""Access to the components the app factory built (kept on app.state, never global)."""

from __future__ import annotations

from fastapi import Request

from assistant.components import AssistantComponents


def components(request: Request) -> AssistantComponents:
    return request.app.state.components

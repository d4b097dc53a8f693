"""Access to the app-data services the app factory built (kept on app.state, never global)."""

from __future__ import annotations

from fastapi import Request

from api.appdata.services import AppDataServices


def app_data(request: Request) -> AppDataServices:
    return request.app.state.app_data

"""Access to the app-data services the app factory built (kept on app.state, never global)."""

from __future__ import annotations

from fastapi import Request

from api.app_data_services import AppDataServices


def app_data(request: Request) -> AppDataServices:
    return request.app.state.app_data

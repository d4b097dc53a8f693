"""Start and stop of the app-data services with the API: migrations, the chat-turn recorder, the worker."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from api.app_data_services import AppDataServices
from api.appdata.engine import display_url
from api.appdata.migrator import upgrade

logger = logging.getLogger("nrwa.appdata")


@asynccontextmanager
async def app_data_lifespan(app: FastAPI) -> AsyncIterator[None]:
    services: AppDataServices = app.state.app_data
    if services.settings.database_migrate_on_start:
        await asyncio.to_thread(upgrade, services.engine)
        logger.info("app data ready at %s", display_url(services.engine))
    remove_listener = app.state.components.chat.add_turn_listener(services.turns.listener())
    remove_recorder = app.state.components.chat.add_turn_listener(services.questions.listener())
    await services.worker.start()
    try:
        yield
    finally:
        await services.worker.stop()
        remove_recorder()
        remove_listener()
        services.engine.dispose()

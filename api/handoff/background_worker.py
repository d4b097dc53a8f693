"""The API's background worker: delivers due hand-offs and purges expired personal data once a day.

Started and stopped by the app's lifespan. Blocking work (SMTP, HTTP, database) runs in a thread so the event
loop keeps serving chats. A new hand-off wakes the worker at once; otherwise it looks every poll interval.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable

from api.handoff.handoff_delivery import HandoffDelivery

logger = logging.getLogger("nrwa.handoff")

PURGE_INTERVAL_SECONDS = 24 * 3600.0


class BackgroundWorker:
    def __init__(self, delivery: HandoffDelivery, purge: Callable[[], object], poll_seconds: float,
                 purge_interval_seconds: float = PURGE_INTERVAL_SECONDS) -> None:
        self._delivery = delivery
        self._purge = purge
        self._poll = poll_seconds
        self._purge_interval = purge_interval_seconds
        self._task: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._next_purge = 0.0
        self._stopping = False

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._task = asyncio.create_task(self._run(), name="nrwa-background-worker")

    async def stop(self) -> None:
        """Let a round in progress finish (a thread cannot be interrupted; its timeouts bound it), then end."""
        if self._task is None or self._wake is None:
            return
        self._stopping = True
        self._wake.set()
        await self._task
        self._task = None

    def wake(self) -> None:
        """Safe from any thread (the hand-off route runs in the thread pool)."""
        if self._loop is not None and self._wake is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._wake.set)

    async def _run(self) -> None:
        assert self._wake is not None
        while not self._stopping:
            self._wake.clear()
            await self._round()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self._poll)

    async def _round(self) -> None:
        try:
            # One delivery per step, so a shutdown waits for at most one attempt (bounded by its timeouts).
            while not self._stopping and (await asyncio.to_thread(self._delivery.deliver_due, None, False, 1)).claimed:
                pass
            if time.monotonic() >= self._next_purge and not self._stopping:
                report = await asyncio.to_thread(self._purge)
                self._next_purge = time.monotonic() + self._purge_interval
                logger.info("retention purge: %s", report)
        except Exception:  # the database may be briefly unreachable; the next round tries again
            logger.exception("background worker round failed")

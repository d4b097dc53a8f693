"""Rate limits that hold across API workers and replicas: hit counters per key and window in the app-data database.

A sliding window estimated from two fixed windows (the current count plus the previous window's count weighted
by how much of it still overlaps the sliding window), so a burst cannot double the limit at a window boundary.
Each hit is one atomic upsert; a refused hit is taken back, as in the in-memory limiter. Keys are stored as
SHA-256 digests (no client address in the database) and rows are deleted after two windows.
If the database fails, requests are let through and the failure is logged: an outage of the counters must not
become an outage of the chat.
"""

from __future__ import annotations

import hashlib
import logging
import time
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import SQLAlchemyError

from api.appdata.sweep_timer import SweepTimer
from api.appdata.tables import rate_limit_counters as counters
from api.appdata.upsert import insert_or_update
from api.rate_limit import Rule

logger = logging.getLogger("nrwa.ratelimit")
_SWEEP_SECONDS = 60.0


class DatabaseRateLimiter:
    blocking = True  # the middleware calls it from a worker thread

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sweep = SweepTimer(_SWEEP_SECONDS)

    def hit(self, key: str, rule: Rule, now: float | None = None) -> float | None:
        """Record one request; return seconds to wait if it is over the limit (then it is not recorded)."""
        now = time.time() if now is None else now
        window = float(rule.window_seconds)
        index = int(now // window)
        elapsed = now - index * window
        digest = hashlib.sha256(f"{window:g}:{key}".encode()).hexdigest()
        add = insert_or_update(self._engine, counters).values(
            key=digest, window_index=index, hits=1, expires_at=datetime.fromtimestamp((index + 2) * window, UTC))
        count = add.on_conflict_do_update(index_elements=[counters.c.key, counters.c.window_index],
                                          set_={"hits": counters.c.hits + 1}).returning(counters.c.hits)
        previous_hits = select(counters.c.hits).where(counters.c.key == digest, counters.c.window_index == index - 1)
        take_back = (update(counters).where(counters.c.key == digest, counters.c.window_index == index)
                     .values(hits=counters.c.hits - 1))
        try:
            with self._engine.begin() as connection:
                hits = int(connection.execute(count).scalar_one())
                previous = int(connection.execute(previous_hits).scalar() or 0)
                if previous * (1 - elapsed / window) + hits <= rule.limit:
                    if self._sweep.due():
                        expired = counters.c.expires_at < datetime.fromtimestamp(now, UTC)
                        connection.execute(delete(counters).where(expired))
                    return None
                connection.execute(take_back)
        except SQLAlchemyError:
            logger.warning("rate-limit counters unavailable; request let through", exc_info=True)
            return None
        return _wait(previous, hits - 1, rule.limit, window, elapsed)



def _wait(previous: int, current: int, limit: int, window: float, elapsed: float) -> float:
    """Seconds until previous·(1 − elapsed/window) + current + 1 ≤ limit, if no other request comes."""
    room = limit - current - 1
    if room >= 0:  # the previous window's weight has to fade (previous > 0 here, else the hit would have fitted)
        return max(0.0, window * (1 - room / previous) - elapsed)
    # Not before the next window, where this window's count becomes the fading one.
    return window - elapsed + window * max(0.0, 1 - (limit - 1) / current)

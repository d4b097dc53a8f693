"""When to delete expired rows: at most once per interval and process, by whichever thread asks first."""

from __future__ import annotations

import threading
import time


class SweepTimer:
    def __init__(self, seconds: float) -> None:
        self._seconds = seconds
        self._lock = threading.Lock()
        self._next = 0.0

    def due(self) -> bool:
        now = time.monotonic()
        with self._lock:
            if now < self._next:
                return False
            self._next = now + self._seconds
            return True

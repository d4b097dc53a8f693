"""Orderly stops of an indexing run: SIGTERM and SIGINT become an exception at the point the run has reached.

The run then unwinds like any failed run: the half-built generation is removed, LAST_RUN.json says who stopped it
and in which phase, the run lock is released when its `with` block is left, and the command exits with 128 + the
signal number (143 for SIGTERM, 130 for SIGINT). The served generation is never touched by a stopped run.
`IndexRunStopped` is a BaseException, like KeyboardInterrupt, so no `except Exception` on the way (a parser that
reports a broken file and carries on) can swallow it.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class IndexRunStopped(BaseException):  # a stop, like KeyboardInterrupt, not an error
    def __init__(self, signum: int, phase: str | None = None) -> None:
        self.signum = signum
        self.phase = phase
        super().__init__(self.describe())

    @property
    def signal_name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum

    def describe(self) -> str:
        where = f" during {self.phase}" if self.phase else ""
        return f"stopped by {signal.Signals(self.signum).name}{where}"


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """For the block, SIGTERM and SIGINT raise IndexRunStopped (once: a second signal while the run unwinds is
    ignored, so the clean-up finishes). Only the main thread can own signal handlers; elsewhere nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping = False

    def handler(signum: int, _frame: object) -> None:
        nonlocal stopping
        if stopping:
            return
        stopping = True
        raise IndexRunStopped(signum)

    previous = {signum: signal.signal(signum, handler) for signum in STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)

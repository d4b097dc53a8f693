"""One indexing run at a time per index folder (CLI, API and cron may all start one).

An advisory lock (flock) on `<index>/.run.lock`: the kernel releases it when the process ends, even on SIGKILL,
so a killed run never leaves a stale lock behind. flock locks belong to an open file, so two RunLocks exclude
each other even inside one process (two API requests, or an API run and a CLI run).
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import TextIO

EXIT_BUSY = 75  # EX_TEMPFAIL: `index` (plain or --due) found another run holding the index; try again later


class IndexBusyError(RuntimeError):
    """Another indexing run holds the lock."""


class RunLock:
    """acquire() / release(), or `with RunLock(root):`. The API acquires it in the request (to answer 409 at once)
    and releases it on the thread that ran the indexing."""

    def __init__(self, index_root: Path) -> None:
        self._path = index_root / ".run.lock"
        self._handle: TextIO | None = None

    def acquire(self) -> None:
        """Raises IndexBusyError when another run holds the index."""
        self._path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self._path, "a+", encoding="utf-8")  # noqa: SIM115 (held until release)
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise IndexBusyError(f"another indexing run is in progress (pid {holder}); try again later") from exc
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle

    def release(self) -> None:
        if self._handle is not None:
            self._handle.close()  # closing releases the lock
            self._handle = None

    def __enter__(self) -> RunLock:
        self.acquire()
        return self

    def __exit__(self, *_: object) -> None:
        self.release()


def run_lock(index_root: Path) -> RunLock:
    """`with run_lock(root):` — held for the block, IndexBusyError if another run holds it."""
    return RunLock(index_root)

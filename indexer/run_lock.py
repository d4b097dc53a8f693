"""One indexing run at a time per index folder (CLI, API and cron may all start one).

An advisory lock (flock) on `<index>/.run.lock`: the kernel releases it when the process ends, even on SIGKILL,
so a killed run never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class IndexBusyError(RuntimeError):
    """Another indexing run holds the lock."""


@contextmanager
def run_lock(index_root: Path) -> Iterator[None]:
    index_root.mkdir(parents=True, exist_ok=True)
    path = index_root / ".run.lock"
    handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 (held for the whole run)
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise IndexBusyError(f"another indexing run is in progress (pid {holder}); try again later") from exc
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()  # closing releases the lock

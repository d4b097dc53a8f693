"""Indexing runs that never overlap across machines: a PostgreSQL advisory lock around each run.

The run lock of every run (indexer/run_lock.py) is a file lock in the index folder. That holds across processes
on one machine, and across machines on a shared volume whose file locks work (NFSv4, CephFS, EFS). When the app
data is on PostgreSQL, every run also takes a session-level advisory lock there, which holds whatever the shared
volume does; PostgreSQL releases it when the run's connection ends, so a killed run never leaves it behind.
The lock key is derived from the collection prefix, which names one index on a Chroma server.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import NullPool

from indexer.pipeline import IndexingPipeline, Progress, RunSummary
from indexer.run_lock import IndexBusyError
from indexer.source_registry import Source


def lock_key(index_name: str) -> int:
    """A stable signed 64-bit key for pg_advisory_lock."""
    return int.from_bytes(hashlib.sha256(f"nrwa-index-run:{index_name}".encode()).digest()[:8], "big", signed=True)


@contextmanager
def advisory_lock(database_url: str, key: int) -> Iterator[None]:
    """Hold pg_try_advisory_lock(key) for the block; IndexBusyError if another session holds it."""
    engine = create_engine(database_url, poolclass=NullPool)
    try:
        connection = engine.connect()
        acquired = connection.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": key}).scalar_one()
        connection.commit()  # the lock belongs to the session, not to this transaction
    except SQLAlchemyError as exc:
        engine.dispose()
        raise RuntimeError(f"cannot take the indexing lock in PostgreSQL: {exc.__class__.__name__}") from exc
    try:
        if not acquired:
            raise IndexBusyError("another indexing run is in progress (PostgreSQL advisory lock); try again later")
        yield
    finally:
        connection.close()  # ends the session, which releases the lock
        engine.dispose()


class ClusterLockedPipeline(IndexingPipeline):
    """The indexing pipeline, holding the PostgreSQL advisory lock for every run that writes (inside the file lock,
    whether the CLI or the API took that)."""

    def __init__(self, database_url: str, index_name: str, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._database_url = database_url
        self._key = lock_key(index_name)

    def run_holding_lock(self, sources: list[Source], full: bool = False, progress: Progress | None = None,
                         all_sources: bool = False) -> RunSummary:
        with advisory_lock(self._database_url, self._key):
            return super().run_holding_lock(sources, full, progress, all_sources)

"""The raw bytes of the SQLite app database (file and WAL), to prove deleted values are really gone.

Returns None when the app data is not in SQLite (PostgreSQL runs of the same suites skip the file check).
"""

from __future__ import annotations

import contextlib
import sqlite3

from assistant.settings import Settings


def sqlite_bytes(settings: Settings) -> bytes | None:
    if not settings.resolved_database_url().startswith("sqlite:///"):
        return None
    database = settings.data_dir / "app.db"
    with contextlib.closing(sqlite3.connect(database)) as raw:
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return b"".join(p.read_bytes() for p in sorted(database.parent.glob("app.db*")))

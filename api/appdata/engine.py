"""The SQLAlchemy engine for the app data, from Settings.database_url (SQLite file by default).

SQLite gets what a small multi-threaded server needs: WAL (readers never block the writer), foreign keys (hand-off
deliveries cascade), a busy timeout, secure_delete (erased personal data is overwritten), and real transactions
around DDL too (pysqlite's own transaction handling would run migrations outside any transaction).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from assistant.settings import Settings

_SQLITE_BUSY_TIMEOUT_MS = 5000


class AppDataUnavailableError(RuntimeError):
    """The app-data database cannot be opened, read or migrated; the message is one line saying what to do."""


def describe_failure(engine: Engine, exc: SQLAlchemyError) -> str:
    """One line for an operator: which database, what the driver said, and what to do about it."""
    cause = str(getattr(exc, "orig", None) or exc).strip().splitlines()
    reason = cause[0] if cause else exc.__class__.__name__
    if engine.url.get_backend_name() == "sqlite":
        advice = ("if the file is damaged, move it aside and restore it from a backup (without one, the next start "
                  "creates an empty database: conversations, feedback and hand-offs are then lost)")
    else:
        advice = "check that the database server runs and NRWA_DATABASE_URL is right"
    return f"the app-data database {display_url(engine)} cannot be used ({reason}); {advice}"


def create_app_data_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        # pool_pre_ping: a PostgreSQL restart must not turn into errors on the next requests.
        return create_engine(url, pool_pre_ping=True)
    database = parsed.database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False})
    event.listen(engine, "connect", _configure_sqlite)
    event.listen(engine, "begin", _begin_sqlite)
    return engine


def engine_from_settings(settings: Settings) -> Engine:
    return create_app_data_engine(settings.resolved_database_url())


def display_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=True)


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we emit BEGIN ourselves (see _begin_sqlite)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={_SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _begin_sqlite(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")

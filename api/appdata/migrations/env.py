"""Alembic environment: uses the connection handed over by api.appdata.migrator (or sqlalchemy.url)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, text

from api.appdata.tables import metadata

# Any constant: while one process migrates PostgreSQL, other workers starting at the same time wait.
_MIGRATION_LOCK_KEY = 7_302_026


def _run(connection: Connection) -> None:
    if connection.dialect.name == "postgresql":
        connection.execute(text(f"SELECT pg_advisory_xact_lock({_MIGRATION_LOCK_KEY})"))
    # Batch mode lets later migrations alter tables on SQLite too (it rebuilds them).
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def _online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = create_engine(context.config.get_main_option("sqlalchemy.url") or "")
    with engine.begin() as owned:
        _run(owned)
    engine.dispose()


if context.is_offline_mode():
    context.configure(url=context.config.get_main_option("sqlalchemy.url"), target_metadata=metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    _online()

"""INSERT … ON CONFLICT for the two databases the app data runs on: one atomic statement, so two workers writing
the same row at once never lose an update (SQLite ≥ 3.35 and PostgreSQL both speak it, RETURNING included)."""

from __future__ import annotations

from sqlalchemy import Engine, Table
from sqlalchemy.dialects import postgresql, sqlite


def insert_or_update(engine: Engine, table: Table) -> postgresql.Insert | sqlite.Insert:
    """An INSERT on `table` that offers .on_conflict_do_update() for the engine's database."""
    dialect = engine.dialect.name
    if dialect == "postgresql":
        return postgresql.insert(table)
    if dialect == "sqlite":
        return sqlite.insert(table)
    raise ValueError(f"app data supports SQLite and PostgreSQL, not {dialect}")

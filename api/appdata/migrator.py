"""Run the Alembic migrations of the app data (on API start, and by `nrw-assistant db upgrade`).

The Alembic configuration is built in code, so no alembic.ini has to be found relative to the working directory.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from api.appdata.engine import AppDataUnavailableError, describe_failure, engine_from_settings
from assistant.settings import Settings

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the schema to `revision` inside one transaction (env.py serialises concurrent runs on PostgreSQL)."""
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def prepare_app_data(settings: Settings) -> None:
    """Before the server starts: migrate the app data (or, with migrations off, read its revision), so a damaged or
    unreachable database stops `serve` with one line (AppDataUnavailableError) instead of a traceback."""
    engine = engine_from_settings(settings)
    try:
        if settings.database_migrate_on_start:
            upgrade(engine)
        else:
            current_revision(engine)
    except SQLAlchemyError as exc:
        raise AppDataUnavailableError(describe_failure(engine, exc)) from exc
    finally:
        engine.dispose()

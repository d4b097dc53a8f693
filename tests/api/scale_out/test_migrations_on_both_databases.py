"""The Alembic migrations create exactly the tables the code uses on PostgreSQL as on SQLite, go down and up again,
and `nrw-assistant db upgrade` migrates a deployment's PostgreSQL database by command."""

from __future__ import annotations

import json

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from api.appdata.engine import create_app_data_engine
from api.appdata.migrator import alembic_config, current_revision, head_revision, upgrade
from api.appdata.tables import metadata
from api.cli import main as cli_main


def test_migrations_match_the_tables_then_go_down_and_up(shared_services):
    url = shared_services.postgres.create_database()
    engine = create_app_data_engine(url)
    try:
        upgrade(engine)
        upgrade(engine)  # a second start changes nothing
        with engine.connect() as connection:
            assert compare_metadata(MigrationContext.configure(connection), metadata) == []
        assert {"conversations", "rate_limit_counters"} <= set(inspect(engine).get_table_names())

        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        upgrade(engine)
        assert current_revision(engine) == head_revision()
    finally:
        engine.dispose()
        shared_services.postgres.drop_database(url)


def test_db_upgrade_command_on_postgresql(shared_services, monkeypatch, tmp_path, capsys):
    url = shared_services.postgres.create_database()
    monkeypatch.setenv("NRWA_DATABASE_URL", url)
    monkeypatch.setenv("NRWA_DATA_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    try:
        assert cli_main(["db", "upgrade"]) == 0
        report = json.loads(capsys.readouterr().out)
        assert report["revision"] == report["head"] == head_revision()
        assert report["database"].startswith("postgresql+psycopg://")
    finally:
        shared_services.postgres.drop_database(url)

"""The Alembic migrations create exactly the tables the code uses, run twice without harm, and go down and up."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from api.appdata.engine import create_app_data_engine
from api.appdata.migrator import alembic_config, current_revision, head_revision, upgrade
from api.appdata.tables import metadata
from api.cli import main as cli_main


def test_migrations_match_the_tables_and_are_repeatable(tmp_path):
    engine = create_app_data_engine(f"sqlite:///{tmp_path / 'nested' / 'app.db'}")  # the folder is created
    try:
        assert current_revision(engine) is None
        upgrade(engine)
        upgrade(engine)  # a second start changes nothing
        assert current_revision(engine) == head_revision()
        with engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), metadata)
        assert differences == []
    finally:
        engine.dispose()


def test_downgrade_to_base_and_up_again(tmp_path):
    engine = create_app_data_engine(f"sqlite:///{tmp_path / 'app.db'}")
    try:
        upgrade(engine)
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "base")
        assert set(inspect(engine).get_table_names()) == {"alembic_version"}
        upgrade(engine)
        assert {"turns", "feedback", "handoffs", "handoff_deliveries"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_cli_db_upgrade(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NRWA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.chdir(tmp_path)
    assert cli_main(["retention", "purge"]) == 2  # refuses to work on a database that is not migrated
    assert "db upgrade" in capsys.readouterr().err
    assert cli_main(["db", "upgrade"]) == 0
    assert f'"revision": "{head_revision()}"' in capsys.readouterr().out
    assert cli_main(["retention", "purge"]) == 0
    assert '"handoffs": 0' in capsys.readouterr().out

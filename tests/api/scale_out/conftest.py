"""App-data engines on both databases the stores run on: a SQLite file and a real PostgreSQL database (from the
session's shared services), each migrated to head. Two engines on one database stand for two worker processes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from api.appdata.engine import create_app_data_engine
from api.appdata.migrator import upgrade


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'app.db'}"
        engine = create_app_data_engine(url)
        upgrade(engine)
        engine.dispose()
        yield url
        return
    services = request.getfixturevalue("shared_services")
    url = services.new_database()
    yield url
    services.postgres.drop_database(url)


@pytest.fixture()
def engine_for(database_url: str) -> Iterator[Callable[[], Engine]]:
    """Engines on the test's database, one per simulated worker; disposed afterwards."""
    engines: list[Engine] = []

    def make() -> Engine:
        engines.append(create_app_data_engine(database_url))
        return engines[-1]

    yield make
    for engine in engines:
        engine.dispose()

"""The scale-out services of a test session: one real PostgreSQL cluster and one real Chroma server on 127.0.0.1,
started on first use and removed at the end. Each test gets a database of its own, migrated like a fresh
deployment, and (via NRWA_COLLECTION_PREFIX) collections of its own on the shared Chroma server."""

from __future__ import annotations

from types import TracebackType
from typing import Self

from api.appdata.engine import create_app_data_engine
from api.appdata.migrator import upgrade
from api.benchmarks.throwaway_services import ThrowawayChroma, ThrowawayPostgres


class SharedServices:
    def __init__(self) -> None:
        self.postgres = ThrowawayPostgres()
        self.chroma = ThrowawayChroma()

    def __enter__(self) -> Self:
        self.postgres.start()
        try:
            self.chroma.start()
        except BaseException:
            self.postgres.stop()
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.chroma.stop()
        self.postgres.stop()

    def new_database(self) -> str:
        """A fresh database with the app-data schema at head; returns its URL."""
        url = self.postgres.create_database()
        engine = create_app_data_engine(url)
        try:
            upgrade(engine)
        finally:
            engine.dispose()
        return url

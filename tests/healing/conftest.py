"""Fixtures of the healing tests: index folders with two generations, on the embedded stores or on the scale-out
stores (a real Chroma server and PostgreSQL, started once per session: tests/scale_out/services.py)."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.settings import Settings
from tests.corpus_builder import write_test_corpus
from tests.healing.index_folder import ADMIN_TOKEN, IndexFolder, build_index_folder


def embedded_settings(folder: Path) -> Settings:
    return Settings(_env_file=None, data_dir=folder / "data", corpus_dir=folder / "corpus", admin_token=ADMIN_TOKEN)


@pytest.fixture(scope="module")
def built_folder(tmp_path_factory: pytest.TempPathFactory, embeddings) -> IndexFolder:
    """Two generations on the embedded stores, built once per module; tests work on copies (`index_folder`)."""
    folder = tmp_path_factory.mktemp("built")
    write_test_corpus(folder / "corpus")
    return build_index_folder(embedded_settings(folder), embeddings)


@pytest.fixture()
def index_folder(built_folder: IndexFolder, tmp_path: Path) -> IndexFolder:
    """A copy of the built folder of this module's own, to damage and repair."""
    shutil.copytree(built_folder.settings.data_dir, tmp_path / "data")
    shutil.copytree(built_folder.settings.corpus_dir, tmp_path / "corpus")
    return IndexFolder(embedded_settings(tmp_path), built_folder.older, built_folder.current)


@pytest.fixture()
def server_index_folder(shared_services, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                        embeddings) -> Iterator[IndexFolder]:
    """Two generations on a Chroma server (collections of their own) with app data in a fresh PostgreSQL database;
    the variables are set in the environment too, for the processes the test starts."""
    database_url = shared_services.new_database()
    variables = {"NRWA_DATABASE_URL": database_url, "NRWA_CHROMA_URL": shared_services.chroma.url,
                 "NRWA_COLLECTION_PREFIX": f"h{uuid.uuid4().hex[:12]}"}
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    write_test_corpus(tmp_path / "corpus")
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", corpus_dir=tmp_path / "corpus",
                        admin_token=ADMIN_TOKEN, database_url=database_url, chroma_url=shared_services.chroma.url,
                        collection_prefix=variables["NRWA_COLLECTION_PREFIX"])
    yield build_index_folder(settings, embeddings)
    shared_services.postgres.drop_database(database_url)


@pytest.fixture()
def fresh_folder(tmp_path: Path) -> Callable[[], Settings]:
    """Settings over an empty data folder and the test corpus, for tests that build their own generations."""
    def make() -> Settings:
        write_test_corpus(tmp_path / "corpus")
        return embedded_settings(tmp_path)
    return make

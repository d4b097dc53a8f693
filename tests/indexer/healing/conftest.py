"""Fixtures of the healing tests: index folders with two generations, on the embedded stores or on the scale-out
stores (a real Chroma server and PostgreSQL, started once per session: tests/api/scale_out/services.py)."""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from assistant.settings import Settings
from tests.corpus_builder import write_test_corpus
from tests.indexer.healing.index_folder import ADMIN_TOKEN, IndexFolder, build_index_folder

# One server answers every stopped run of a module: its clients are these tests, not the public.
UNLIMITED = {"rate_limit_chat_per_minute": 100_000, "rate_limit_session_per_minute": 100_000,
             "rate_limit_search_per_minute": 100_000}


def embedded_settings(folder: Path) -> Settings:
    return Settings(_env_file=None, data_dir=folder / "data", corpus_dir=folder / "corpus", admin_token=ADMIN_TOKEN,
                    **UNLIMITED)


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


def server_settings(folder: Path, services) -> Settings:
    """A fresh PostgreSQL database for the app data and collections of their own on the shared Chroma server."""
    return Settings(_env_file=None, data_dir=folder / "data", corpus_dir=folder / "corpus", admin_token=ADMIN_TOKEN,
                    database_url=services.new_database(), chroma_url=services.chroma.url,
                    collection_prefix=f"h{uuid.uuid4().hex[:12]}", **UNLIMITED)


@pytest.fixture()
def server_index_folder(shared_services, tmp_path: Path, embeddings) -> Iterator[IndexFolder]:
    """Two generations on a Chroma server with the app data in PostgreSQL (the CLI processes get the same)."""
    write_test_corpus(tmp_path / "corpus")
    settings = server_settings(tmp_path, shared_services)
    yield build_index_folder(settings, embeddings)
    shared_services.postgres.drop_database(str(settings.database_url))


@pytest.fixture()
def fresh_folder(tmp_path: Path) -> Callable[[], Settings]:
    """Settings over an empty data folder and the test corpus, for tests that build their own generations."""
    def make() -> Settings:
        write_test_corpus(tmp_path / "corpus")
        return embedded_settings(tmp_path)
    return make

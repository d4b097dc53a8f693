"""The real app on 127.0.0.1 over the small test corpus (not indexed: these tests need the catalog and the HTTP
layer only), with widget origins configured for two partners."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from api.app import create_app
from assistant.components import build_components
from assistant.settings import Settings
from tests.corpus_builder import write_test_corpus
from tests.live_server import live_server

WIDGET_ORIGINS = {
    "ihk-teststadt": ["https://www.ihk-teststadt.example", "http://localhost:8080/"],
    "hwk-teststadt": ["https://hwk-teststadt.example"],
}
EVERY_PARTNER_ORIGIN = "https://portal.nrw-innovation.example"


@pytest.fixture(scope="module")
def api_url(tmp_path_factory, embeddings) -> Iterator[str]:
    root = tmp_path_factory.mktemp("widget-api")
    settings = Settings(_env_file=None, data_dir=root / "data", corpus_dir=write_test_corpus(root / "corpus"),
                        widget_origins=WIDGET_ORIGINS, cors_origins=[EVERY_PARTNER_ORIGIN])
    app = create_app(settings=settings, components=build_components(settings, embeddings=embeddings))
    with live_server(app) as url:
        yield url

"""Hostile documents through the indexer — PDF bombs in the local corpus folder and on a website, a 50 MB HTML page
— each end as one clean per-document failure with a reason; the good documents are indexed all the same, and a
server over the new index keeps answering."""

from __future__ import annotations

import httpx

from api.app import create_app
from assistant.components import build_components
from assistant.settings import Settings
from tests.api.bad_input.clean_problem import assert_chat_works
from tests.api.bad_input.conftest import index_corpus
from tests.api.bad_input.hostile_documents import flate_bomb
from tests.corpus_builder import write_test_corpus
from tests.indexer.crawler.hostile_files import nesting_bomb, page_count_bomb, page_tree_bomb
from tests.indexer.crawler.site_server import Page, TestSite, serve
from tests.live_server import live_server

FIFTY_MB = 50_000_000


def _write_local_bombs(corpus) -> None:
    bombs = {"seitenbombe.pdf": page_count_bomb(), "baumbombe.pdf": page_tree_bomb(),
             "tiefbombe.pdf": nesting_bomb(), "zipbombe.pdf": flate_bomb()}
    for name, data in bombs.items():
        (corpus / "sample" / name).write_bytes(data)
        (corpus / "sample" / f"{name}.meta.yaml").write_text(
            f"id: bombe-{name[:-4]}\ntitle: Bombe\nsource_url: https://example.org/{name}\nas_of: 2026-01-01\n",
            encoding="utf-8")


def _web_sources(base: str) -> str:
    return "".join(f"""  - name: {name}
    kind: {kind}
    url: "{base}{path}"
    allow_private: true
    delay_seconds: 0
    retries: 0
""" for name, kind, path in (("riesige-seite", "page", "/riesig"), ("pdf-bombe", "pdf", "/bombe.pdf")))


def test_bombs_and_a_50_mb_page_fail_cleanly_and_the_server_keeps_serving(tmp_path, embeddings):
    corpus = write_test_corpus(tmp_path / "corpus")
    _write_local_bombs(corpus)
    site = TestSite()
    site.pages["/robots.txt"] = Page(b"", "text/plain", status=404)
    site.pages["/riesig"] = Page(stream_bytes=FIFTY_MB)
    site.pages["/bombe.pdf"] = Page(page_tree_bomb(), "application/pdf")
    settings = Settings(_env_file=None, data_dir=tmp_path / "data", corpus_dir=corpus)
    with serve(site):
        sources = corpus / "sources.yaml"
        sources.write_text(sources.read_text(encoding="utf-8") + _web_sources(site.base_url), encoding="utf-8")
        summary = index_corpus(settings, embeddings)

    failed = {f["location"].removeprefix(site.base_url): f["reason"] for s in summary.sources for f in s.failed}
    assert failed["seitenbombe.pdf"] == "PDF declares 1000000000 pages, more than the limit of 500"
    assert failed["baumbombe.pdf"].startswith("PDF is broken or unreadable")
    assert failed["tiefbombe.pdf"].startswith("PDF is broken or unreadable")
    assert failed["zipbombe.pdf"].startswith("PDF has no text layer")  # pypdf stops inflating at its limit
    assert failed["/riesig"] == "response is larger than the size limit of 20 MB; not indexed"
    assert failed["/bombe.pdf"].startswith("PDF is broken or unreadable")
    assert len(failed) == 6
    assert all("Traceback" not in reason for reason in failed.values())
    assert summary.switched and sum(s.added for s in summary.sources) >= 4  # the good documents of the test corpus

    with live_server(create_app(components=build_components(settings, embeddings=embeddings))) as url:
        ready = httpx.get(f"{url}/readyz").json()
        assert ready["status"] == "ready" and ready["documents"] >= 4
        assert_chat_works(url)

"""Re-indexing a crawled site: one changed page re-embeds only its chunks, a vanished page is removed from every
store, and a page that fails for now keeps what was indexed before."""

from __future__ import annotations

from indexer.source_registry import load_sources
from tests.indexer.crawler.example_site import KREDIT, build_clean_site, site_source_yaml
from tests.indexer.crawler.index_view import served


def _setup(site, web_corpus, web_pipeline):
    build_clean_site(site)
    settings = web_corpus(site_source_yaml(site.base_url))
    pipeline, counter = web_pipeline(settings)
    first = pipeline.run(load_sources(settings.resolved_sources_file()))
    assert first.sources[0].complete and first.totals()["added"] == 4
    return settings, pipeline, counter


def test_one_changed_page_re_embeds_only_its_chunks(site, web_corpus, web_pipeline):
    settings, pipeline, counter = _setup(site, web_corpus, web_pipeline)
    before = served(settings.index_dir)
    site.html("/foerderung/kredit", KREDIT.replace("neue Verfahren", "neue Verfahren und die Digitalisierung "
                                                   "der Produktion"))
    embedded = counter.embedded
    summary = pipeline.run(load_sources(settings.resolved_sources_file()))

    assert summary.totals() == {"added": 0, "updated": 1, "unchanged": 3, "removed": 0, "failed": 0}
    after = served(settings.index_dir)
    kredit_url = f"{site.base_url}/foerderung/kredit"
    assert counter.embedded - embedded == len(after.chunks_of(kredit_url)) == summary.chunks_embedded
    assert "Digitalisierung der Produktion" in "\n".join(c.text for c in after.chunks_of(kredit_url))
    unchanged = [u for u in before.documents if u != kredit_url]
    assert [after.documents[u].content_hash for u in unchanged] == [before.documents[u].content_hash
                                                                     for u in unchanged]


def test_a_vanished_page_is_removed_from_record_lexical_and_vector_store(site, web_corpus, web_pipeline):
    settings, pipeline, _ = _setup(site, web_corpus, web_pipeline)
    alt_url = f"{site.base_url}/foerderung/altprogramm"
    alt_id = served(settings.index_dir).documents[alt_url].doc_id
    del site.pages["/foerderung/altprogramm"]
    site.html("/", site.pages["/"].body.decode().replace("<a href='/foerderung/altprogramm'>Alt</a>", ""))

    summary = pipeline.run(load_sources(settings.resolved_sources_file()))
    assert summary.sources[0].complete
    assert summary.totals()["removed"] == 1
    view = served(settings.index_dir)
    assert alt_url not in view.documents
    assert not [c for c in view.chunks if c.doc_id == alt_id]
    assert view.vectors == len(view.chunks)
    lexical_ids = (settings.index_dir / "generations" / summary.generation / "lexical" / "chunk_ids.json").read_text()
    assert alt_id not in lexical_ids


def test_a_page_answering_404_is_removed_but_one_answering_500_is_kept(site, web_corpus, web_pipeline):
    settings, pipeline, _ = _setup(site, web_corpus, web_pipeline)
    base = site.base_url
    del site.pages["/foerderung/altprogramm"]  # still linked: answers 404 → gone
    summary = pipeline.run(load_sources(settings.resolved_sources_file()))
    assert summary.sources[0].complete and summary.totals()["removed"] == 1
    assert f"{base}/foerderung/altprogramm" not in served(settings.index_dir).documents

    site.html("/foerderung/kredit", "Wartung", status=503)  # a passing outage must not delete the page
    summary = pipeline.run(load_sources(settings.resolved_sources_file()))
    assert not summary.sources[0].complete
    assert summary.totals()["removed"] == 0
    assert f"{base}/foerderung/kredit" in served(settings.index_dir).documents
    failed = {f["location"]: f["reason"] for f in summary.sources[0].failed}
    assert failed == {f"{base}/foerderung/kredit": "HTTP 503 after 2 attempts",
                      f"{base}/foerderung/altprogramm": "HTTP 404 (page not found)"}


def test_a_crawl_cut_by_max_pages_is_reported_and_removes_nothing(site, web_corpus, web_pipeline):
    settings, pipeline, _ = _setup(site, web_corpus, web_pipeline)
    (settings.corpus_dir / "sources.yaml").write_text(
        site_source_yaml(site.base_url) + "    max_pages: 2\n", encoding="utf-8")
    summary = pipeline.run(load_sources(settings.resolved_sources_file()))
    source = summary.sources[0]
    assert not source.complete and source.crawl["truncated"]
    assert source.skipped == [{"location": "portal", "reason": "max_pages 2 reached; 2 more URLs not fetched"}]
    assert source.removed == 0 and len(served(settings.index_dir).documents) == 4

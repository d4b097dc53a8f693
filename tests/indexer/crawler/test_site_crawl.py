"""The crawler against a real HTTP server on 127.0.0.1: what gets indexed, what gets reported, and how politely."""

from __future__ import annotations

from indexer.source_registry import load_sources
from tests.indexer.crawler.conftest import TEST_USER_AGENT
from tests.indexer.crawler.example_site import build_portal, site_source_yaml
from tests.indexer.crawler.index_view import served

BOILERPLATE = ("Cookies", "Alle akzeptieren", "Startseite", "Impressum", "Datenschutz", "Barrierefreiheit",
               "Zuletzt angesehen", "tracking", "Interne Notizen")


def _crawl(site, web_corpus, web_pipeline):
    build_portal(site)
    settings = web_corpus(site_source_yaml(site.base_url))
    pipeline, counter = web_pipeline(settings)
    summary = pipeline.run(load_sources(settings.resolved_sources_file()))
    return settings, pipeline, counter, summary


def test_crawl_indexes_the_good_pages_and_reports_every_other_one(site, web_corpus, web_pipeline):
    settings, _, counter, summary = _crawl(site, web_corpus, web_pipeline)
    base = site.base_url
    view = served(settings.index_dir)

    assert set(view.documents) == {
        f"{base}/", f"{base}/foerderung/ki-zuschuss", f"{base}/foerderung/altprogramm",
        f"{base}/foerderung/kredit", f"{base}/dokumente/merkblatt.pdf", f"{base}/kopie-a",
    }
    source = summary.sources[0]
    assert (source.added, source.updated, source.removed) == (6, 0, 0)
    failed = {f["location"].removeprefix(base): f["reason"] for f in source.failed}
    assert set(failed) == {"/fehlt", "/kaputt", "/langsam", "/dokumente/scan.pdf", "/dokumente/defekt.pdf"}
    assert failed["/fehlt"] == "HTTP 404 (page not found)"
    assert failed["/kaputt"] == "HTTP 500 after 2 attempts"
    assert failed["/langsam"] == "request timed out after 2 attempts"
    assert "no text layer" in failed["/dokumente/scan.pdf"]
    assert "broken or unreadable" in failed["/dokumente/defekt.pdf"]
    assert source.skipped == [{"location": f"{base}/intern/geheim", "reason": "disallowed by robots.txt"}]
    assert source.duplicates == [{"location": f"{base}/kopie-b", "same_as": f"{base}/kopie-a"}]
    assert not source.complete  # the 500 and the timeout may hide pages: nothing may be removed on this run
    assert counter.embedded == summary.chunks_embedded == len(view.chunks) == view.vectors > 0


def test_crawl_is_polite(site, web_corpus, web_pipeline):
    _crawl(site, web_corpus, web_pipeline)
    assert site.requested("/intern/geheim") == 0  # robots.txt is honoured
    assert site.requested("/robots.txt") == 1  # read once per run and host
    assert site.requested("/bild.png") == 0  # links to images are not followed
    assert {r.headers.get("user-agent") for r in site.log} == {TEST_USER_AGENT}
    assert site.requested("/kaputt") == 2 and site.requested("/langsam") == 2  # one retry each, then given up
    # the redirect leads to a page the sitemap already listed: it is not downloaded a second time
    assert site.requested("/alte-seite") == 1 and site.requested("/foerderung/kredit") == 1


def test_chunks_hold_main_content_only_with_canonical_urls_and_pages(site, web_corpus, web_pipeline):
    settings, *_ = _crawl(site, web_corpus, web_pipeline)
    base = site.base_url
    view = served(settings.index_dir)
    for word in BOILERPLATE:
        assert word not in view.text, word
    assert "zinsgünstiges Darlehen" in view.text
    assert "Kreditbetrag | bis zu 2 Mio. Euro" in view.text  # tables stay readable
    assert all("utm_" not in c.url and "#" not in c.url for c in view.chunks)
    assert [c.page for c in view.chunks_of(f"{base}/dokumente/merkblatt.pdf")] == [1, 2]
    ki = view.chunks_of(f"{base}/foerderung/ki-zuschuss")
    assert {c.section for c in ki} == {"Was wird gefördert?", "Antrag"}


def test_programme_facts_and_as_of_dates_are_read_and_marked(site, web_corpus, web_pipeline):
    settings, *_ = _crawl(site, web_corpus, web_pipeline)
    base = site.base_url
    docs = served(settings.index_dir).documents

    ki = docs[f"{base}/foerderung/ki-zuschuss"]
    assert ki.metadata["funding_type"] == "Zuschuss"
    assert ki.metadata["max_amount_eur"] == 15000 and ki.metadata["amounts"] == ["bis zu 15.000 Euro"]
    assert ki.metadata["status"] == "open" and ki.metadata["next_deadline"] == "2027-03-31"
    assert (ki.as_of, ki.metadata["as_of_source"]) == ("2026-10-01", "sitemap")

    alt = docs[f"{base}/foerderung/altprogramm"]
    assert alt.metadata["status"] == "closed"
    assert "eingestellt" in alt.metadata["status_evidence"]
    assert (alt.as_of, alt.metadata["as_of_source"]) == ("2025-06-05", "page")  # "Stand: 05.06.2025"

    kredit = docs[f"{base}/foerderung/kredit"]
    assert kredit.metadata["funding_type"] == "Darlehen"
    assert (kredit.as_of, kredit.metadata["as_of_source"]) == ("2026-09-15", "last_modified")

    copy = docs[f"{base}/kopie-a"]
    assert copy.metadata["alternate_urls"] == [f"{base}/kopie-b"]
    assert copy.metadata["as_of_source"] == "fetched"
    assert all(d.metadata["provider"] == "Beispiel-Förderbank" for d in docs.values())  # source defaults


def test_second_run_uses_conditional_get_and_changes_nothing(site, web_corpus, web_pipeline):
    settings, pipeline, counter, first = _crawl(site, web_corpus, web_pipeline)
    embedded = counter.embedded
    site.clear_log()
    second = pipeline.run(load_sources(settings.resolved_sources_file()))

    assert counter.embedded == embedded and second.chunks_embedded == 0
    assert not second.switched and second.generation == first.generation
    assert second.sources[0].unchanged == 6
    crawl = second.sources[0].crawl
    assert crawl["not_modified"] == 6  # every indexed page answered 304 to If-None-Match
    assert crawl["unchanged_by_sitemap"] == 1  # the page whose sitemap lastmod did not move was not requested
    assert site.requested("/foerderung/ki-zuschuss") == 0
    validators = [r for r in site.log if r.path == "/foerderung/kredit"]
    assert validators and validators[0].headers.get("if-none-match")

"""Hostile or broken inputs end as a clean per-source failure with a reason, never as a traceback: a 50 MB page,
invalid UTF-8, PDF bombs, a sitemap with entities, a redirect off the site, a private address."""

from __future__ import annotations

import json

from api.cli import main
from indexer.source_registry import load_sources
from tests.indexer.crawler.example_site import KI_ZUSCHUSS, page, site_source_yaml
from tests.indexer.crawler.hostile_files import nesting_bomb, page_count_bomb, page_tree_bomb
from tests.indexer.crawler.index_view import served
from tests.indexer.crawler.site_server import Page

LINKS = " ".join(f"<a href='{p}'>{p}</a>" for p in (
    "/riesig", "/kaputt-utf8", "/bombe.pdf", "/baum.pdf", "/tief.pdf", "/archiv.bin", "/weiter"))


def build_hostile_site(site) -> None:
    site.pages["/robots.txt"] = Page(b"", "text/plain", status=404)
    site.pages["/sitemap.xml"] = Page(
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>&lol2;</loc></url></urlset>',
        "application/xml")
    site.html("/", page("Gute Seite", "<p>Diese Seite ist in Ordnung und wird indexiert.</p>" + LINKS))
    site.html("/foerderung/ki-zuschuss", KI_ZUSCHUSS)  # linked from the navigation
    site.pages["/riesig"] = Page(stream_bytes=50_000_000)
    site.pages["/kaputt-utf8"] = Page("<html><body><main><h1>Grüße</h1><p>Schöne Grüße aus Köln.</p></main>"
                                      "</body></html>".encode("latin-1"))
    site.pages["/bombe.pdf"] = Page(page_count_bomb(), "application/pdf")
    site.pages["/baum.pdf"] = Page(page_tree_bomb(), "application/pdf")
    site.pages["/tief.pdf"] = Page(nesting_bomb(), "application/pdf")
    site.pages["/archiv.bin"] = Page(b"PK\x03\x04" + bytes(range(256)) * 4, "application/octet-stream")
    site.pages["/weiter"] = Page(redirect_to=site.base_url.replace("127.0.0.1", "localhost") + "/anderswo")


def _sources_yaml(base: str) -> str:
    private_page = f"""  - name: ohne-freigabe
    kind: page
    url: "{base}/"
    delay_seconds: 0
"""
    return site_source_yaml(base, name="feindlich") + private_page


def test_hostile_inputs_fail_cleanly_per_page(site, web_corpus, web_pipeline):
    build_hostile_site(site)
    settings = web_corpus(_sources_yaml(site.base_url))
    pipeline, _ = web_pipeline(settings)
    summary = pipeline.run(load_sources(settings.resolved_sources_file()))

    base = site.base_url
    hostile, private = summary.sources
    failed = {f["location"].removeprefix(base): f["reason"] for f in hostile.failed}
    assert failed["/sitemap.xml"] == "sitemap: sitemap declares a DTD or entities; refused"
    assert failed["/riesig"] == "response is larger than the size limit of 20 MB; not indexed"
    assert failed["/kaputt-utf8"].startswith("page is not valid UTF-8 text")
    assert failed["/bombe.pdf"] == "PDF declares 1000000000 pages, more than the limit of 500"
    assert failed["/baum.pdf"].startswith("PDF is broken or unreadable (LimitReachedError")
    assert failed["/tief.pdf"].startswith("PDF is broken or unreadable")
    assert failed["/archiv.bin"] == ("unsupported content type 'application/octet-stream' "
                                     "(only HTML and PDF are indexed)")
    assert "leaves the allowed URLs" in failed["/weiter"]
    assert len(failed) == 8
    # the good pages are indexed all the same
    assert set(served(settings.index_dir).documents) == {f"{base}/", f"{base}/foerderung/ki-zuschuss"}

    assert private.added == 0
    assert "non-public address (127.0.0.1)" in private.failed[0]["reason"]
    assert "allow_private: true" in private.failed[0]["reason"]


def test_cli_reports_failures_as_json_with_exit_code_1_and_no_traceback(site, web_corpus, monkeypatch, capsys):
    build_hostile_site(site)
    settings = web_corpus(_sources_yaml(site.base_url))
    monkeypatch.setenv("NRWA_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("NRWA_CORPUS_DIR", str(settings.corpus_dir))

    status = main(["index", "--json", "--source", "feindlich"])
    out, err = capsys.readouterr()
    assert status == 1
    assert "Traceback" not in out + err
    report = json.loads(out)
    assert [s["name"] for s in report["sources"]] == ["feindlich"]
    assert report["totals"]["added"] == 2 and report["totals"]["failed"] == 8
    assert report["switched"] is True

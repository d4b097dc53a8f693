"""Run-level rules and what the operator sees: sources taken out of the registry, the summary text and the
terminal progress line."""

from __future__ import annotations

import io

import pytest

from indexer.cli import _ProgressBars, render_summary
from indexer.pipeline import RunSummary, SourceSummary
from indexer.source_registry import load_sources
from tests.indexer.crawler.index_view import served

pytestmark = pytest.mark.both_stores


def test_documents_of_a_source_taken_out_of_the_registry_are_removed_on_a_full_registry_run(
        test_corpus, settings_for, pipeline_for):
    extra = test_corpus / "extra"
    extra.mkdir()
    (extra / "notiz.md").write_text("---\nid: notiz\nsource_url: https://example.org/notiz\nas_of: 2026-01-01\n---\n"
                                    "# Notiz\nEine Notiz über Beratungstage für Unternehmen.\n", encoding="utf-8")
    registry = test_corpus / "sources.yaml"
    registry.write_text(registry.read_text() + "  - name: extra\n    kind: local_folder\n    path: extra\n")
    settings = settings_for(test_corpus)
    pipeline, _ = pipeline_for(settings)
    pipeline.run(load_sources(registry))
    assert "https://example.org/notiz" in served(settings.index_dir).documents

    registry.write_text(registry.read_text().split("  - name: extra")[0])
    only_sample = load_sources(registry)
    partial = pipeline.run(only_sample)  # e.g. `--source sample`: other sources are left alone
    assert partial.totals()["removed"] == 0 and "https://example.org/notiz" in served(settings.index_dir).documents
    full = pipeline.run(only_sample, all_sources=True)
    assert full.totals()["removed"] == 1
    assert [s.kind for s in full.sources if s.name == "extra"] == ["removed from registry"]
    assert "https://example.org/notiz" not in served(settings.index_dir).documents


def test_summary_text_lists_every_reason():
    source = SourceSummary("portal", "site", added=2, unchanged=1, complete=False,
                           failed=[{"location": "https://a.example/x", "reason": "HTTP 404 (page not found)"}],
                           skipped=[{"location": "https://a.example/intern", "reason": "disallowed by robots.txt"}],
                           duplicates=[{"location": "https://a.example/b", "same_as": "https://a.example/a"}],
                           crawl={"pages": 3, "requests": 5, "not_modified": 1, "unchanged_by_sitemap": 0,
                                  "complete": False, "truncated": False})
    text = render_summary(RunSummary([source], chunks_embedded=7, documents=3, chunks=9, generation="g1",
                                     switched=True))
    assert "portal (site): added 2, updated 0, unchanged 1, removed 0, failed 1" in text
    assert "fetched: 3 pages, 5 requests, 1 not modified (304)" in text
    assert "incomplete: documents no longer seen were kept, not removed" in text
    assert "failed: https://a.example/x: HTTP 404 (page not found)" in text
    assert "skipped: https://a.example/intern: disallowed by robots.txt" in text
    assert "duplicate: https://a.example/b has the same text as https://a.example/a" in text
    assert "generation g1 (switched)" in text


def test_progress_bars_count_pages_then_fill_a_bar_per_phase():
    stream = io.StringIO()
    progress = _ProgressBars(stream)
    progress(1, 0, "https://a.example/eins")
    progress(2, 0, "https://a.example/zwei")
    progress(1, 2, "eins.md")
    progress(2, 2, "zwei.md")
    progress(1, 3, "Foerderprogramm/Bund/BMAS/einstiegsgeld.xml")
    progress.close()
    text = stream.getvalue()
    assert "2 pages" in text and "zwei" in text  # pages counted, total unknown
    assert "2/2" in text and "100%" in text and "zwei.md" in text  # a bar (drawn at most every 0.2 s, and at its end)
    assert "1/3" in text and "einstiegsgeld.xml" in text  # a new phase draws a new bar
    assert text.endswith("\n")

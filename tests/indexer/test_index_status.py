"""index_status(): what GET /api/admin/index reports — documents, chunks, last run, failures, and per source the
age of its oldest document and whether its cadence says it is due."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from indexer.generations import IndexGenerations
from indexer.index_record import IndexRecord
from indexer.index_status import index_status
from indexer.run_lock import run_lock
from indexer.source_registry import load_sources

pytestmark = pytest.mark.both_stores


def test_status_reports_counts_last_run_failures_and_document_age(test_corpus, settings_for, pipeline_for):
    settings = settings_for(test_corpus)
    pipeline, _ = pipeline_for(settings)
    generations = IndexGenerations(settings.index_dir)
    assert index_status(generations)["serving"] is False

    sources = load_sources(settings.resolved_sources_file())
    first = pipeline.run(sources)
    (test_corpus / "sample" / "ohne-datum.md").write_text("---\nid: z\nsource_url: https://e.org\n---\n# Z\nText.\n")
    pipeline.run(sources)  # nothing else changed: no new generation, but the run and its failure are recorded

    now = datetime.now(UTC)
    status = index_status(generations, sources=[sources[0].model_copy(update={"cadence": "daily"})], now=now)
    record = IndexRecord(generations.current().record_path, read_only=True)
    documents, chunks = record.count()
    record.close()

    assert status["serving"] is True and status["generation"] == first.generation
    assert (status["documents"], status["chunks"]) == (documents, chunks) == (5, first.chunks)
    assert status["last_run"]["switched"] is False
    assert status["last_run"]["totals"] == {"added": 0, "updated": 0, "unchanged": 5, "removed": 0, "failed": 1}
    assert status["failures"] == [{"source": "sample", "location": "ohne-datum.md",
                                   "reason": "metadata lacks as_of (or checked_on for an undated source)"}]
    assert status["run_in_progress"] is False
    [row] = status["sources"]
    assert row["name"] == "sample" and row["documents"] == 5 and row["chunks"] == chunks
    assert row["oldest_as_of"] == "2024-02-01"  # the Innovationskredit test page
    assert row["oldest_age_days"] == (now.date() - datetime(2024, 2, 1).date()).days
    assert row["due"] is False  # read a moment ago, cadence daily

    later = index_status(generations, sources=[sources[0].model_copy(update={"cadence": "daily"})],
                         now=datetime.now(UTC) + timedelta(days=2))
    assert later["sources"][0]["due"] is True
    with run_lock(settings.index_dir):
        assert index_status(generations)["run_in_progress"] is True

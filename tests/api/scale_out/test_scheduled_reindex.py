"""`nrw-assistant index --due` for cron and systemd timers: which sources are due, a run of just those, and a lock so
two runs never overlap — the file lock in the index folder, and PostgreSQL's advisory lock across machines."""

from __future__ import annotations

import json
import os
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from indexer.cluster_lock import advisory_lock, lock_key
from indexer.pipeline import SOURCE_RUNS_FILE
from indexer.run_lock import EXIT_BUSY, RunLock
from indexer.schedule import due_sources
from indexer.source_registry import load_sources
from tests.api.scale_out.deployment import clean_environment, cli
from tests.corpus_builder import write_test_corpus

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
REGISTRY = """\
sources:
  - {name: files, kind: local_folder, path: sample}
  - {name: portal, kind: site, seeds: ["https://portal.example/"], cadence: daily}
  - {name: news, kind: page, url: "https://news.example/", cadence: on-change}
  - {name: feed, kind: ical, path: events.ics, cadence: 12h}
  - {name: fresh, kind: page, url: "https://fresh.example/", cadence: weekly}
"""


def _registry(tmp_path: Path, read_at: dict[str, datetime]) -> tuple[list, Path, Path]:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    (corpus / "sample").mkdir(parents=True)
    (corpus / "sample" / "a.md").write_text("# A\n", encoding="utf-8")
    (corpus / "events.ics").write_text("BEGIN:VCALENDAR\nEND:VCALENDAR\n", encoding="utf-8")
    (corpus / "sources.yaml").write_text(REGISTRY, encoding="utf-8")
    index.mkdir()
    runs = {name: {"read_at": at.isoformat(timespec="seconds"), "failed": 0, "complete": True}
            for name, at in read_at.items()}
    (index / SOURCE_RUNS_FILE).write_text(json.dumps(runs), encoding="utf-8")
    past = (NOW - timedelta(days=30)).timestamp()
    for path in corpus.rglob("*"):
        os.utime(path, (past, past))  # nothing changed since any read below
    return load_sources(corpus / "sources.yaml"), corpus, index


def test_due_by_cadence_by_changed_files_and_when_never_read(tmp_path):
    read = {"files": NOW - timedelta(days=2), "portal": NOW - timedelta(hours=25), "news": NOW - timedelta(days=90),
            "feed": NOW - timedelta(hours=11)}
    sources, corpus, index = _registry(tmp_path, read)
    due = {d.source.name: d.reason for d in due_sources(sources, index, corpus, now=NOW)}
    assert set(due) == {"portal", "fresh"}  # files unchanged, news only on change, feed read 11 h ago
    assert due["portal"].startswith("cadence daily passed") and due["fresh"] == "never indexed"

    changed = NOW.timestamp() - 3600
    os.utime(corpus / "sample" / "a.md", (changed, changed))
    assert "files" in {d.source.name for d in due_sources(sources, index, corpus, now=NOW)}
    (corpus / "sample" / "a.md").unlink()  # a deleted file changes its folder
    os.utime(corpus / "sample", (changed, changed))
    assert "files" in {d.source.name for d in due_sources(sources, index, corpus, now=NOW)}
    assert "feed" in {d.source.name for d in due_sources(sources, index, corpus, now=NOW + timedelta(hours=2))}


def test_index_due_runs_what_is_due_then_nothing_until_a_file_changes(tmp_path):
    corpus = write_test_corpus(tmp_path / "corpus")
    env = clean_environment(NRWA_DATA_DIR=str(tmp_path / "data"), NRWA_CORPUS_DIR=str(corpus))
    first = cli(env, "index", "--due", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("due: sample (never indexed)") and "(switched)" in first.stdout

    time.sleep(1.1)  # read times have a resolution of one second
    assert cli(env, "index", "--due", cwd=tmp_path).stdout.strip() == "nothing due"

    guide = corpus / "sample" / "regeln.md"
    guide.write_text(guide.read_text(encoding="utf-8") + "\nNeu: ein Absatz über Fristen.\n", encoding="utf-8")
    again = cli(env, "index", "--due", "--json", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert [d["source"] for d in report["due"]] == ["sample"]
    assert report["run"]["totals"]["updated"] == 1 and report["run"]["switched"] is True


def test_a_run_in_progress_makes_a_scheduled_run_skip(tmp_path):
    corpus = write_test_corpus(tmp_path / "corpus")
    env = clean_environment(NRWA_DATA_DIR=str(tmp_path / "data"), NRWA_CORPUS_DIR=str(corpus))
    with RunLock(tmp_path / "data" / "index"):  # e.g. an index run started by hand or over the admin API
        skipped = cli(env, "index", "--due", "--json", cwd=tmp_path)
    assert skipped.returncode == EXIT_BUSY, skipped.stderr
    assert "in progress" in json.loads(skipped.stdout)["run"]["skipped"]
    assert not (tmp_path / "data" / "index" / "CURRENT").exists()


def test_runs_on_different_machines_are_kept_apart_by_postgresql(tmp_path, shared_services):
    """Another machine's run holds the advisory lock; this machine's index folder is not locked at all."""
    corpus = write_test_corpus(tmp_path / "corpus")
    database_url = shared_services.new_database()
    prefix = f"c{uuid.uuid4().hex[:12]}"
    env = clean_environment(NRWA_DATA_DIR=str(tmp_path / "data"), NRWA_CORPUS_DIR=str(corpus),
                            NRWA_DATABASE_URL=database_url, NRWA_CHROMA_URL=shared_services.chroma.url,
                            NRWA_COLLECTION_PREFIX=prefix)
    try:
        with advisory_lock(database_url, lock_key(prefix)):
            skipped = cli(env, "index", "--due", cwd=tmp_path)
            by_hand = cli(env, "index", cwd=tmp_path)
        assert skipped.returncode == EXIT_BUSY and "PostgreSQL advisory lock" in skipped.stdout
        assert by_hand.returncode == EXIT_BUSY and "in progress" in by_hand.stderr and "Traceback" not in by_hand.stderr
        done = cli(env, "index", "--due", cwd=tmp_path)  # released: the next tick runs
        assert done.returncode == 0 and "(switched)" in done.stdout, done.stderr
    finally:
        shared_services.postgres.drop_database(database_url)

"""Gauges on the indexer's runs for /metrics, read at scrape time from the files beside CURRENT (shared by every
worker and replica, so each one reports the same): did the last run fail, when did it finish, how many sources are
overdue. A failed scheduled run keeps the old index serving, so these are what an alert watches.
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from pathlib import Path

from prometheus_client import CollectorRegistry, Gauge

from assistant.settings import Settings
from indexer.pipeline import LAST_RUN_FILE


def install_index_run_metrics(registry: CollectorRegistry, settings: Settings) -> None:
    root = settings.index_dir
    Gauge("nrwa_index_last_run_error", "1 if the last indexing run stopped with an error (the old index serves on)",
          registry=registry).set_function(lambda: float(bool((_last_run(root) or {}).get("error"))))
    Gauge("nrwa_index_last_run_timestamp_seconds", "When the last indexing run finished (Unix time; 0 = never)",
          registry=registry).set_function(lambda: _finished_at(root))
    Gauge("nrwa_index_sources_due", "Sources whose cadence has passed or whose files changed since they were read",
          registry=registry).set_function(lambda: _sources_due(settings))


def _last_run(root: Path) -> dict | None:
    try:
        data = json.loads((root / LAST_RUN_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _finished_at(root: Path) -> float:
    try:
        return datetime.fromisoformat(str((_last_run(root) or {}).get("finished_at"))).timestamp()
    except ValueError:
        return 0.0


def _sources_due(settings: Settings) -> float:
    from indexer.schedule import due_sources
    from indexer.source_registry import SourceRegistryError, load_sources

    try:
        sources = load_sources(settings.resolved_sources_file())
    except SourceRegistryError:
        return math.nan  # a broken registry is reported by the indexer; here it just has no answer
    return float(len(due_sources(sources, settings.index_dir, settings.corpus_dir)))

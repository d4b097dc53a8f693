"""First index run of the bundled corpus against a second run with nothing changed (into a temporary folder)."""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.settings import Settings
from indexer.composition import build_pipeline
from indexer.source_registry import load_sources


def run(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="nrwa-bench-") as tmp:
        local = settings.model_copy(update={"data_dir": Path(tmp)})
        sources = load_sources(local.resolved_sources_file())
        pipeline = build_pipeline(local)
        started = time.perf_counter()
        first = pipeline.run(sources)
        first_seconds = time.perf_counter() - started
        started = time.perf_counter()
        second = pipeline.run(sources)
        second_seconds = time.perf_counter() - started
    return {
        "documents": first.documents,
        "chunks": first.chunks,
        "first_run_seconds": round(first_seconds, 3),
        "first_run_chunks_embedded": first.chunks_embedded,
        "second_run_seconds": round(second_seconds, 4),
        "second_run_chunks_embedded": second.chunks_embedded,
        "speedup": round(first_seconds / max(second_seconds, 1e-9), 1),
        "note": "the first run includes loading the embedding model, as a real first run does",
    }

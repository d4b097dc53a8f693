"""Index runs started over HTTP (POST /api/admin/reindex): the same run as `nrw-assistant index`, on a background
thread, one at a time.

The run lock is taken while the request is answered, so a second request, or a CLI or cron run already in progress,
is refused at once; the background thread releases it when the run ends. Like every run, the outcome lands in
LAST_RUN.json beside the index; the latest run started here is also kept in memory with its id. A process that
dies mid-run leaves the served generation untouched (see indexer.generations).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from indexer.generations import IndexGenerations
from indexer.index_status import run_state
from indexer.pipeline import IndexingPipeline
from indexer.run_lock import RunLock
from indexer.source_registry import Source, load_registry

logger = logging.getLogger("nrwa.indexer")


class UnknownSourceError(ValueError):
    """A source name that the registry does not hold."""


@dataclass(frozen=True)
class ReindexRun:
    id: str
    started_at: str
    full: bool
    sources: tuple[str, ...] | None  # None = the whole registry
    state: str = "running"  # running | succeeded | failed (some documents failed) | crashed
    finished_at: str | None = None
    generation: str | None = None
    switched: bool = False
    totals: dict[str, int] | None = None
    error: str | None = None


class BackgroundReindex:
    def __init__(self, generations: IndexGenerations, sources_file: Path, corpus_dir: Path,
                 pipeline_factory: Callable[[], IndexingPipeline]) -> None:
        self.generations = generations
        self._sources_file = sources_file
        self._corpus_dir = corpus_dir
        self._pipeline_factory = pipeline_factory
        self._latest: ReindexRun | None = None
        self._thread: threading.Thread | None = None
        self._guard = threading.Lock()

    def registry(self) -> list[Source]:
        """The source registry as it is on disk now (SourceRegistryError if it does not validate)."""
        return load_registry(self._sources_file, self._corpus_dir)

    def start(self, full: bool = False, source_names: list[str] | None = None) -> ReindexRun:
        """Start a run and return at once. Raises SourceRegistryError, UnknownSourceError, or IndexBusyError while
        another run holds the index."""
        sources = self.registry()
        if source_names:
            unknown = set(source_names) - {s.name for s in sources}
            if unknown:
                raise UnknownSourceError(f"unknown source name(s): {', '.join(sorted(unknown))}")
            sources = [s for s in sources if s.name in source_names]
        lock = RunLock(self.generations.root)
        lock.acquire()
        try:
            pipeline = self._pipeline_factory()
        except BaseException:
            lock.release()
            raise
        run = ReindexRun(uuid.uuid4().hex, _now(), full, tuple(source_names) if source_names else None)
        thread = threading.Thread(target=self._work, args=(pipeline, lock, run, sources), daemon=True,
                                  name=f"nrwa-reindex-{run.id[:8]}")
        with self._guard:
            self._latest, self._thread = run, thread
        try:
            thread.start()
        except BaseException:
            lock.release()
            self._finish(run, state="crashed", error="the indexing thread could not be started")
            raise
        return run

    def latest(self) -> ReindexRun | None:
        """The latest run started by this process (running or finished)."""
        with self._guard:
            return self._latest

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the latest run to end; True if none is running any more."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            return not thread.is_alive()
        return True

    def _work(self, pipeline: IndexingPipeline, lock: RunLock, run: ReindexRun, sources: list[Source]) -> None:
        try:
            summary = pipeline.run_holding_lock(sources, full=run.full, all_sources=run.sources is None)
        except Exception as exc:  # the served generation is untouched; the reason goes to the status
            logger.exception("reindex run %s crashed", run.id)
            self._finish(run, state="crashed", error=f"{type(exc).__name__}: {exc}")
        else:
            data: dict[str, Any] = summary.as_dict()
            self._finish(run, state=run_state(data), generation=summary.generation, switched=summary.switched,
                         totals=summary.totals())
        finally:
            lock.release()

    def _finish(self, run: ReindexRun, **outcome: Any) -> None:
        done = dataclasses.replace(run, finished_at=_now(), **outcome)
        with self._guard:
            if self._latest is not None and self._latest.id == run.id:
                self._latest = done


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")

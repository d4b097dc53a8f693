"""Which sources are due for `nrw-assistant index --due` (cron or a systemd timer; the run is in indexer/cli.py).

A source is due when
- it was never read (a source just added to sources.yaml), or
- its cadence (hourly, daily, 12h, 3d …) has passed since it was last read, or
- it is a local file source (`local_folder`, `ical` or `foerderdatenbank_export` with a path) without a clock
  cadence (`on-change` or none) and a file under it, or the programme/partner catalog, changed since it was last read.
When each source was last read comes from `<index>/SOURCE_RUNS.json`, which every successful run updates.

The run itself is the ordinary incremental run on the due sources (documents of other sources stay as they are),
under the indexer's run lock: a scheduled run that finds another run in progress skips with exit status 75
(EX_TEMPFAIL) instead of waiting, so runs never pile up. With nothing due, the served generation still gets the cheap
check against its manifest (no model is loaded for it); when it fails, the tick runs a repair (a run over no
source, which rebuilds what is damaged and keeps every document), so a timer heals a damaged index by itself.
A run that fails leaves the served generation in place; the failure is in LAST_RUN.json, hence in
GET /api/admin/index and in /metrics (api/index_run_metrics.py).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from indexer.generation_check import check_files
from indexer.pipeline import SOURCE_RUNS_FILE, IndexingPipeline
from indexer.source_registry import FoerderdatenbankExportSource, IcalSource, LocalFolderSource, Source

_CATALOGS = ("programs.yaml", "partners.yaml")  # their facts are part of the documents' metadata


@dataclass(frozen=True)
class DueSource:
    source: Source
    reason: str


def last_reads(index_root: Path) -> dict[str, datetime]:
    """When each source was last read (from SOURCE_RUNS.json); sources never read are absent."""
    try:
        runs = json.loads((index_root / SOURCE_RUNS_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    reads: dict[str, datetime] = {}
    for name, run in runs.items() if isinstance(runs, dict) else ():
        try:
            read_at = datetime.fromisoformat(str(run.get("read_at") if isinstance(run, dict) else None))
        except ValueError:
            continue
        reads[name] = read_at if read_at.tzinfo else read_at.replace(tzinfo=UTC)
    return reads


def due_sources(sources: list[Source], index_root: Path, corpus_dir: Path,
                now: datetime | None = None) -> list[DueSource]:
    now = now or datetime.now(UTC)
    reads = last_reads(index_root)
    due: list[DueSource] = []
    for source in sources:
        read_at = reads.get(source.name)
        hours = source.cadence_hours()
        if read_at is None:
            due.append(DueSource(source, "never indexed"))
        elif hours is not None:
            if (now - read_at).total_seconds() >= hours * 3600:
                due.append(DueSource(source, f"cadence {source.cadence} passed since {read_at.isoformat()}"))
        elif _files_changed(source, corpus_dir, read_at):
            due.append(DueSource(source, f"files changed since {read_at.isoformat()}"))
    return due


def _files_changed(source: Source, corpus_dir: Path, since: datetime) -> bool:
    """Any file or folder of a local source (a deletion changes its folder) or a catalog modified after `since`."""
    if isinstance(source, LocalFolderSource | FoerderdatenbankExportSource) and source.path:
        root = corpus_dir / source.path
        paths = [root, *root.rglob("*")] if root.is_dir() else [root]
    elif isinstance(source, IcalSource) and source.path:
        paths = [corpus_dir / source.path]
    else:
        return False  # web sources without a clock cadence are only read when asked for
    paths += [corpus_dir / name for name in _CATALOGS]
    limit = since.timestamp()
    return any(_mtime(path) > limit for path in paths)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def served_damage(pipeline: IndexingPipeline) -> str | None:
    """What is wrong with the served generation by the cheap check, or None."""
    current = pipeline.generations.current()
    if current is None:
        return None
    check = check_files(pipeline.generations, current, pipeline.embedding_model)
    return None if check.ok else f"generation {current.id}: {check.reason}"

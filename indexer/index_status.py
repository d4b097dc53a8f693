"""What the served index holds and how fresh it is — the data behind `GET /api/admin/index`.

    index_status(generations, sources=None, now=None, serving=None) -> dict

Reads only (the served generation's record opened read-only, and the run files beside CURRENT), so it is safe
to call while a run is writing the next generation. The returned dict is JSON-ready:

    {
      "serving": true,                       # a generation is being served
      "generation": "20261123T101500-ab12cd",  # the one CURRENT names
      "record_error": null,                  # why the record of the described generation cannot be read
      "history": ["…", "…"],                 # committed generations, oldest first (what --rollback goes back to)
      "documents": 120, "chunks": 480,
      "run_in_progress": false,              # another process holds the run lock
      "last_run": {"started_at", "finished_at", "state", "switched", "generation", "totals", "chunks_embedded",
                   "seconds", "error"?, "repairs", "full_reason"?, "removed_generations", "stopped"?, "phase"?,
                   "sources": [{"name", "kind", "added", "updated", "unchanged", "removed",
                   "failed", "skipped", "duplicates", "complete"}]},
                                             # the last run of any kind (also one that changed nothing or failed);
                                             # state: succeeded | failed (some documents failed) | crashed |
                                             # stopped (SIGTERM/SIGINT)
      "failures": [{"source", "location", "reason"}],   # of that last run
      "sources": [{"name", "kind", "documents", "chunks", "oldest_as_of", "oldest_age_days", "last_indexed_at",
                   "last_read_at", "cadence", "due"}]
    }

Documents, chunks and `sources` describe the generation `serving` names (the one a server actually answers from,
an older one while the current one is quarantined), by default the current one.
`sources` lists every source with documents in the served generation plus, when the registry is passed, every
registered source (so a source that never indexed anything shows up with 0 documents). `due` is true when the
source's cadence has passed since it was last read (never true for `on-change` or no cadence).
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from indexer.generations import IndexGenerations
from indexer.index_record import DocumentEntry, IndexRecord
from indexer.pipeline import LAST_RUN_FILE, SOURCE_RUNS_FILE
from indexer.source_registry import Source

_LAST_RUN_KEYS = ("started_at", "finished_at", "switched", "generation", "totals", "chunks_embedded", "seconds",
                  "dry_run", "error", "repairs", "full_reason", "removed_generations", "stopped", "phase")
_COUNTS = ("added", "updated", "unchanged", "removed")
_LISTS = ("failed", "skipped", "duplicates")


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _run_in_progress(root: Path) -> bool:
    path = root / ".run.lock"
    if not path.exists():
        return False
    with open(path, encoding="utf-8") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    return False


def _age_days(as_of: str | None, today: date) -> int | None:
    try:
        return (today - date.fromisoformat(str(as_of)[:10])).days
    except (TypeError, ValueError):
        return None


def run_state(run: dict[str, Any]) -> str:
    """succeeded, failed (the run finished but some documents or pages failed: exit code 1), crashed, or stopped
    (by SIGTERM or SIGINT; the served generation untouched)."""
    if run.get("stopped"):
        return "stopped"
    if run.get("error"):
        return "crashed"
    return "failed" if (run.get("totals") or {}).get("failed") else "succeeded"


def _last_run(run: dict[str, Any]) -> dict[str, Any]:
    """The summary of LAST_RUN.json without the per-page lists (failures are reported on their own)."""
    sources = []
    for source in run.get("sources") or []:
        row = {"name": source.get("name"), "kind": source.get("kind"), "complete": bool(source.get("complete", True))}
        row.update({key: int(source.get(key) or 0) for key in _COUNTS})
        row.update({key: len(source.get(key) or []) for key in _LISTS})
        sources.append(row)
    return {**{k: run[k] for k in _LAST_RUN_KEYS if k in run}, "state": run_state(run), "sources": sources}


def _parse_time(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def index_status(generations: IndexGenerations, sources: list[Source] | None = None,
                 now: datetime | None = None, serving: str | None = None) -> dict[str, Any]:
    now = now or datetime.now(UTC)
    current = generations.current()
    shown = generations.generation(serving) if serving else current
    documents: dict[str, DocumentEntry] = {}
    record_error: str | None = None
    if shown is not None and shown.record_path.exists():
        try:
            record = IndexRecord(shown.record_path, read_only=True)
            try:
                documents = record.documents()
            finally:
                record.close()
        except sqlite3.Error as exc:  # a damaged record is reported, not raised (the server serves another)
            record_error = f"record.sqlite of generation {shown.id} cannot be read: {exc}"

    last_run = _read_json(generations.root / LAST_RUN_FILE)
    failures = [{"source": s.get("name"), **f}
                for s in (last_run or {}).get("sources", []) for f in s.get("failed", [])]
    source_runs = _read_json(generations.root / SOURCE_RUNS_FILE) or {}

    registry = {s.name: s for s in sources or []}
    per_source: dict[str, list[DocumentEntry]] = {name: [] for name in registry}
    for entry in documents.values():
        per_source.setdefault(entry.source, []).append(entry)

    rows = []
    for name, entries in sorted(per_source.items()):
        source = registry.get(name)
        dated = sorted((e.as_of for e in entries if e.as_of), key=str)
        oldest = dated[0] if dated else None
        read_at = (source_runs.get(name) or {}).get("read_at")
        cadence_hours = source.cadence_hours() if source is not None else None
        last_read = _parse_time(read_at)
        due = cadence_hours is not None and (
            last_read is None or (now - last_read).total_seconds() > cadence_hours * 3600)
        rows.append({
            "name": name,
            "kind": source.kind if source is not None else None,
            "documents": len(entries),
            "chunks": sum(e.chunk_count for e in entries),
            "oldest_as_of": oldest,
            "oldest_age_days": _age_days(oldest, now.date()),
            "last_indexed_at": max((e.indexed_at for e in entries), default=None),
            "last_read_at": read_at,
            "cadence": source.cadence if source is not None else None,
            "due": due,
        })

    return {
        "serving": shown is not None and shown.record_path.exists() and record_error is None,
        "generation": current.id if current else None,
        "record_error": record_error,
        "history": generations.history(),
        "documents": len(documents),
        "chunks": sum(e.chunk_count for e in documents.values()),
        "run_in_progress": _run_in_progress(generations.root),
        "last_run": _last_run(last_run) if last_run else None,
        "failures": failures,
        "sources": rows,
    }

"""`nrw-assistant index`: arguments, progress bars on a terminal, and the run summary as text or JSON.

Exit status (the README's table): 0 done (also after a repair), 1 some documents or sources failed, 2 the run
failed or the command was wrong, 75 another run holds the index (plain or --due alike), 130 / 143 stopped by
SIGINT / SIGTERM (the half-built generation removed, the served one untouched).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
from pathlib import Path
from typing import TextIO

from tqdm import tqdm

from indexer.pipeline import IndexingPipeline, RunSummary
from indexer.run_lock import EXIT_BUSY, IndexBusyError
from indexer.run_stop import IndexRunStopped, stop_on_signals
from indexer.schedule import due_sources, served_damage
from indexer.source_registry import Source, load_registry


def add_index_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--sources", help="source registry (default: corpus/sources.yaml)")
    parser.add_argument("--full", action="store_true", help="re-embed everything into a fresh generation")
    parser.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
    parser.add_argument("--source", action="append", metavar="NAME", help="only this source (repeatable)")
    parser.add_argument("--rollback", action="store_true", help="serve the previous index generation again")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--due", action="store_true",
                        help="only the sources whose cadence has passed or whose files changed (cron, systemd timer)")


class _ProgressBars:
    """tqdm bars on a terminal, one per phase of a run: fetched pages are counted (their total is unknown, 0), an
    export's programmes and the documents being embedded fill a bar. A phase starts when the total changes or the
    count starts again."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._bar: tqdm | None = None
        self._total = -1

    def __call__(self, done: int, total: int, label: str) -> None:
        if self._bar is None or total != self._total or done < self._bar.n:
            self.close()
            self._total = total
            # the terminal's size, or 100x24 when it reports none (some pseudo-terminals say 0, and tqdm draws nothing)
            size = shutil.get_terminal_size((100, 24))
            self._bar = tqdm(total=total or None, unit=" pages" if total <= 0 else " docs", file=self._stream,
                             ncols=size.columns, nrows=size.lines, mininterval=0.2, leave=True)
        self._bar.set_postfix_str(label[-40:], refresh=False)
        self._bar.update(done - self._bar.n)
        if total > 0 and done >= total:
            self.close()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def _quiet_libraries() -> None:
    """Libraries' own chatter (bm25s logs at DEBUG, model loading draws its own bars) stays off the terminal."""
    logging.getLogger("bm25s").setLevel(logging.WARNING)
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")


def render_summary(summary: RunSummary) -> str:
    lines = [f"repaired: {repair}" for repair in summary.repairs]
    if summary.full_reason:
        lines.append(f"full run: {summary.full_reason}")
    for s in summary.sources:
        lines.append(f"{s.name} ({s.kind}): added {s.added}, updated {s.updated}, unchanged {s.unchanged}, "
                     f"removed {s.removed}, failed {len(s.failed)}")
        if s.crawl:
            c = s.crawl
            lines.append(f"  fetched: {c['pages']} pages, {c['requests']} requests, {c['not_modified']} not modified "
                         f"(304), {c['unchanged_by_sitemap']} unchanged by sitemap")
        if not s.complete:
            lines.append("  incomplete: documents no longer seen were kept, not removed")
        lines.extend(f"  failed: {f['location']}: {f['reason']}" for f in s.failed)
        lines.extend(f"  skipped: {f['location']}: {f['reason']}" for f in s.skipped)
        lines.extend(f"  duplicate: {d['location']} has the same text as {d['same_as']}" for d in s.duplicates)
        lines.extend(f"  warning: {w['location']}: {w['reason']}" for w in s.warnings)
    t = summary.totals()
    verb = "would change" if summary.dry_run else "total"
    lines.append(f"{verb}: added {t['added']}, updated {t['updated']}, unchanged {t['unchanged']}, "
                 f"removed {t['removed']}, failed {t['failed']}")
    lines.append(f"chunks embedded: {summary.chunks_embedded}; index: {summary.documents} documents, "
                 f"{summary.chunks} chunks; generation {summary.generation or '-'}"
                 f"{' (switched)' if summary.switched else ''}; {summary.seconds:.2f} s")
    if summary.removed_generations:
        lines.append(f"removed generations: {', '.join(summary.removed_generations)}")
    return "\n".join(lines)


def run_index(args: argparse.Namespace, pipeline: IndexingPipeline, sources_file: str) -> int:
    try:
        with stop_on_signals():
            return _run_index(args, pipeline, sources_file)
    except IndexBusyError as exc:
        print(f"nrw-assistant: busy: {exc}", file=sys.stderr)
        return EXIT_BUSY
    except IndexRunStopped as stop:
        print(f"nrw-assistant: {stop.describe()}; the served index generation is unchanged", file=sys.stderr)
        return stop.exit_code


def _run_index(args: argparse.Namespace, pipeline: IndexingPipeline, sources_file: str) -> int:
    if args.rollback:
        generation = pipeline.generations.rollback()
        print(f"now serving generation {generation.id}")
        return 0
    sources = load_registry(Path(args.sources or sources_file), pipeline.corpus_dir)
    _quiet_libraries()
    if getattr(args, "due", False):
        return _run_due(args, pipeline, sources)
    if args.source:
        unknown = set(args.source) - {s.name for s in sources}
        if unknown:
            raise ValueError(f"unknown source name(s): {', '.join(sorted(unknown))}")
        sources = [s for s in sources if s.name in args.source]
    progress = _ProgressBars(sys.stderr) if sys.stderr.isatty() else None
    try:
        summary = pipeline.run(sources, full=args.full, dry_run=args.dry_run, progress=progress,
                               all_sources=not args.source)
    finally:
        if progress:
            progress.close()
    print(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2) if args.json else render_summary(summary))
    return 1 if summary.failed else 0


def _run_due(args: argparse.Namespace, pipeline: IndexingPipeline, sources: list[Source]) -> int:
    """The `--due` branch of `nrw-assistant index`: 0 done or nothing due, 1 documents failed, 75 busy."""
    if args.full or args.source or args.rollback:
        raise ValueError("--due chooses the sources itself; it cannot be combined with --full, --source or --rollback")
    due = due_sources(sources, pipeline.generations.root, pipeline.corpus_dir)
    damage = None if due else served_damage(pipeline)
    if not args.json:  # before the run, so a log shows what was attempted even if the run crashes
        print("\n".join(f"due: {item.source.name} ({item.reason})" for item in due) or "nothing due", flush=True)
        if damage:
            print(f"repair: {damage}", flush=True)
    summary: RunSummary | None = None
    skipped: str | None = None
    if due or damage:
        try:
            summary = pipeline.run([item.source for item in due], dry_run=args.dry_run)
        except IndexBusyError as exc:
            skipped = str(exc)
    status = EXIT_BUSY if skipped else int(bool(summary and summary.failed))
    if args.json:
        run = {"skipped": skipped} if skipped else summary.as_dict() if summary else None
        listed = [{"source": item.source.name, "reason": item.reason} for item in due]
        print(json.dumps({"due": listed, "run": run}, ensure_ascii=False, indent=2))
    elif skipped:
        print(f"skipped: {skipped}")
    elif summary:
        print(render_summary(summary))
    return status

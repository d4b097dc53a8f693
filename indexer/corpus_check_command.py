"""`nrw-assistant corpus check [--today D] [--within N] [--json]`: the maintainer's audit (corpus_audit.py).

Exit status: 0 no errors (warnings may be listed), 1 errors found, 2 bad arguments or an unreadable corpus."""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from indexer.corpus_audit import audit_corpus


def add_corpus_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="corpus_command", required=True)
    check = sub.add_parser("check", help="list ended-but-open programmes, ending soon, stale facts, undated sources, "
                           "unverified partners and unofficial partner links; exit 1 on errors")
    check.add_argument("--today", type=date.fromisoformat, default=None,
                       help="the day to check against (YYYY-MM-DD; default NRWA_TODAY or the real date)")
    check.add_argument("--within", type=int, default=None, help="'ending soon' window in days (default 45)")
    check.add_argument("--json", action="store_true", help="print one JSON object")


def run_corpus_check(args: argparse.Namespace, corpus_dir: Path, sources_file: Path, today: date,
                     within_days: int, stale_after_months: int) -> int:
    if args.within is not None and args.within < 0:
        raise ValueError("--within must not be negative")
    report = audit_corpus(corpus_dir, args.today or today, args.within if args.within is not None else within_days,
                          stale_after_months, sources_file)
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=1))
    else:
        counts = ", ".join(f"{n} {what}" for what, n in report.counts.items())
        print(f"corpus check for {report.today} ({counts}): {len(report.errors)} errors, "
              f"{len(report.warnings)} warnings")
        for finding in report.findings:
            print(f"{finding.severity.upper():7} {finding.check:18} {finding.subject}: {finding.message}")
    return 1 if report.errors else 0

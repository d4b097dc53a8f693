"""`nrw-assistant bench`: every benchmark of the project, run in order, printed as one JSON object.

Each entry is "name": "module:function"; the function takes (settings, args) and returns a JSON-able dict.
Benchmarks write only to temporary folders and talk only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import importlib
import json
import platform
import sys
import time
from typing import Any

from assistant.settings import Settings

BENCHMARKS: dict[str, str] = {
    "index": "api.benchmarks.index_bench:run",
    "indexing": "api.benchmarks.indexing_bench:run",
    "chat": "api.benchmarks.chat_bench:run",
    "retrieval": "api.benchmarks.retrieval_bench:run",
    "scale": "api.benchmarks.scale_bench:run",
    "scale-fdb": "api.benchmarks.scale_fdb_bench:run",
    "resolve": "api.benchmarks.resolve_bench:run",
    "load": "api.benchmarks.load_bench:run",
}
# Run only when named: the whole synthetic Förderdatenbank export takes hours to embed on 2 cores with e5.
ON_REQUEST = frozenset({"scale-fdb"})


def add_bench_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--only", action="append", choices=sorted(BENCHMARKS),
                        help="run only these (repeatable); scale-fdb runs only when named here")
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run")
    parser.add_argument("--output", help="also write the JSON to this file")


def run_bench(args: argparse.Namespace, settings: Settings) -> int:
    names = args.only or [name for name in BENCHMARKS if name not in ON_REQUEST]
    report: dict[str, Any] = {"machine": {"python": platform.python_version(), "cpus": _cpus()}, "results": {}}
    for name in names:
        module_name, function_name = BENCHMARKS[name].split(":")
        function = getattr(importlib.import_module(module_name), function_name)
        started = time.perf_counter()
        print(f"bench {name} …", file=sys.stderr, flush=True)
        result = function(settings, args)
        result["bench_seconds"] = round(time.perf_counter() - started, 2)
        report["results"][name] = result
    text = json.dumps(report, ensure_ascii=False, indent=2)
    print(text)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    return 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)

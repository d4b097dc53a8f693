"""`nrw-assistant serve` as real processes on free ports, configured only through NRWA_* environment variables as a
deployment would be: for the scale-out tests and benchmark (several workers, several replicas)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from api.benchmarks.throwaway_services import free_port

START_SECONDS = 240  # a worker loads the embedding model and the index; on a busy 2-core machine that takes a while


def clean_environment(**settings: str) -> dict[str, str]:
    """This process's environment without any NRWA_* setting, plus `settings` and the offline switches."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NRWA_")}
    return {**env, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", **settings}


@contextmanager
def api_servers(env: dict[str, str], cwd: Path, workers: list[int]) -> Iterator[list[tuple[str, int]]]:
    """One `nrw-assistant serve --workers N` per entry, each on a free port; yields (base URL, pid) once all are
    ready, and stops them with their worker processes afterwards. `cwd` also receives the server logs."""
    started: list[tuple[str, subprocess.Popen[bytes], Path]] = []
    try:
        for count in workers:
            port = free_port()
            log = cwd / f"server-{port}.log"
            with open(log, "wb") as out:
                process = subprocess.Popen(
                    [sys.executable, "-m", "api.cli", "serve", "--port", str(port), "--workers", str(count)],
                    cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
            started.append((f"http://127.0.0.1:{port}", process, log))
        for (url, process, log), count in zip(started, workers, strict=True):
            _wait_ready(url, process, log, count)
        yield [(url, process.pid) for url, process, _ in started]
    finally:
        for _, process, _ in started:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)  # the server and its workers: a process group of its own
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path, workers: int) -> None:
    """Until the index is served and every worker has started (one that is still loading the model would take
    its first requests late and skew what is measured)."""
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server {url} exited: {log.read_text(errors='replace')[-3000:]}")
        started = log.read_text(errors="replace").count("Application startup complete")
        with contextlib.suppress(httpx.HTTPError):
            if started >= workers and httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        time.sleep(0.5)
    raise RuntimeError(f"server {url} not ready after {START_SECONDS} s: {log.read_text(errors='replace')[-3000:]}")


def worker_pids(server: int) -> list[int]:
    """The processes answering requests for a `serve` process: uvicorn's spawned workers under --workers N > 1
    (its multiprocessing resource tracker is a child too, but no worker), else the server process itself."""
    workers = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError):
            ppid = int(re.sub(r"^\d+ \(.*\) ", "", stat.read_text()).split()[1])
            if ppid == server and b"spawn_main" in (stat.parent / "cmdline").read_bytes():
                workers.append(int(stat.parent.name))
    return workers or [server]


def resident_mb(pid: int) -> float:
    """Resident memory of a process in MB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0

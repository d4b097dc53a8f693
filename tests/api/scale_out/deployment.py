"""Helpers of the scale-out tests: the CLI as a process of its own; servers come from api/benchmarks/api_processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from api.benchmarks.api_processes import api_servers, clean_environment, worker_pids

__all__ = ["api_servers", "clean_environment", "cli", "worker_pids"]


def cli(env: dict[str, str], *args: str, cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """`nrw-assistant ARGS` in a process of its own."""
    return subprocess.run([sys.executable, "-m", "api.cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout, check=False)

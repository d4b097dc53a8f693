"""`nrw-assistant serve` as a real process on 127.0.0.1, as an operator runs it: its own environment (NRWA_*),
its stderr (the JSON log) captured to a file, stopped with SIGTERM like an orchestrator does."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from tests.live_server import free_port


@dataclass
class ServerProcess:
    url: str
    process: subprocess.Popen
    log_file: Path

    def terminate(self) -> None:
        self.process.send_signal(signal.SIGTERM)

    def wait(self, timeout: float) -> int:
        return self.process.wait(timeout=timeout)

    def log_lines(self) -> list[str]:
        return [line for line in self.log_file.read_text(encoding="utf-8").splitlines() if line.strip()]


@contextmanager
def serve_process(folder: Path, env: dict[str, str]) -> Iterator[ServerProcess]:
    """Start the server with these NRWA_* variables (nothing else of the caller's NRWA_* leaks in)."""
    port = free_port()
    environment = {k: v for k, v in os.environ.items() if not k.startswith("NRWA_")}
    environment.update({"HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false", **env})
    log_file = folder / "server.log"
    with open(log_file, "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=folder, env=environment, stdout=subprocess.DEVNULL, stderr=log)
    server = ServerProcess(f"http://127.0.0.1:{port}", process, log_file)
    try:
        _wait_until_healthy(server, timeout=90)
        yield server
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def _wait_until_healthy(server: ServerProcess, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"server exited with {server.process.returncode}:\n{server.log_file.read_text()}")
        try:
            if httpx.get(f"{server.url}/healthz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError("server did not become healthy in time")

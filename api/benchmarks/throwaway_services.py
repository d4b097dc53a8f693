"""A real PostgreSQL cluster and a real Chroma server, started on 127.0.0.1 in a temporary folder and removed
afterwards — for the scale-out tests and benchmark, which must run against the services a deployment uses.

PostgreSQL comes from the Debian packages (`apt-get install postgresql`: initdb and pg_ctl under
/usr/lib/postgresql/<version>/bin); it refuses to run as root, so as root the cluster belongs to the `postgres`
user and its commands run through `runuser`. Chroma's server is the `chroma` command of the chromadb package.
Both are tuned for throwaway data (no fsync) and trust local connections: never use these settings in production.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from types import TracebackType
from typing import Self

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

_USER = "nrwa"
_START_SECONDS = 60


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def postgres_bin_dir() -> Path:
    """The folder holding initdb and pg_ctl: on PATH, else the newest /usr/lib/postgresql/<version>/bin."""
    on_path = shutil.which("pg_ctl")
    if on_path and (Path(on_path).resolve().parent / "initdb").exists():
        return Path(on_path).resolve().parent
    candidates = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]), reverse=True)
    if not candidates:
        raise RuntimeError("PostgreSQL server programs (initdb, pg_ctl) not found; install them with "
                           "`apt-get install postgresql` (make test does this when run as root)")
    return candidates[0].parent


class _Service:
    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()

    def start(self) -> Self:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError


class ThrowawayPostgres(_Service):
    def __init__(self) -> None:
        self.folder: Path | None = None
        self.port = 0
        self._as_owner: list[str] = []

    def start(self) -> Self:
        bin_dir = postgres_bin_dir()
        self.folder = Path(tempfile.mkdtemp(prefix="nrwa-pg-"))
        if os.geteuid() == 0:  # postgres will not run as root
            shutil.chown(self.folder, "postgres", "postgres")
            self._as_owner = ["runuser", "-u", "postgres", "--"]
        data = self.folder / "data"
        self._run([str(bin_dir / "initdb"), "-D", str(data), "-U", _USER, "--auth=trust", "--encoding=UTF8",
                   "--locale=C", "--no-sync"])
        self.port = free_port()
        options = (f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c max_connections=300 "
                   "-c fsync=off -c synchronous_commit=off -c full_page_writes=off")
        self._run([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(self.folder / "server.log"), "-o", options,
                   "-w", "-t", str(_START_SECONDS), "start"])
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://{_USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; returns its SQLAlchemy URL."""
        name = f"nrwa_{uuid.uuid4().hex[:12]}"
        self._admin(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by create_database, closing connections still open to it."""
        self._admin(f'DROP DATABASE IF EXISTS "{url.rsplit("/", 1)[1]}" WITH (FORCE)')

    def stop(self) -> None:
        if self.folder is None:
            return
        subprocess.run([*self._as_owner, str(postgres_bin_dir() / "pg_ctl"), "-D", str(self.folder / "data"),
                        "-m", "immediate", "stop"], capture_output=True, timeout=60, check=False)
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None

    def _admin(self, statement: str) -> None:
        engine = create_engine(self.url(), isolation_level="AUTOCOMMIT", poolclass=NullPool)
        try:
            with engine.connect() as connection:
                connection.execute(text(statement))
        finally:
            engine.dispose()

    def _run(self, command: list[str]) -> None:
        done = subprocess.run([*self._as_owner, *command], capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            log = self.folder / "server.log" if self.folder else None
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise RuntimeError(f"{Path(command[0]).name} failed ({done.returncode}): {done.stderr.strip()} {tail}")


class ThrowawayChroma(_Service):
    def __init__(self) -> None:
        self.folder: Path | None = None
        self.port = 0
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Self:
        self.folder = Path(tempfile.mkdtemp(prefix="nrwa-chroma-"))
        self.port = free_port()
        chroma = Path(sys.executable).parent / "chroma"
        log = open(self.folder / "server.log", "wb")  # noqa: SIM115 (the server writes to it until stopped)
        self._process = subprocess.Popen(
            [str(chroma), "run", "--path", str(self.folder / "db"), "--host", "127.0.0.1", "--port", str(self.port)],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "ANONYMIZED_TELEMETRY": "False"})
        log.close()
        deadline = time.monotonic() + _START_SECONDS
        while not self._alive():
            if self._process.poll() is not None or time.monotonic() > deadline:
                tail = (self.folder / "server.log").read_text(errors="replace")[-2000:]
                self.stop()
                raise RuntimeError(f"chroma run did not start: {tail}")
            time.sleep(0.2)
        return self

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait(timeout=15)
            self._process = None
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def _alive(self) -> bool:
        try:
            return httpx.get(f"{self.url}/api/v2/heartbeat", timeout=1.0).status_code == 200
        except httpx.HTTPError:
            return False

"""Load on the real server: `nrw-assistant serve` (one process, the default extractive answerer, the bundled corpus
indexed into a temporary folder) on 127.0.0.1, driven by an async HTTP client in this process.

1. Capacity: POST /api/chat at fixed open-loop rates, stepped up, then bisected: the highest rate whose p95 latency
   stays under 300 ms with every request answered 200 (a failed step gets one more run). Latency counts from the
   moment a request was due, so a client that falls behind is not hidden (no coordinated omission).
2. Overload: twice that rate. Reported: the share shed with 429 or 503, and every other failure (other 5xx,
   timeouts, broken connections), which must be none.
3. Saturation: twice the rate the server completes in a closed loop (measured during the warm-up), so the queue
   grows: how much is shed with 503 at the concurrency limit, and that nothing fails otherwise.
4. Memory: 10,000 chat turns (closed loop, a few at a time); the server's resident memory after the phases before
   (the warm-up) and after the 10,000, and its growth in percent.

Rate limits stay at their configured values: the bench speaks for many clients, as a proxy would, with a client
address per conversation in X-Forwarded-For (the server trusts 127.0.0.1 as its proxy) and a session id per
conversation. The load generator shares the machine's cores with the server, so the figures are a floor.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import cycle
from pathlib import Path
from typing import Any

import httpx

from api.benchmarks.chat_bench import conversations
from api.benchmarks.throwaway_services import free_port
from assistant.settings import Settings
from indexer.catalog import load_programs
from indexer.composition import build_pipeline
from indexer.source_registry import load_sources

TARGET_P95_SECONDS = 0.300
REQUEST_TIMEOUT_SECONDS = 30.0
START_SECONDS = 240  # loading the model and the index on a busy 2-core machine


@dataclass(frozen=True)
class Plan:
    step_seconds: float
    bisections: int
    chats: int
    chat_concurrency: int
    memory_deadline_seconds: float

    @staticmethod
    def of(args: argparse.Namespace) -> Plan:
        if getattr(args, "quick", False):
            return Plan(step_seconds=4, bisections=1, chats=1_000, chat_concurrency=4, memory_deadline_seconds=300)
        return Plan(step_seconds=12, bisections=3, chats=10_000, chat_concurrency=4, memory_deadline_seconds=1800)


@dataclass(frozen=True)
class Outcome:
    status: str  # "200", "429", "503", … or the transport error's name
    seconds: float  # from the moment the request was due to its reply
    lag: float  # from the moment it was due to the moment this client got round to sending it


class Turns:
    """Chat turns from the chat benchmark's conversations; every conversation played gets a fresh session id and
    client address, so the limits per session and per client apply as they would to real visitors."""

    def __init__(self, corpus_dir: Path) -> None:
        names = [p.name for p in load_programs(corpus_dir / "programs.yaml").values()]
        self._conversations = cycle(conversations(names))
        self._played = 0
        self._pending: list[tuple[str, str, str]] = []

    def next(self) -> tuple[str, str, str]:
        """(message, session id, client address)."""
        if not self._pending:
            self._played += 1
            n = self._played
            session, address = f"load-{n:012d}", f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"
            self._pending = [(message, session, address) for message in reversed(next(self._conversations))]
        return self._pending.pop()


def run(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    plan = Plan.of(args)
    with tempfile.TemporaryDirectory(prefix="nrwa-load-bench-") as tmp:
        folder = Path(tmp)
        local = settings.model_copy(update={"data_dir": folder / "data"})
        build_pipeline(local).run(load_sources(local.resolved_sources_file()))
        with _server(local, folder) as (url, pid):
            return asyncio.run(_measure(url, pid, Turns(local.corpus_dir), plan, local))


async def _measure(url: str, pid: int, turns: Turns, plan: Plan, settings: Settings) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=512, max_keepalive_connections=128)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=REQUEST_TIMEOUT_SECONDS) as client:
        warm_started = time.monotonic()  # the warm-up (caches, first Chroma queries) also gives the throughput
        warm_up = await _closed_loop(client, turns, count=100, concurrency=plan.chat_concurrency, deadline=120)
        throughput = round(len(warm_up) / (time.monotonic() - warm_started), 1)
        steps, capacity = await _find_capacity(client, turns, plan)
        overload_rate = 2 * (capacity or 1.0)  # even the lowest rate failed: overload at 2 per second
        overload = _summary(await _open_loop(client, turns, overload_rate, plan.step_seconds), overload_rate)
        # Twice what the server completes: the queue must grow, so this shows how the excess is refused.
        saturation = _summary(await _open_loop(client, turns, 2 * throughput, plan.step_seconds), 2 * throughput)
        memory = await _memory(client, turns, plan, pid)
    return {
        "answerer": "extractive",
        "server": "nrw-assistant serve, 1 process, 127.0.0.1",
        "target_p95_ms": TARGET_P95_SECONDS * 1000,
        "max_rate_per_second_with_p95_under_target": capacity,
        "steps": steps,
        "at_twice_that_rate": overload,
        "closed_loop_chats_per_second": throughput,
        "at_twice_the_closed_loop_throughput": saturation,
        "memory": memory,
        "limits": {"max_concurrent_requests": settings.max_concurrent_requests,
                   "rate_limit_chat_per_minute": settings.rate_limit_chat_per_minute,
                   "rate_limit_session_per_minute": settings.rate_limit_session_per_minute},
        "note": "open-loop rates; latency from the moment each request was due; the load generator runs on the "
                "same cores as the server; one client address and session per conversation",
    }


async def _memory(client: httpx.AsyncClient, turns: Turns, plan: Plan, pid: int) -> dict[str, Any]:
    """The server's resident memory before and after `plan.chats` turns, sampled every 1,000."""
    rss_before = _rss_mb(pid)
    samples: list[dict[str, Any]] = []
    chats: list[Outcome] = []
    started = time.monotonic()
    while len(chats) < plan.chats and time.monotonic() - started < plan.memory_deadline_seconds:
        left = plan.memory_deadline_seconds - (time.monotonic() - started)
        outcomes = await _closed_loop(client, turns, min(1_000, plan.chats - len(chats)), plan.chat_concurrency, left)
        chats += outcomes
        failed = sum(o.status != "200" for o in outcomes)
        samples.append({"chats": len(chats), "rss_mb": _rss_mb(pid), "failed": failed})
    seconds = time.monotonic() - started
    rss_after = _rss_mb(pid)
    growth = round(100 * (rss_after - rss_before) / rss_before, 1) if rss_before and rss_after else None
    return {"chats": len(chats), "chats_failed": sum(s["failed"] for s in samples),
            "chats_per_second": round(len(chats) / seconds, 1), "latency": _summary(chats),
            "rss_mb_after_warm_up": rss_before, "rss_mb_after_chats": rss_after, "growth_percent": growth,
            "growth_within_10_percent": growth is not None and growth <= 10, "samples": samples,
            "seconds": round(seconds, 1)}


async def _find_capacity(client: httpx.AsyncClient, turns: Turns, plan: Plan) -> tuple[list[dict], float]:
    """Step the rate up by half until a step fails, then bisect between the last good and the first bad rate. A
    step that fails is run once more and decides then: one stall of another process on a shared machine should not
    end the search (both runs are reported)."""
    steps: list[dict] = []

    async def passes(rate: float) -> bool:
        for _ in range(2):
            summary = _summary(await _open_loop(client, turns, rate, plan.step_seconds), rate)
            steps.append(summary)
            await asyncio.sleep(1)  # let the server settle between steps
            if summary["ok_share"] == 1.0 and summary["p95_ms"] < TARGET_P95_SECONDS * 1000:
                return True
        return False

    good, rate = 0.0, 2.0
    bad: float | None = None
    while bad is None and rate <= 400:
        if await passes(rate):
            good, rate = rate, round(rate * 1.5, 1)
        else:
            bad = rate
    for _ in range(plan.bisections):
        if bad is None:
            break
        middle = round((good + bad) / 2, 1)
        if middle in (good, bad):
            break
        if await passes(middle):
            good = middle
        else:
            bad = middle
    return steps, good


async def _open_loop(client: httpx.AsyncClient, turns: Turns, rate: float, seconds: float) -> list[Outcome]:
    """Send `rate` requests per second for `seconds`, each at its due time whether or not earlier ones returned."""
    count = max(1, round(rate * seconds))
    start = time.perf_counter() + 0.05
    tasks = []
    for i in range(count):
        due = start + i / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(_chat(client, turns.next(), due)))
    return list(await asyncio.gather(*tasks))


async def _closed_loop(client: httpx.AsyncClient, turns: Turns, count: int, concurrency: int,
                       deadline: float) -> list[Outcome]:
    """`count` turns, `concurrency` at a time, each sent when the previous of its lane returned; stops at the
    deadline (seconds from now)."""
    outcomes: list[Outcome] = []
    end = time.monotonic() + deadline
    sent = 0

    async def lane() -> None:
        nonlocal sent
        while sent < count and time.monotonic() < end:
            sent += 1
            outcomes.append(await _chat(client, turns.next(), time.perf_counter()))

    await asyncio.gather(*(lane() for _ in range(concurrency)))
    return outcomes


async def _chat(client: httpx.AsyncClient, turn: tuple[str, str, str], due: float) -> Outcome:
    message, session, address = turn
    lag = time.perf_counter() - due
    try:
        response = await client.post("/api/chat", json={"message": message, "session_id": session},
                                     headers={"X-Forwarded-For": address})
        await response.aclose()
        status = str(response.status_code)
    except httpx.HTTPError as exc:
        status = type(exc).__name__
    return Outcome(status, time.perf_counter() - due, lag)


def _summary(outcomes: list[Outcome], rate: float | None = None) -> dict[str, Any]:
    statuses = Counter(o.status for o in outcomes)
    ok = sorted(o.seconds for o in outcomes if o.status == "200")
    shed = statuses["429"] + statuses["503"]
    other = len(outcomes) - statuses["200"] - shed
    return {
        **({"rate_per_second": rate} if rate is not None else {}),
        "requests": len(outcomes),
        "statuses": dict(sorted(statuses.items())),
        "ok_share": round(statuses["200"] / len(outcomes), 4),
        "shed_share": round(shed / len(outcomes), 4),
        "other_error_share": round(other / len(outcomes), 4),  # 5xx other than 503, timeouts, broken connections
        "p50_ms": _ms(statistics.median(ok)) if ok else None,
        "p95_ms": _ms(_p95(ok)),
        "shed_p95_ms": _ms(_p95([o.seconds for o in outcomes if o.status in ("429", "503")])),
        "client_lag_p95_ms": _ms(_p95([o.lag for o in outcomes])),  # part of the latency that is the client's
    }


def _p95(values: list[float]) -> float | None:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else None


def _ms(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds * 1000, 1)


@contextmanager
def _server(settings: Settings, folder: Path) -> Iterator[tuple[str, int]]:
    """`nrw-assistant serve` as its own process, configured like a deployment behind a proxy on this host."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("NRWA_")}
    env.update({
        "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false",
        "NRWA_DATA_DIR": str(settings.data_dir), "NRWA_CORPUS_DIR": str(settings.corpus_dir),
        "NRWA_ANSWERER": "extractive", "NRWA_WORKERS": "1", "NRWA_TRUSTED_PROXIES": '["127.0.0.1"]',
        "NRWA_MAX_CONCURRENT_REQUESTS": str(settings.max_concurrent_requests),
        "NRWA_RATE_LIMIT_CHAT_PER_MINUTE": str(settings.rate_limit_chat_per_minute),
        "NRWA_RATE_LIMIT_SESSION_PER_MINUTE": str(settings.rate_limit_session_per_minute),
    })
    log = folder / "server.log"
    with open(log, "wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "api.cli", "serve", "--host", "127.0.0.1", "--port",
                                    str(port)], cwd=folder, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(url, process, log)
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def _wait_ready(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited while starting: {log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the server was not ready within {START_SECONDS} s")


def _rss_mb(pid: int) -> float | None:
    """Resident memory of the server process (Linux /proc), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None

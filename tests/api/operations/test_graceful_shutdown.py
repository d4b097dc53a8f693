"""SIGTERM to `nrw-assistant serve` while an answer is streaming: the server stops taking new connections, the
stream in flight still ends with its `final` event, and the process exits cleanly. A stream that outlasts the
grace period (NRWA_SHUTDOWN_GRACE_SECONDS) is cut, so a shutdown never hangs.

The slow part is the only fake: a scripted OpenAI-compatible model on 127.0.0.1 that takes seconds to answer."""

from __future__ import annotations

import json
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from tests.api.operations.server_process import ServerProcess, serve_process
from tests.assistant.conversation.fake_openai_server import FakeModel, create_fake_openai_app
from tests.live_server import live_server

QUESTION = "Kann ich den KI-Zuschuss Test beantragen?"  # names a programme, so the LLM answerer asks the model


class StreamReader(threading.Thread):
    """Reads one SSE chat reply to its end in the background; records the event names and how it ended."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.status = 0
        self.events: list[str] = []
        self.final: dict | None = None
        self.error: str | None = None

    def run(self) -> None:
        try:
            with httpx.stream("POST", f"{self.url}/api/chat", json={"message": QUESTION},
                              headers={"Accept": "text/event-stream"}, timeout=120) as response:
                self.status = response.status_code
                for block in _sse_blocks(response.iter_text()):
                    name, _, data = block.partition("\n")
                    self.events.append(name.removeprefix("event: "))
                    if self.events[-1] == "final":
                        self.final = json.loads(data.removeprefix("data: "))
        except httpx.HTTPError as exc:
            self.error = type(exc).__name__


def _sse_blocks(chunks: Iterator[str]) -> Iterator[str]:
    buffer = ""
    for chunk in chunks:
        buffer += chunk
        while "\n\n" in buffer:
            block, buffer = buffer.split("\n\n", 1)
            if block.strip():
                yield block


@contextmanager
def _slow_model(seconds: float) -> Iterator[tuple[FakeModel, str]]:
    model = FakeModel(script=lambda messages: "Der KI-Zuschuss Test ist offen [1].", delay_seconds=seconds)
    with live_server(create_fake_openai_app(model)) as url:
        yield model, f"{url}/v1"


def _env(indexed, llm_url: str, grace_seconds: int) -> dict[str, str]:
    return {"NRWA_DATA_DIR": str(indexed.settings.data_dir), "NRWA_CORPUS_DIR": str(indexed.settings.corpus_dir),
            "NRWA_ANSWERER": "llm", "NRWA_LLM_BASE_URL": llm_url, "NRWA_LLM_TIMEOUT_SECONDS": "60",
            "NRWA_SHUTDOWN_GRACE_SECONDS": str(grace_seconds)}


def _stream_in_flight(server: ServerProcess, model: FakeModel) -> StreamReader:
    reader = StreamReader(server.url)
    reader.start()
    deadline = time.monotonic() + 30
    while not model.requests:  # the turn is prepared and the model is being asked: the stream is open
        assert time.monotonic() < deadline and reader.is_alive(), "the chat never reached the model"
        time.sleep(0.05)
    assert reader.final is None
    return reader


def _exited_cleanly(server: ServerProcess) -> bool:
    """uvicorn shuts down, then re-raises the SIGTERM it caught, so the exit status says "terminated by SIGTERM"."""
    return server.wait(timeout=30) in (0, -signal.SIGTERM) and any(
        "Application shutdown complete" in line for line in server.log_lines())


def _refuses_new_connections(url: str) -> bool:
    """Refused means no reply: the connect fails, or the kernel had queued the handshake before the listening socket
    closed and the server resets it unanswered (a busy machine hits that window)."""
    try:
        httpx.get(f"{url}/healthz", timeout=2)
    except (httpx.ConnectError, httpx.ReadError, httpx.RemoteProtocolError):
        return True
    return False


@pytest.mark.slow
def test_sigterm_lets_the_stream_in_flight_finish_with_its_final_event(indexed, tmp_path):
    with _slow_model(seconds=4) as (model, llm_url), serve_process(tmp_path, _env(indexed, llm_url, 30)) as server:
        reader = _stream_in_flight(server, model)
        server.terminate()
        deadline = time.monotonic() + 3
        while not _refuses_new_connections(server.url):
            assert time.monotonic() < deadline, "new connections are still accepted after SIGTERM"
            time.sleep(0.1)
        assert reader.is_alive()  # the model has not answered yet: the stream is still open

        reader.join(timeout=60)
        assert reader.status == 200 and reader.error is None
        assert reader.events[-1] == "final" and reader.final is not None
        assert reader.final["answer"] and reader.final["message_id"]
        assert _exited_cleanly(server)


@pytest.mark.slow
def test_a_stream_longer_than_the_grace_period_is_cut_and_the_process_still_exits(indexed, tmp_path):
    with _slow_model(seconds=20) as (model, llm_url), serve_process(tmp_path, _env(indexed, llm_url, 1)) as server:
        reader = _stream_in_flight(server, model)
        stopped = time.monotonic()
        server.terminate()
        assert _exited_cleanly(server)
        assert time.monotonic() - stopped < 15  # bounded by the 1 s grace period, not by the 20 s model
        reader.join(timeout=10)
        assert not reader.is_alive() and reader.final is None  # cut, not finished
        assert any("timeout graceful shutdown exceeded" in line for line in server.log_lines())

"""What every refusal must look like: the status, problem+json with its four fields, a detail that names what was
wrong, and nothing internal (no traceback, no source paths, no library internals)."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.api.handoff.problems import assert_problem

# Signs of internals leaking into a reply: Python tracebacks and frames, file paths, library error links, SQL.
LEAKS = re.compile(r"Traceback|File \"|\.py\b|/work/|/home/|site-packages|errors\.pydantic\.dev|sqlalchemy|"
                   r"sqlite|SELECT |INSERT |chromadb|Exception\b|Error:", re.IGNORECASE)


def assert_clean_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    problem = assert_problem(response, status)
    assert problem["type"] and problem["title"] and problem["detail"], problem
    assert LEAKS.search(response.text) is None, response.text
    return problem


def assert_chat_works(url: str) -> None:
    """The server keeps serving: a normal chat turn right after."""
    reply = httpx.post(f"{url}/api/chat", json={"message": "Gibt es einen Zuschuss für KI?"}, timeout=30)
    assert reply.status_code == 200, reply.text
    assert reply.json()["answer"]

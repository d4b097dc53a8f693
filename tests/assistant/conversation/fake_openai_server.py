"""A scripted OpenAI-compatible chat server for tests: POST /v1/chat/completions, streaming and not.

The script is a function of the request's messages, so a test can make the "model" cite sources it was given,
invent a citation, contradict a status, or obey an instruction it finds anywhere in its prompt.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

Script = Callable[[list[dict[str, Any]]], str]


@dataclass
class FakeModel:
    script: Script
    delay_seconds: float = 0.0
    fail_status: int | None = None
    requests: list[dict[str, Any]] = field(default_factory=list)


def _chunk(text: str | None, finish: str | None = None) -> str:
    delta = {"content": text} if text is not None else {}
    body = {"id": "chatcmpl-fake", "object": "chat.completion.chunk", "created": int(time.time()),
            "model": "fake", "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}
    return f"data: {json.dumps(body)}\n\n"


def create_fake_openai_app(model: FakeModel) -> FastAPI:
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def completions(request: Request):
        body = await request.json()
        model.requests.append(body)
        if model.fail_status:
            return JSONResponse({"error": {"message": "scripted failure", "type": "server_error"}},
                                status_code=model.fail_status)
        if model.delay_seconds:
            await asyncio.sleep(model.delay_seconds)
        text = model.script(body["messages"])
        if body.get("stream"):
            async def events() -> AsyncIterator[str]:
                yield _chunk("")
                for piece in re.findall(r"\S+\s*|\s+", text):  # word by word, as a model streams tokens
                    yield _chunk(piece)
                yield _chunk(None, "stop")
                yield "data: [DONE]\n\n"
            return StreamingResponse(events(), media_type="text/event-stream")
        return {"id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": "fake",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}}

    return app

"""POST /api/chat — JSON, or Server-Sent Events (delta …, final) when the client accepts text/event-stream.

Deltas are sent as the answerer writes them (extractive: line by line; LLM: checked sentence by sentence). A
delta with `"replace": true` withdraws what was shown so far (an LLM answer that failed its check) and starts
the text again; the `final` event always carries the whole answer.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse

from api.chat_response import chat_response
from api.dependencies import components
from api.metrics import Metrics
from api.schemas import ChatRequest, ChatResponse
from assistant.chat_service import ChatDelta, ChatFinal, ChatService, PreparedTurn
from assistant.components import AssistantComponents

router = APIRouter(tags=["chat"])

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no", "Connection": "keep-alive"}


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def _events(chat: ChatService, turn: PreparedTurn, metrics: Metrics) -> AsyncIterator[str]:
    async for event in chat.stream_prepared(turn):
        if isinstance(event, ChatDelta):
            yield _sse("delta", {"text": event.text, "replace": True} if event.replace else {"text": event.text})
        elif isinstance(event, ChatFinal):
            metrics.observe_chat(event.reply.timings_ms)
            yield _sse("final", chat_response(event.reply).model_dump())


@router.post("/api/chat", response_model=ChatResponse,
             responses={200: {"content": {"text/event-stream": {}}}, 422: {"description": "invalid request"}})
async def chat(body: ChatRequest, request: Request,
               deps: Annotated[AssistantComponents, Depends(components)]) -> ChatResponse | StreamingResponse:
    metrics: Metrics = request.app.state.metrics
    # The chat service masks contact details before an LLM itself (ChatService.prepare), as for `nrw-assistant ask`.
    if "text/event-stream" not in request.headers.get("accept", ""):
        reply = await deps.chat.areply(body.message, body.session_id, body.locale)
        metrics.observe_chat(reply.timings_ms)
        return chat_response(reply)
    # Understanding, retrieval and routing run before the first byte, so their errors still become problem+json.
    turn = await asyncio.to_thread(deps.chat.prepare, body.message, body.session_id, body.locale)
    return StreamingResponse(_events(deps.chat, turn, metrics), media_type="text/event-stream", headers=SSE_HEADERS)

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

from api.dependencies import components
from api.metrics import Metrics
from api.schemas import ChatRequest, ChatResponse, CitationOut, LocationOut, PartnerOut, ProgramOut
from assistant.answering.phrases import phrase
from assistant.answering.status_phrase import as_of_phrase
from assistant.chat_service import ChatDelta, ChatFinal, ChatReply, ChatService, PreparedTurn
from assistant.components import AssistantComponents

router = APIRouter(tags=["chat"])

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no", "Connection": "keep-alive"}


def to_response(reply: ChatReply) -> ChatResponse:
    answer = reply.answer
    locale = str(reply.slots.get("locale") or "de")
    location = LocationOut(**{k: reply.location.get(k) for k in ("gemeinde", "kreis", "regierungsbezirk")}) \
        if reply.location else None
    disclosure = phrase(locale, "disclosure")
    return ChatResponse(
        session_id=reply.session_id,
        message_id=reply.message_id,
        answer=answer.text,
        citations=[CitationOut(id=c.id, title=c.title, url=c.url, page=c.page, snippet=c.snippet, as_of=c.as_of,
                               checked_on=c.checked_on, stale=c.stale,
                               as_of_label=as_of_phrase(c.as_of, c.checked_on, c.stale, locale),
                               attribution=c.attribution)
                   for c in answer.citations],
        programs=[ProgramOut(id=p.id, name=p.name, provider=p.provider, level=p.level,
                             funding_type=p.funding_type, status=p.status, url=p.url, as_of=p.as_of,
                             status_note=p.status_note, status_text=p.status_text, ends_on=p.ends_on,
                             ending_soon=p.ending_soon, stale=p.stale, checked_on=p.checked_on)
                  for p in answer.programs],
        partners=[PartnerOut(id=p.id, name=p.name, type=p.type, reason=p.reason, url=p.url or None, email=p.email,
                             phone=p.phone) for p in answer.partners],
        location=location,
        clarify=list(answer.clarify),
        kind=reply.kind,
        notice=disclosure if answer.text.startswith(disclosure) else None,
    )


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def _events(chat: ChatService, turn: PreparedTurn, metrics: Metrics) -> AsyncIterator[str]:
    async for event in chat.stream_prepared(turn):
        if isinstance(event, ChatDelta):
            yield _sse("delta", {"text": event.text, "replace": True} if event.replace else {"text": event.text})
        elif isinstance(event, ChatFinal):
            metrics.observe_chat(event.reply.timings_ms)
            yield _sse("final", to_response(event.reply).model_dump())


@router.post("/api/chat", response_model=ChatResponse,
             responses={200: {"content": {"text/event-stream": {}}}, 422: {"description": "invalid request"}})
async def chat(body: ChatRequest, request: Request, deps: Annotated[AssistantComponents, Depends(components)]):
    metrics: Metrics = request.app.state.metrics
    # The chat service masks contact details before an LLM itself (ChatService.prepare), as for `nrw-assistant ask`.
    if "text/event-stream" not in request.headers.get("accept", ""):
        reply = await deps.chat.areply(body.message, body.session_id, body.locale)
        metrics.observe_chat(reply.timings_ms)
        return to_response(reply)
    # Understanding, retrieval and routing run before the first byte, so their errors still become problem+json.
    turn = await asyncio.to_thread(deps.chat.prepare, body.message, body.session_id, body.locale)
    return StreamingResponse(_events(deps.chat, turn, metrics), media_type="text/event-stream", headers=SSE_HEADERS)

"""POST /api/chat — JSON, or Server-Sent Events (delta …, final) when the client accepts text/event-stream."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import StreamingResponse

from api.dependencies import components
from api.schemas import ChatRequest, ChatResponse, CitationOut, LocationOut, PartnerOut, ProgramOut
from assistant.chat_service import ChatReply
from assistant.components import AssistantComponents

router = APIRouter(tags=["chat"])
_DELTA_CHARS = 80  # stream the composed answer in pieces of about this size, at word boundaries

SSE_HEADERS = {"Cache-Control": "no-cache", "X-Accel-Buffering": "no", "Connection": "keep-alive"}


def to_response(reply: ChatReply) -> ChatResponse:
    answer = reply.answer
    location = LocationOut(**{k: reply.location.get(k) for k in ("gemeinde", "kreis", "regierungsbezirk")}) \
        if reply.location else None
    return ChatResponse(
        session_id=reply.session_id,
        message_id=reply.message_id,
        answer=answer.text,
        citations=[CitationOut(id=c.id, title=c.title, url=c.url, page=c.page, snippet=c.snippet, as_of=c.as_of)
                   for c in answer.citations],
        programs=[ProgramOut(id=p.id, name=p.name, provider=p.provider, level=p.level,
                             funding_type=p.funding_type, status=p.status, url=p.url, as_of=p.as_of,
                             status_note=p.status_note) for p in answer.programs],
        partners=[PartnerOut(id=p.id, name=p.name, type=p.type, reason=p.reason, url=p.url, email=p.email,
                             phone=p.phone) for p in answer.partners],
        location=location,
        clarify=list(answer.clarify),
    )


def _pieces(text: str) -> Iterator[str]:
    start = 0
    while start < len(text):
        end = min(len(text), start + _DELTA_CHARS)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space + 1 if space > start else end
        yield text[start:end]
        start = end


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@router.post("/api/chat", response_model=ChatResponse,
             responses={200: {"content": {"text/event-stream": {}}}, 422: {"description": "invalid request"}})
def chat(body: ChatRequest, request: Request, deps: Annotated[AssistantComponents, Depends(components)]):
    reply = deps.chat.chat(body.message, body.session_id, body.locale)
    response = to_response(reply)
    if "text/event-stream" not in request.headers.get("accept", ""):
        return response

    def events() -> Iterator[str]:
        for piece in _pieces(response.answer):
            yield _sse("delta", {"text": piece})
        yield _sse("final", response.model_dump())

    return StreamingResponse(events(), media_type="text/event-stream", headers=SSE_HEADERS)

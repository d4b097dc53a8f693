"""A chat reply as the API's JSON answer: one mapping for `POST /api/chat` (JSON and the SSE `final` event) and
`nrw-assistant ask --json`, kept outside the router so the command line needs no web route to print it."""

from __future__ import annotations

from api.schemas import ChatResponse, CitationOut, LocationOut, PartnerOut, ProgramOut
from assistant.answering.phrases import phrase
from assistant.answering.status_phrase import as_of_phrase
from assistant.chat_service import ChatReply


def chat_response(reply: ChatReply) -> ChatResponse:
    """The /api/chat JSON reply (also what `nrw-assistant ask --json` prints)."""
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

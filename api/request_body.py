"""Reading a request body in a middleware without taking it from the app: buffer it once, hand on a receive that
replays it. Shared by the body limit, the widget-origin check and the rate limiter (which needs the session id)."""

from __future__ import annotations

from starlette.types import Message, Receive


def replaying(body: bytes, receive: Receive) -> Receive:
    """A receive that yields `body` once, then whatever the client sends next (a disconnect)."""
    replayed = False

    async def replay() -> Message:
        nonlocal replayed
        if not replayed:
            replayed = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def buffer_body(receive: Receive) -> tuple[bytes, Receive]:
    """The whole (already size-limited) body, and a receive that replays it to the app."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    body = b"".join(chunks)
    return body, replaying(body, receive)

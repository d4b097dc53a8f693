"""The chat turn's port to partner routing: what the turn asks a router (`RoutingRequest`, built from the dialogue
state) and what it gets back (`Routing`). The chat service depends on this protocol only; the adapter on the partner
registry is `assistant/conversation/registry_partner_router.py`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from assistant.answering.answer import PartnerCard


@dataclass(frozen=True)
class RoutingRequest:
    """This turn's dialogue state as far as routing reads it (handed over, not reloaded from the session)."""

    intent: str | None = None
    location: dict[str, Any] | None = None  # gemeinde, kreis, kreis_ags, regierungsbezirk, ags, label
    topics: tuple[str, ...] = ()  # the current project's topics, newest first
    sector: str | None = None
    locale: str = "de"


@dataclass
class Routing:
    location: dict[str, Any] | None = None
    partners: list[PartnerCard] = field(default_factory=list)
    clarify: list[str] = field(default_factory=list)


class PartnerRouter(Protocol):
    def route(self, text: str, request: RoutingRequest) -> Routing:
        """Partners for this turn: `text` is the user's message, `request` the dialogue state after it."""
        ...


class NoRouting:
    """Used until a partner registry is configured: no location, no partners."""

    def route(self, text: str, request: RoutingRequest) -> Routing:
        return Routing()

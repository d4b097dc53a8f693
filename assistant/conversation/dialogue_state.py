"""What the conversation knows about the company so far. Slots persist across turns; a newer statement replaces an
older one (that is how "nein, wir sitzen in Detmold" corrects the place). Kept as plain JSON-able values in
Session.slots, so a shared session store can persist it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from assistant.conversation.company_size import size_class
from assistant.conversation.turn_understanding import CONTENT_INTENTS, Intent, Understanding
from assistant.routing.partner_router import RoutingRequest

_STATE_KEY = "dialogue"


@dataclass
class DialogueState:
    locale: str = "de"
    location: dict[str, Any] | None = None  # gemeinde, kreis, kreis_ags, regierungsbezirk, ags
    outside_nrw: str | None = None  # a place the user named that lies outside NRW
    employees: int | None = None
    turnover_eur: int | None = None
    sector: str | None = None
    trade: str | None = None
    topics: list[str] = field(default_factory=list)  # the current project's topics, newest first
    funding_type: str | None = None
    from_research: bool | None = None  # the founders come from a Hochschule / research institute (None: not said)
    project_kinds: list[str] = field(default_factory=list)  # catalog PROJECT_KINDS the project is (standard software …)
    investor: bool = False  # the asker invests in a company rather than runs one
    founding: bool = False  # the company is being founded
    company_age_years: float | None = None
    kind: str | None = None  # this turn's question kind (question_kinds.QuestionKind)
    intent: str | None = None  # this turn's intent (the partner router reads it)
    last_intent: str | None = None
    last_query: str | None = None  # the previous self-contained search query
    last_programs: list[str] = field(default_factory=list)  # programme ids of the previous answer, best first
    asked: list[str] = field(default_factory=list)  # what our last clarifying question asked for
    changed: list[str] = field(default_factory=list)  # slots this turn set or corrected
    notes_given: list[str] = field(default_factory=list)  # standing advice already given ("caveat", "hausbank")
    ended_mentioned: list[str] = field(default_factory=list)  # ended programmes already named for context

    @property
    def size_class(self) -> str | None:
        return size_class(self.employees, self.turnover_eur)

    # --- persistence -----------------------------------------------------------------------------
    @classmethod
    def load(cls, slots: dict[str, Any]) -> DialogueState:
        raw = slots.get(_STATE_KEY) or {}
        names = {f.name for f in fields(cls)}
        state = cls(**{k: v for k, v in raw.items() if k in names})
        state.locale = slots.get("locale") or state.locale
        return state

    def save(self, slots: dict[str, Any]) -> None:
        slots[_STATE_KEY] = asdict(self)
        slots["locale"] = self.locale

    def routing_request(self) -> RoutingRequest:
        """What the partner router reads of this state (a copy: routing cannot change the state)."""
        return RoutingRequest(intent=self.intent, location=dict(self.location) if self.location is not None else None,
                              topics=tuple(self.topics), sector=self.sector, locale=self.locale)

    def public_slots(self) -> dict[str, Any]:
        """The slots as the reply reports them (tests and the advisor view read these)."""
        return {
            "locale": self.locale,
            "location": dict(self.location) if self.location else None,
            "outside_nrw": self.outside_nrw,
            "employees": self.employees,
            "turnover_eur": self.turnover_eur,
            "size_class": self.size_class,
            "sector": self.sector,
            "trade": self.trade,
            "topics": list(self.topics),
            "funding_type": self.funding_type,
            "from_research": self.from_research,
            "project_kinds": list(self.project_kinds),
            "founding": self.founding,
        }

    # --- update ----------------------------------------------------------------------------------
    def apply(self, u: Understanding) -> None:
        """Take over what this turn said. Topics of a new request replace the old ones; facts about the company
        (place, size, sector) stay until the user says otherwise."""
        changed: list[str] = []

        def put(name: str, value: Any) -> None:
            if value is not None and getattr(self, name) != value:
                setattr(self, name, value)
                changed.append(name)

        if self._denied(u.location.excluded):
            # "Wir sind nicht (mehr) in Bielefeld": the remembered place goes, even when no new one is named.
            self.location = None
            self.outside_nrw = None
            changed.append("location")
        if u.location.status == "resolved" and u.location.place:
            put("location", dict(u.location.place))
            self.outside_nrw = None
        elif u.location.status == "outside_nrw":
            self.outside_nrw = u.location.name
            if self.location is not None:
                self.location = None
            changed.append("location")
        put("employees", u.employees)
        put("turnover_eur", u.turnover_eur)
        if u.sector:
            put("sector", u.sector)
            put("trade", u.trade)
        if u.topics:
            # "und für KI?" moves the project on; the sector and place stay.
            topics = list(u.topics)
            if topics != self.topics:
                self.topics = topics
                changed.append("topics")
        facts = u.facts
        if facts.from_research is not None:
            put("from_research", facts.from_research)
        if facts.project_kinds:
            put("project_kinds", sorted(set(self.project_kinds) | set(facts.project_kinds)))
        if facts.investor:
            put("investor", True)
        if facts.founding:
            put("founding", True)
        if facts.company_age_years is not None:
            put("company_age_years", facts.company_age_years)
            put("founding", False)
        if u.funding_type:
            put("funding_type", u.funding_type)
        elif u.topics and not u.follow_up and self.funding_type and u.intent == Intent.PROGRAMME_SEARCH:
            self.funding_type = None  # a fresh request without a funding type drops the old wish
            changed.append("funding_type")
        self.changed = list(dict.fromkeys(changed))

    def _denied(self, excluded: tuple[str, ...]) -> bool:
        if not excluded:
            return False
        if self.outside_nrw and self.outside_nrw in excluded:
            return True
        place = self.location or {}
        return any(place.get(key) in excluded for key in ("ags", "kreis_ags") if place.get(key))

    def remember_turn(self, intent: Intent, query: str | None, programs: list[str], asked: list[str]) -> None:
        if intent in CONTENT_INTENTS or intent == Intent.PARTNER_CONTACT:
            self.last_intent = intent.value
        if query and intent in CONTENT_INTENTS:
            self.last_query = query
        if intent in CONTENT_INTENTS:
            self.last_programs = programs
        self.asked = asked

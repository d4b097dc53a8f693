"""What the answerer is told about the conversation: the company profile that ranks programmes, the place as the
user reads it, and the acknowledgements of facts the user just gave or corrected."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assistant.answering.phrases import label, phrase
from assistant.answering.program_fit import FitProfile
from assistant.conversation.dialogue_state import DialogueState
from assistant.conversation.query_rewriter import catalog_funding_types
from assistant.conversation.turn_understanding import Understanding
from assistant.conversation.vocabulary import SECTOR_TARGET_GROUPS
from indexer.catalog import Program


def place_label(location: dict[str, Any] | None, locale: str) -> str | None:
    """"Detmold (Kreis Lippe)", "Köln", "Witten (Ennepe-Ruhr-Kreis)"."""
    if not location:
        return None
    if location.get("label"):
        return str(location["label"])  # the resolver's own wording: "Herford (Kreis Herford)", "Kreis Soest"
    gemeinde = location.get("gemeinde") or location.get("kreis")
    kreis = location.get("kreis")
    if not gemeinde:
        return None
    if not kreis or kreis == gemeinde:
        return str(gemeinde)
    lowered = str(kreis).lower()
    kreis_text = str(kreis) if ("kreis" in lowered or "region" in lowered) else \
        (f"Kreis {kreis}" if locale == "de" else f"district of {kreis}")
    return f"{gemeinde} ({kreis_text})"


def fit_profile(state: DialogueState, programs: Mapping[str, Program]) -> FitProfile:
    groups: list[str] = list(SECTOR_TARGET_GROUPS.get(state.sector or "", ()))
    size = state.size_class
    if size == "kleinst":
        groups += ["kleinstunternehmen", "kmu"]
    elif size != "gross":
        groups.append("kmu")  # an SME unless told otherwise: that is who the assistant is for
    if "gruendung" in state.topics:
        groups += ["gruender", "startup"]
    wanted = catalog_funding_types(programs, state.funding_type) if state.funding_type else ()
    return FitProfile(tuple(state.topics), tuple(dict.fromkeys(groups)), wanted, large=size == "gross",
                      sector=state.sector, from_research=state.from_research,
                      project_kinds=tuple(state.project_kinds), investor=state.investor,
                      founding=state.founding or "gruendung" in state.topics,
                      company_age_years=state.company_age_years,
                      funding_kinds=(state.funding_type,) if state.funding_type else (),
                      employees=state.employees, outside_nrw=bool(state.outside_nrw))


def profile_summary(state: DialogueState) -> str | None:
    locale = state.locale
    parts: list[str] = []
    if state.trade:
        parts.append(state.trade)
    elif state.sector:
        parts.append(label(locale, state.sector))
    if state.employees is not None:
        parts.append(phrase(locale, "profile_employees", n=state.employees))
    place = place_label(state.location, locale)
    if place:
        parts.append(phrase(locale, "profile_place", place=place))
    if not parts:
        return None
    parts += [label(locale, t) for t in state.topics[:2]]
    return ", ".join(parts)


def notices(u: Understanding, state: DialogueState, had_location: bool) -> tuple[str, ...]:
    locale = state.locale
    lines: list[str] = []
    if state.outside_nrw and u.location.status == "outside_nrw":
        lines.append(phrase(locale, "outside_nrw", place=state.outside_nrw))
    elif "location" in state.changed and state.location and (had_location or u.slots_only or u.correction):
        lines.append(phrase(locale, "ack_location", place=place_label(state.location, locale)))
    if u.correction:
        facts: list[str] = []
        if "employees" in state.changed and state.employees is not None:
            facts.append(phrase(locale, "profile_employees", n=state.employees))
        if "sector" in state.changed and (state.trade or state.sector):
            facts.append(state.trade or label(locale, state.sector or ""))
        if facts:
            lines.append(phrase(locale, "ack_slots", facts=", ".join(facts)))
        if "employees" in state.changed and state.employees is not None and state.employees >= 250:
            lines.append(phrase(locale, "sme_correction", n=state.employees))
    return tuple(lines)

"""How well a programme fits what the conversation knows about the company: topic, funding type, target group.

Retrieval decides which programmes are relevant at all; among those the fit comes first, then what can be applied
for now (open before unknown status), then money before free advice, then retrieval order.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.catalog import Program

# Groups that include every small or medium company (a programme for these fits any KMU).
_OPEN_TO_ALL = frozenset({"alle-unternehmen", "unternehmen"})
_SME = frozenset({"kmu", "kleinstunternehmen", "mittelstand"})
_FOUNDING = frozenset({"gruender", "startup"})
_STATUS_ORDER = {"open": 0, "unknown": 1, "closed": 2}
# Funding types that give advice or support instead of money ("Kostenfreie Beratung", "Unterstützungsangebot").
_NOT_MONEY = ("beratung", "unterstützung")
_ADVICE_TYPES = frozenset({"Kostenfreie Beratung", "Unterstützungsangebot"})


@dataclass(frozen=True)
class FitProfile:
    topics: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()  # the company's groups (sector, size, founding)
    funding_types: tuple[str, ...] = ()  # catalog funding_type values the user asked for
    large: bool = False  # 250 or more employees: not an SME
    # What decides eligibility (answering/eligibility.py); None/empty = not known.
    sector: str | None = None
    from_research: bool | None = None
    project_kinds: tuple[str, ...] = ()
    investor: bool = False
    founding: bool = False
    company_age_years: float | None = None
    funding_kinds: tuple[str, ...] = ()  # the wanted kinds as the vocabulary names them (darlehen, beteiligung …)
    employees: int | None = None
    outside_nrw: bool = False  # the company sits outside North Rhine-Westphalia

    def is_empty(self) -> bool:
        return not (self.topics or self.target_groups or self.funding_types or self.large)


def fit_bonus(program: Program, profile: FitProfile) -> float:
    bonus = 0.0
    shared = set(profile.topics) & set(program.topics)
    if profile.topics and shared:
        bonus += 0.35
        # Specific before general: a programme whose own main topic is the project's, and one whose topics are
        # mostly the project's, before a broad one that merely lists the topic among many.
        if program.topics and program.topics[0] in profile.topics:
            bonus += 0.1
        bonus += 0.1 * len(shared) / len(program.topics)
    if "wissenstransfer" in profile.topics and program.eligibility.cooperation and "wissenstransfer" not in shared:
        bonus += 0.1  # a project with a Hochschule: programmes that fund such cooperation
    if profile.topics and "beratung" not in profile.topics and program.funding_type in _ADVICE_TYPES \
            and not profile.funding_types:
        bonus -= 0.15  # asked for funding of a project: money before free advice offers
    if profile.funding_types:
        bonus += 0.35 if program.funding_type in profile.funding_types else -0.2
    if program.topics and program.topics[0] == "gruendung" and "gruendung" not in profile.topics \
            and profile.target_groups \
            and not set(profile.target_groups) & _FOUNDING:
        bonus -= 0.4  # founding help is not what an established company asks for
    groups = set(program.target_groups)
    if groups and profile.target_groups:
        wanted = set(profile.target_groups)
        if profile.large:
            if groups <= _SME:
                bonus -= 0.6  # an SME programme does not fit a large company
        elif groups & (wanted - _SME):
            bonus += 0.15
        elif not groups & (wanted | _OPEN_TO_ALL | _SME):
            bonus -= 0.35  # e.g. a founders' programme for an established craft business
    return bonus


def rank_by_fit(programs: list[Program], profile: FitProfile) -> list[Program]:
    """Best fit first. Among equal fits (the fit adds up fixed steps, so equal is exact): open before unknown
    status, so a programme whose status must be checked never stands before a comparable open one; then money
    before advice; then retrieval order."""
    def key(item: tuple[int, Program]) -> tuple[float, int, bool, int]:
        order, program = item
        advice = any(word in program.funding_type.lower() for word in _NOT_MONEY)
        return -round(fit_bonus(program, profile), 2), _STATUS_ORDER.get(program.status, 1), advice, order

    return [p for _, p in sorted(enumerate(programs), key=key)]

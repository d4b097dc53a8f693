"""How well a programme fits what the conversation knows about the company: topic, funding type, target group.

Retrieval order stays the backbone; the fit only reorders candidates that retrieval already found relevant.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.catalog import Program

# Groups that include every small or medium company (a programme for these fits any KMU).
_OPEN_TO_ALL = frozenset({"alle-unternehmen", "unternehmen"})
_SME = frozenset({"kmu", "kleinstunternehmen", "mittelstand"})
_FOUNDING = frozenset({"gruender", "startup"})
_OPEN_BONUS = 0.2


@dataclass(frozen=True)
class FitProfile:
    topics: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()  # the company's groups (sector, size, founding)
    funding_types: tuple[str, ...] = ()  # catalog funding_type values the user asked for
    large: bool = False  # 250 or more employees: not an SME

    def is_empty(self) -> bool:
        return not (self.topics or self.target_groups or self.funding_types or self.large)


def fit_bonus(program: Program, profile: FitProfile) -> float:
    bonus = 0.0
    if profile.topics and set(profile.topics) & set(program.topics):
        bonus += 0.35
    if profile.funding_types:
        bonus += 0.35 if program.funding_type in profile.funding_types else -0.2
    if "gruendung" in program.topics and "gruendung" not in profile.topics and profile.target_groups \
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
    """Best fit first; retrieval order decides between equal fits and gives earlier hits a head start. What can
    be applied for now (open) goes before what may be (unknown status)."""
    if len(programs) < 2:
        return list(programs)
    n = len(programs)
    scored = [(1.0 - i / n + fit_bonus(p, profile) + _OPEN_BONUS * (p.status == "open"), -i, p)
              for i, p in enumerate(programs)]
    return [p for _, _, p in sorted(scored, key=lambda item: (item[0], item[1]), reverse=True)]

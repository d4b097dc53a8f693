"""Which places share their responsible partners (IHK, Handwerkskammer, regional agency; the kommunale
Wirtschaftsförderung, which differs by town, does not count).

When every place a message could mean has the same partners, asking "which one do you mean?" changes nothing
for the answer, so the resolver settles without asking. Built once from the partner registry's own coverage
(`PartnerRegistry.local_partners`), so it can never disagree with the ranking.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from indexer.gazetteer import Gazetteer


class PartnerAreas:
    def __init__(self, gazetteer: Gazetteer, partners_of: Callable[[str], Iterable[str]]) -> None:
        """partners_of(ags) names the local partners responsible for a Gemeinde (their ids)."""
        self._by_gemeinde = {ags: frozenset(partners_of(ags)) for ags in gazetteer.gemeinden}
        self._by_kreis: dict[str, frozenset[str] | None] = {}
        for kreis_ags, agss in gazetteer.gemeinden_by_kreis.items():
            found = {self._by_gemeinde[a] for a in agss}
            # A Kreis split between chambers (Ennepe-Ruhr-Kreis) has no single set of partners.
            self._by_kreis[kreis_ags] = next(iter(found)) if len(found) == 1 else None

    def of_gemeinde(self, ags: str) -> frozenset[str]:
        return self._by_gemeinde.get(ags, frozenset())

    def of_kreis(self, kreis_ags: str) -> frozenset[str] | None:
        """The partners of every Gemeinde of the Kreis, or None when they differ within it."""
        return self._by_kreis.get(kreis_ags)

    def gemeinden_share(self, agss: Iterable[str]) -> bool:
        found = {self.of_gemeinde(a) for a in agss}
        return len(found) == 1 and bool(next(iter(found)))

    def kreise_share(self, kreis_agss: Iterable[str]) -> bool:
        found = {self.of_kreis(k) for k in kreis_agss}
        if len(found) != 1:
            return False
        only = next(iter(found))
        return only is not None and bool(only)

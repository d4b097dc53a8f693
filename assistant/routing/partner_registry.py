"""The routing index over the validated partners of corpus/partners.yaml: chambers, regional agencies, kommunale
Wirtschaftsförderungen, statewide bodies, by Gemeinde.

Reading and the strict validation live in the partner catalogue (indexer/partner_catalogue.py), the one module that
reads the file; this module only indexes what it validated.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from indexer.gazetteer import Gazetteer
from indexer.partner_catalogue import Partner, PartnerEntries, read_partner_entries


class PartnerRegistry:
    def __init__(self, partners: Iterable[Partner], gazetteer: Gazetteer) -> None:
        self.partners: tuple[Partner, ...] = tuple(partners)
        self.gazetteer = gazetteer
        self._by_id = {p.id: p for p in self.partners}
        local: dict[str, list[Partner]] = defaultdict(list)
        for p in self.partners:
            for ags in p.gemeinden:
                local[ags].append(p)
        self._local = {ags: tuple(sorted(ps, key=lambda p: p.id)) for ags, ps in local.items()}

    def get(self, partner_id: str) -> Partner | None:
        return self._by_id.get(partner_id)

    def local_partners(self, ags: str) -> tuple[Partner, ...]:
        """Chambers and regional agencies whose area contains the Gemeinde."""
        return self._local.get(ags, ())

    def statewide_partners(self) -> tuple[Partner, ...]:
        return tuple(p for p in self.partners if p.statewide)

    def chamber_for(self, ags: str, partner_type: str) -> Partner | None:
        return next((p for p in self.local_partners(ags) if p.type == partner_type), None)

    @classmethod
    def from_entries(cls, entries: PartnerEntries, gazetteer: Gazetteer, check_documents: bool = True
                     ) -> PartnerRegistry:
        """The index of the entries that pass the strict rules (PartnerDataError otherwise)."""
        return cls(entries.validated(gazetteer, check_documents), gazetteer)


def load_partner_registry(path: Path, gazetteer: Gazetteer, check_documents: bool = True) -> PartnerRegistry:
    """Reads and validates partners.yaml; document paths are relative to the file's folder (the corpus)."""
    return PartnerRegistry.from_entries(read_partner_entries(path), gazetteer, check_documents)

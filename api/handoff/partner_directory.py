"""Which partners accept hand-offs: the ids and names in the corpus's partners.yaml.

Only ids and names are read here; the routing registry validates the same file in full. Reading it directly keeps
the hand-off independent of how (and whether) the chat's partner routing is wired.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml


class PartnerDirectoryError(Exception):
    pass


@dataclass(frozen=True)
class HandoffPartner:
    id: str
    name: str


class PartnerDirectory:
    def __init__(self, partners: Iterable[HandoffPartner]) -> None:
        self._by_id = {p.id: p for p in partners}

    def get(self, partner_id: str) -> HandoffPartner | None:
        return self._by_id.get(partner_id)

    def __len__(self) -> int:
        return len(self._by_id)


def load_partner_directory(path: Path) -> PartnerDirectory:
    """An empty directory when the file does not exist (then every hand-off names an unknown partner)."""
    if not path.exists():
        return PartnerDirectory(())
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise PartnerDirectoryError(f"{path}: cannot read partners: {exc}") from exc
    entries = data.get("partners") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise PartnerDirectoryError(f"{path}: expected a mapping with a 'partners' list")
    return PartnerDirectory(HandoffPartner(str(e["id"]), str(e["name"]))
                            for e in entries if isinstance(e, dict) and e.get("id") and e.get("name"))

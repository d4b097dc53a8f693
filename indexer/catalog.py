"""The programme and partner facts from programs.yaml / partners.yaml that every chunk of their documents carries.

The catalog is the single source of truth for status, level, funding type and topics: a document only says
which programme or partner it describes, and the indexer copies the current facts onto its chunks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

STATUSES = ("open", "closed", "unknown")
LEVELS = ("EU", "Bund", "Land", "NRW.BANK")


class CatalogError(ValueError):
    pass


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    provider: str
    level: str
    funding_type: str
    status: str
    as_of: str | None
    source_url: str
    aliases: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    region: str | None = None
    status_note: str | None = None
    ended_on: str | None = None
    successor: str | None = None
    amount: str | None = None
    uncertain: tuple[str, ...] = ()
    document: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def chunk_metadata(self) -> dict[str, Any]:
        return {
            "program_id": self.id,
            "program_name": self.name,
            "provider": self.provider,
            "level": self.level,
            "funding_type": self.funding_type,
            "status": self.status,
            "topics": list(self.topics),
            "target_groups": list(self.target_groups),
            "region": self.region or "",
        }


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def load_programs(path: Path) -> dict[str, Program]:
    """Read programs.yaml; a missing file is an empty catalog, a malformed one a CatalogError."""
    if not path.exists():
        return {}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: not valid YAML: {exc}") from exc
    programs: dict[str, Program] = {}
    for i, entry in enumerate(raw.get("programs") or []):
        try:
            program = Program(
                id=str(entry["id"]),
                name=str(entry["name"]),
                provider=str(entry.get("provider") or ""),
                level=str(entry["level"]),
                funding_type=str(entry.get("funding_type") or ""),
                status=str(entry["status"]),
                as_of=_text(entry.get("as_of")),
                source_url=str(entry["source_url"]),
                aliases=tuple(str(a) for a in entry.get("aliases") or ()),
                target_groups=tuple(str(t) for t in entry.get("target_groups") or ()),
                topics=tuple(str(t) for t in entry.get("topics") or ()),
                region=_text(entry.get("region")),
                status_note=_text(entry.get("status_note")),
                ended_on=_text(entry.get("ended_on")),
                successor=_text(entry.get("successor")),
                amount=_text(entry.get("amount")),
                uncertain=tuple(str(u) for u in entry.get("uncertain") or ()),
                document=_text(entry.get("document")),
            )
        except (KeyError, TypeError, AttributeError) as exc:
            raise CatalogError(f"{path}: programme #{i + 1} lacks a required field ({exc})") from exc
        if program.status not in STATUSES:
            raise CatalogError(f"{path}: programme {program.id}: status must be one of {STATUSES}")
        if program.id in programs:
            raise CatalogError(f"{path}: programme id {program.id} appears twice")
        programs[program.id] = program
    return programs


def load_partner_facts(path: Path) -> dict[str, dict[str, Any]]:
    """The partner fields chunks carry (type, topics, target groups, covered Kreise). Routing has its own
    validated registry in assistant.routing; this only enriches search metadata."""
    if not path.exists():
        return {}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: not valid YAML: {exc}") from exc
    facts: dict[str, dict[str, Any]] = {}
    for entry in raw.get("partners") or []:
        coverage = entry.get("coverage") or {}
        facts[str(entry["id"])] = {
            "partner_id": str(entry["id"]),
            "partner_name": str(entry.get("name") or ""),
            "partner_type": str(entry.get("type") or ""),
            "topics": [str(t) for t in entry.get("topics") or ()],
            "target_groups": [str(t) for t in entry.get("target_groups") or ()],
            "kreise": [str(k) for k in coverage.get("kreise") or ()],
            "statewide": bool(coverage.get("statewide")),
        }
    return facts

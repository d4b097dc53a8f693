"""Metadata filters that both sides of retrieval apply the same way (dense in Chroma, lexical in memory).

Multi-valued facts (topics, target groups, covered Kreise) are stored in Chroma as one boolean flag per
value (`topic__ki: true`), because Chroma metadata values are scalars.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, fields
from typing import Any

# filter field → (metadata key, multi-valued flag prefix or None)
SCALAR_FIELDS = {"level": "level", "funding_type": "funding_type", "kind": "kind", "program_id": "program_id"}
LIST_FIELDS = {"topic": ("topics", "topic__"), "target_group": ("target_groups", "tg__"),
               "region": ("kreise", "kreis__")}


@dataclass(frozen=True)
class SearchFilter:
    """Each field is a tuple of accepted values (OR within a field, AND across fields); empty = any."""

    level: tuple[str, ...] = ()
    funding_type: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    program_id: tuple[str, ...] = ()
    topic: tuple[str, ...] = ()
    target_group: tuple[str, ...] = ()
    region: tuple[str, ...] = ()  # Kreis AGS; matches partner documents covering it and statewide ones
    # The catalog programmes whose status today is one of `status` (programme_status.with_status_resolved): a
    # programme's chunks carry no status, it is computed when asked. Documents outside the catalog that state a
    # status of their own (a news item) are matched by that.
    programmes_with_status: tuple[str, ...] | None = None
    exclude_past_events: bool = False  # drop events (kind "event") whose event_end_ts has passed
    now: float | None = None  # epoch seconds for exclude_past_events; None = the current time

    def is_empty(self) -> bool:
        return not any(getattr(self, f.name) for f in fields(self) if f.name not in ("now", "programmes_with_status"))

    def current_time(self) -> float:
        """The epoch seconds past events are judged against."""
        return time.time() if self.now is None else self.now

    def matches(self, metadata: dict[str, Any]) -> bool:
        if self.exclude_past_events and metadata.get("kind") == "event":
            end = metadata.get("event_end_ts")
            if isinstance(end, (int, float)) and end <= self.current_time():
                return False
        for name, key in SCALAR_FIELDS.items():
            wanted = getattr(self, name)
            if wanted and metadata.get(key) not in wanted:
                return False
        if self.status and not self._status_matches(metadata):
            return False
        for name, (key, _) in LIST_FIELDS.items():
            wanted = getattr(self, name)
            if not wanted:
                continue
            values = metadata.get(key) or []
            if name == "region" and (metadata.get("statewide") or not metadata.get("partner_id")):
                continue  # programmes and statewide bodies apply everywhere in NRW
            if not set(wanted) & set(values):
                return False
        return True

    def _status_matches(self, metadata: dict[str, Any]) -> bool:
        program_id = metadata.get("program_id")
        if program_id and self.programmes_with_status is not None:
            return program_id in self.programmes_with_status
        return metadata.get("status") in self.status

    def to_chroma_where(self) -> dict[str, Any] | None:
        clauses: list[dict[str, Any]] = []
        for name, key in SCALAR_FIELDS.items():
            wanted = getattr(self, name)
            if wanted:
                clauses.append({key: {"$in": list(wanted)}})
        if self.status:
            own = {"status": {"$in": list(self.status)}}
            ids = list(self.programmes_with_status or ())
            clauses.append({"$or": [{"program_id": {"$in": ids}}, own]} if ids else own)
        for name, (_, prefix) in LIST_FIELDS.items():
            wanted = getattr(self, name)
            if not wanted:
                continue
            options: list[dict[str, Any]] = [{f"{prefix}{v}": True} for v in wanted]
            if name == "region":
                options.append({"region_independent": True})
            clauses.append(options[0] if len(options) == 1 else {"$or": options})
        if self.exclude_past_events:
            clauses.append({"$or": [{"kind": {"$ne": "event"}}, {"event_end_ts": {"$gt": int(self.current_time())}}]})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def flatten_for_chroma(metadata: dict[str, Any]) -> dict[str, str | int | float | bool]:
    """Scalar copy of a chunk's metadata for Chroma, with list values turned into flags."""
    flat: dict[str, str | int | float | bool] = {}
    for key, value in metadata.items():
        if isinstance(value, (str, int, float, bool)):
            flat[key] = value
    for _, (key, prefix) in LIST_FIELDS.items():
        for value in metadata.get(key) or []:
            flat[f"{prefix}{value}"] = True
    flat["region_independent"] = bool(metadata.get("statewide") or not metadata.get("partner_id"))
    return flat

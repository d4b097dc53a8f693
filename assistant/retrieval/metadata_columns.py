"""The served chunks' filterable metadata held column-wise, so a SearchFilter's mask costs a few array operations.

Matching every chunk's metadata dict in Python (SearchFilter.matches) costs about 70 ms at 43,000 chunks, paid by the
first request under each filter; here each metadata value keeps the rows that carry it, and a mask is the union of
the wanted values' rows, intersected across fields — the same rules as SearchFilter.matches, which a test compares
on varied metadata.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from indexer.search_filter import LIST_FIELDS, SCALAR_FIELDS, SearchFilter

_SCALAR_KEYS = (*SCALAR_FIELDS.values(), "status")
_LIST_KEYS = tuple(key for key, _ in LIST_FIELDS.values())


class MetadataColumns:
    def __init__(self, metadatas: Sequence[Mapping[str, Any]]) -> None:
        """`metadatas`: one per row, in the order the masks are wanted (the lexical index's rows)."""
        self._rows = len(metadatas)
        rows: dict[str, dict[Any, list[int]]] = {key: {} for key in (*_SCALAR_KEYS, *_LIST_KEYS)}
        region_independent = np.zeros(self._rows, dtype=bool)
        has_program = np.zeros(self._rows, dtype=bool)
        event_rows: list[int] = []
        event_ends: list[float] = []
        for row, metadata in enumerate(metadatas):
            for key in _SCALAR_KEYS:
                value = metadata.get(key)
                if value is not None:
                    rows[key].setdefault(value, []).append(row)
            for key in _LIST_KEYS:
                for value in set(metadata.get(key) or ()):
                    rows[key].setdefault(value, []).append(row)
            region_independent[row] = bool(metadata.get("statewide") or not metadata.get("partner_id"))
            has_program[row] = bool(metadata.get("program_id"))
            end = metadata.get("event_end_ts")
            if metadata.get("kind") == "event" and isinstance(end, (int, float)):
                event_rows.append(row)
                event_ends.append(float(end))
        self._values = {key: {value: np.asarray(found, dtype=np.int64) for value, found in by_value.items()}
                        for key, by_value in rows.items()}
        self._region_independent = region_independent
        self._has_program = has_program
        self._event_rows = np.asarray(event_rows, dtype=np.int64)
        self._event_ends = np.asarray(event_ends, dtype=np.float64)

    def mask(self, search_filter: SearchFilter) -> np.ndarray:
        """Which rows pass the filter: row i passes iff search_filter.matches(metadatas[i])."""
        passing = np.ones(self._rows, dtype=bool)
        if search_filter.exclude_past_events and len(self._event_rows):
            passing[self._event_rows[self._event_ends <= search_filter.current_time()]] = False
        for name, key in SCALAR_FIELDS.items():
            wanted = getattr(search_filter, name)
            if wanted:
                passing &= self._any(key, wanted)
        if search_filter.status:
            own = self._any("status", search_filter.status)
            if search_filter.programmes_with_status is not None:  # a programme's status is the catalogue's
                own = np.where(self._has_program, self._any("program_id", search_filter.programmes_with_status), own)
            passing &= own
        for name, (key, _) in LIST_FIELDS.items():
            wanted = getattr(search_filter, name)
            if not wanted:
                continue
            found = self._any(key, wanted)
            if name == "region":
                found |= self._region_independent  # programmes and statewide bodies apply everywhere in NRW
            passing &= found
        return passing

    def _any(self, key: str, values: Iterable[Any]) -> np.ndarray:
        found = np.zeros(self._rows, dtype=bool)
        by_value = self._values[key]
        for value in values:
            rows = by_value.get(value)
            if rows is not None:
                found[rows] = True
        return found

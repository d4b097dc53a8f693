"""A filter's mask from the metadata columns is exactly SearchFilter.matches, row by row, on varied metadata."""

from __future__ import annotations

import random

from assistant.retrieval.metadata_columns import MetadataColumns
from indexer.search_filter import SearchFilter

_NOW = 1_800_000_000.0


def _metadata(rng: random.Random) -> dict:
    kind = rng.choice(["programme", "document", "event", "partner", "news"])
    metadata: dict = {"kind": kind}
    if kind in ("programme", "document") or rng.random() < 0.2:
        metadata["program_id"] = rng.choice(["p1", "p2", "p3", ""])
    for key, values in (("level", ["Bund", "Land", "EU"]), ("funding_type", ["Zuschuss", "Darlehen"]),
                        ("status", ["open", "closed", "upcoming"])):
        if rng.random() < 0.7:
            metadata[key] = rng.choice(values)
    for key, values in (("topics", ["ki", "energie", "gruendung"]), ("target_groups", ["kmu", "handwerk"]),
                        ("kreise", ["05111", "05158", "05334"])):
        if rng.random() < 0.7:
            metadata[key] = rng.sample(values, rng.randint(0, len(values)))
    if kind == "partner" or rng.random() < 0.2:
        metadata["partner_id"] = rng.choice(["ihk-x", "hwk-y", ""])
        metadata["statewide"] = rng.random() < 0.3
    if kind == "event" and rng.random() < 0.9:
        metadata["event_end_ts"] = rng.choice([_NOW - 3600, _NOW, _NOW + 3600, int(_NOW + 86400)])
    return metadata


def _filter(rng: random.Random) -> SearchFilter:
    def some(values: list[str]) -> tuple[str, ...]:
        return tuple(rng.sample(values, rng.randint(0, 2))) if rng.random() < 0.4 else ()

    return SearchFilter(
        level=some(["Bund", "Land", "EU", "Kommune"]), funding_type=some(["Zuschuss", "Darlehen"]),
        status=some(["open", "closed", "upcoming"]), kind=some(["programme", "document", "event", "partner"]),
        program_id=some(["p1", "p2", "p9"]), topic=some(["ki", "energie", "gruendung", "export"]),
        target_group=some(["kmu", "handwerk"]), region=some(["05111", "05158", "05334", "05999"]),
        programmes_with_status=rng.choice([None, (), ("p1",), ("p2", "p3")]),
        exclude_past_events=rng.random() < 0.5, now=_NOW,
    )


def test_masks_equal_matching_each_row():
    rng = random.Random(11)
    metadatas = [_metadata(rng) for _ in range(400)]
    columns = MetadataColumns(metadatas)
    for _ in range(300):
        search_filter = _filter(rng)
        expected = [search_filter.matches(metadata) for metadata in metadatas]
        assert columns.mask(search_filter).tolist() == expected, search_filter


def test_past_events_are_judged_at_the_filters_time():
    columns = MetadataColumns([{"kind": "event", "event_end_ts": _NOW}, {"kind": "document"}])
    before = SearchFilter(exclude_past_events=True, now=_NOW - 1)
    after = SearchFilter(exclude_past_events=True, now=_NOW)
    assert columns.mask(before).tolist() == [True, True]
    assert columns.mask(after).tolist() == [False, True]


def test_no_rows_give_an_empty_mask():
    assert MetadataColumns([]).mask(SearchFilter(topic=("ki",))).tolist() == []

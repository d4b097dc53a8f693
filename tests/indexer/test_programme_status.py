"""The status an SME sees is computed from the catalog's dates and today's date, in one place."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from indexer.catalog import CatalogError, Program, parse_program
from indexer.programme_status import ProgrammesToday, on_day, programme_status, with_status_resolved
from indexer.search_filter import SearchFilter
from indexer.source_date import SourceDate, is_stale

BASE = Program(id="p", name="Programm", provider="Land", level="Land", funding_type="Zuschuss", status="open",
               as_of="2026-01-07", source_url="https://example.org/p")


def test_open_until_its_end_then_ended_on_the_day_after() -> None:
    program = replace(BASE, valid_until="2026-12-31")
    before = programme_status(program, date(2026, 12, 7))
    assert before.status == "open" and before.ends_on == "2026-12-31" and before.days_left == 24
    assert before.ending_soon  # within 45 days
    on_last_day = programme_status(program, date(2026, 12, 31))
    assert on_last_day.status == "open" and on_last_day.days_left == 0
    after = programme_status(program, date(2027, 1, 5))
    assert after.status == "closed" and after.ended_on == "2026-12-31" and after.reason == "valid_until_passed"


def test_not_ending_soon_far_from_its_end() -> None:
    status = programme_status(replace(BASE, valid_until="2029-12-31"), date(2026, 12, 7))
    assert status.status == "open" and not status.ending_soon and status.days_left == 1120


def test_a_curated_closed_programme_never_opens_and_an_unknown_one_closes_after_its_end() -> None:
    assert programme_status(replace(BASE, status="closed", ended_on="2024"), date(2026, 1, 1)).status == "closed"
    unknown = replace(BASE, status="unknown", valid_until="2026-06-30")
    assert programme_status(unknown, date(2026, 6, 1)).status == "unknown"
    assert programme_status(unknown, date(2026, 7, 1)).status == "closed"


def test_an_announced_end_counts_like_valid_until() -> None:
    program = replace(BASE, ended_on="2026-12-31")
    assert programme_status(program, date(2026, 12, 1)).ends_on == "2026-12-31"
    assert programme_status(program, date(2027, 1, 1)).status == "closed"


def test_application_windows_and_the_next_deadline() -> None:
    program = replace(BASE, application_windows=(("2026-01-01", "2026-03-31"), ("2026-09-01", "2026-10-31")),
                      deadlines=("2026-04-15", "2026-10-15"))
    inside = programme_status(program, date(2026, 2, 1))
    assert inside.status == "open" and inside.ends_on == "2026-03-31" and inside.next_deadline == "2026-04-15"
    between = programme_status(program, date(2026, 5, 1))
    assert between.status == "unknown" and between.opens_on == "2026-09-01" and between.next_deadline == "2026-10-15"
    after = programme_status(program, date(2026, 11, 1))
    assert after.status == "closed" and after.ended_on == "2026-10-31" and after.next_deadline is None


def test_staleness_counts_months_from_the_sources_first_day() -> None:
    assert is_stale("2024-02", date(2026, 12, 7), 12)
    assert not is_stale("2026-01-07", date(2026, 12, 7), 12)
    assert is_stale("2025-12-06", date(2026, 12, 7), 12)
    assert not is_stale(None, date(2026, 12, 7), 12)
    assert programme_status(replace(BASE, as_of="2024-02"), date(2026, 12, 7)).stale


def test_source_dates_keep_their_precision() -> None:
    assert SourceDate.parse("2024-02").display("de") == "02/2024"
    assert SourceDate.parse("2026-01-07").display("de") == "07.01.2026"
    assert SourceDate.parse(date(2023, 5, 1)).iso() == "2023-05-01"
    assert SourceDate.parse("2023").last_day() == date(2023, 12, 31)
    for bad in ("2024-13", "Mitte 2026", "2024-02-30"):
        with pytest.raises(ValueError):
            SourceDate.parse(bad)


def test_the_days_view_follows_the_clock() -> None:
    day = [date(2026, 12, 7)]
    view = ProgrammesToday({"p": replace(BASE, valid_until="2026-12-31")}, lambda: day[0])
    assert view["p"].status == "open" and view["p"].today.ending_soon
    day[0] = date(2027, 1, 5)
    assert view["p"].status == "closed" and view["p"].ended_on == "2026-12-31"
    assert view["p"].curated_status == "open"


def test_a_status_filter_is_resolved_against_the_day() -> None:
    programmes = {"a": on_day(replace(BASE, id="a", valid_until="2026-12-31"), date(2027, 1, 5)),
                  "b": on_day(replace(BASE, id="b"), date(2027, 1, 5))}
    resolved = with_status_resolved(SearchFilter(status=("open",)), programmes)
    assert resolved.programmes_with_status == ("b",)
    assert resolved.matches({"program_id": "b"}) and not resolved.matches({"program_id": "a"})
    assert resolved.matches({"status": "open"})  # a document outside the catalog that states its own status


def _entry(**changes: object) -> dict:
    entry = {"id": "x", "name": "X", "level": "Land", "status": "open", "as_of": "2026-01-07",
             "source_url": "https://example.org/x"}
    entry.update(changes)
    return entry


def test_the_catalog_refuses_what_it_cannot_compute_with() -> None:
    assert parse_program(_entry(as_of="2024-02"), "t").as_of == "2024-02"
    assert parse_program(_entry(as_of=None, checked_on="2026-12-07"), "t").checked_on == "2026-12-07"
    bad = [_entry(as_of=None), _entry(valid_until="Ende 2026"), _entry(deadlines=["2026-04"]),
           _entry(application_windows=[{"opens": "2026-05-01", "closes": "2026-04-01"}]),
           _entry(eligibility={"recipient": "alien"}), _entry(eligibility={"excluded_projects": ["yachts"]}),
           _entry(eligibility={"unknown_rule": True}), _entry(status="maybe")]
    for entry in bad:
        with pytest.raises(CatalogError):
            parse_program(entry, "t")

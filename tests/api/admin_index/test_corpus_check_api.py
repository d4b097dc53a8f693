"""GET /api/admin/corpus-check: the audit of the corpus for today, behind the admin token, through the real app."""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Any

import httpx

from api.app import create_app
from tests.api.handoff.problems import assert_problem
from tests.live_server import live_server

TOKEN = "care-token-0123456789"


def _serve(indexed: Any, today: date):
    settings = indexed.settings.model_copy(update={"admin_token": TOKEN, "today": today})
    return live_server(create_app(settings=settings, components=dataclasses.replace(indexed, settings=settings)))


def test_the_care_list_follows_the_day_and_needs_the_token(indexed) -> None:
    programs = indexed.settings.corpus_dir / "programs.yaml"
    text = programs.read_text(encoding="utf-8")
    # A programme whose guideline ends at the end of 2026: a warning before, an error after.
    programs.write_text(text.replace("    status: open\n", "    status: open\n    valid_until: 2026-12-31\n", 1),
                        encoding="utf-8")
    with _serve(indexed, date(2026, 12, 7)) as url:
        assert_problem(httpx.get(f"{url}/api/admin/corpus-check", timeout=30), 401)
        before = httpx.get(f"{url}/api/admin/corpus-check", headers={"Authorization": f"Bearer {TOKEN}"},
                           timeout=30).json()
    with _serve(indexed, date(2027, 1, 5)) as url:
        after = httpx.get(f"{url}/api/admin/corpus-check", headers={"Authorization": f"Bearer {TOKEN}"},
                          timeout=30).json()
    assert before["today"] == "2026-12-07" and after["today"] == "2027-01-05"
    assert before["by_check"].get("ending_soon") == 1 and "ended_but_open" not in before["by_check"]
    assert after["by_check"].get("ended_but_open") == 1 and after["errors"] >= 1
    finding = next(f for f in after["findings"] if f["check"] == "ended_but_open")
    assert finding["severity"] == "error" and "31.12.2026" in finding["message"]

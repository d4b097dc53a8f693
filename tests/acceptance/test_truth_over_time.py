"""Issue 14's acceptance: what the assistant says stays true on the day it is asked. One index of the bundled corpus,
built once, served as of 2026-12-07 and as of 2027-01-05 (NRWA_TODAY) by the real app on 127.0.0.1: the BAFA
consulting grant and INVEST (guidelines end 31.12.2026) are open until then, with the end said, and ended afterwards
everywhere — /api/programs, /api/search facets, the chat's text and cards — with the end date cited.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from assistant.components import build_components
from assistant.settings import Settings
from indexer.catalog import load_programs
from tests.live_server import live_server

pytestmark = pytest.mark.slow
ENDING = ("bafa-unternehmensberatung", "invest-wagniskapital")
PROGRAMMES_BY_ID = {program.id: program.name for program in load_programs(Path("corpus/programs.yaml")).values()}


@pytest.fixture(scope="module")
def served(bundled_index, embeddings) -> Iterator[dict[str, str]]:
    urls: dict[str, str] = {}
    with live_server(_app(bundled_index, embeddings, date(2026, 12, 7))) as before, \
            live_server(_app(bundled_index, embeddings, date(2027, 1, 5))) as after:
        urls["before"], urls["after"] = before, after
        yield urls


def _app(data_dir, embeddings, today: date):
    settings = Settings(_env_file=None, data_dir=data_dir, today=today, database_url=f"sqlite:///{data_dir}/{today}.db")
    return create_app(components=build_components(settings, embeddings=embeddings))


def _chat(url: str, message: str) -> dict:
    response = httpx.post(f"{url}/api/chat", json={"message": message}, timeout=60)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_catalog_closes_them_the_day_after_their_end(served) -> None:
    before = {p["id"]: p for p in httpx.get(f"{served['before']}/api/programs", timeout=30).json()["programs"]}
    after = {p["id"]: p for p in httpx.get(f"{served['after']}/api/programs", timeout=30).json()["programs"]}
    assert len(after) >= 90
    for program_id in ENDING:
        assert before[program_id]["status"] == "open" and before[program_id]["ends_on"] == "2026-12-31"
        assert before[program_id]["ending_soon"] is True
        assert after[program_id]["status"] == "closed" and after[program_id]["ended_on"] == "2026-12-31"
    still_open = {p["id"] for p in httpx.get(f"{served['after']}/api/programs", params={"status": "open"},
                                             timeout=30).json()["programs"]}
    assert not still_open & set(ENDING)
    for program in after.values():  # every programme: a status, a source URL, a source date or an honest "undated"
        assert program["status"] in ("open", "closed", "unknown") and program["url"].startswith("http")
        assert program["as_of"] or program["checked_on"]


def test_search_facets_follow_the_day(served) -> None:
    params = {"q": "Förderung von Unternehmensberatungen für KMU BAFA", "status": "open", "k": 20}
    before = httpx.get(f"{served['before']}/api/search", params=params, timeout=30).json()["results"]
    after = httpx.get(f"{served['after']}/api/search", params=params, timeout=30).json()["results"]
    assert any(r["metadata"].get("program_id") == "bafa-unternehmensberatung" for r in before)
    assert not any(r["metadata"].get("program_id") in ENDING for r in after)
    closed = httpx.get(f"{served['after']}/api/search", params={**params, "status": "closed"}, timeout=30).json()
    assert any(r["metadata"].get("program_id") == "bafa-unternehmensberatung" and r["metadata"]["status"] == "closed"
               for r in closed["results"])


def test_asked_directly_the_answer_says_until_when_and_then_that_it_ended(served) -> None:
    question = "Kann ich die BAFA-Förderung für eine Unternehmensberatung noch beantragen?"
    before = _chat(served["before"], question)
    assert "31.12.2026" in before["answer"] and "nur noch bis" in before["answer"]
    card = next(p for p in before["programs"] if p["id"] == "bafa-unternehmensberatung")
    assert card["status"] == "open" and card["ending_soon"]
    after = _chat(served["after"], question)
    assert "beendet am 31.12.2026" in after["answer"] and "kann nicht mehr beantragt werden" in after["answer"]
    assert after["citations"] and "[1]" in after["answer"]
    card = next(p for p in after["programs"] if p["id"] == "bafa-unternehmensberatung")
    assert card["status"] == "closed" and card["status_text"] == "beendet am 31.12.2026"
    invest = _chat(served["after"], "Gibt es den INVEST-Zuschuss für Business Angels noch?")
    assert "beendet am 31.12.2026" in invest["answer"]


def test_after_the_end_they_are_never_recommended(served) -> None:
    for message in ("Wir sind ein kleiner Betrieb und suchen einen Zuschuss für eine Unternehmensberatung.",
                    "Ich bin Business Angel und will in ein Start-up investieren – welche Förderung gibt es?"):
        reply = _chat(served["after"], message)
        recommended = [p["id"] for p in reply["programs"] if p["status"] != "closed"]
        assert not set(recommended) & set(ENDING), reply["answer"]
        for program_id in ENDING:  # named at most as ended
            name = PROGRAMMES_BY_ID[program_id]
            for line in reply["answer"].splitlines():
                if f"**{name}" in line:
                    assert "beendet" in line or "Nicht passend" in line, line


def test_an_old_fact_is_flagged_to_the_user(served) -> None:
    programs = httpx.get(f"{served['before']}/api/programs", timeout=30).json()["programs"]
    stale = [p for p in programs if p["stale"] and p["status"] != "closed"]
    assert stale, "the bundled corpus has facts older than 12 months"
    reply = _chat(served["before"], f"Was ist {stale[0]['name']}?")
    card = next(p for p in reply["programs"] if p["id"] == stale[0]["id"])
    assert card["stale"] is True
    assert "bitte beim Anbieter prüfen" in reply["answer"]

"""GET /api/programs and GET /api/programs/{id}: the catalog with filters, details for the widget's cards."""

from __future__ import annotations

import httpx


def ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [p["id"] for p in response.json()["programs"]]


def test_list_has_every_programme_sorted_by_name(api_url):
    programs = httpx.get(f"{api_url}/api/programs").json()["programs"]
    assert [p["name"] for p in programs] == ["Altprogramm Digital", "Forschungszulage Test", "Innovationskredit Test",
                                             "KI-Zuschuss Test"]
    assert {"id", "name", "provider", "level", "funding_type", "status", "url", "as_of"} <= set(programs[0])


def test_filters_combine_and_take_several_values(api_url):
    assert ids(httpx.get(f"{api_url}/api/programs", params={"status": "closed"})) == ["test-altprogramm"]
    assert ids(httpx.get(f"{api_url}/api/programs", params=[("level", "Bund"), ("level", "NRW.BANK")])) == [
        "test-altprogramm", "test-forschung", "test-kredit"]
    assert ids(httpx.get(f"{api_url}/api/programs", params={"topic": "digitalisierung", "status": "open"})) == [
        "test-ki-zuschuss"]
    assert ids(httpx.get(f"{api_url}/api/programs", params={"funding_type": "Darlehen"})) == ["test-kredit"]
    assert ids(httpx.get(f"{api_url}/api/programs", params={"target_group": "grossunternehmen"})) == ["test-kredit"]
    assert ids(httpx.get(f"{api_url}/api/programs", params={"topic": "raumfahrt"})) == []


def test_detail_has_the_facts_a_card_opens_to(api_url):
    r = httpx.get(f"{api_url}/api/programs/test-altprogramm")
    assert r.status_code == 200
    detail = r.json()
    assert detail["status"] == "closed" and detail["ended_on"] == "2024-12-31" and detail["as_of"] == "2024-06-05"
    assert detail["successor"] == "test-ki-zuschuss" and detail["successor_name"] == "KI-Zuschuss Test"
    assert detail["status_note"] == "Seit dem 1.1.2025 keine neuen Anträge."
    assert detail["url"] == "https://example.org/altprogramm"


def test_unknown_programme_and_bad_filters_are_problems(api_url):
    missing = httpx.get(f"{api_url}/api/programs/gibt-es-nicht")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    assert missing.json()["status"] == 404
    bad = httpx.get(f"{api_url}/api/programs", params={"status": "vielleicht"})
    assert bad.status_code == 422 and bad.headers["content-type"].startswith("application/problem+json")
    assert httpx.get(f"{api_url}/api/programs/" + "x" * 101).status_code == 422

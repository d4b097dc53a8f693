"""Conversations through the real API (some weak, some rated down, in several Kreise) become the grouped report of
unanswered questions, the statistics and the CSV exports — and no e-mail address, phone number or name from a
message is stored anywhere or exported."""

from __future__ import annotations

import csv
import io

import httpx

from tests.api.handoff.problems import assert_problem
from tests.api.handoff.receivers import wait_for
from tests.api.insights.insights_app import FAILING_PARTNER, admin_get, chat, database_bytes, insights_app, rate

# Personal data that users put into chat messages and feedback comments: none of it may be stored or exported.
SECRETS = ("erika.musterfrau", "holzwurm-beispiel.de", "05231 987654", "987654", "Musterfrau", "Thomas Schreiber",
           "Schreiber", "1234567", "j.klein@solar-klein.de", "0171 5554443", "5554443", "Jana Klein")
# The hand-off's contact details are stored on purpose (until the retention purge): kept apart from the above.
HANDOFF_CONTACT = {"name": "Hanna Kontakt", "email": "hanna.kontakt@beispiel-gmbh.de", "phone": "+49 231 4445556"}


def _conversations(url: str) -> dict[str, dict]:
    """The traffic of the test: what was asked, by which reply."""
    replies = {
        # No source on solar power in this corpus: weak and declined, in three Kreise; two carry personal data.
        "pv_detmold": chat(url, "Ich bin Erika Musterfrau von der Schreinerei Holzwurm in Detmold, erreichbar unter "
                                "erika.musterfrau@holzwurm-beispiel.de oder 05231 987654. Gibt es Förderung für "
                                "eine Photovoltaikanlage auf dem Dach?"),
        "pv_paderborn": chat(url, "Photovoltaik-Förderung für unsere Tischlerei in Paderborn? Rückruf bitte an "
                                  "Thomas Schreiber, Tel. +49 5251 1234567"),
        "pv_lippe": chat(url, "Gibt es Förderung für Photovoltaik im Kreis Lippe?"),
        "heat_pump": chat(url, "Förderung für eine Wärmepumpe in unserer Bäckerei in Münster"),
        # Rated down: the thumbs down puts them on the report too (the corpus has no source on either, so the reply
        # says so as well).
        "pv_bielefeld": chat(url, "Zuschuss Photovoltaik für meinen Handwerksbetrieb in Bielefeld"),
        "cargo_bikes": chat(url, "Förderung für Lastenfahrräder in Dortmund"),
        # Answered well and rated up.
        "ki_essen": chat(url, "Gibt es einen Zuschuss für künstliche Intelligenz in unserer Firma in Essen?"),
        "out_of_scope": chat(url, "Wie backe ich Brot?"),
        "hello": chat(url, "Hallo"),
    }
    replies["ki_follow_up"] = chat(url, "Und wie hoch ist der Zuschuss?", replies["ki_essen"]["session_id"])
    rate(url, replies["pv_bielefeld"], "down",
         "Hilft nicht. Bitte melden: j.klein@solar-klein.de, 0171 5554443. Viele Grüße, Jana Klein")
    rate(url, replies["cargo_bikes"], "down")
    rate(url, replies["ki_essen"], "up")
    rate(url, replies["pv_detmold"], "down")  # already on the report as weak: now also rated down
    return replies


def _handoffs(server) -> None:
    for partner_id in ("hwk-owl", "hwk-owl", FAILING_PARTNER):
        response = server.post_handoff(partner_id=partner_id, session_id=None, **HANDOFF_CONTACT)
        assert response.status_code == 201, response.text
    wait_for(lambda: _delivery_states(server) == {"delivered": 2, "failed": 1} or None,
             "two delivered hand-offs and one failed")


def _delivery_states(server) -> dict[str, int]:
    states: dict[str, int] = {}
    for handoff in server.handoffs():
        states[handoff["delivery"]["state"]] = states.get(handoff["delivery"]["state"], 0) + 1
    return states


def _csv(server, data: str) -> tuple[httpx.Response, list[dict[str, str]]]:
    response = admin_get(server, "/api/admin/export.csv", data=data)
    return response, list(csv.DictReader(io.StringIO(response.text)))


def test_conversations_become_grouped_gaps_statistics_and_exports(routed_settings, embeddings, tmp_path):
    with insights_app(routed_settings, embeddings, tmp_path) as server:
        replies = _conversations(server.url)
        _handoffs(server)
        report = admin_get(server, "/api/admin/unanswered").json()
        stats = admin_get(server, "/api/admin/stats", days=7).json()
        exports = {data: _csv(server, data) for data in ("daily", "unanswered", "feedback")}
        for path in ("/api/admin/stats", "/api/admin/unanswered", "/api/admin/export.csv"):
            assert_problem(httpx.get(server.url + path), 401)
            assert_problem(httpx.get(server.url + path, headers={"Authorization": "Bearer falsch"}), 401)
        for params in ({"days": 0}, {"days": 367}, {"days": "x"}, {"data": "passwords"}):
            assert_problem(httpx.get(server.url + "/api/admin/export.csv", params=params,
                                     headers=server.admin_headers), 422)

    # --- the grouped report: one group for the solar questions, whatever the wording -------------------------
    groups = report["groups"]
    solar = groups[0]
    assert solar["count"] == 4 and "Photovoltaik" in solar["keywords"]
    assert solar["topic"] == "energie" and solar["sector_label"] == "Handwerk"
    assert solar["summary"].startswith("4 Fragen zu Photovoltaik") and "überwiegend Handwerk" in solar["summary"]
    assert (solar["weak"], solar["rated_down"]) == (3, 2) and "keine passende Quelle" in solar["summary"]
    assert {k["key"] for k in solar["kreise"]} == {"Lippe", "Paderborn", "Bielefeld"}
    assert next(k for k in solar["kreise"] if k["key"] == "Lippe")["count"] == 2
    masked = next(e["question"] for e in solar["examples"] if "Holzwurm" in (e["question"] or ""))
    assert "[Name entfernt]" in masked and "[E-Mail entfernt]" in masked and "[Telefonnummer entfernt]" in masked
    assert "Photovoltaikanlage auf dem Dach" in masked  # the subject stays readable
    by_subject = {tuple(g["keywords"][:1]): g for g in groups}
    assert by_subject[("Wärmepumpe",)]["count"] == 1 and by_subject[("Wärmepumpe",)]["weak"] == 1
    cargo = next(g for g in groups if any("Lastenfahrräder" in (e["question"] or "") for e in g["examples"]))
    assert cargo["count"] == 1 and cargo["rated_down"] == 1
    assert cargo["summary"].endswith("1× als nicht hilfreich bewertet")
    assert any("Brot" in (e["question"] or "") and e["reasons"] == ["declined"] for g in groups for e in g["examples"])
    asked = {e["question"] for g in groups for e in g["examples"]}
    assert not any("künstliche Intelligenz" in (q or "") or q == "Hallo" for q in asked)  # answered well: not here
    assert report["total"] == sum(g["count"] for g in groups) == 7

    # --- the statistics ---------------------------------------------------------------------------------------
    totals = stats["totals"]
    assert totals["questions"] == 9  # every turn but the greeting
    assert (totals["rated_up"], totals["rated_down"], totals["handoffs"]) == (1, 3, 3)
    # Weak: three on solar power, the heat pump, the cargo bikes; declined: these and the bread. Ratings are counted
    # on their own.
    assert (totals["unanswered"], totals["weak"], totals["declined"]) == (6, 5, 6)
    kreise = {k["key"]: k["count"] for k in stats["kreise"]}
    assert {"Lippe": 2, "Paderborn": 1, "Bielefeld": 1, "Münster": 1, "Dortmund": 1, "Essen": 2}.items() \
        <= kreise.items()
    assert kreise[""] == 1 and next(k for k in stats["kreise"] if not k["key"])["label"] == "ohne Ortsangabe"
    topics = {t["key"]: t for t in stats["topics"]}
    assert topics["energie"]["count"] == 5 and topics["energie"]["label"] == "Energie"
    assert topics["ki"]["count"] == 2 and topics["ki"]["label"] == "KI"
    assert {r["key"] for r in stats["regierungsbezirke"]} >= {"Detmold", "Münster", "Arnsberg", "Düsseldorf"}
    ki_grant = next(p for p in stats["programmes"] if p["key"] == "test-ki-zuschuss")
    assert ki_grant["label"] == "KI-Zuschuss Test" and ki_grant["count"] >= 2
    partners = {p["key"]: p for p in stats["partners"]}
    assert partners["hwk-owl"]["count"] >= 3 and partners["hwk-owl"]["label"].startswith("Handwerkskammer")
    handoffs = {h["partner_id"]: h for h in stats["handoffs"]}
    assert (handoffs["hwk-owl"]["total"], handoffs["hwk-owl"]["delivered"]) == (2, 2)
    assert (handoffs[FAILING_PARTNER]["failed"], handoffs[FAILING_PARTNER]["pending"]) == (1, 0)
    assert stats["latency"]["answers"] == len(replies) and stats["latency"]["average_ms"] > 0
    assert sum(c["count"] for c in stats["latency"]["classes"]) == len(replies)
    assert stats["latency"]["p50_ms"] <= stats["latency"]["p95_ms"]
    assert len(stats["per_day"]) == 7 and stats["period"]["timezone"] == "Europe/Berlin"
    per_day = stats["per_day"]
    assert [sum(p[k] for p in per_day) for k in ("questions", "unanswered", "rated_down", "handoffs")] == [9, 6, 3, 3]
    assert all(p["questions"] == 0 for p in per_day[:-2]) and per_day[-1]["questions"]  # today (or since midnight)
    assert sum(w["questions"] for w in stats["per_week"]) == 9 and stats["per_week"][-1]["period"].startswith("20")

    # --- the CSV exports ----------------------------------------------------------------------------------------
    response, daily = exports["daily"]
    assert response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    lippe = [r for r in daily if (r["kennzahl"], r["schluessel"]) == ("kreis", "Lippe")]
    assert sum(int(r["anzahl"]) for r in lippe) == 2 and {r["bezeichnung"] for r in lippe} == {"Lippe"}
    assert lippe[-1]["tag"] == stats["period"]["last_day"]
    assert next(r for r in daily if r["kennzahl"] == "handoff_failed")["schluessel"] == FAILING_PARTNER
    _, questions = exports["unanswered"]
    assert len(questions) == 7 and {r["gruppe"] for r in questions if "Photovoltaik" in r["frage"]} == {"1"}
    _, rated = exports["feedback"]
    assert sorted(r["bewertung"] for r in rated) == ["down", "down", "down", "up"]
    assert any("[E-Mail entfernt]" in r["kommentar"] for r in rated)

    # --- nothing personal from a message anywhere -------------------------------------------------------------
    stored = database_bytes(tmp_path / "app.db")
    exported = "".join(r.text for r, _ in exports.values()) + str(report) + str(stats)
    for secret in SECRETS:
        assert secret.encode() not in stored, secret
        assert secret not in exported, secret
    assert HANDOFF_CONTACT["email"].encode() in stored  # the database file is the right one (hand-offs are in it)
    assert HANDOFF_CONTACT["email"] not in exported

"""`nrw-assistant report` prints the statistics and the grouped unanswered questions, as text for a cron mail or
as JSON; on a database that is not migrated it says what to do (exit 2)."""

from __future__ import annotations

import json

from api.app_data_services import build_app_data_services
from api.cli import main as cli_main
from assistant.settings import Settings
from tests.api.insights.turn_records import turn_record as turn  # the typed record the listeners get


def _settings(tmp_path, monkeypatch) -> Settings:
    monkeypatch.setenv("NRWA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NRWA_CORPUS_DIR", str(tmp_path / "corpus"))
    monkeypatch.chdir(tmp_path)  # no .env of the checkout
    return Settings()


def test_report_as_text_and_json(tmp_path, monkeypatch, capsys):
    settings = _settings(tmp_path, monkeypatch)
    assert cli_main(["report"]) == 2
    assert "nrw-assistant db upgrade" in capsys.readouterr().err
    assert cli_main(["db", "upgrade"]) == 0
    capsys.readouterr()

    services = build_app_data_services(settings)
    for question, kreis in (("Förderung für Photovoltaik, Rückruf an erika@beispiel.de", "Lippe"),
                            ("Photovoltaikanlage für die Backstube?", "Münster")):
        services.questions.record("s", turn(question, confidence=0.1, confident=False, topics=("energie",),
                                            kreis=kreis, latency_ms=800.0))
    services.questions.record("s", turn("KI-Zuschuss?", topics=("ki",), kreis="Essen", partners=("ihk-essen",),
                                        latency_ms=3000.0))
    services.engine.dispose()

    assert cli_main(["report", "--days", "7"]) == 0
    text = capsys.readouterr().out
    assert "Bericht" in text and "(7 Tage)" in text
    assert "Fragen: 3 · ohne gute Antwort: 2" in text
    assert "Themen: Energie 2, KI 1" in text and "Kreise: Essen 1, Lippe 1, Münster 1" in text
    assert "Antwortzeit: Mittel 1533 ms, Median bis 1000 ms, 95 % bis 4000 ms (3 Antworten)" in text
    assert "  - 2 Fragen zu Photovoltaik (Energie) – keine passende Quelle" in text
    assert "[E-Mail entfernt]" in text and "erika@" not in text
    assert text.count("\n  20") >= 8  # a line per week and per day

    assert cli_main(["report", "--days", "30", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["statistics"]["totals"]["questions"] == 3 and data["statistics"]["period"]["days"] == 30
    assert data["unanswered"]["groups"][0]["count"] == 2
    assert cli_main(["report", "--days", "0"]) == 2

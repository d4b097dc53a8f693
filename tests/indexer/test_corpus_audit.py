"""`nrw-assistant corpus check`: what the assistant would state wrongly or without a fair warning, on a given day."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from api.cli import main
from assistant.settings import PROJECT_ROOT
from indexer.corpus_audit import audit_corpus

PROGRAMS = """\
programs:
  - {id: ends-2026, name: Endet 2026, level: Bund, status: open, as_of: 2026-01-10, valid_until: 2026-12-31,
     source_url: "https://example.org/a"}
  - {id: old-facts, name: Alte Fakten, level: Land, status: open, as_of: 2024-02, source_url: "https://example.org/b"}
  - {id: undated, name: Ohne Datum, level: Land, status: unknown, as_of: null, checked_on: 2026-12-07,
     source_url: "https://example.org/c"}
  - {id: closed-one, name: Beendet, level: Land, status: closed, ended_on: 2022, as_of: 2022,
     source_url: "https://example.org/d"}
"""
PARTNERS = """\
partners:
  - {id: ihk-x, name: IHK X, type: ihk, website: "https://www.ihk.de/x", official_domain: ihk.de/x, verified: true}
  - {id: hwk-y, name: HWK Y, type: hwk, website: "https://zeitung.example/artikel", official_domain: hwk-y.de,
     verified: true}
  - {id: wf-z, name: WF Z, type: wirtschaftsfoerderung, website: null, verified: false, verify_note: "kein Beleg"}
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "sample").mkdir(parents=True)
    (root / "programs.yaml").write_text(PROGRAMS, encoding="utf-8")
    (root / "partners.yaml").write_text(PARTNERS, encoding="utf-8")
    (root / "sources.yaml").write_text("sources:\n  - {name: sample, kind: local_folder, path: sample}\n",
                                       encoding="utf-8")
    (root / "sample" / "ok.md").write_text("---\nid: ok\nsource_url: https://example.org/ok\nas_of: 2026-11-01\n"
                                           "---\n# Gut\nText.\n", encoding="utf-8")
    (root / "sample" / "nodate.md").write_text("---\nid: nodate\nsource_url: https://example.org/n\n---\n# X\nText.\n",
                                               encoding="utf-8")
    (root / "sample" / "undated.md").write_text(
        "---\nid: u\nsource_url: https://example.org/u\nchecked_on: 2026-12-07\n---\n# U\nText.\n", encoding="utf-8")
    return root


def _checks(report) -> dict[tuple[str, str], str]:
    return {(f.check, f.subject): f.severity for f in report.findings}


def test_before_the_end_it_warns_after_it_it_is_an_error(corpus: Path) -> None:
    before = _checks(audit_corpus(corpus, date(2026, 12, 7)))
    assert before[("ending_soon", "ends-2026")] == "warning"
    assert ("ended_but_open", "ends-2026") not in before
    after = _checks(audit_corpus(corpus, date(2027, 1, 5)))
    assert after[("ended_but_open", "ends-2026")] == "error"
    assert ("ended_but_open", "closed-one") not in after  # ended and curated as ended: nothing to do


def test_stale_undated_partners_and_documents(corpus: Path) -> None:
    found = _checks(audit_corpus(corpus, date(2026, 12, 7)))
    assert found[("stale", "old-facts")] == "warning"
    assert found[("undated", "undated")] == "warning"
    assert found[("unofficial_link", "hwk-y")] == "error"
    assert ("unofficial_link", "ihk-x") not in found
    assert found[("no_website", "wf-z")] == "warning" and found[("unverified_partner", "wf-z")] == "warning"
    assert found[("no_date", "sample/nodate.md")] == "error"
    assert found[("undated", "sample/undated.md")] == "warning"
    assert not any(subject == "sample/ok.md" for _, subject in found)


def test_the_command_exits_1_on_errors_and_prints_json(corpus: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("NRWA_CORPUS_DIR", str(corpus))
    assert main(["corpus", "check", "--today", "2026-12-07", "--json"]) == 1  # the unofficial link, the undated doc
    report = json.loads(capsys.readouterr().out)
    assert report["today"] == "2026-12-07" and report["errors"] == 2
    assert report["by_check"]["ending_soon"] == 1
    (corpus / "sample" / "nodate.md").unlink()
    (corpus / "partners.yaml").write_text(PARTNERS.replace("https://zeitung.example/artikel", "https://hwk-y.de"),
                                          encoding="utf-8")
    assert main(["corpus", "check", "--today", "2026-12-07"]) == 0
    assert "0 errors" in capsys.readouterr().out
    assert main(["corpus", "check", "--today", "2027-01-05"]) == 1
    with pytest.raises(SystemExit) as bad_date:
        main(["corpus", "check", "--today", "kein-datum"])
    assert bad_date.value.code == 2 and "--today" in capsys.readouterr().err


def test_the_bundled_corpus_has_no_errors() -> None:
    report = audit_corpus(PROJECT_ROOT / "corpus", date(2026, 12, 7))
    assert report.errors == [], [f.message for f in report.errors]
    assert report.counts["programmes"] >= 90

"""`nrw-assistant eval retrieval` on a small German passage set: one JSON object with the contract's keys, and a
misses file with every question not answered first."""

from __future__ import annotations

import json

import pytest

from api.cli import main

PASSAGES = [
    ("p-zim", "ZIM", "Das Zentrale Innovationsprogramm Mittelstand fördert Forschungs- und Entwicklungsprojekte "
                     "kleiner und mittlerer Unternehmen mit Zuschüssen."),
    ("p-kredit", "Förderkredit", "Die Hausbank beantragt den Förderkredit der NRW.BANK für Investitionen in "
                                 "Maschinen und Anlagen."),
    ("p-gruendung", "Gründung", "Das Gründungsstipendium zahlt Gründerinnen und Gründern ein Jahr lang monatlich "
                                "tausend Euro."),
    ("p-ki", "Künstliche Intelligenz", "Für Anwendungen der künstlichen Intelligenz gibt es Zuschüsse des Landes, "
                                       "die Plätze werden verlost."),
]
QUESTIONS = [
    ("q1", "Welches Programm fördert Entwicklungsprojekte im Mittelstand?", "p-zim"),
    ("q2", "Wo beantrage ich einen Kredit für neue Maschinen?", "p-kredit"),
    ("q3", "Gibt es ein Stipendium für Gründer?", "p-gruendung"),
    ("q4", "Zuschuss für KI-Anwendungen", "p-ki"),
    ("q5", "Wie hoch ist das Monatsgeld?", "p-zim"),  # deliberately wrong gold: must show up as a miss
]


@pytest.fixture()
def question_files(tmp_path):
    passages = tmp_path / "passages.jsonl"
    passages.write_text("\n".join(json.dumps({"passage_id": p, "title": t, "text": x}, ensure_ascii=False)
                                  for p, t, x in PASSAGES), encoding="utf-8")
    queries = tmp_path / "queries.jsonl"
    queries.write_text("\n".join(json.dumps({"id": i, "question": q, "passage_id": p}, ensure_ascii=False)
                                 for i, q, p in QUESTIONS), encoding="utf-8")
    return passages, queries


@pytest.mark.parametrize("mode", ["hybrid", "lexical", "dense"])
def test_eval_retrieval_prints_one_json_object_with_the_contract_keys(question_files, tmp_path, capsys, mode):
    passages, queries = question_files
    misses_file = tmp_path / "misses.jsonl"
    status = main(["eval", "retrieval", "--passages", str(passages), "--queries", str(queries), "--mode", mode,
                   "--k", "10", "--json", "--misses", str(misses_file)])
    assert status == 0
    report = json.loads(capsys.readouterr().out)
    assert {"n", "recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10", "mode", "seconds"} <= report.keys()
    assert report["n"] == len(QUESTIONS) and report["mode"] == mode
    assert all(0.0 <= report[key] <= 1.0 for key in ("recall@1", "recall@5", "recall@10", "mrr@10", "ndcg@10"))
    misses = [json.loads(line) for line in misses_file.read_text(encoding="utf-8").splitlines()]
    assert report["misses"] == len(misses)
    assert report["recall@1"] == round((len(QUESTIONS) - len(misses)) / len(QUESTIONS), 4)
    assert all(m["rank"] != 1 and m["question"] for m in misses)
    if mode == "hybrid":  # the four answerable questions are plain, the fifth has a wrong gold passage
        assert {m["id"] for m in misses} == {"q5"}


def test_eval_retrieval_rejects_a_queries_file_without_gold(tmp_path, capsys):
    passages = tmp_path / "p.jsonl"
    passages.write_text(json.dumps({"passage_id": "a", "title": "", "text": "Text"}), encoding="utf-8")
    queries = tmp_path / "q.jsonl"
    queries.write_text(json.dumps({"id": "1", "question": "Frage?"}), encoding="utf-8")
    status = main(["eval", "retrieval", "--passages", str(passages), "--queries", str(queries), "--json"])
    assert status == 2
    assert "passage_id" in capsys.readouterr().err


def test_eval_compare_scores_all_modes_on_one_index_with_their_oracle(question_files, capsys):
    passages, queries = question_files
    status = main(["eval", "retrieval", "--passages", str(passages), "--queries", str(queries), "--json",
                   "--compare"])
    assert status == 0
    report = json.loads(capsys.readouterr().out)
    compare = report["compare"]
    assert report["mode"] == "hybrid" and report["mrr@10"] == compare["hybrid"]["mrr@10"]
    assert {"hybrid", "lexical", "dense", "oracle_lexical_dense", "hybrid_margin_mrr@10"} <= compare.keys()
    sides = (compare["lexical"]["mrr@10"], compare["dense"]["mrr@10"])
    assert compare["oracle_lexical_dense"]["mrr@10"] >= max(sides)
    assert compare["hybrid_margin_mrr@10"] == round(compare["hybrid"]["mrr@10"] - max(sides), 4)

"""The golden set itself: big enough, every answer a document of the bundled corpus, ended programmes covered."""

from __future__ import annotations

from pathlib import Path

import yaml

from assistant.evaluation.question_sets import load_golden
from assistant.settings import PROJECT_ROOT
from indexer.catalog import load_programs
from indexer.parsers.front_matter import split_front_matter

CORPUS = PROJECT_ROOT / "corpus"
GOLDEN = CORPUS / "eval" / "golden.yaml"


def _bundled_document_ids() -> set[str]:
    ids: set[str] = set()
    for path in (CORPUS / "sample").rglob("*.md"):
        meta, _ = split_front_matter(path.read_text(encoding="utf-8"))
        if meta.get("id"):
            ids.add(str(meta["id"]))
    for path in (CORPUS / "sample").rglob("*.meta.yaml"):
        meta = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if meta.get("id"):
            ids.add(str(meta["id"]))
    return ids


def test_golden_set_has_enough_distinct_questions():
    questions = load_golden(GOLDEN)
    assert len(questions) >= 80
    assert len({q.question.lower() for q in questions}) == len(questions)


def test_every_relevant_document_exists_in_the_bundled_corpus():
    known = _bundled_document_ids()
    missing = {(q.id, doc) for q in load_golden(GOLDEN) for doc in q.relevant if doc not in known}
    assert not missing, f"golden answers that are not in corpus/sample: {sorted(missing)}"


def test_ended_programmes_are_asked_about():
    programs = load_programs(CORPUS / "programs.yaml")
    closed = {f"prog-{p.id}" for p in programs.values() if p.status == "closed"}
    asked = {doc for q in load_golden(GOLDEN) for doc in q.relevant if doc in closed}
    for doc in ("prog-go-digital", "prog-digital-jetzt", "prog-mid-analyse-innovation", "prog-kfw-380"):
        assert doc in closed, f"{doc} is no longer closed in programs.yaml: revisit the golden questions"
        assert doc in asked
    assert len(asked) >= 8


def test_golden_path_is_the_one_the_command_reads():
    from assistant.evaluation.suites import golden_path
    from assistant.settings import Settings

    assert golden_path(Settings(_env_file=None, corpus_dir=CORPUS)) == GOLDEN
    assert isinstance(GOLDEN, Path) and GOLDEN.exists()

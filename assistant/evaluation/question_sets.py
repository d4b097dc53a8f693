"""Reading evaluation data: passages and questions as JSON lines (the `eval retrieval` contract) and the golden
set of SME questions (YAML) over the bundled corpus."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

from indexer.documents import ParsedDocument, Section


class QuestionSetError(ValueError):
    pass


@dataclass(frozen=True)
class EvalQuestion:
    id: str
    question: str
    relevant: tuple[str, ...]  # document ids that answer it
    note: str = ""


def _json_lines(path: Path) -> list[dict]:
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise QuestionSetError(f"{path}:{number}: not JSON: {exc}") from exc
        if not isinstance(row, dict):
            raise QuestionSetError(f"{path}:{number}: expected an object")
        rows.append(row)
    return rows


def load_passages(path: Path) -> list[ParsedDocument]:
    """`{"passage_id","title","text"}` per line → one document per passage (its id is the passage id)."""
    documents = []
    for number, row in enumerate(_json_lines(path), start=1):
        try:
            passage_id, text = str(row["passage_id"]), str(row["text"])
        except KeyError as exc:
            raise QuestionSetError(f"{path}: passage #{number} lacks {exc}") from exc
        documents.append(ParsedDocument(
            doc_id=passage_id, title=str(row.get("title") or ""), url=f"urn:eval:{passage_id}",
            sections=[Section(text)], metadata={"kind": "document"}, location=f"{path.name}#{number}",
        ))
    return documents


def load_queries(path: Path) -> list[EvalQuestion]:
    """`{"id","question","passage_id"}` per line (`passage_ids` with several is accepted too)."""
    questions = []
    for number, row in enumerate(_json_lines(path), start=1):
        relevant = row.get("passage_ids") or ([row["passage_id"]] if "passage_id" in row else [])
        if "question" not in row or not relevant:
            raise QuestionSetError(f"{path}: question #{number} needs question and passage_id")
        questions.append(EvalQuestion(str(row.get("id", number)), str(row["question"]),
                                      tuple(str(r) for r in relevant)))
    return questions


def load_golden(path: Path) -> list[EvalQuestion]:
    """The golden set: `questions: [{id, question, relevant: [doc ids], note?}]`."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    questions = []
    seen: set[str] = set()
    for number, entry in enumerate(raw.get("questions") or [], start=1):
        if not isinstance(entry, dict) or not entry.get("question") or not entry.get("relevant"):
            raise QuestionSetError(f"{path}: entry #{number} needs question and relevant")
        question_id = str(entry.get("id") or number)
        if question_id in seen:
            raise QuestionSetError(f"{path}: duplicate id {question_id}")
        seen.add(question_id)
        relevant = entry["relevant"] if isinstance(entry["relevant"], list) else [entry["relevant"]]
        questions.append(EvalQuestion(question_id, str(entry["question"]), tuple(str(r) for r in relevant),
                                      str(entry.get("note") or "")))
    return questions

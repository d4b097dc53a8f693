"""Response body of GET /api/admin/corpus-check (indexer/corpus_audit.py's report)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class FindingOut(BaseModel):
    severity: Literal["error", "warning"]
    check: str
    subject: str
    message: str


class CorpusCheckOut(BaseModel):
    today: str
    errors: int
    warnings: int
    by_check: dict[str, int]
    counts: dict[str, int]
    findings: list[FindingOut]

"""The retrieval regression gate: XQuAD-de (when ../shared/data is present) and the golden SME questions, each
indexed with the real pipeline (Chroma, the e5 embeddings, German BM25) and scored in all three modes on one index.

Thresholds are the acceptance figures of issues #3 and #15. Slow (a few minutes on two cores): `make test` runs it,
`make test-fast` does not.
"""

from __future__ import annotations

import pytest

from assistant.evaluation.suites import SuiteResult, evaluate_golden, evaluate_passages
from assistant.retrieval.hybrid_retriever import MODES
from assistant.settings import PROJECT_ROOT, Settings

SHARED_DATA = PROJECT_ROOT.parent / "shared" / "data"
XQUAD_PASSAGES = SHARED_DATA / "xquad_de_passages.jsonl"
XQUAD_QUESTIONS = SHARED_DATA / "xquad_de_questions.jsonl"

pytestmark = pytest.mark.slow


def _margin(result: SuiteResult) -> float:
    return float(result.comparison()["hybrid_margin_mrr@10"])


@pytest.fixture(scope="module")
def xquad(embeddings) -> SuiteResult:
    if not (XQUAD_PASSAGES.exists() and XQUAD_QUESTIONS.exists()):
        pytest.skip(f"XQuAD-de not available: expected {XQUAD_PASSAGES.name} and {XQUAD_QUESTIONS.name} in "
                    f"{SHARED_DATA} (the shared data folder next to the repository)")
    return evaluate_passages(Settings(_env_file=None), XQUAD_PASSAGES, XQUAD_QUESTIONS, embeddings, MODES)


@pytest.fixture(scope="module")
def golden(embeddings, bundled_index) -> SuiteResult:
    return evaluate_golden(Settings(_env_file=None), embeddings, MODES, data_dir=bundled_index)


@pytest.fixture(scope="module")
def golden_heldout(embeddings, bundled_index) -> SuiteResult:
    settings = Settings(_env_file=None)
    return evaluate_golden(settings, embeddings, MODES, golden=settings.corpus_dir / "eval" / "golden_heldout.yaml",
                           data_dir=bundled_index)


def test_xquad_hybrid_reaches_the_bar(xquad):
    summary = xquad.summary("hybrid")
    assert summary["n"] == 1190
    assert summary["mrr@10"] >= 0.975, summary
    assert summary["recall@5"] >= 0.99, summary


def test_xquad_hybrid_beats_the_better_side_by_the_issue_margin(xquad):
    # Measured 2026-12-07: hybrid 0.977, lexical 0.955, dense 0.946 (+0.022).
    assert _margin(xquad) >= 0.02, xquad.comparison()


def test_golden_hybrid_finds_the_answer_in_the_first_five(golden):
    summary = golden.summary("hybrid")
    assert summary["n"] >= 80
    assert summary["recall@5"] >= 0.90, golden.reports["hybrid"].misses()


def test_golden_hybrid_beats_the_better_side_by_the_issue_margin(golden):
    # Issue 15 asks 0.03 here (issue 3 asked 0.02); the measured figures are in the README.
    assert _margin(golden) >= 0.03, golden.comparison()


def test_misses_report_names_exactly_the_questions_not_answered_first(golden):
    report = golden.reports["hybrid"]
    misses = report.misses()
    not_first = {o.query_id for o in report.outcomes if o.first_hit != 1}
    assert {m["id"] for m in misses} == not_first
    assert all(m["rank"] is None or m["rank"] > 1 for m in misses)
    assert all(m["top"] and m["top"][0] not in m["relevant"] for m in misses)


def test_golden_heldout_figures_carry_over(golden_heldout):
    # Questions written without looking at any retrieval result and never used for tuning (see the file's header):
    # the golden set's bar must hold on them too, and fusion must still add. Measured on 2026-11-23 at the first
    # look: R@5 1.0, MRR@10 0.919 against lexical 0.898 (+0.021).
    summary = golden_heldout.summary("hybrid")
    assert summary["n"] >= 40
    assert summary["recall@5"] >= 0.90, golden_heldout.reports["hybrid"].misses()
    assert _margin(golden_heldout) > 0.0, golden_heldout.comparison()

"""The conversation gate (issue 16): the project's own realistic conversations (corpus/eval/conversations.yaml,
written from the domain research without looking at answers) through the chat over the bundled corpus, every
expectation of every turn checked. The shares are gated a few points below the level measured on 2026-12-07
(top three 0.865, direct answer 0.862, nothing forbidden recommended 0.973, partners 1.0, kind 0.945); the README
reports them."""

from __future__ import annotations

import json

import pytest

from assistant.evaluation.suites import evaluate_conversations
from assistant.settings import Settings

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def report(bundled_index, embeddings):
    return evaluate_conversations(Settings(_env_file=None), embeddings, data_dir=bundled_index)


def test_the_set_is_big_and_varied(report):
    summary = report.summary()
    assert summary["cases"] >= 60 and summary["turns"] >= 80


def test_the_expected_programme_is_among_the_first_three(report):
    summary = report.summary()
    assert summary["top3_share"] >= 0.80, json.dumps(report.failures(), ensure_ascii=False)[:4000]


def test_the_direct_answer_addresses_the_question(report):
    summary = report.summary()
    assert summary["direct_answer_share"] >= 0.80, json.dumps(report.failures(), ensure_ascii=False)[:4000]


def test_what_must_never_happen_never_happens(report):
    # Recommending a programme the company cannot use or that has ended, and asking for what is not needed.
    checks = report.summary()["checks"]
    assert checks["programs_not"] >= 0.95, json.dumps(report.failures(), ensure_ascii=False)[:4000]
    assert checks.get("asks_not", 1.0) >= 0.95


def test_the_right_partner_and_kind_of_answer(report):
    checks = report.summary()["checks"]
    assert checks["partners_top3_any"] >= 0.90, json.dumps(report.failures(), ensure_ascii=False)[:4000]
    assert checks["kind"] >= 0.85 and checks["location_kreis"] >= 0.90

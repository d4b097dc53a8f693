"""Which turns count as unanswered, and what each turn adds to the daily counters."""

from __future__ import annotations

from api.insights.turn_facts import latency_class, turn_facts
from tests.api.insights.turn_records import turn_record as turn  # the typed record the listeners get

WEAK_BELOW = 0.25


def test_weak_retrieval_and_declined_answers_are_unanswered():
    weak = turn_facts(turn("Photovoltaik?", confidence=0.2, confident=False, topics=("energie",)), WEAK_BELOW)
    assert (weak.weak, weak.declined, weak.unanswered) == (True, True, True)
    answered = turn_facts(turn("KI-Zuschuss?", confidence=0.6), WEAK_BELOW)
    assert (answered.weak, answered.declined, answered.unanswered) == (False, False, False)
    out_of_scope = turn_facts(turn("Wie backe ich Brot?", intent="out_of_scope", confidence=0.0, confident=False),
                              WEAK_BELOW)
    assert (out_of_scope.weak, out_of_scope.declined) == (False, True)


def test_greetings_vague_requests_and_named_programmes_are_no_gaps_in_the_corpus():
    hello = turn_facts(turn("Hallo", intent="small_talk", confidence=0.0, confident=True), WEAK_BELOW)
    vague = turn_facts(turn("Ich brauche Förderung", confidence=0.1, asked=("topic",)), WEAK_BELOW)
    named = turn_facts(turn("go-digital?", intent="named_programme", confidence=0.1), WEAK_BELOW)
    assert not any(f.unanswered for f in (hello, vague, named))


def test_counts_of_a_turn():
    facts = turn_facts(turn("PV im Kreis Lippe", topics=("energie", "investition"), sector="handwerk", kreis="Lippe",
                            regierungsbezirk="Detmold", programs=("p1", "p2", "p1"), partners=("hwk-owl",),
                            confidence=0.1, confident=False, latency_ms=1500.0), WEAK_BELOW)
    counts = facts.counts()
    assert counts[("questions", "")] == (1, 0.0)
    assert counts[("topic", "energie")] == counts[("topic", "investition")] == (1, 0.0)
    assert counts[("kreis", "Lippe")] == counts[("regierungsbezirk", "Detmold")] == (1, 0.0)
    assert counts[("programme", "p1")] == (1, 0.0)  # once per answer, however often it is shown
    assert counts[("partner", "hwk-owl")] == counts[("sector", "handwerk")] == (1, 0.0)
    assert counts[("unanswered", "")] == counts[("unanswered", "weak")] == counts[("unanswered", "declined")]
    assert counts[("latency", "2000")] == (1, 1500.0)

    hello = turn_facts(turn("Hallo", intent="small_talk", confidence=0.0, latency_ms=3.0), WEAK_BELOW).counts()
    assert set(hello) == {("intent", "small_talk"), ("latency", "250")}  # a greeting is no question
    nowhere = turn_facts(turn("KI?"), WEAK_BELOW).counts()
    assert nowhere[("kreis", "")] == nowhere[("topic", "")] == (1, 0.0)  # "not stated" is counted too


def test_latency_classes():
    assert [latency_class(ms) for ms in (0, 250, 250.1, 999, 15000, 15001)] == \
        ["250", "250", "500", "1000", "15000", "inf"]

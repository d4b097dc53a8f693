"""Term coverage read from the lexical postings equals the rarity-weighted share of the query's terms found by
analysing the chunk's searched text (title, section, text), compound parts included."""

from __future__ import annotations

import pytest

from indexer.german_analyzer import GermanAnalyzer
from indexer.lexical_index import LexicalIndex

TEXTS = {
    "a": "Förderung der Digitalisierung\nZuschuss\nKleine Unternehmen erhalten einen Zuschuss für Software.",
    "b": "Digitalisierungsförderung\nAntrag\nDer Antrag wird bei der Bezirksregierung gestellt.",
    "c": "Gründung\n\nZur Förderung der Gründung zahlt das Gründungsstipendium ein Jahr lang tausend Euro.",
    "d": "Förderkredit\n\nDie Hausbank beantragt den Förderkredit für Maschinen und die Digitalisierung.",
}


@pytest.fixture(scope="module")
def index() -> LexicalIndex:
    analyzer = GermanAnalyzer()
    return LexicalIndex.build(list(TEXTS), list(TEXTS.values()), analyzer.terms)


@pytest.mark.parametrize("query", ["Digitalisierungsförderung Antrag", "Zuschuss für Software und Kaffee",
                                   "Gründungsstipendium", "Förderung", "unbekanntes Wort"])
def test_coverage_from_postings_matches_the_analysed_text(index, query):
    wanted = set(index.terms(query))
    total = sum(index.rarity(t) for t in wanted)
    expected = [sum(index.rarity(t) for t in wanted & set(index.terms(text))) / total for text in TEXTS.values()]
    assert index.coverage(query, list(TEXTS)) == pytest.approx(expected)


def test_a_term_the_corpus_lacks_weighs_more_than_a_common_one(index):
    # "Förderung" stands in three of four chunks; "Kaffee" in none: covering only "Förderung" is covering little.
    assert index.rarity("kaffe") > index.rarity("forder") > 0
    coverage = dict(zip(TEXTS, index.coverage("Förderung Kaffee", list(TEXTS)), strict=True))
    assert 0 < coverage["a"] < 0.5


def test_coverage_of_a_compound_query_counts_its_parts_in_a_phrase(index):
    coverage = dict(zip(TEXTS, index.coverage("Digitalisierungsförderung", list(TEXTS)), strict=True))
    assert coverage["a"] > 0.3  # "Förderung der Digitalisierung" covers the compound's parts …
    assert coverage["b"] == 1.0
    assert coverage["c"] < coverage["a"]  # … more than a text with only "Förderung"


def test_coverage_of_unknown_chunks_and_empty_queries_is_zero(index):
    assert index.coverage("Zuschuss", ["no-such-chunk", "a"]) == [0.0, 1.0]
    assert index.coverage("der die das", ["a"]) == [0.0]

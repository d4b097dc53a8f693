"""Chunking keeps page and section; the German analyzer folds umlauts and stems; the lexical index splits compounds
against its own vocabulary and bridges typos with character grams."""

from __future__ import annotations

from collections import Counter

from indexer.char_ngrams import CharNGrams
from indexer.chunker import Chunker
from indexer.compound_splitter import CompoundTerms
from indexer.documents import ParsedDocument, Section
from indexer.german_analyzer import GermanAnalyzer
from indexer.lexical_index import FieldWeights, LexicalIndex
from indexer.sentences import under_headings


def _doc(sections: list[Section]) -> ParsedDocument:
    return ParsedDocument(doc_id="d", title="Titel", url="https://example.org", sections=sections, as_of="2026-01-01",
                          metadata={"kind": "programme"})


def test_long_sections_are_split_and_every_chunk_keeps_page_and_section():
    long_text = " ".join(f"Satz Nummer {i} beschreibt die Förderung genau." for i in range(80))
    chunks = Chunker(chunk_size=400, chunk_overlap=50).split(_doc([Section(long_text, ("Details",), page=3)]))
    assert len(chunks) > 3
    assert all(len(c.text) <= 400 for c in chunks)
    assert all(c.page == 3 and c.section == "Details" for c in chunks)
    assert [c.chunk_id for c in chunks] == [f"d#{i}" for i in range(len(chunks))]


def test_tiny_neighbouring_sections_on_one_page_are_merged():
    sections = [Section("Kurz.", ("A",)), Section("Auch kurz.", ("B",)), Section("x " * 200, ("C",))]
    chunks = Chunker(chunk_size=900).split(_doc(sections))
    assert "Kurz." in chunks[0].text and "Auch kurz." in chunks[0].text
    assert chunks[0].section == "A"
    # The merged section's heading stays recognisable, so an answer knows "Auch kurz." stands under B.
    assert under_headings(chunks[0].section, chunks[0].text)[:2] == [("A", "Kurz."), ("B", "Auch kurz.")]


def test_sections_on_different_pages_are_never_merged():
    chunks = Chunker().split(_doc([Section("Seite eins.", page=1), Section("Seite zwei.", page=2)]))
    assert [c.page for c in chunks] == [1, 2]


def test_analyzer_folds_umlauts_and_their_ascii_spellings_and_stems():
    a = GermanAnalyzer()
    assert a.terms("Förderung") == a.terms("Foerderung") == a.terms("FORDERUNGEN")
    assert a.terms("Gründung")[0] == a.terms("Gruendungen")[0]


def test_analyzer_drops_stop_words_and_splits_hyphenated_words():
    terms = GermanAnalyzer().terms("Welche Förderung gibt es für ein KI-Projekt?")
    assert "ki" in terms and "projekt" in terms and "kiprojekt" in terms
    assert "fur" not in terms and "ein" not in terms


# --- compounds and character grams (the lexical side's answer to German compounds) ----------------------------

_CORPUS = [
    "Förderung der Digitalisierung im Mittelstand: Zuschüsse für kleine Betriebe.",
    "Die Digitalisierung von Abläufen spart Zeit; eine Förderung gibt es vom Land.",
    "Programme für Forschung und Entwicklung im Handwerk.",
    "Beratung für Gründerinnen und Gründer, auch zur Unternehmensnachfolge.",
    "Ein Kredit der Hausbank für Maschinen und Anlagen.",
    "Forschungsprojekte mit Hochschulen: Programme und Partner.",
    "Forschung an Hochschulen wird vom Bund gefördert.",
]


def _splitter() -> CompoundTerms:
    analyze = GermanAnalyzer().terms
    frequencies = Counter(t for text in _CORPUS for t in set(analyze(text)))
    return CompoundTerms(analyze, frequencies)


def test_compound_is_split_into_known_parts_with_linking_s():
    compounds = _splitter()
    analyze = GermanAnalyzer().terms
    parts = compounds.splitter.split("digitalisierungsforderung")
    assert parts == (analyze("Digitalisierung")[0], analyze("Förderung")[0])


def test_inflected_head_and_three_parts_are_found():
    compounds = _splitter()
    analyze = GermanAnalyzer().terms
    # Linking s, a head in the plural, and a compound of three known words.
    assert compounds.splitter.split("forschungsprogramme") == (analyze("Forschung")[0], analyze("Programm")[0])
    assert compounds.splitter.split("digitalisierungsforderprogramme") == (
        analyze("Digitalisierung")[0], analyze("Förderung")[0], analyze("Programm")[0])


def test_words_that_are_not_compounds_of_known_parts_stay_whole():
    compounds = _splitter()
    for word in ("digitalisierung", "unternehmensnachfolge", "grundlegender", "hausbank"):
        assert compounds.splitter.split(word) == (), word


def test_query_terms_of_a_compound_include_the_parts_of_the_phrase():
    compounds = _splitter()
    analyze = GermanAnalyzer().terms
    assert set(analyze("Förderung der Digitalisierung")) <= set(compounds("Digitalisierungsförderung"))


def test_lexical_index_finds_phrase_for_compound_and_compound_for_phrase(tmp_path):
    analyze = GermanAnalyzer().terms
    texts = [*_CORPUS, "Unsere Digitalisierungsförderung richtet sich an Handwerksbetriebe."]  # c7
    ids = [f"c{i}" for i in range(len(texts))]
    LexicalIndex.build(ids, texts, analyze).save(tmp_path / "lexical")
    index = LexicalIndex.load(tmp_path / "lexical", analyze)  # the learned vocabulary travels with the index
    index.weights = FieldWeights(terms=1.0, grams=0.0)  # whole terms and compound parts only
    assert set(analyze("Förderung der Digitalisierung")) <= set(index.terms("Digitalisierungsförderung"))
    first = {cid for cid, _ in index.search("Digitalisierungsförderung", k=2)}
    assert "c0" in first  # the phrase "Förderung der Digitalisierung", never written as one word
    assert index.search("Förderung der Digitalisierung", k=1)[0][0] in {"c0", "c7"}
    assert "c7" in {cid for cid, _ in index.search("Förderung der Digitalisierung", k=3)}


def test_character_grams_bridge_a_typo():
    analyze = GermanAnalyzer().terms
    index = LexicalIndex.build(["a", "b"], ["Zuschuss für die Digitalisierung", "Kredit für Maschinen"], analyze)
    index.weights = FieldWeights(terms=0.0, grams=1.0)
    assert index.search("Digitalisirung", k=1)[0][0] == "a"
    index.weights = FieldWeights(terms=1.0, grams=0.0)
    assert index.search("Digitalisirung", k=1) == []  # whole terms alone miss it


def test_char_ngrams_mark_word_boundaries():
    grams = CharNGrams(4)
    assert grams(["ki"]) == ["_ki_"]
    assert grams(["forder"]) == ["_for", "ford", "orde", "rder", "der_"]


def test_link_lists_are_left_out():
    """A "Quellen" section or a page's link list answers no question; its URLs would be found for programme words."""
    sections = [Section("Der Zuschuss beträgt 50 % der Kosten. " * 6, ("Wie hoch?",)),
                Section("- https://www.nrwbank.de/foerderkredite (2025)\n- https://example.org/a (ohne Datum)",
                        ("Quellen",)),
                Section("https://a.example/1\nhttps://a.example/2\nMehr unter", ("Weiteres",))]
    chunks = Chunker().split(_doc(sections))
    assert [c.section for c in chunks] == ["Wie hoch?"]
    assert not any("http" in c.text for c in chunks)

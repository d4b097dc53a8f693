"""Chunking keeps page and section; the German analyzer folds umlauts and stems."""

from __future__ import annotations

from indexer.chunker import Chunker
from indexer.documents import ParsedDocument, Section
from indexer.german_analyzer import GermanAnalyzer


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

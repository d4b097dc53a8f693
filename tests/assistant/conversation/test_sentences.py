"""Sentence splitting of source text: every piece the answerer may quote is a whole sentence, whatever the layout
(PDF line breaks, words hyphenated across lines, list items) and however German abbreviates."""

from __future__ import annotations

import pytest

from indexer.sentences import is_complete, split_sentences, under_headings

# Laid out like the text pypdf gives for a leaflet: printed lines end mid-sentence, list items start with "–".
PDF_PAGE = """Merkblatt Förderprogramm 2026 (Zusammenfassung)
1. Das Wichtigste in Kürze
– Seit dem 1. Januar 2026 wickelt die NRW.BANK neue Fälle ab. Vorher war der Projektträger Jülich
(PtJ) zuständig.
– Gefördert werden seit 2026 nur noch digitale Produkte („intelligente Anwendungen“) mit künstlicher
Intelligenz (KI) und verwandten Technologien.
2. Wer kann den Zuschuss erhalten?
Antragsberechtigt sind Kleinstunternehmen sowie kleine und mittlere Unternehmen (KMU) mit Sitz in
Nordrhein-Westfalen. Der Förder-
zuschuss gilt für Forschungs-
und Entwicklungsvorhaben, die von einem externen Dienstleister für das Unternehmen umgesetzt werden."""


def test_pdf_lines_are_joined_into_whole_sentences():
    sentences = split_sentences(PDF_PAGE)
    quoted = [s for s in sentences if s.endswith((".", "!"))]
    assert len(quoted) == 5, sentences
    assert all(is_complete(s) for s in quoted), quoted
    # the sentence the old splitter cut at the line break into "Intelligenz (KI) und verwandten Technologien."
    assert any(s.startswith("Gefördert werden") and "künstlicher Intelligenz (KI)" in s for s in sentences)
    assert not any(s.startswith(("Intelligenz", "(PtJ)", "Nordrhein-Westfalen", "zuschuss")) for s in sentences)
    # hyphenation across lines: a split word is joined, an elided compound keeps its hyphen and space
    assert any("Förderzuschuss gilt für Forschungs- und Entwicklungsvorhaben" in s for s in sentences)
    # headings and list intros stay apart from the sentences
    assert "Merkblatt Förderprogramm 2026 (Zusammenfassung)" in sentences


@pytest.mark.parametrize("text, expected", [
    ("Gefördert werden z. B. Software bzw. Beratung, max. 15.000 EUR je Vorhaben. Der Antrag folgt danach.", 2),
    ("Es gilt die KMU-Definition der EU (höchstens 50 Mio. EUR Umsatz). Kredite bis 25 Mio. EUR sind möglich.", 2),
    ("Die Maßnahme läuft vom 01.01.2026 bis 31.12.2029. Weil Plätze verlost werden, gibt es keinen Anspruch.", 2),
    ("Die erste Ziehung fand am 7. Januar 2026 statt. Anträge nach Nr. 3 der Richtlinie sind möglich.", 2),
    ("Gefördert wird die Beratung (vgl. Abschnitt 4. Dort steht mehr). Danach folgt der Antrag.", 2),
    ("Zuschuss bis zu 50 %. Höchstens 200.000 EUR. Weitere Angaben fehlen.", 3),
])
def test_abbreviations_numbers_and_brackets_do_not_end_a_sentence(text, expected):
    sentences = split_sentences(text)
    assert len(sentences) == expected, sentences
    assert all(is_complete(s) for s in sentences), sentences
    assert "".join(sentences).replace(" ", "") == text.replace(" ", "")


def test_completeness_needs_an_opening_and_a_closing():
    assert is_complete("Die Förderung ist ein Zuschuss des Landes.")
    assert is_complete("progres.nrw fördert Vorhaben zu Energie.", names=("progres.nrw",))
    assert not is_complete("progres.nrw fördert Vorhaben zu Energie.")
    assert not is_complete("und verwandten Technologien.")
    assert not is_complete("Finanzierung bis zu 100 % der Kosten, höchstens 25 Mio")


def test_a_merged_section_keeps_its_heading_apart_from_its_sentences():
    """The chunker merges a short section into the one before it under a Markdown heading line: the heading is
    no sentence, and the sentences after it are read as standing in that section."""
    text = ("Die Kosten der ersten Gründung.\n\n## Wie hoch ist die Förderung?\n70 % der förderfähigen Kosten, "
            "höchstens 11.500 EUR.\n\n## Kurz gesagt\nprogres.nrw ist ein Zuschussprogramm des Landes.")
    assert split_sentences(text) == ["Die Kosten der ersten Gründung.",
                                     "70 % der förderfähigen Kosten, höchstens 11.500 EUR.",
                                     "progres.nrw ist ein Zuschussprogramm des Landes."]
    assert [section for section, _ in under_headings("Was wird gefördert?", text)] == [
        "Was wird gefördert?", "Wie hoch ist die Förderung?", "Kurz gesagt"]


def test_a_short_line_without_a_heading_mark_stays_text():
    """A line wrapped in a PDF ("Die Förderung beträgt bis zu" / "50.000 EUR.") is never taken for a heading."""
    text = "Die Förderung beträgt bis zu\n50.000 EUR je Vorhaben."
    assert under_headings("Höhe", text) == [("Höhe", text)]
    assert split_sentences(text) == ["Die Förderung beträgt bis zu 50.000 EUR je Vorhaben."]

"""Folding near-duplicate search hits (api/near_duplicate_hits.py): what counts as the same text, and what not."""

from __future__ import annotations

from api.near_duplicate_hits import fold_near_duplicates, word_ngrams
from indexer.chunker import Chunker
from indexer.documents import ParsedDocument, Section

PASSAGE = ("Das Verfahren hat zwei Stufen: Zuerst bescheinigt die Bescheinigungsstelle Forschungszulage (BSFZ), dass "
           "das Vorhaben Forschung und Entwicklung ist. Danach beantragt das Unternehmen die Zulage beim Finanzamt "
           "über ELSTER, mit der Steuererklärung für das Jahr, in dem die Aufwendungen entstanden sind.")


def fold(*texts: str) -> list[tuple[str, list[str]]]:
    return [(f.hit, f.duplicates) for f in fold_near_duplicates(list(texts), lambda t: t)]


def test_the_same_text_with_other_markup_case_and_typography_is_folded_into_the_first():
    copy = ("## Verfahren\n**Das Verfahren hat zwei Stufen:** zuerst bescheinigt die Bescheinigungsstelle "
            "Forschungszulage (BSFZ), dass das Vorhaben Forschung und Entwicklung ist.\n- Danach beantragt das "
            "Unternehmen die Zulage beim Finanzamt über [ELSTER](https://www.elster.de), mit der Steuererklärung "
            "für das Jahr, in dem die Aufwendungen entstanden sind.")
    other = "Der Innovationskredit finanziert neue Produkte und Verfahren zu günstigen Zinsen über die Hausbank."
    assert fold(PASSAGE, other, copy) == [(PASSAGE, [copy]), (other, [])]


def test_a_passage_mostly_contained_in_a_hit_above_is_folded_but_not_the_other_way_round():
    part = PASSAGE.split(". Danach")[0] + "."
    assert fold(PASSAGE, part) == [(PASSAGE, [part])]
    # The longer text ranked below says much more than the short one above: both stay.
    assert fold(part, PASSAGE) == [(part, []), (PASSAGE, [])]


def test_one_changed_sentence_in_five_is_folded_two_are_not():
    sentences = ["Gefördert werden kleine und mittlere Unternehmen mit Sitz in Nordrhein-Westfalen.",
                 "Der Zuschuss beträgt die Hälfte der Ausgaben für externe Dienstleister.",
                 "Anträge nimmt die NRW.BANK über ihr Förderportal entgegen, vor Beginn des Vorhabens.",
                 "Ein Unternehmen kann in drei Jahren höchstens zwei Vorhaben gefördert bekommen.",
                 "Beratung zur Antragstellung bieten die Kammern und die Wirtschaftsförderungen an."]
    text = " ".join(sentences)
    one_changed = " ".join([*sentences[:4], "Fragen zum Verfahren beantwortet das Service-Center der Förderbank."])
    two_changed = " ".join([*sentences[:3], "Mehrfache Förderung desselben Vorhabens durch zwei Programme ist "
                            "ausgeschlossen.", "Fragen zum Verfahren beantwortet das Service-Center der Förderbank."])
    assert fold(text, one_changed) == [(text, [one_changed])]
    assert fold(text, two_changed) == [(text, []), (two_changed, [])]


def test_neighbouring_chunks_of_one_document_that_share_their_overlap_stay_separate_hits():
    paragraph = " ".join(f"Vorhaben {n} wird mit einem Zuschuss gefördert." for n in range(60))
    document = ParsedDocument(doc_id="doc", title="Doc", url="https://example.org/doc",
                              sections=[Section(text=paragraph, heading_path=("Doc",))])
    chunks = [c.text for c in Chunker().split(document)]  # the index's own chunk size and overlap
    assert len(chunks) >= 3 and chunks[1][:40] in chunks[0]  # they really overlap
    assert [hit for hit, _ in fold(*chunks)] == chunks


def test_empty_and_very_short_texts_fold_only_into_the_same_words():
    assert fold("", "") == [("", []), ("", [])]
    assert fold("Kontakt", "Kontakt und Anfahrt zur NRW.BANK", "kontakt!") == [
        ("Kontakt", ["kontakt!"]), ("Kontakt und Anfahrt zur NRW.BANK", [])]
    assert word_ngrams("Zwei Worte") == frozenset({("zwei", "worte")})

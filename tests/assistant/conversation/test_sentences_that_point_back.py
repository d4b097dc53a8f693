"""A quoted sentence must make sense on its own: one that opens by pointing back ("Er läuft über …", "Dazu kommt …")
never leads a direct answer when a standalone one answers nearly as well, and never describes a programme."""

from __future__ import annotations

from assistant.answering.direct_answer import DirectAnswerFinder, points_back
from assistant.retrieval.hybrid_retriever import Passage
from indexer.documents import Chunk
from indexer.german_analyzer import GermanAnalyzer


def _passage(text: str, section: str = "Wie beantrage ich den Kredit?") -> Passage:
    chunk = Chunk(chunk_id="kredit#0", doc_id="kredit", text=text, title="Förderkredit", url="https://example.org/k",
                  page=None, section=section, as_of="2026-01-01", metadata={"kind": "guide"})
    return Passage(chunk, 1.0)


def test_pointing_back_is_recognised_and_expletive_es_gibt_is_not():
    assert points_back("Er läuft über Ihre Hausbank.")
    assert points_back("Dazu kommt ein Förderwettbewerb.")
    assert points_back("Sie ist der Nachfolger der Energieberatung im Mittelstand.")
    assert not points_back("Es gibt Förderkredite über die Hausbank.")
    assert not points_back("Sie beantragen den Kredit über Ihre Hausbank.")  # formal address, not a back-reference


def test_a_standalone_sentence_leads_before_one_that_points_back():
    finder = DirectAnswerFinder(GermanAnalyzer().terms)
    # The first sentence scores a little higher (it also says "before the project starts"), but means nothing alone.
    text = ("Er wird als Förderkredit über die Hausbank beantragt, bevor das Vorhaben beginnt. "
            "Der Förderkredit läuft über die Hausbank.")
    chosen = finder.find("Wie beantrage ich den Förderkredit?", "procedure", [_passage(text)], limit=1)
    assert [c.sentence for c in chosen] == ["Der Förderkredit läuft über die Hausbank."]

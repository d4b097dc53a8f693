"""The direct answer: the one to three sentences of the sources that answer the question asked, before any list.

Candidate sentences come from the passages of the programme or topic in question. Each is scored on four things:
- the question's words it shares (German analysis: stems, compound parts), relative to its length;
- how close its meaning is to the question (its own sentence vector from the index, when the generation has one);
- whether it stands in the section that answers this kind of question ("Wie läuft das Verfahren?" for how to apply,
  "Wer wird gefördert?" for eligibility);
- whether it carries the words such an answer has (an application route, a document, a number with its unit).
Sentences that hedge, instruct, list links or only restate a heading never lead. For a procedure the steps of the
best section are kept in their written order.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from assistant.answering.instruction_guard import looks_like_instruction
from assistant.retrieval.hybrid_retriever import Passage
from indexer.sentences import is_complete, split_sentences, under_headings

# Section headings that answer each kind of question.
SECTIONS: dict[str, re.Pattern[str]] = {
    "procedure": re.compile(r"verfahren|antrag|ablauf|so geht|schritt|beantrag|procedure|apply", re.I),
    "documents": re.compile(r"unterlagen|verfahren|antrag|nachweis|dokument|documents", re.I),
    "eligibility": re.compile(r"wer wird|wer kann|voraussetzung|ausschl|berechtigt|für wen|zielgruppe|definition|"
                              r"who|eligib", re.I),
    "amount": re.compile(r"wie hoch|höhe|betrag|konditionen|amount", re.I),
    "deadline": re.compile(r"status|frist|laufzeit|termin|deadline", re.I),
    "combination": re.compile(r"kombin|kumul|zusammen|combin", re.I),
    "loan_vs_grant": re.compile(r"kredit|darlehen|zuschuss|förderart|loan|grant", re.I),
    "orientation": re.compile(r"ansprechpartner|beratung|erste|orientierung|wer hilft|contact", re.I),
    "ended": re.compile(r"status|beendet|nachfolg|frist", re.I),
    "comparison": re.compile(r"kurz gesagt|was wird|wer wird|wie hoch", re.I),
    "programmes": re.compile(r"kurz gesagt|was wird|worum", re.I),
}
# Words such an answer carries.
CUES: dict[str, re.Pattern[str]] = {
    "procedure": re.compile(r"\b(?:beantrag\w*|antrag\w*|hausbank|portal|elster|bsfz|bescheinigung\w*|zuerst|danach|"
                            r"anschließend|vor beginn|bevor|online|einreichen|reichen sie|losverfahren|registrier\w*|"
                            r"apply|application|submit)\b", re.I),
    "documents": re.compile(r"\b(?:\w*unterlagen|\w*konzept\w*|\w*plan(?:s|es|e|ung)?\b|\w*nachweis\w*|einreich\w*|"
                            r"formular\w*|kostenvoranschl\w*|\w*bescheinigung\w*|documents?|business plan)", re.I),
    "eligibility": re.compile(r"\b(?:antragsberechtigt\w*|gefördert werden|voraussetzung\w*|nur für|kmu|"
                              r"beschäftigte\w*|mitarbeit\w*|umsatz|bilanzsumme|unternehmen mit|sitz|eligible)\b",
                              re.I),
    "amount": re.compile(r"\d[\d.,]*\s*(?:%|€|eur\b|euro|mio|prozent)", re.I),
    "deadline": re.compile(r"\b(?:\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{1,2}\.\s?(?:januar|februar|märz|april|mai|juni|juli|"
                           r"august|september|oktober|november|dezember)\s\d{4}|frist\w*|stichtag\w*|bis zum)\b", re.I),
    "combination": re.compile(r"\b(?:kombinier\w*|kumulier\w*|zusammen mit|neben|zusätzlich|gleichzeitig|"
                              r"nicht mit|combin\w*)\b", re.I),
    "loan_vs_grant": re.compile(r"\b(?:zurückzahl\w*|rückzahlbar\w*|tilgung\w*|zins\w*|darlehen\w*|kredit\w*|"
                                r"zuschuss\w*|zuschüsse|repay\w*|loan|grant)\b", re.I),
    "orientation": re.compile(r"\b(?:kostenlos\w*|kostenfrei\w*|erstberatung\w*|orientierung\w*|beraten|berät|"
                              r"beratung|free)\b", re.I),
    "ended": re.compile(r"\b(?:beendet|eingestellt|ausgelaufen|nachfolger\w*|seit|bis|läuft|ended|successor)\b", re.I),
}
_HEDGE = re.compile(r"\b(?:nicht hervor|unsicher|unklar|nicht gefunden|bitte\b.{0,30}prüfen|laut älteren|"
                    r"vermutlich|nicht bestätigt)\b", re.I)
_LIST_SECTION = re.compile(r"quellen|sources|links", re.I)
_MIN_CHARS = 30
_MIN_CHARS_CUED = 15  # "Geschäftskonzept erstellen." answers "Welche Unterlagen?" in three words
# Kinds whose cue words are the answer itself: an amount, a date, a document.
_ANSWER_WORDS = frozenset({"amount", "deadline", "documents"})
_MAX_CHARS = 320
# A sentence that opens by pointing back ("Er läuft über Ihre Hausbank") means nothing without the one before it.
_ANAPHOR = re.compile(r"^(?:er|es(?!\s+gibt)|dieser|diese|dieses|dies|dafür|damit|dabei|dazu|hierfür|hierzu|"
                      r"außerdem|zudem|sie (?:ist|wird|gilt|läuft|richtet|gibt es)|it|this|these|they)\b", re.I)


def points_back(sentence: str) -> bool:
    """The sentence opens by referring to one before it ("Er läuft über Ihre Hausbank", "Dazu kommt …")."""
    return bool(_ANAPHOR.match(sentence))
_STANDALONE = 0.75  # a lead that stands on its own is preferred down to this share of the best score
_FOLLOWERS = 0.6  # a second or third sentence is kept when it scores at least this share of the best
_SIMILAR = 0.6  # sentences sharing this share of their terms say the same thing

SentenceSimilarity = Callable[[str, str], float | None]  # (chunk_id, sentence) → relevance 0..1, None = unknown


@dataclass(frozen=True)
class Chosen:
    passage: Passage
    sentence: str
    score: float
    order: tuple[int, int]  # (passage rank, sentence position): written order within the best passage
    on_kind: bool = True  # stands in the section for this kind of question or carries its words


class DirectAnswerFinder:
    def __init__(self, analyze: Callable[[str], list[str]]) -> None:
        self._analyze = analyze

    def find(self, question: str, kind: str, passages: Sequence[Passage], limit: int = 3,
             similarity: SentenceSimilarity | None = None, required: Callable[[str], bool] | None = None,
             ignore: str = "") -> list[Chosen]:
        """The sentences that answer `question` (a question of this kind) from `passages`, best first (a procedure's
        steps in written order); empty when none answers it well enough. `required(sentence)` must hold for the
        lead sentence. `ignore`: words that do not tell sentences apart (the programme's name, when the passages
        are all its own)."""
        terms = set(self._analyze(question)) - set(self._analyze(ignore))
        candidates: list[Chosen] = []
        for rank, passage in enumerate(passages):
            position = 0
            for section, body in under_headings(passage.chunk.section, passage.chunk.text):
                if _LIST_SECTION.search(section):
                    continue
                for sentence in split_sentences(body):
                    position += 1
                    cue = CUES.get(kind)
                    if not self._usable(sentence, bool(cue and kind in _ANSWER_WORDS and cue.search(sentence))):
                        continue
                    score, on_kind = self._score(sentence, passage, section, kind, terms, similarity)
                    candidates.append(Chosen(passage, sentence, score, (rank, position), on_kind))
        if not candidates:
            return []
        candidates.sort(key=lambda c: (-c.score, c.order))
        admissible = [c for c in candidates if required is None or required(c.sentence)]
        if not admissible or admissible[0].score < 1.0:
            return []
        lead = next((c for c in admissible
                     if not points_back(c.sentence) and c.score >= _STANDALONE * admissible[0].score), admissible[0])
        chosen = [lead]
        lead_terms = set(self._analyze(lead.sentence))
        # A follower that covers what the lead leaves out of the question ("Kredit" after a sentence on grants)
        # adds more than one that repeats it.
        missing = terms - lead_terms
        # A second sentence must also answer this kind of question: a documents answer is not followed by the
        # programme's status.
        pool = [c for c in candidates if c is not lead and c.score >= _FOLLOWERS * lead.score and c.on_kind
                and (not points_back(c.sentence) or c.order == (lead.order[0], lead.order[1] + 1))]
        pool.sort(key=lambda c: (-(c.score + 0.5 * len(missing & set(self._analyze(c.sentence)))), c.order))
        if kind == "procedure":  # the steps of the lead's section, in their order
            pool.sort(key=lambda c: (c.passage is not lead.passage, c.order))
        for candidate in pool:
            if len(chosen) >= limit:
                break
            words = set(self._analyze(candidate.sentence))
            if any(_overlap(words, set(self._analyze(c.sentence))) >= _SIMILAR for c in chosen) or \
                    _overlap(words, lead_terms) >= _SIMILAR:
                continue
            chosen.append(candidate)
        if kind == "procedure":
            chosen.sort(key=lambda c: c.order)
        return chosen

    @staticmethod
    def _usable(sentence: str, cued: bool = False) -> bool:
        shortest = _MIN_CHARS_CUED if cued else _MIN_CHARS
        return (shortest <= len(sentence) <= _MAX_CHARS and not sentence.endswith("?") and "http" not in sentence
                and not sentence.startswith(("#", "|")) and not sentence.rstrip().endswith(":")
                and not looks_like_instruction(sentence)
                and not _HEDGE.search(sentence))

    def _score(self, sentence: str, passage: Passage, section_name: str, kind: str, terms: set[str],
               similarity: SentenceSimilarity | None) -> tuple[float, bool]:
        words = set(self._analyze(sentence))
        shared = len(terms & words)
        lexical = shared / max(1.0, len(terms)) * 2.0
        section = SECTIONS.get(kind)
        in_section = 1.0 if section is not None and section.search(section_name) else 0.0
        cue = CUES.get(kind)
        # An amount or a date is the answer itself to "wie hoch" / "bis wann": it weighs more than a topic word.
        cued = (1.5 if kind in _ANSWER_WORDS else 1.0) if cue is not None and cue.search(sentence) else 0.0
        # "70 % …, bis 11.500 EUR, plus 2.000 EUR …" says more than one cap
        if cued and kind == "amount" and cue is not None:
            cued += 0.25 * min(2, len(cue.findall(sentence)) - 1)
        dense = similarity(passage.chunk.chunk_id, sentence) if similarity is not None else None
        meaning = 1.5 * dense if dense is not None else 0.5 * passage.dense_relevance
        whole = 0.3 if is_complete(sentence) else 0.0
        whole += 0.2 * min(1.0, len(sentence) / 80)  # a sentence says more than a three-word list item
        on_kind = bool(in_section or cued) or (section is None and cue is None)
        return lexical + in_section + cued + meaning + whole, on_kind


def _overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / max(1, min(len(a), len(b)))

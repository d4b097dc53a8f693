"""What kind of answer a question asks for, beyond "which programmes fit": how to apply, whether the company is
eligible, whether two programmes can be combined, how two compare, what has ended, where to get a first orientation,
which documents are needed, loan or grant. Read from cue phrases in German and English without an LLM; text and cues
are folded the same way as the search index (umlauts, ß, ae/oe/ue), so "zurueckzahlen" meets "zurückzahlen".

The kind decides what the answer leads with (answering/direct_answer.py): a few cited sentences that answer it,
then at most three programmes.
"""

from __future__ import annotations

import re
from enum import StrEnum

from indexer.text_folding import search_fold as fold


class QuestionKind(StrEnum):
    PROGRAMMES = "programmes"  # which programmes fit a project
    PROCEDURE = "procedure"  # how and where to apply, the steps
    DOCUMENTS = "documents"  # which papers are needed
    ELIGIBILITY = "eligibility"  # "geht X für Y?", "zählen wir als KMU?"
    COMBINATION = "combination"  # two programmes together
    COMPARISON = "comparison"  # X or Y, the difference
    ENDED = "ended"  # "gibt es X noch?", what has ended
    ORIENTATION = "orientation"  # where to get a first, free orientation
    LOAN_VS_GRANT = "loan_vs_grant"  # repayable or not, which is better
    AMOUNT = "amount"  # how much
    DEADLINE = "deadline"  # until when


# Questions of these kinds are answered by the guides first (how applying works, loan or grant, …): the chat turn
# searches the guides with the kind's own words (assistant/retrieval/turn_retrieval.py).
GUIDE_SEARCH_WORDS: dict[str, str] = {
    "procedure": "Antrag stellen Ablauf Schritte",
    "documents": "Unterlagen Antrag einreichen",
    "eligibility": "Voraussetzungen antragsberechtigt KMU Definition",
    "combination": "kombinieren Kumulierung zusammen",
    "comparison": "Unterschied Förderarten",
    "orientation": "Orientierung kostenlose Erstberatung Ansprechpartner",
    "loan_vs_grant": "Kredit Darlehen Zuschuss zurückzahlen Unterschied Förderarten",
    "ended": "beendet Nachfolger",
}

# Cue phrases per kind ("wort*" = words beginning with it, "…" = up to four words in between, "……" up to ten).
# The order of CUES is the order of precedence when a message carries cues of several kinds: the more specific
# question wins ("Darf ich X mit Y kombinieren?" is about combining); among the details of applying (_DETAILS) the
# one asked first wins.
CUES: dict[str, tuple[str, ...]] = {
    QuestionKind.LOAN_VS_GRANT: (
        "kredit oder … zuschuss", "zuschuss oder … kredit", "darlehen oder … zuschuss", "zuschuss oder … darlehen",
        "kredit statt … zuschuss", "zuschuss statt … kredit", "zuschüsse statt … kredit", "statt … kredit",
        "zurückzahlen", "zurückgezahlt", "rückzahlbar*", "nicht rückzahlbar*", "ohne schulden", "keine schulden",
        "nicht … mit schulden", "auch als kredit", "als darlehen", "ein zuschuss oder", "ein kredit oder",
        "eigentlich ein zuschuss", "eigentlich ein kredit", "loan or … grant", "grant or … loan", "what about a loan",
        "as a loan", "instead of a loan", "repay*", "pay back", "paid back",
    ),
    QuestionKind.COMBINATION: (
        "kombinier*", "kombination*", "kumulier*", "gleichzeitig", "parallel", "zusätzlich zu", "zusätzlich bei",
        "zusätzlich noch", "beides", "beide zusammen", "zusammen beantragen", "mit kombin*", "zusammen mit … kredit",
        "geht … zusammen mit", "gehen … zusammen", "combine*", "combining", "combination*", "at the same time",
        "stack", "together with … loan*", "together with … grant*", "together with … allowance", "both together",
    ),
    QuestionKind.COMPARISON: (
        "unterschied*", "vergleich*", "was ist besser", "was ist für … besser", "was ist fuer … besser",
        "besser geeignet", "oder lieber", "versus", "vs", "difference*", "compare*", "comparison",
        "which is better", "better suited", "better for us",
    ),
    QuestionKind.ENDED: (
        "noch beantrag*", "noch offen", "noch möglich", "gibt es … noch", "gibts … noch", "gibt's … noch",
        "gibt es …… noch", "gibts …… noch",
        "läuft … noch", "ist … noch offen", "noch aktuell", "noch aktiv", "noch den", "noch die", "noch das",
        "nächste runde", "naechste runde", "neue runde", "nächste ausschreibung", "läuft … aus", "laufen … aus",
        "auslaufen", "eingestellt", "ausgelaufen", "beendet", "abgelaufen", "nicht mehr", "still open",
        "still available", "still possible", "still running", "still apply", "still get", "discontinued", "ended",
        "no longer", "next round", "next call",
    ),
    QuestionKind.DOCUMENTS: (
        "unterlagen", "dokumente", "nachweis*", "einreichen", "businessplan*", "business-plan*", "geschäftsplan*",
        "finanzplan*", "was brauche ich", "was brauchen wir", "welche papiere", "mitbringen", "vorlegen",
        "documents", "paperwork", "business plan", "what do i need to submit", "what do we need to submit",
        "need to prepare", "what to prepare",
    ),
    QuestionKind.PROCEDURE: (
        "wie beantrag*", "wo beantrag*", "wie stell* ich", "wie stellen wir", "wo stell* ich", "wo stellen wir",
        "wie komm* ich an", "wie kommen wir an", "wie kommt man an", "wie kriegt man", "wie bekomme ich",
        "wie bekommen wir", "wie läuft", "wie laeuft", "ablauf*", "antragstellung", "antrag stellen",
        "wie geht … antrag", "muss ich vorher", "müssen wir vorher", "vorher irgendwo", "nachträglich",
        "nachtraeglich", "rückwirkend", "wie genau", "den coach", "schritte", "vorgehen", "how do i apply",
        "how do we apply", "how to apply", "how does the application", "where do i apply", "where do we apply",
        "application process", "steps", "retroactive*",
    ),
    QuestionKind.ORIENTATION: (
        "erstberatung*", "orientierung*", "wo fange ich an", "wo fangen wir an", "erste anlaufstelle",
        "erster schritt", "kostenlos* … beratung", "kostenfrei* … beratung", "erste beratung", "unabhängige beratung",
        "förderberatung",
        "allgemein zu förder*", "allgemein … beraten", "erst mal berät", "erstmal berät", "erst mal beraten",
        "wer ist … zuständig für", "wer ist …… zuständig", "kostenlos berät",
        "kostenlos beraten", "kostenlos weiterhilft", "überblick", "where do i start", "where should i start",
        "where do we start",
        "first step", "free advice", "first advice", "free first", "orientation",
    ),
    QuestionKind.ELIGIBILITY: (
        "zählen wir", "zähle ich", "zählt man", "gelten wir", "gelte ich", "sind wir … kmu", "noch kmu",
        "als kmu", "im sinne der", "förderfähig*", "antragsberechtigt*", "kommen wir in frage", "komme ich in frage",
        "kommt … in frage", "kommt …… in frage", "kommen …… in frage", "in frage kommen", "dürfen wir",
        "darf ich", "geht das auch für", "geht das für",
        "geht … trotzdem", "gilt das auch", "gilt das für", "bekommen wir das", "bekomme ich das",
        "haben wir anspruch", "habe ich anspruch", "voraussetzung*", "stimmt es dass", "kann ich das", "kann man das",
        "können wir … beantragen", "koennen wir … beantragen", "kann ich … beantragen", "kann ich …… beantragen",
        "können wir … nutzen",
        "koennen wir … nutzen", "kann ich … nutzen", "können wir mit", "koennen wir mit", "kann ein",
        "kann eine", "überhaupt", "ueberhaupt", "für wen", "eligib*", "qualify", "qualifies", "count as",
        "are we an sme", "are we sme", "requirement*", "can we get", "can i get", "can we use", "can we apply for",
    ),
    QuestionKind.AMOUNT: (
        "wie hoch", "wie viel", "wieviel", "förderhöhe*", "förderquote*", "fördersatz*", "maximal*", "was kostet",
        "kostet uns", "kosten uns", "eigenanteil*", "selbst zahlen", "was springt … raus", "was bringt … uns",
        "how much", "how high", "amount", "cost us", "own share",
    ),
    QuestionKind.DEADLINE: ("bis wann", "frist*", "stichtag*", "deadline*", "until when", "laufzeit"),
}


_DETAILS = frozenset({QuestionKind.DOCUMENTS, QuestionKind.PROCEDURE, QuestionKind.AMOUNT, QuestionKind.DEADLINE})


def _pattern(cue: str) -> str:
    gaps = {"…": r"(?:\S+\s+){0,4}?", "……": r"(?:\S+\s+){0,10}?"}
    words = [gaps.get(w) or re.escape(w).replace(r"\*", r"\w*") for w in fold(cue).split()]
    joined = ""
    for word in words:
        joined += word if word.endswith("?") else word + r"\s+"
    return r"\b" + joined[: -len(r"\s+")] + (r"\b" if not cue.endswith("*") else "")


# Phrases that look like a kind's cue but ask something else ("gibt es noch andere Programme?" is no question about
# an ended programme).
_NOT: dict[str, re.Pattern[str]] = {
    QuestionKind.ENDED: re.compile(r"\bnoch\s+(?:andere|weitere|mehr|eine?n?|was|etwas|zusatzlich|welche)\b"),
    # "Welche Förderung kommt in Frage?" asks which programmes fit, not whether one named fits.
    QuestionKind.ELIGIBILITY: re.compile(r"\b(?:welche\w*|was)\s+(?:\S+\s+){0,3}?(?:kommt|kommen)\s+"
                                         r"(?:\S+\s+){0,4}?in\s+frage\b"),
}


class QuestionKinds:
    """Reads the kind of a message; None when it only asks which programmes fit (or is no question at all)."""

    def __init__(self) -> None:
        self._patterns = {kind: re.compile("|".join(_pattern(c) for c in cues)) for kind, cues in CUES.items()}

    def kind(self, text: str) -> str | None:
        folded = " ".join(re.findall(r"[0-9a-zäöüß&'-]+", fold(text)))
        found: list[tuple[int, str]] = []
        for kind, pattern in self._patterns.items():
            exception = _NOT.get(kind)
            match = pattern.search(folded)
            if match and not (exception is not None and exception.search(folded)):
                found.append((match.start(), str(kind)))
        if not found:
            return None
        first = found[0][1]
        if first in _DETAILS:
            # Among the details of applying, the one asked first is the question ("Bis wann kann ich den Antrag
            # stellen?" asks for a date, "Wie läuft das ab, muss ich was einreichen?" for the steps).
            return min((at, kind) for at, kind in found if kind in _DETAILS)[1]
        return first

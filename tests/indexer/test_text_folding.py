"""The umlaut folding defined once (indexer/text_folding.py) gives byte for byte what the three tables it replaced
gave: the search terms are stored in the lexical indexes and the topic slugs are part of event doc_ids, so a changed
output would need a full re-index. The old functions are copied here as they were (issue 18, step K1)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from indexer.text_folding import fold_name, search_fold, spell_out_umlauts

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# --- the old definitions, verbatim ----------------------------------------------------------------------------------
# indexer/german_analyzer.py:fold
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "é": "e", "è": "e"})
_DIGRAPHS = (("ae", "a"), ("oe", "o"), ("ue", "u"))


def old_analyzer_fold(word: str) -> str:
    word = word.lower().translate(_FOLD)
    for digraph, plain in _DIGRAPHS:
        word = word.replace(digraph, plain)
    return word


# assistant/routing/text_normalization.py:fold
_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})


def old_name_fold(text: str) -> str:
    folded = text.lower().translate(_UMLAUTS)
    if folded.isascii():
        return folded
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


# indexer/event_documents.py:topic_slug
_TRANSLITERATION = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_SLUG = re.compile(r"[^a-z0-9]+")


def old_topic_slug(name: str) -> str:
    return _SLUG.sub("-", name.lower().translate(_TRANSLITERATION)).strip("-")


def new_topic_slug(name: str) -> str:
    from indexer.event_documents import topic_slug

    return topic_slug(name)


# --- the words compared ---------------------------------------------------------------------------------------------
EDGE_CASES = [
    "", "ẞ", "STRAẞE", "Straße", "Muenster", "Münster", "MÜNSTER", "Münsterland", "Françoise", "ç", "é", "è", "ê",
    "Café", "Crème brûlée", "äe", "üe", "öe", "Äe", "aee", "uee", "Bürgeräer", "Köln-Mülheim", "Rheda-Wiedenbrück",
    "Förderung", "Foerderung", "forderung", "KI-Zuschuss", "NRW.BANK", "Ø", "ﬁnanzierung", "İstanbul", "ǅ", "Å", "ñ",
    "Œuvre", "x²", "½", " Gründung & Beratung ", "Düsseldorf/Neuss", "ÄÖÜ", "äöüß", "12345",
]


def _corpus_words() -> list[str]:
    words: set[str] = set()
    for path in sorted(CORPUS.rglob("*")):
        if path.suffix in (".md", ".yaml", ".csv") and path.is_file():
            text = path.read_text(encoding="utf-8")
            words.update(text.split())
            words.update(re.findall(r"[^\W_]+", text))
            if path.suffix == ".csv":  # gazetteer names as whole fields ("Bad Oeynhausen", "Mülheim an der Ruhr")
                words.update(field for line in text.splitlines() for field in line.split(","))
    return sorted(words)


@pytest.fixture(scope="module")
def words() -> list[str]:
    found = _corpus_words()
    assert len(found) > 10_000  # the bundled corpus, gazetteer included
    return [*EDGE_CASES, *found]


def test_search_fold_is_the_analyzer_fold(words: list[str]) -> None:
    assert [w for w in words if search_fold(w) != old_analyzer_fold(w)] == []


def test_fold_name_is_the_place_name_fold(words: list[str]) -> None:
    assert [w for w in words if fold_name(w) != old_name_fold(w)] == []


def test_topic_slug_keeps_its_transliteration(words: list[str]) -> None:
    assert [w for w in words if new_topic_slug(w) != old_topic_slug(w)] == []


def test_the_letters_are_spelled_out_once() -> None:
    assert spell_out_umlauts("Größe übt Straße STRAẞE") == "Groesse uebt Strasse STRAssE"

"""Groups questions by what they ask about, so a maintainer reads "12 Fragen zu Photovoltaik" instead of a log.

Lexical, because the bundled embedding model is English-trained and these are short German questions. Each
question becomes the stemmed words that carry its subject (the index's German analyzer, without chat filler,
funding boilerplate, contact phrases, the question's own place names and the words naming the company's trade),
the words of other questions that its compounds begin or end with, and the character 4-grams of all these, so
that compounds and slips meet ("Photovoltaikanlage", "PV-Anlage", "Fotovoltaik"). Words the assistant's
vocabulary knows as naming a topic ("Photovoltaik", "Wärmepumpe") weigh double: they are what the question is
about. Words that most questions share weigh less (idf). A question joins the most similar group of the same topic
(the assistant's own topic labels) when the cosine to the group's centre reaches a threshold; otherwise it opens a
new group.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from assistant.conversation.vocabulary import FILLER, HELP_VERBS, SECTORS, TOPICS
from assistant.conversation.vocabulary_matcher import VocabularyMatcher, tokenize
from indexer.char_ngrams import CharNGrams
from indexer.german_analyzer import GermanAnalyzer

SIMILARITY_THRESHOLD = 0.25
_CACHED_SUBJECTS = 50_000  # questions whose subject words are kept between reports
_COMPOUND_MIN = 8  # a compound has two parts of at least four letters
_PART_MIN = 5  # shorter words are too often just a syllable of a longer one
# Words nearly every question to a funding assistant contains; they say nothing about its subject.
_BOILERPLATE = (
    "förder*", "fördermittel*", "zuschuss", "zuschüsse", "zuschüssen", "programm*", "nrw", "nordrhein-westfalen",
    "nordrhein westfalen", "frage*", "hilfe", "info*", "möglich*", "möglichkeit*", "unterstützung*", "gibt",
    "bekommen", "erhalten", "beantragen", "geld", "staatlich*", "land", "bund", "unser*", "mein*",
    "lassen", "machen", "bitte", "kreis", "stadt", "gemeinde", "region", "funding", "grant*", "subsid*",
    # what people add to be called back (masked contact details leave their labels behind)
    "erreichbar*", "rückruf*", "anruf*", "tel", "telefon*", "mail", "e-mail", "kontakt*", "melden", "entfernt",
    "name", "call back", "phone",
)
_TOPIC_WORD_WEIGHT = 2.0
# Short forms users write for a subject the corpus spells out.
_SAME_AS = {"pv": "photovoltaik", "ki": "künstliche intelligenz", "ai": "künstliche intelligenz"}


@dataclass(frozen=True)
class QuestionToGroup:
    text: str  # masked; empty when the question is not known
    topic: str | None  # the leading topic slug
    places: tuple[str, ...] = ()  # the Gemeinde and Kreis the question named: context, not subject


@dataclass
class QuestionGroup:
    topic: str | None
    members: list[int] = field(default_factory=list)  # positions in the input
    keywords: list[str] = field(default_factory=list)  # words the members share, as written, most telling first


@dataclass
class _Subject:
    terms: list[str] = field(default_factory=list)  # stemmed subject words
    topical: set[str] = field(default_factory=set)  # those the vocabulary knows as naming a topic
    written: dict[str, Counter[str]] = field(default_factory=dict)  # term → how the question wrote it
    folded: list[str] = field(default_factory=list)  # the subject words folded, to find compound parts


class QuestionGrouper:
    def __init__(self, analyzer: GermanAnalyzer, threshold: float = SIMILARITY_THRESHOLD) -> None:
        self._analyzer = analyzer
        self._threshold = threshold
        self._grams = CharNGrams()
        self._ignored = VocabularyMatcher({"boilerplate": (*_BOILERPLATE, *FILLER, *HELP_VERBS),
                                           **{f"sector:{s}": words for s, words in SECTORS.items()}})
        self._topical = VocabularyMatcher(TOPICS)
        self._subject = lru_cache(maxsize=_CACHED_SUBJECTS)(self._subject_uncached)

    def group(self, questions: Sequence[QuestionToGroup]) -> list[QuestionGroup]:
        """Groups, largest first; within a group the members keep their input order."""
        subjects = [self._subject(q.text, q.places) for q in questions]  # cached: reports are read again and again
        compounds = _CompoundParts({word for s in subjects for word in s.folded})
        parts = [[t for word in s.folded for part in compounds.of(word) for t in self._analyzer.terms(part)]
                 for s in subjects]
        features = [self._features(s.terms + p, s.topical) for s, p in zip(subjects, parts, strict=True)]
        df = Counter(f for vector in features for f in vector)
        idf = {f: math.log((len(questions) + 1) / (n + 1)) + 1.0 for f, n in df.items()}
        vectors = [_normalised({f: w * idf[f] for f, w in vector.items()}) for vector in features]

        groups: list[QuestionGroup] = []
        centres = _Centres()
        textless: dict[str | None, int] = {}  # questions without words of their own gather per topic
        for position, (question, vector) in enumerate(zip(questions, vectors, strict=True)):
            if vector:
                similarity, best = centres.most_similar(question.topic, vector)
                best = best if similarity >= self._threshold else None
            else:
                best = textless.get(question.topic)
            if best is None:
                groups.append(QuestionGroup(question.topic))
                best = centres.add_group()
                if not vector:
                    textless[question.topic] = best
            groups[best].members.append(position)
            centres.add(best, question.topic, vector)
        for group in groups:
            group.keywords = _keywords([subjects[m] for m in group.members], [parts[m] for m in group.members], idf)
        return sorted(groups, key=lambda g: (-len(g.members), g.members[0]))

    def _subject_uncached(self, text: str, places: tuple[str, ...]) -> _Subject:
        tokens = tokenize(text)
        ignored = self._ignored.find(tokens, fuzzy=False)
        topical = self._topical.find(tokens, fuzzy=False)
        place_words = {t.folded for place in places for t in tokenize(place)}
        subject = _Subject()
        for token in tokens:
            if (token.folded.isdigit() or token.folded in place_words
                    or any(m.start <= token.start < m.end for m in ignored)):
                continue
            terms = [t for t in self._analyzer.terms(_SAME_AS.get(token.folded, token.folded)) if len(t) > 1]
            if terms:
                subject.folded.append(token.folded)
            for term in terms:
                subject.terms.append(term)
                subject.written.setdefault(term, Counter())[token.text] += 1
                if any(m.start <= token.start < m.end for m in topical):
                    subject.topical.add(term)
        return subject

    def _features(self, terms: list[str], topical: set[str]) -> dict[str, float]:
        """Each word once, and its grams together weighing as much as the word."""
        vector: dict[str, float] = defaultdict(float)
        for term in set(terms):
            weight = _TOPIC_WORD_WEIGHT if term in topical else 1.0
            vector[f"w:{term}"] += weight
            grams = self._grams.of_term(term)
            for gram in grams:
                vector[f"g:{gram}"] += weight / math.sqrt(len(grams))
        return vector


class _Centres:
    """The groups' centres (sums of their members' vectors), with an index from (topic, feature) to the groups that
    hold it: a question is compared only with the groups of its topic it shares a feature with."""

    def __init__(self) -> None:
        self._vectors: list[Counter[str]] = []
        self._squared_norms: list[float] = []
        self._postings: dict[tuple[str | None, str], set[int]] = {}

    def add_group(self) -> int:
        self._vectors.append(Counter())
        self._squared_norms.append(0.0)
        return len(self._vectors) - 1

    def add(self, index: int, topic: str | None, vector: Counter[str]) -> None:
        centre = self._vectors[index]
        for feature, weight in vector.items():
            before = centre[feature]
            centre[feature] = before + weight
            self._squared_norms[index] += (before + weight) ** 2 - before ** 2
            self._postings.setdefault((topic, feature), set()).add(index)

    def most_similar(self, topic: str | None, vector: Counter[str]) -> tuple[float, int | None]:
        """The cosine of the (normalised) vector to the nearest centre, and that group."""
        dots: dict[int, float] = {}
        for feature, weight in vector.items():
            for index in self._postings.get((topic, feature), ()):
                dots[index] = dots.get(index, 0.0) + weight * self._vectors[index][feature]
        return max(((dot / math.sqrt(self._squared_norms[i]), i) for i, dot in dots.items()), default=(0.0, None))


class _CompoundParts:
    """The words of the question set a compound begins or ends with: "Photovoltaikanlage" → photovoltaik, anlage."""

    def __init__(self, words: set[str]) -> None:
        self._by_start: dict[str, list[str]] = {}
        self._by_end: dict[str, list[str]] = {}
        for word in words:
            if len(word) >= _PART_MIN and word.isalpha():
                self._by_start.setdefault(word[:_PART_MIN], []).append(word)
                self._by_end.setdefault(word[-_PART_MIN:], []).append(word)

    def of(self, word: str) -> list[str]:
        if len(word) < _COMPOUND_MIN:
            return []
        starts = [w for w in self._by_start.get(word[:_PART_MIN], ()) if len(w) < len(word) and word.startswith(w)]
        ends = [w for w in self._by_end.get(word[-_PART_MIN:], ()) if len(w) < len(word) and word.endswith(w)]
        return starts + ends


def _keywords(subjects: list[_Subject], parts: list[list[str]], idf: dict[str, float], limit: int = 3) -> list[str]:
    """Words at least half the members (and two) use, commonest first; a single question's own words."""
    used = Counter(term for s, p in zip(subjects, parts, strict=True) for term in set(s.terms + p))
    if not used:
        return []
    needed = 1 if len(subjects) == 1 else max(2, math.ceil(len(subjects) / 2))
    shared = [t for t, n in used.items() if n >= needed] or [t for t, _ in used.most_common(limit)]
    shared.sort(key=lambda t: (-used[t], -idf.get(f"w:{t}", 0.0), t))
    labels: list[str] = []
    for term in shared:
        written: Counter[str] = Counter()
        for s in subjects:
            written.update(s.written.get(term, {}))
        if not written:  # only ever part of a compound
            continue
        label = _readable(written.most_common(1)[0][0])
        if label not in labels:
            labels.append(label)
        if len(labels) == limit:
            break
    return labels


def _readable(word: str) -> str:
    """German nouns are written with a capital; users often do not ("photovoltaik")."""
    return word[0].upper() + word[1:] if word.islower() and len(word) > 3 else word


def _normalised(vector: dict[str, float]) -> Counter[str]:
    norm = math.sqrt(sum(w * w for w in vector.values()))
    return Counter({f: w / norm for f, w in vector.items()}) if norm else Counter()

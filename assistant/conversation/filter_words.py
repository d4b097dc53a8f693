"""What a person types as a topic or sector filter ("Export", "EU-Förderung", "Digitalisierung", "Handwerk") read
as the topic and sector slugs partner ranking knows, through the chat's own vocabulary (vocabulary.py), so
GET /api/partners understands the same words the chat does.

The slugs themselves are accepted as they are ("eu", "fue", "kmu"). A word that names the other kind is read as
that kind ("topic=Handwerk" names a sector); a loan, guarantee or equity is a financing question ("Kredit"); a value
that names neither is unknown (the API answers 422 with the accepted slugs).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.conversation import vocabulary as vocab
from assistant.conversation.vocabulary_matcher import VocabularyMatcher, tokenize
from indexer.partner_catalogue import TARGET_GROUPS, TOPICS
from indexer.text_folding import search_fold as fold

# The canonical names, as a 422 lists them: the registry's topics; its target groups and the chat's sectors.
TOPIC_NAMES: tuple[str, ...] = tuple(sorted(TOPICS))
SECTOR_NAMES: tuple[str, ...] = tuple(sorted(TARGET_GROUPS | set(vocab.SECTORS)))
_KNOWN_WORDS = VocabularyMatcher({"known": vocab.KNOWN_WORDS + vocab.FUNDING_CUES})
# Funding types the chat understands that are a financing question ("Kredit" → NRW.BANK and the Hausbank).
_FINANCING_TYPES = frozenset({"darlehen", "buergschaft", "beteiligung"})


@dataclass(frozen=True)
class FilterReading:
    topic: str | None = None
    sector: str | None = None

    @property
    def understood(self) -> bool:
        return bool(self.topic or self.sector)


class FilterWords:
    def __init__(self) -> None:
        self._topics = VocabularyMatcher(vocab.TOPICS)
        self._sectors = VocabularyMatcher(vocab.SECTORS)
        self._funding_types = VocabularyMatcher(vocab.FUNDING_TYPES)

    def read(self, text: str) -> FilterReading:
        """The topic and sector one filter value names (either may be None)."""
        slug = fold(text.strip()).replace(" ", "-")
        if slug in TOPICS:
            return FilterReading(topic=slug)
        if slug in SECTOR_NAMES:
            return FilterReading(sector=slug)
        tokens = tokenize(text)
        # Words with a meaning of their own ("Förderung", "Programm") are never read as a typo of a topic word.
        known = frozenset(i for i, t in enumerate(tokens) if _KNOWN_WORDS.find([t], fuzzy=False))
        sectors = self._sectors.find(tokens, exact_only=known)
        unclaimed = [t for t in tokens if not any(m.start <= t.start < m.end for m in sectors)]
        known_unclaimed = frozenset(i for i, t in enumerate(unclaimed) if _KNOWN_WORDS.find([t], fuzzy=False))
        topics = {m.value for m in self._topics.find(unclaimed, exact_only=known_unclaimed)}
        # Several topics in one value: the more specific one leads, as in the chat.
        topic = next((t for t in vocab.TOPIC_PRIORITY if t in topics), None) or min(topics, default=None)
        if topic is None and {m.value for m in self._funding_types.find(unclaimed, fuzzy=False)} & _FINANCING_TYPES:
            topic = "finanzierung"
        return FilterReading(topic=topic, sector=sectors[-1].value if sectors else None)

"""What one user message means, without an LLM: the intent and the slots it fills (place, size, sector, topic,
funding type), whether it follows up on or corrects the previous turn, and the words worth searching for."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

from assistant.answering.program_mentions import ProgramMentions
from assistant.conversation import vocabulary as vocab
from assistant.conversation.company_facts import CompanyFacts, read_company_facts
from assistant.conversation.company_size import extract_company_size
from assistant.conversation.language_detection import detect_language
from assistant.conversation.location_lookup import LocationFinding, LocationLookup, NoLocationLookup
from assistant.conversation.question_kinds import QuestionKinds
from assistant.conversation.vocabulary_matcher import Match, Token, VocabularyMatcher, tokenize


class Intent(StrEnum):
    PROGRAMME_SEARCH = "programme_search"
    NAMED_PROGRAMME = "named_programme"
    PARTNER_CONTACT = "partner_contact"
    NETWORK = "network"
    QUESTION = "question"  # a factual question about funding rules ("Wann darf ich anfangen?")
    SMALL_TALK = "small_talk"
    OUT_OF_SCOPE = "out_of_scope"


CONTENT_INTENTS = frozenset({Intent.PROGRAMME_SEARCH, Intent.NAMED_PROGRAMME, Intent.QUESTION, Intent.NETWORK})


@dataclass
class Understanding:
    text: str
    intent: Intent
    language: str | None = None
    topics: tuple[str, ...] = ()
    topic_words: dict[str, str] = field(default_factory=dict)  # topic → the word the user wrote for it
    sector: str | None = None
    trade: str | None = None  # the trade as written ("Schreinerei"), shown back to the user
    funding_type: str | None = None
    employees: int | None = None
    turnover_eur: int | None = None
    location: LocationFinding = field(default_factory=lambda: LocationFinding("not_found"))
    named_programs: tuple[str, ...] = ()
    small_talk: str | None = None  # greeting | thanks | farewell | about
    follow_up: bool = False
    correction: bool = False
    detail: str | None = None  # amount | eligibility | deadline | procedure: what the user asks about a programme
    kind: str | None = None  # question_kinds.QuestionKind: the kind of answer asked for, None = which programmes fit
    facts: CompanyFacts = field(default_factory=CompanyFacts)  # founder origin, project kind, age, investor
    slots_only: bool = False  # the message only gives facts (answers a question of ours or corrects one)
    domain_signal: bool = False
    content_words: tuple[str, ...] = ()  # searchable words, without place, head count, trade and chat filler
    free_words: tuple[str, ...] = ()  # the content words no slot explains (the project itself: "Auftragsplanung")

    @property
    def gave_slots(self) -> bool:
        return bool(self.location.status != "not_found" or self.employees is not None
                    or self.turnover_eur is not None or self.sector or self.facts.from_research is not None
                    or self.facts.project_kinds or self.facts.company_age_years is not None)


# "Wie läuft das ab, muss ich was einreichen, bevor …?" asks a detail of what was just discussed, however long.
_DETAIL_KINDS = frozenset({"procedure", "documents", "amount", "deadline"})


def _cue_matcher(cues: tuple[str, ...]) -> VocabularyMatcher:
    return VocabularyMatcher({"cue": cues})


class TurnUnderstanding:
    def __init__(self, mentions: ProgramMentions, analyze: Callable[[str], list[str]],
                 locations: LocationLookup | None = None) -> None:
        self._mentions = mentions
        self._analyze = analyze
        self._locations = locations or NoLocationLookup()
        self._sectors = VocabularyMatcher(vocab.SECTORS)
        self._topics = VocabularyMatcher(vocab.TOPICS)
        self._funding_types = VocabularyMatcher(vocab.FUNDING_TYPES)
        self._equity_people = _cue_matcher(vocab.EQUITY_PEOPLE)
        self._partner = _cue_matcher(vocab.PARTNER_CUES)
        self._network = _cue_matcher(vocab.NETWORK_CUES)
        self._funding = _cue_matcher(vocab.FUNDING_CUES)
        self._greeting = _cue_matcher(vocab.GREETINGS)
        self._thanks = _cue_matcher(vocab.THANKS)
        self._farewell = _cue_matcher(vocab.FAREWELLS)
        self._about = _cue_matcher(vocab.ABOUT_BOT)
        self._off_topic = _cue_matcher(vocab.OFF_TOPIC_CUES)
        self._adviser = _cue_matcher(vocab.ADVISER_CUES)
        self._correction = _cue_matcher(vocab.CORRECTION_CUES)
        self._anaphora = _cue_matcher(vocab.ANAPHORA)
        self._openers = _cue_matcher(vocab.FOLLOW_UP_OPENERS)
        self._details = VocabularyMatcher(vocab.DETAIL_CUES)
        self._kinds = QuestionKinds()
        self._filler = _cue_matcher(vocab.FILLER + vocab.CORRECTION_CUES + vocab.GREETINGS + vocab.THANKS)
        self._known = _cue_matcher(vocab.KNOWN_WORDS + vocab.FUNDING_CUES + vocab.PARTNER_CUES + vocab.NETWORK_CUES)

    def understand(self, text: str, has_history: bool = False, previous_intent: str | None = None) -> Understanding:
        tokens = tokenize(text)
        location = self._locations.find(text)
        size = extract_company_size(text)
        named = tuple(self._mentions.find(text))

        # Words that name a place or a head count are facts, never topics ("Much", "12 Leute"); so are the places
        # the user denies or names beside the one taken ("nicht Bielefeld").
        blocked = list(size.spans) + ([location.span] if location.span else []) + list(location.other_spans)
        free = [t for t in tokens if not any(s <= t.start < e for s, e in blocked)]

        # Words that are cues of their own are only matched exactly, never as a typo of a topic word.
        known = self._known_positions(free)
        named_businesses = self._sectors.find(free, exact_only=known)
        sectors = _own_sectors(text, named_businesses)
        funding_types = self._funding_types.find(free, exact_only=known)
        # A word naming a business ("Softwarefirma", "Maschinenbauer", "den IT-Dienstleister") is not also the
        # project's topic.
        spans = [(_hyphen_start(text, m.start), m.end) for m in named_businesses]  # "IT-" of "IT-Dienstleister"
        unclaimed = [t for t in free if not any(start <= t.start < end for start, end in spans)]
        topic_matches = self._topics.find(unclaimed, exact_only=self._known_positions(unclaimed), heads=True)
        topics = self._topic_values(unclaimed, topic_matches)
        partner = self._partner.find(tokens, fuzzy=False)
        network = self._network.find(tokens, fuzzy=False)
        funding = self._funding.find(tokens, fuzzy=False)
        small_talk = self._small_talk_kind(tokens)

        understanding = Understanding(
            text=text,
            intent=Intent.QUESTION,
            language=detect_language(text),
            topics=topics,
            sector=sectors[-1].value if sectors else None,
            trade=self._trade(sectors),
            funding_type=self._wanted_funding_type(text, funding_types)
            or ("beteiligung" if self._equity_people.find(free, fuzzy=False) else None),
            employees=size.employees,
            turnover_eur=size.turnover_eur,
            location=location,
            named_programs=named,
            small_talk=small_talk,
        )
        understanding.topic_words = {}
        for match in topic_matches:
            understanding.topic_words.setdefault(match.value, match.surface)
        understanding.content_words = self._content_words(free, sectors)
        understanding.free_words = self._content_words(free, sectors + funding_types + topic_matches)
        understanding.domain_signal = bool(topics or sectors or funding_types or partner or network or funding
                                           or named or understanding.gave_slots)
        understanding.correction = self._is_correction(tokens, text) or bool(location.excluded)
        details = self._details.find(tokens, fuzzy=False)
        understanding.detail = details[0].value if details else None
        understanding.kind = self._kinds.kind(text)
        understanding.facts = read_company_facts(text)
        if understanding.facts.from_research is False and "wissenstransfer" in understanding.topics:
            # "Ich komme nicht von der Uni" says where the founder is not from, not that the project is about one.
            understanding.topics = tuple(t for t in understanding.topics if t != "wissenstransfer")
        # "Was muss ich beim Antrag beachten?" asks a detail of what was discussed, it names no subject of its own.
        subject_words = [w for w in understanding.content_words if not self._details.find(tokenize(w), fuzzy=False)]
        own_subject = bool(topics or named or understanding.funding_type or network or len(subject_words) >= 2)
        # "Moment, unser Firmensitz ist Lüdenscheid, in Siegen ist nur eine Baustelle" corrects a fact: its other
        # words explain the correction, they ask nothing new.
        understanding.slots_only = (understanding.gave_slots and not (
            topics or named or partner or network or (understanding.free_words and not understanding.correction)))
        understanding.follow_up = has_history and (
            self._opens_as_follow_up(tokens) or not own_subject or understanding.slots_only
            or (bool(self._anaphora.find(tokens, fuzzy=False)) and not (topics or named)
                and (len(tokens) <= 8 or understanding.kind in _DETAIL_KINDS))
        )
        understanding.intent = self._intent(understanding, partner, network, funding, previous_intent)
        return understanding

    # --- pieces -------------------------------------------------------------------------------
    @staticmethod
    def _asks_who_helps(text: str) -> bool:
        """ "Wer kann mir bei … helfen?", "Who could support us with …?" """
        for sentence in re.split(r"[.!?;]+", text):  # "Wir sitzen in Lübbecke. Wer kann mich da beraten?"
            words = [t.folded for t in tokenize(sentence)]
            if words and words[0] in ("wer", "who") and set(words) & vocab.HELP_VERBS:
                return True
        return False

    def _known_positions(self, tokens: list[Token]) -> frozenset[int]:
        return frozenset(i for i, t in enumerate(tokens) if self._known.find([t], fuzzy=False))

    @staticmethod
    def _topic_values(tokens: list[Token], matches: list[Match]) -> tuple[str, ...]:
        """The topics named, the most specific first ("mit einer App gründen" is about founding)."""
        values: list[str] = []
        for match in matches:
            if match.value not in values:
                values.append(match.value)
        if any(t.text == "IT" for t in tokens) and "digitalisierung" not in values:
            values.append("digitalisierung")  # upper-case IT is the field, lower-case "it" a pronoun
        order = vocab.TOPIC_PRIORITY
        return tuple(sorted(values, key=lambda v: order.index(v) if v in order else len(order)))

    @staticmethod
    def _wanted_funding_type(text: str, matches: list[Match]) -> str | None:
        """The kind of funding asked for. "Kredit oder Zuschuss?" names two to choose between: no wish for either;
        "Zuschüsse statt Kredit" wants the first."""
        kinds = list(dict.fromkeys(m.value for m in matches))
        if len(kinds) == 1:
            return kinds[0]
        for first, second in itertools.pairwise(matches):
            between = text[first.end:second.start].lower()
            if first.value != second.value and re.search(r"\b(?:statt|anstatt|anstelle|instead of|rather than)\b",
                                                         between):
                return first.value
        return None

    @staticmethod
    def _trade(sectors: list[Match]) -> str | None:
        return sectors[-1].surface if sectors else None

    def _small_talk_kind(self, tokens: list[Token]) -> str | None:
        for kind, matcher in (("about", self._about), ("thanks", self._thanks), ("farewell", self._farewell),
                              ("greeting", self._greeting)):
            if matcher.find(tokens, fuzzy=False):
                return kind
        return None

    def _is_correction(self, tokens: list[Token], text: str) -> bool:
        opening = tokens[:3]
        if self._correction.find(opening, fuzzy=False):
            return True
        lowered = text.lower()
        return " sondern " in lowered or "stimmt nicht" in lowered or "i meant" in lowered

    def _opens_as_follow_up(self, tokens: list[Token]) -> bool:
        return bool(self._openers.find(tokens[:3], fuzzy=False)) and len(tokens) <= 10

    def _content_words(self, tokens: list[Token], used: list[Match]) -> tuple[str, ...]:
        """Words worth searching for, except those explained by the given matches."""
        spans = [(m.start, m.end) for m in used]
        skip = {id(t) for t in tokens if any(s <= t.start < e for s, e in spans)}
        noise = {id(t) for t in tokens if self._filler.find([t], fuzzy=False) or self._anaphora.find([t], False)}
        words: list[str] = []
        for token in tokens:
            if id(token) in skip or id(token) in noise or token.folded.isdigit():
                continue
            if not self._analyze(token.text):  # a stop word
                continue
            if self._funding.find([token], fuzzy=False) or self._partner.find([token], fuzzy=False):
                continue  # cue words say what kind of answer is wanted, not what it is about
            words.append(token.text)
        return tuple(words)

    def _intent(self, u: Understanding, partner: list[Match], network: list[Match], funding: list[Match],
                previous_intent: str | None) -> Intent:
        if self._adviser.find(tokenize(u.text), fuzzy=False) and not (partner or network or funding
                                                                      or u.named_programs):
            return Intent.OUT_OF_SCOPE  # a tax, legal or social-insurance question: someone else's field
        if partner or self._asks_who_helps(u.text):
            return Intent.PARTNER_CONTACT
        if u.named_programs:
            return Intent.NAMED_PROGRAMME
        if network:
            return Intent.NETWORK
        if u.small_talk and not (u.topics or u.sector or u.funding_type or funding or u.content_words):
            return Intent.SMALL_TALK
        if u.slots_only and previous_intent:
            return Intent(previous_intent)  # answers our question or corrects a fact: redo the last request
        if u.topics or u.funding_type or funding:
            return Intent.PROGRAMME_SEARCH
        if u.follow_up and previous_intent:
            return Intent(previous_intent)
        if self._off_topic.find(tokenize(u.text), fuzzy=False) and not (u.topics or u.sector or u.funding_type
                                                                       or funding or u.named_programs):
            return Intent.OUT_OF_SCOPE  # "wie wird das Wetter in Paderborn?": a place alone is no business question
        if u.sector or u.gave_slots:
            return Intent.PROGRAMME_SEARCH  # "Wir sind ein Handwerksbetrieb in Herford" asks what there is
        if u.small_talk:
            return Intent.SMALL_TALK
        return Intent.QUESTION


# "… bevor ich den IT-Dienstleister beauftrage", "das Angebot vom Elektriker": a business the user hires or deals
# with, not the user's own line of business ("Ich führe einen Malerbetrieb" stays the user's own).
_HIRED_BEFORE = re.compile(r"\b(?:den|dem|einem|vom|beim|externen?|externer)\s+(?:\w+-)?$", re.I)
_HIRING = re.compile(r"\b(?:beauftrag\w*|engagier\w*|anfrag\w*|angebot\w*|rechnung\w*|hire\w*|commission\w*)", re.I)


def _own_sectors(text: str, matches: list[Match]) -> list[Match]:
    return [m for m in matches
            if not (_HIRED_BEFORE.search(text[max(0, m.start - 24):m.start]) and _HIRING.search(text))]


def _hyphen_start(text: str, start: int) -> int:
    """Where a word joined by a hyphen to the one at `start` begins ("IT-Dienstleister" → the "IT")."""
    if start > 0 and text[start - 1] == "-":
        match = re.search(r"\w+-$", text[:start])
        if match:
            return match.start()
    return start


"""The one sentence that says what a programme is or funds, for its line in a list of recommendations.

The catalog has no summary of its own, so the sentence comes from the programme's own documents: the first whole
sentence that names the programme and says what it is, or says what is funded. A sentence about another programme
or body (a referral in the contacts section, "bietet sich außerdem KI.NRW an") does not describe this one, and
neither does one that only hedges ("ist nicht bekannt") or talks about the status.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.answering.direct_answer import points_back
from assistant.answering.instruction_guard import looks_like_instruction
from assistant.answering.program_mentions import ProgramMentions
from assistant.retrieval.hybrid_retriever import Passage
from indexer.catalog import Program
from indexer.sentences import is_complete, split_sentences, under_headings
from indexer.text_folding import search_fold

# Sections that list sources, contacts or the status: they say nothing about what the programme does.
_OTHER_SECTIONS = re.compile(r"quellen|sources|links|ansprechpartner|kontakt|contact|status", re.I)
_DESCRIBES = re.compile(r"\b(?:förder\w*|gefördert|finanzier\w*|unterstütz\w*|(?:be)?zuschuss\w*|zuschüsse|darlehen|"
                        r"kredit\w*|stipendium|gutschein\w*|bietet|berät|berat\w*|vermittelt|erstattet|"
                        r"funds?|grants?|loans?|supports?)\b", re.I)
_IS_A = re.compile(r"\b(?:ist|sind|is|are)\s+(?:ein|eine|einer|das|der|die|an?|the)\b", re.I)
_REFERRAL = re.compile(r"\b(?:bietet sich|wenden Sie sich|Ansprechpartner\w*|Ansprechperson|erreichen Sie|"
                       r"Anlaufstelle|kontaktieren)\b", re.I)
_HEDGE = re.compile(r"\b(?:nicht hervor|unsicher|unklar|nicht bekannt|nicht gefunden|bitte\b.{0,30}prüfen|"
                    r"laut älteren|vermutlich|beendet|eingestellt)\b", re.I)
_MAX_CHARS = 320  # longer "sentences" are run-on text from a layout the splitter could not read
_NON_WORD = re.compile(r"[^0-9a-z]+")


def _norm(text: str) -> str:
    return " " + _NON_WORD.sub(" ", search_fold(text)).strip() + " "


def _ordinal(passage: Passage) -> int:
    """The chunk's position in its document (chunk ids end in #n); unknown ones go last."""
    tail = passage.chunk.chunk_id.rsplit("#", 1)[-1]
    return int(tail) if tail.isdigit() else 1_000_000


def name_variants(program: Program) -> tuple[str, ...]:
    """How a source writes the programme: its full name, the name before a bracket ("MID-Digitalisierung"), the
    aliases."""
    short = program.name.split(" (", 1)[0].strip()
    return tuple(dict.fromkeys(n for n in (program.name, short, *program.aliases) if len(n.strip()) >= 3))


def opening_names(names: tuple[str, ...]) -> tuple[str, ...]:
    """What may open a whole sentence about the programme besides a capital letter: its names, and a brand written
    in lower case on its own ("progres.nrw – Klimaschutztechnik ist …")."""
    return names + tuple(n.split()[0] for n in names if n[:1].islower())


class ProgramDescriber:
    def __init__(self, programs: Mapping[str, Program]) -> None:
        self._mentions = ProgramMentions(programs)

    def describe(self, program: Program, passages: list[Passage]) -> tuple[Passage, str] | None:
        """The first describing sentence of the programme's own passages (its own page before other documents,
        in document order) and the passage it stands in. Failing that, the first whole sentence about it at all;
        None if there is none."""
        names = name_variants(program)
        fallback: tuple[Passage, str] | None = None
        for passage in self._document_order(program, passages):
            if passage.chunk.metadata.get("program_id") != program.id:
                continue
            sentences = [sentence for section, body in under_headings(passage.chunk.section, passage.chunk.text)
                         if not _OTHER_SECTIONS.search(section) for sentence in split_sentences(body)]
            for i, sentence in enumerate(sentences):
                kind = self._kind(program, sentence, names)
                if kind is None:
                    continue
                if kind == "other":
                    fallback = fallback or (passage, sentence)
                    continue
                following = sentences[i + 1] if i + 1 < len(sentences) else ""
                if kind == "names" and self._kind(program, following, names) == "funds" \
                        and len(sentence) + len(following) < _MAX_CHARS:
                    # "X ist ein Baustein von Y." says what it is; the next sentence says what it funds.
                    return passage, f"{sentence} {following}"
                return passage, sentence
        return fallback

    def _kind(self, program: Program, sentence: str, names: tuple[str, ...]) -> str | None:
        """"funds" if the sentence says what is funded or offered, "names" if it only says what the programme is,
        "other" if it is some other whole sentence about it, None if it is not about this programme."""
        if len(sentence) > _MAX_CHARS or sentence.endswith("?") or not is_complete(sentence, opening_names(names)):
            return None
        if "http" in sentence or _REFERRAL.search(sentence) or _HEDGE.search(sentence) \
                or looks_like_instruction(sentence) or points_back(sentence):
            return None
        mentioned = self._mentions.find(sentence)
        names_self = program.id in mentioned or any(_norm(n) in _norm(sentence) for n in names)
        if mentioned and not names_self:
            return None  # about another programme
        if _DESCRIBES.search(sentence):
            return "funds"
        if names_self and _IS_A.search(sentence):
            return "names"
        return "other"

    @staticmethod
    def _document_order(program: Program, passages: list[Passage]) -> list[Passage]:
        """The programme's own page first, then its official source, then the rest; each document in order."""
        unique = list({p.chunk.chunk_id: p for p in passages}.values())
        documents = list(dict.fromkeys(p.chunk.doc_id for p in unique))
        title = search_fold(program.name)

        def key(passage: Passage) -> tuple[bool, bool, int, int]:
            own_page = search_fold(passage.chunk.title) == title  # not a leaflet or a guide about it
            official = passage.chunk.url == program.source_url
            return not own_page, not official, documents.index(passage.chunk.doc_id), _ordinal(passage)

        return sorted(unique, key=key)

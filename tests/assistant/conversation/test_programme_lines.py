"""The list of recommended programmes in the extractive answer: which comes first, and what each line says.

Checked on the reply's structure, never on its wording: the order of the programme cards against their catalog
status and fit, and each programme line's description – a whole sentence (it starts where a sentence of its source
starts, with a capital letter or the programme's name, and ends with punctuation), about that programme (it names
no other programme or body instead), cited with a number whose source is one of that programme's own documents.
"""

from __future__ import annotations

import itertools
import re

import pytest

from assistant.answering.answer import Answer
from assistant.answering.extractive_composer import CompositionInput, ExtractiveComposer
from assistant.answering.program_description import name_variants, opening_names
from assistant.answering.program_fit import FitProfile, fit_bonus
from assistant.answering.program_mentions import ProgramMentions
from assistant.retrieval.hybrid_retriever import Passage, RetrievalResult
from indexer.catalog import Program
from indexer.documents import Chunk
from indexer.german_analyzer import GermanAnalyzer
from tests.assistant.conversation.conversation_checks import check_invariants

_LINE = re.compile(r"^- \*\*(?P<name>.+?)\*\* \((?P<facts>[^()]*)\): (?P<description>.+?) \[(?P<number>\d+)\]")
_OPENS = re.compile(r"^[A-ZÄÖÜ„\"“»]")
_CLOSES = re.compile(r"[.!?][\"“”»)]?$")
# A period after these is no sentence end: a description ending on one was cut off ("höchstens 25 Mio.").
_ABBREVIATED = re.compile(r"\b(?:Mio|Mrd|Tsd|bzw|ca|max|min|mind|Nr|vgl|ggf|inkl|zzgl|[a-zA-Z])\.$")


def _program(program_id: str, status: str, groups: tuple[str, ...] = ("kmu",), topics: tuple[str, ...] = ("ki",),
             funding_type: str = "Zuschuss") -> Program:
    return Program(id=program_id, name=program_id.replace("-", " ").title(), provider="Land NRW", level="Land",
                   funding_type=funding_type, status=status, as_of="2026-01-01",
                   source_url=f"https://example.org/{program_id}", target_groups=groups, topics=topics)


def _passage(program: Program, number: int, section: str, text: str, coverage: float = 0.8,
             doc: str | None = None) -> Passage:
    doc_id = doc or f"prog-{program.id}"
    chunk = Chunk(chunk_id=f"{doc_id}#{number}", doc_id=doc_id, text=text, title=program.name,
                  url=program.source_url, page=None, section=section, as_of="2026-01-01",
                  metadata={"program_id": program.id, "kind": "programme", "status": program.status})
    passage = Passage(chunk, coverage)
    passage.term_coverage = coverage
    return passage


def _compose(programs: list[Program], passages: list[Passage], question: str, profile: FitProfile,
             documents: dict[str, list[Passage]] | None = None) -> Answer:
    analyze = GermanAnalyzer().terms
    composer = ExtractiveComposer({p.id: p for p in programs}, analyze)
    lookup = (lambda program_id: documents.get(program_id, [])) if documents is not None else None
    return composer.compose(CompositionInput(question, RetrievalResult(passages, analyze(question)),
                                             profile=profile, program_documents=lookup))


def _lines(answer: Answer) -> dict[str, re.Match[str]]:
    return {m["name"]: m for m in (_LINE.match(line) for line in answer.text.splitlines()) if m}


_KURZ = ("{name} ist ein Zuschuss des Landes für kleine Unternehmen, die ein Vorhaben mit künstlicher Intelligenz "
         "umsetzen.")


# --- the order ---------------------------------------------------------------------------------------------------
def test_an_open_programme_comes_before_a_comparable_one_whose_status_is_unknown():
    unknown, open_ = _program("ki-runde", "unknown"), _program("ki-zuschuss", "open")
    passages = [_passage(unknown, 0, "Kurz gesagt", _KURZ.format(name=unknown.name), coverage=1.0),
                _passage(open_, 0, "Kurz gesagt", _KURZ.format(name=open_.name), coverage=0.7)]
    profile = FitProfile(topics=("ki",), target_groups=("kmu",))
    answer = _compose([unknown, open_], passages, "Förderung für KI im Betrieb", profile)
    assert [c.id for c in answer.programs] == ["ki-zuschuss", "ki-runde"], answer.text
    line = _lines(answer)[unknown.name]
    assert "Status unklar" in line["facts"], line.group(0)


def test_a_better_fit_still_comes_first_whatever_its_status():
    for_crafts = _program("ki-handwerk", "unknown", groups=("handwerk", "kmu"))
    general = _program("ki-zuschuss", "open")
    passages = [_passage(general, 0, "Kurz gesagt", _KURZ.format(name=general.name), coverage=1.0),
                _passage(for_crafts, 0, "Kurz gesagt", _KURZ.format(name=for_crafts.name), coverage=0.7)]
    profile = FitProfile(topics=("ki",), target_groups=("handwerk", "kmu"))
    assert fit_bonus(for_crafts, profile) > fit_bonus(general, profile)
    answer = _compose([for_crafts, general], passages, "KI im Handwerksbetrieb", profile)
    assert [c.id for c in answer.programs] == ["ki-handwerk", "ki-zuschuss"], answer.text


# --- what a line says --------------------------------------------------------------------------------------------
def _alpha_documents(alpha: Program) -> dict[str, Passage]:
    return {
        "lead": _passage(alpha, 0, "Kurz gesagt", _KURZ.format(name=alpha.name) + " Ob es weitere Runden gibt, ist "
                         "nicht bekannt."),
        "contacts": _passage(alpha, 5, "Ansprechpartner", "Für KI-Fragen bietet sich außerdem KI.NRW an, die "
                             "KI-Kompetenzplattform des Landes beim Fraunhofer IAIS.", coverage=1.0),
        # a leaflet as pypdf gives it: printed lines that end in the middle of a sentence
        "leaflet": _passage(alpha, 1, "", "– Gefördert werden seit 2026 nur noch digitale Produkte mit künstlicher\n"
                            "Intelligenz (KI) und verwandten Technologien.\n– Die Plätze werden verlost.",
                            coverage=0.9, doc="pdf-merkblatt"),
    }


def test_the_line_says_what_the_programme_is_from_the_start_of_its_own_document():
    alpha = _program("alpha-zuschuss", "open")
    docs = _alpha_documents(alpha)
    answer = _compose([alpha], [docs["contacts"], docs["leaflet"]], "KI Förderung",
                      FitProfile(topics=("ki",)), documents={alpha.id: [docs["contacts"], docs["lead"]]})
    line = _lines(answer)[alpha.name]
    cited = next(c for c in answer.citations if c.id == int(line["number"]))
    assert cited.chunk_id == docs["lead"].chunk.chunk_id, (line.group(0), cited)
    assert line["description"] in docs["lead"].chunk.text and "KI.NRW" not in line["description"]


def test_without_its_documents_at_hand_the_line_is_still_a_whole_sentence_about_the_programme():
    alpha = _program("alpha-zuschuss", "open")
    docs = _alpha_documents(alpha)
    answer = _compose([alpha], [docs["contacts"], docs["leaflet"]], "KI Förderung", FitProfile(topics=("ki",)))
    line = _lines(answer)[alpha.name]
    description = line["description"]
    cited = next(c for c in answer.citations if c.id == int(line["number"]))
    assert cited.chunk_id == docs["leaflet"].chunk.chunk_id, line.group(0)
    assert description.startswith("Gefördert werden") and _CLOSES.search(description), description
    assert "künstlicher Intelligenz (KI)" in description  # joined across the printed line break


# --- typical questions on the bundled corpus ---------------------------------------------------------------------
QUESTIONS = [
    "Welche Förderung gibt es für ein KI-Projekt in meinem Betrieb in NRW?",
    "Wir sind ein Handwerksbetrieb in Herford und wollen digitalisieren. Welche Förderung gibt es?",
    "Gibt es Förderung für Energieeffizienz und eine Photovoltaikanlage?",
    "Ich will ein Unternehmen gründen. Welche Förderung gibt es?",
    "Wir wollen ein FuE-Projekt mit einer Hochschule machen. Welche Förderung passt?",
    "Welche EU-Förderung gibt es für KMU?",
    "Wir brauchen einen Kredit für eine Investition in eine neue Maschine.",
    "Gibt es Digital Jetzt noch?",
    "Is there funding for an AI project in my company in NRW?",
]


def _squeeze(text: str) -> str:
    """Compared without spaces and hyphens: a PDF's line breaks and word splits do not matter."""
    return re.sub(r"[\s\-]", "", text)


def _starts_a_sentence(description: str, source: str) -> bool:
    squeezed, wanted = _squeeze(source), _squeeze(description)
    at = squeezed.find(wanted)
    if at < 0:
        return False
    if at == 0 or squeezed[at - 1] in ".!?:–•*#":  # after a sentence, a list marker or a heading mark
        return True
    # or it opens a paragraph, or follows a heading line (short, unlike a printed line that wraps mid-sentence)
    head = re.escape(description[:20])
    if re.search(r"\n[ \t]*\n\s*" + head, source):
        return True
    before = re.search(r"(?:^|\n)([^\n]*)\n[ \t]*" + head, source)
    return before is not None and len(before.group(1).strip()) < 40


@pytest.fixture(scope="module")
def answers(bundled) -> dict[str, tuple]:
    composer = ExtractiveComposer(bundled.programs, bundled.analyzer.terms)
    out = {}
    for question in QUESTIONS:
        turn = bundled.chat.prepare(question, None, None)
        reply = bundled.chat.finish(turn, composer.compose(turn.composition))
        out[question] = (reply, turn.composition.profile)
    return out


@pytest.mark.parametrize("question", QUESTIONS)
def test_programme_lines_are_cited_whole_sentences_about_the_programme(question, answers, bundled):
    reply, _ = answers[question]
    programs = bundled.programs
    check_invariants(reply, programs, first_turn=True)
    chunks = bundled.served_index.get().chunks
    mentions = ProgramMentions(programs)
    partners = [p.name.split(" (")[0] for p in bundled.routing.registry.partners]
    lines = _lines(reply.answer)
    listed = [c for c in reply.answer.programs if c.status != "closed" and c.name in lines]
    assert listed or question.startswith("Gibt es Digital Jetzt"), reply.answer.text
    problems: list[str] = []
    for card in listed:
        line = lines[card.name]
        description = line["description"].removeprefix("„").removesuffix("“")  # English answers quote the source
        names = name_variants(programs[card.id])
        cited = next((c for c in reply.answer.citations if c.id == int(line["number"])), None)
        source = chunks[cited.chunk_id] if cited else None
        named = set(mentions.find(description))
        names_self = card.id in named or any(n.lower() in description.lower() for n in names)
        others = named - {card.id} | {p for p in partners if p in description}
        checks = {
            "opens like a sentence": bool(_OPENS.match(description))
            or description.lower().startswith(tuple(n.lower() for n in opening_names(names))),
            "closes like a sentence": bool(_CLOSES.search(description)) and not _ABBREVIATED.search(description),
            "cited to the programme's own document": source is not None
            and source.metadata.get("program_id") == card.id,
            "starts where a sentence of its source starts": source is not None
            and _starts_a_sentence(description, source.text),
            "about this programme, not another one or a body": names_self or not others,
        }
        problems += [f"{card.id}: not {what}: {description!r}" for what, ok in checks.items() if not ok]
    assert not problems, "\n".join(problems) + f"\n--- {reply.answer.text}"


@pytest.mark.parametrize("question", QUESTIONS)
def test_no_programme_of_unknown_status_stands_before_a_comparable_open_one(question, answers, bundled):
    reply, profile = answers[question]
    shown = [bundled.programs[c.id] for c in reply.answer.programs if c.status != "closed"]
    for earlier, later in itertools.pairwise(shown):
        if earlier.status == "unknown" and later.status == "open":
            assert fit_bonus(earlier, profile) > fit_bonus(later, profile), ([p.id for p in shown], profile)


def test_the_ki_question_leads_with_an_open_programme_on_ki(answers, bundled):
    reply, _ = answers[QUESTIONS[0]]
    first = next(c for c in reply.answer.programs if c.status != "closed")
    assert first.status == "open" and "ki" in bundled.programs[first.id].topics, reply.answer.text

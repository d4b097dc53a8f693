"""The assistant's composition root: the read side (served index, retrieval, chat) built from one Settings object.

Nothing here runs at import; the CLI and the app factory call these once and pass the results on. The writer side
(index runs, background re-index) is built by indexer/composition.py, the deployment's choices by api/composition.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.answering.answerer import Answerer
from assistant.answering.extractive_answerer import ExtractiveAnswerer
from assistant.answering.extractive_composer import ExtractiveComposer
from assistant.answering.program_mentions import ProgramMentions
from assistant.chat_service import ChatService
from assistant.conversation.location_lookup import LocationLookup
from assistant.conversation.session_store import InMemorySessionStore, SessionStore
from assistant.retrieval.hybrid_retriever import HybridRetriever
from assistant.retrieval.served_index import ServedIndex
from assistant.routing.partner_router import PartnerRouter
from assistant.routing.routing_directory import RoutingDirectory, routing_directory_from
from assistant.settings import Settings
from indexer.catalogue_merge import ServedCatalogue
from indexer.corpus_catalogues import CorpusCatalogues, load_corpus_catalogues
from indexer.embedding_choice import build_embeddings, embedding_model_id
from indexer.embedding_model import SIMILARITY_BANDS, EmbeddingModel
from indexer.generations import open_generations
from indexer.german_analyzer import GermanAnalyzer
from indexer.programme_status import ProgrammesToday


def build_programmes(settings: Settings, served: ServedIndex | None = None,
                     catalogues: CorpusCatalogues | None = None) -> ProgrammesToday:
    """The programme catalog as it stands on each day it is read (status computed against settings.current_date):
    programs.yaml, plus the programmes the served generation lists (the Förderdatenbank export) when `served` is
    given. `catalogues`: the process's catalogues, already loaded (default: read from settings.corpus_dir)."""
    curated = (catalogues or load_corpus_catalogues(settings.corpus_dir)).programmes
    if served is None:
        return ProgrammesToday(curated, settings.current_date, settings.ending_soon_days, settings.stale_after_months)

    def listed() -> dict | None:
        loaded = served.get()
        return loaded.programmes if loaded is not None else None

    return ProgrammesToday(ServedCatalogue(curated, listed), settings.current_date, settings.ending_soon_days,
                           settings.stale_after_months)


@dataclass
class AssistantComponents:
    """Everything a running service needs, built once."""

    settings: Settings
    analyzer: GermanAnalyzer
    embeddings: EmbeddingModel
    served_index: ServedIndex
    retriever: HybridRetriever
    programs: ProgrammesToday
    sessions: SessionStore
    chat: ChatService
    routing: RoutingDirectory | None = None  # gazetteer and partner registry, when the corpus has them


def build_answerer(settings: Settings, extractive: ExtractiveAnswerer) -> Answerer:
    """The extractive answerer, or the LLM with the extractive one as its checked fallback."""
    if settings.answerer != "llm":
        return extractive
    from assistant.llm.llm_answerer import build_llm_answerer  # langchain is only imported when configured

    return build_llm_answerer(settings, extractive)


def build_routing(directory: RoutingDirectory | None) -> tuple[PartnerRouter | None, LocationLookup | None]:
    """The chat's partner router and location lookup on top of the routing directory; none without it."""
    if directory is None:
        return None, None
    from assistant.conversation.gazetteer_location_lookup import GazetteerLocationLookup
    from assistant.conversation.registry_partner_router import RegistryPartnerRouter

    locations = GazetteerLocationLookup(directory.resolver)
    if directory.registry is None:
        return None, locations
    return RegistryPartnerRouter(directory.registry), locations


def build_components(settings: Settings, router: PartnerRouter | None = None,
                     embeddings: EmbeddingModel | None = None,
                     locations: LocationLookup | None = None,
                     sessions: SessionStore | None = None,
                     catalogues: CorpusCatalogues | None = None) -> AssistantComponents:
    """`sessions`: a shared store (the API passes one when several workers serve); default in memory.
    `catalogues`: the corpus catalogues the caller loaded once for its process; default read from settings."""
    catalogues = catalogues or load_corpus_catalogues(settings.corpus_dir)
    analyzer = GermanAnalyzer()
    embeddings = embeddings or build_embeddings(settings)
    served = ServedIndex(open_generations(settings), analyzer.terms, embedding_model=embedding_model_id(settings),
                         embedding_dimension=getattr(embeddings, "dimension", None) or None)
    programs = build_programmes(settings, served, catalogues)
    retriever = HybridRetriever(served, embeddings.embed_query, analyzer.terms, candidate_k=settings.candidate_k,
                                programmes=programs,
                                similarity_band=SIMILARITY_BANDS.get(embeddings.name, (0.0, 1.0)),
                                named_in=ProgramMentions(programs).find)
    if sessions is None:  # not `or`: an empty store is falsy
        sessions = InMemorySessionStore(settings.session_ttl_seconds, settings.max_sessions)
    directory = routing_directory_from(catalogues)
    if router is None and locations is None:
        router, locations = build_routing(directory)
    chat = ChatService(
        retriever=retriever,
        programs=programs,
        answerer=build_answerer(settings, ExtractiveAnswerer(ExtractiveComposer(programs, analyzer.terms))),
        sessions=sessions,
        analyze=analyzer.terms,
        router=router,
        locations=locations,
        k=settings.retrieval_k,
        min_confidence=settings.min_answer_score,
        mask_contact_data=settings.answerer == "llm" and not settings.llm_personal_data,
    )
    chat.add_turn_listener(sessions.on_turn)  # a shared store writes the conversation back after each turn
    return AssistantComponents(settings, analyzer, embeddings, served, retriever, programs, sessions, chat, directory)

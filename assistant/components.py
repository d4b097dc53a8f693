"""Small factories that build every swappable component from one Settings object.

Nothing here runs at import; the CLI and the app factory call these once and pass the results on.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assistant.answering.answerer import Answerer
from assistant.answering.extractive_answerer import ExtractiveAnswerer
from assistant.answering.extractive_composer import ExtractiveComposer
from assistant.answering.program_mentions import ProgramMentions
from assistant.chat_service import ChatService, PartnerRouter
from assistant.conversation.location_lookup import LocationLookup
from assistant.conversation.session_store import InMemorySessionStore, SessionStore
from assistant.retrieval.hybrid_retriever import HybridRetriever
from assistant.retrieval.served_index import ServedIndex
from assistant.routing.routing_directory import RoutingDirectory, routing_directory_from
from assistant.settings import Settings
from indexer.background_reindex import BackgroundReindex
from indexer.catalogue_merge import ServedCatalogue
from indexer.chunker import Chunker
from indexer.corpus_catalogues import CorpusCatalogues, load_corpus_catalogues
from indexer.embedding_model import (
    E5_MODEL_ID,
    MINILM_MODEL_ID,
    SIMILARITY_BANDS,
    EmbeddingModel,
    EmbeddingModelError,
)
from indexer.fault_injection import StopAt
from indexer.generations import IndexGenerations
from indexer.german_analyzer import GermanAnalyzer
from indexer.pipeline import ArrayEmbedder, IndexingPipeline
from indexer.programme_status import ProgrammesToday


def build_analyzer() -> GermanAnalyzer:
    return GermanAnalyzer()


def embedding_model_id(settings: Settings) -> str:
    """The configured embedding model's identity, without loading it. Every generation records the identity of
    the model that embedded it, and is never queried with another (assistant/retrieval/served_index.py)."""
    if settings.embedding_backend == "e5":
        return E5_MODEL_ID
    if settings.embedding_backend == "minilm":
        return MINILM_MODEL_ID
    if settings.embedding_backend == "openai":
        return f"openai:{settings.embedding_model}"
    # The model folder's name: the same model under another folder name counts as another model.
    return Path(settings.embedding_model).name if settings.embedding_model else "sentence-transformers"


def build_embeddings(settings: Settings) -> EmbeddingModel:
    """The configured backend; a missing model, extra or setting is an EmbeddingModelError with what to do."""
    backend = settings.embedding_backend
    if backend == "e5":
        from indexer.e5_embeddings import E5Embeddings

        return E5Embeddings(query_threads=1, batch_threads=settings.embedding_threads)
    if backend == "openai":
        if not settings.embedding_url or not settings.embedding_model:
            raise EmbeddingModelError("NRWA_EMBEDDING_BACKEND=openai needs NRWA_EMBEDDING_URL and NRWA_EMBEDDING_MODEL")
        from indexer.openai_embeddings import OpenAICompatibleEmbeddings

        return OpenAICompatibleEmbeddings(
            settings.embedding_url, settings.embedding_model, settings.embedding_api_key.get_secret_value(),
            query_model=settings.embedding_query_model, query_prefix=settings.embedding_query_prefix,
            passage_prefix=settings.embedding_passage_prefix, batch_size=settings.embedding_batch_size)
    from indexer.embeddings import SentenceTransformerEmbeddings, bundled_minilm_path

    if backend == "sentence-transformers":
        if not settings.embedding_model:
            raise EmbeddingModelError("NRWA_EMBEDDING_MODEL must name a local model folder for this backend")
        return SentenceTransformerEmbeddings(Path(settings.embedding_model), batch_size=settings.embedding_batch_size)
    return SentenceTransformerEmbeddings(bundled_minilm_path(), batch_size=settings.embedding_batch_size,
                                         name=MINILM_MODEL_ID)


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


def build_generations(settings: Settings) -> IndexGenerations:
    return IndexGenerations(settings.index_dir, chroma_url=settings.chroma_url,
                            collection_prefix=settings.collection_prefix, keep=settings.index_keep_generations)


def build_pipeline(settings: Settings, analyzer: GermanAnalyzer | None = None,
                   embedder: ArrayEmbedder | None = None,
                   sentence_embedder: ArrayEmbedder | None = None) -> IndexingPipeline:
    """`embedder`: a model already loaded (tests share one); by default a run loads its own, only when something
    changed. `sentence_embedder`: the same model for the sentence vectors, when a caller counts the chunk
    embeddings apart (default: `embedder`)."""
    analyzer = analyzer or build_analyzer()
    parts = dict(
        generations=build_generations(settings),
        corpus_dir=settings.corpus_dir,
        embedder_factory=(lambda: embedder) if embedder is not None else (lambda: build_embeddings(settings)),
        chunker=Chunker(settings.chunk_size, settings.chunk_overlap),
        analyze=analyzer.terms,
        batch_size=settings.embedding_batch_size,
        user_agent=settings.crawler_user_agent,
        embedding_model=embedding_model_id(settings),
        stop_at=StopAt.parse(settings.test_stop_at),
        sentence_embedder_factory=(lambda: sentence_embedder) if sentence_embedder is not None else None,
    )
    if (settings.database_url or "").startswith("postgresql"):  # runs on several machines never overlap
        from indexer.cluster_lock import ClusterLockedPipeline

        return ClusterLockedPipeline(str(settings.database_url), settings.collection_prefix, **parts)
    return IndexingPipeline(**parts)


def build_background_reindex(settings: Settings, analyzer: GermanAnalyzer | None = None) -> BackgroundReindex:
    """POST /api/admin/reindex: the CLI's run on a background thread (its own model instance, loaded only when
    something changed, so chat requests never share a tokenizer with the indexer)."""
    return BackgroundReindex(build_generations(settings), settings.resolved_sources_file(), settings.corpus_dir,
                             lambda: build_pipeline(settings, analyzer))


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
    analyzer = build_analyzer()
    embeddings = embeddings or build_embeddings(settings)
    served = ServedIndex(build_generations(settings), analyzer.terms, embedding_model=embedding_model_id(settings),
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
    )
    chat.add_turn_listener(sessions.on_turn)  # a shared store writes the conversation back after each turn
    return AssistantComponents(settings, analyzer, embeddings, served, retriever, programs, sessions, chat, directory)

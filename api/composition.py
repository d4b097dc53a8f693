"""The API's share of composing the service: what only the deployment knows. Runs on several machines share one
index only through PostgreSQL app data, so the API chooses the cluster lock; the indexer builds the rest itself."""

from __future__ import annotations

from assistant.settings import Settings
from indexer.background_reindex import BackgroundReindex
from indexer.composition import build_background_reindex, build_pipeline
from indexer.german_analyzer import GermanAnalyzer
from indexer.pipeline import IndexingPipeline


def cluster_lock_url(settings: Settings) -> str | None:
    """The PostgreSQL URL whose advisory lock keeps index runs on several machines apart; None on one machine."""
    url = settings.database_url or ""
    return url if url.startswith("postgresql") else None


def build_index_pipeline(settings: Settings) -> IndexingPipeline:
    """`nrw-assistant index` (and `demo`): one run, under the cluster lock when machines share the index."""
    return build_pipeline(settings, cluster_lock_url=cluster_lock_url(settings))


def build_index_background(settings: Settings, analyzer: GermanAnalyzer | None = None) -> BackgroundReindex:
    """POST /api/admin/reindex: the same run on a background thread of the server."""
    return build_background_reindex(settings, analyzer, cluster_lock_url=cluster_lock_url(settings))

"""German labels for what the counters store as ids: topic and sector slugs, programme and partner ids, intents,
latency classes. Names come from the corpus (programs.yaml, partners.yaml); an unknown id is shown as it is."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from api.insights.turn_facts import OVER_ALL_BOUNDS
from assistant.answering.phrases import label
from indexer.catalog import CatalogError
from indexer.corpus_catalogues import CorpusCatalogues
from indexer.partner_catalogue import PartnerDataError

logger = logging.getLogger("nrwa.insights")

METRIC_LABELS = {
    "questions": "Fragen", "intent": "Art der Anfrage", "topic": "Thema", "sector": "Branche", "kreis": "Kreis",
    "regierungsbezirk": "Regierungsbezirk", "programme": "empfohlenes Programm", "partner": "empfohlener Partner",
    "unanswered": "ohne gute Antwort", "latency": "Antwortzeit", "rating": "Bewertung",
    "handoff_pending": "Übergabe offen", "handoff_delivered": "Übergabe zugestellt",
    "handoff_failed": "Übergabe gescheitert",
}
_NOT_STATED = {"topic": "ohne erkanntes Thema", "sector": "ohne Branchenangabe", "kreis": "ohne Ortsangabe",
               "regierungsbezirk": "ohne Ortsangabe", "questions": "alle", "unanswered": "alle"}
_ITEMS = {
    "intent": {"programme_search": "Programmsuche", "named_programme": "Frage zu einem Programm",
               "partner_contact": "Ansprechpartner gesucht", "network": "Frage zum Netzwerk",
               "question": "Sachfrage", "small_talk": "Begrüßung, Dank", "out_of_scope": "außerhalb des Themas"},
    "unanswered": {"weak": "keine passende Quelle", "declined": "ohne gesicherte Antwort"},
    "rating": {"up": "hilfreich", "down": "nicht hilfreich"},
}


class DisplayNames:
    def __init__(self, programmes: Mapping[str, str], partners: Mapping[str, str]) -> None:
        """id → name of the programmes and of the partners."""
        self._programmes = programmes
        self._partners = partners

    def label(self, metric: str, key: str) -> str:
        if not key:
            return _NOT_STATED.get(metric, "ohne Angabe")
        if metric in ("topic", "sector"):
            return label("de", key)
        if metric == "programme":
            return self._programmes.get(key, key)
        if metric == "partner" or metric.startswith("handoff_"):
            return self._partners.get(key, key)
        if metric == "latency":
            return "über 15 s" if key == OVER_ALL_BOUNDS else f"bis {int(key) / 1000:g} s".replace(".", ",")
        return _ITEMS.get(metric, {}).get(key, key)


def display_names_from(catalogues: CorpusCatalogues) -> DisplayNames:
    """Labels from the corpus catalogues; a broken catalog costs only the names (the ids are shown instead)."""
    try:
        programmes = {p.id: p.name for p in catalogues.programmes.values()}
    except CatalogError as exc:
        logger.warning("programme names unavailable for statistics: %s", exc)
        programmes = {}
    try:
        entries = catalogues.partners
        partners = entries.names() if entries is not None else {}
    except PartnerDataError as exc:
        logger.warning("partner names unavailable for statistics: %s", exc)
        partners = {}
    return DisplayNames(programmes, partners)

"""Server-side time to the first `delta` of a chat answer, with the configured answerer, on the bundled corpus.

The corpus is indexed into a temporary folder first. The turns are ~200 varied questions in multi-turn
conversations (openers, follow-ups, corrections, contact questions, named programmes, English, small talk),
run through the same streaming path as POST /api/chat with Accept: text/event-stream.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from assistant.chat_service import ChatDelta, ChatFinal, ChatService
from assistant.components import build_components
from assistant.settings import Settings
from indexer.composition import build_pipeline
from indexer.source_registry import load_sources

_TRADES = [("Schreinerei", "Auftragsplanung digitalisieren"), ("Bäckerei", "eine neue Kasse mit KI-Prognose"),
           ("Elektrobetrieb", "unsere Energieeffizienz verbessern"), ("Maschinenbaufirma", "ein Forschungsprojekt"),
           ("Softwarefirma", "nach Frankreich exportieren"), ("Metzgerei", "eine Photovoltaikanlage bauen"),
           ("Onlinehandel", "unseren Shop automatisieren"), ("Ingenieurbüro", "IT-Sicherheit verbessern")]
_PLACES = ["Herford", "Detmold", "Köln", "Bielefeld", "Münster", "Dortmund", "Aachen", "Witten", "Siegen", "Neuss",
           "Wesel", "Paderborn", "Essen", "Bonn", "Lippstadt", "Gütersloh"]
_TOPICS = ["Digitalisierung", "künstliche Intelligenz", "Energieeffizienz", "Forschung und Entwicklung", "Export",
           "eine Gründung", "IT-Sicherheit", "Fachkräfte", "EU-Förderung", "eine neue Maschine"]
_FOLLOW_UPS = ["und für KI?", "wen kann ich da anrufen?", "wie hoch ist die Förderung?", "Gibt es auch Kredite dafür?",
               "nein, wir sitzen in {place}", "und was ist mit Energie?", "Danke!", "Wer kann das beantragen?"]
_ENGLISH = ["Is there a grant for artificial intelligence for a small company?",
            "We are a bakery in Cologne and want to digitise our ordering – any funding?",
            "Who can I call about EU funding?", "Can I still apply for go-digital?"]


def conversations(program_names: list[str]) -> list[list[str]]:
    """Deterministic, varied conversations of one to five turns (about 200 turns in all)."""
    sessions: list[list[str]] = []
    for i in range(24):
        trade, project = _TRADES[i % len(_TRADES)]
        place = _PLACES[i % len(_PLACES)]
        opener = f"Wir sind eine {trade} mit {5 + 7 * i} Leuten in {place} und wollen {project} – gibt es da was?"
        follow = [_FOLLOW_UPS[(i + k) % len(_FOLLOW_UPS)].format(place=_PLACES[(i + 5) % len(_PLACES)])
                  for k in range(4)]
        sessions.append([opener, *follow])
    for i, topic in enumerate(_TOPICS * 2):
        sessions.append([f"Welche Förderung gibt es für {topic} im Handwerk?" if i % 2 else
                         f"Gibt es Zuschüsse für {topic}?", _FOLLOW_UPS[i % len(_FOLLOW_UPS)].format(place="Bonn")])
    for name in program_names[:24]:
        sessions.append([f"Kann ich noch {name} beantragen?", "und wie hoch ist die Förderung?"])
    sessions += [[q, "and who can I contact in Bielefeld?"] for q in _ENGLISH]
    sessions += [["Hallo!", "Wir sind ein Handwerksbetrieb in Unna und suchen Förderung für Digitalisierung"],
                 ["Wie backe ich einen Marmorkuchen?"], ["Wen kann ich anrufen?", "Herford", "Handwerk"]]
    return sessions


async def _measure(chat: ChatService, sessions: list[list[str]]) -> tuple[list[float], list[float]]:
    first_delta: list[float] = []
    total: list[float] = []
    for turns in sessions:
        session_id: str | None = None
        for message in turns:
            started = time.perf_counter()
            first: float | None = None
            async for event in chat.astream(message, session_id):
                if isinstance(event, ChatDelta) and first is None:
                    first = time.perf_counter() - started
                elif isinstance(event, ChatFinal):
                    session_id = event.reply.session_id
            total.append((time.perf_counter() - started) * 1000)
            if first is not None:
                first_delta.append(first * 1000)
    return first_delta, total


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _summary(values: list[float]) -> dict[str, float]:
    return {"p50_ms": round(statistics.median(values), 1), "p95_ms": round(_percentile(values, 0.95), 1),
            "max_ms": round(max(values), 1)}


def run(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="nrwa-chat-bench-") as tmp:
        local = settings.model_copy(update={"data_dir": Path(tmp)})
        build_pipeline(local).run(load_sources(local.resolved_sources_file()))
        components = build_components(local)
        names = [p.name for p in components.programs.values()]
        sessions = conversations(names)
        if getattr(args, "quick", False):
            sessions = sessions[::4]
        asyncio.run(_measure(components.chat, sessions[:3]))  # warm-up: model, caches, first Chroma queries
        first_delta, total = asyncio.run(_measure(components.chat, sessions))
    return {
        "answerer": settings.answerer,
        "turns": len(total),
        "conversations": len(sessions),
        "time_to_first_delta": _summary(first_delta),
        "time_to_final": _summary(total),
        "target_p95_first_delta_ms": 150,
        "note": "server side, in process, through ChatService.astream (the path of POST /api/chat with SSE)",
    }

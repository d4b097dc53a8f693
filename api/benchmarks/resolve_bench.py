"""Micro-benchmark of LocationResolver.resolve on typical chat sentences (used by `nrw-assistant bench`)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Sequence

from assistant.routing.location_resolver import LocationResolver
from assistant.routing.routing_directory import load_routing_directory
from assistant.settings import Settings

TYPICAL_SENTENCES: tuple[str, ...] = (
    "Wir sind eine Schreinerei mit 12 Leuten in Herford und wollen unsere Auftragsplanung digitalisieren.",
    "Gibt es Förderung für KI in Lippstadt?",
    "Metallbau GmbH in Witten sucht Unterstützung bei der Finanzierung einer neuen Halle.",
    "Ich habe eine Frage zur Förderung von Digitalisierungsprojekten.",
    "Unser Betrieb sitzt in 33602 Bielefeld.",
    "Wir sind ein Startup aus Muenster und suchen Kapital.",
    "Welche Kammer ist für den Kreis Soest zuständig?",
    "Handwerksbetrieb im Rhein-Sieg-Kreis, wir planen eine Photovoltaikanlage.",
    "Wir sitzen in Lipstadt und brauchen Beratung zur EU-Förderung.",
    "Welche Programme gibt es im Münsterland für Innovationsprojekte mit Hochschulen?",
    "nein, wir sitzen in Detmold, nicht Bielefeld",
    "Wir entwickeln mit der Hochschule Hamm-Lippstadt einen Prototyp.",
    "Unsere PLZ ist 58511.",
    "Wir haben Standorte in Aachen und Düren.",
)


def bench_resolve(
    resolver: LocationResolver, n: int = 2000, texts: Sequence[str] = TYPICAL_SENTENCES
) -> dict[str, float]:
    """Times n resolve calls over the sample sentences; returns n, p50_ms, p95_ms and max_ms."""
    for text in texts:  # warm-up: first calls pay for lazy interpreter work
        resolver.resolve(text)
    timings: list[float] = []
    for i in range(n):
        text = texts[i % len(texts)]
        started = time.perf_counter()
        resolver.resolve(text)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    p95_index = min(len(timings) - 1, round(0.95 * (len(timings) - 1)))
    return {
        "n": float(n),
        "p50_ms": round(statistics.median(timings), 4),
        "p95_ms": round(timings[p95_index], 4),
        "max_ms": round(timings[-1], 4),
    }


def run(settings: Settings, args: object) -> dict[str, object]:
    """The `nrw-assistant bench` entry: resolve latency over the bundled gazetteer and partners, as the chat and
    the API resolve (issue: p95 under 1 ms)."""
    directory = load_routing_directory(settings.corpus_dir)
    if directory is None:
        raise ValueError(f"{settings.corpus_dir} has no gazetteer folder")
    resolver = directory.resolver
    result: dict[str, object] = dict(bench_resolve(resolver, n=500 if getattr(args, "quick", False) else 5000))
    result["target_p95_ms"] = 1.0
    return result

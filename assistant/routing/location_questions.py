"""The German clarifying questions the resolver attaches when it cannot decide on its own."""

from __future__ import annotations


def join_german(items: list[str], conjunction: str = "und") -> str:
    """ "A", "A und B", "A, B und C"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {conjunction} " + items[-1]


def shared_plz_question(plz: str, labels: list[str]) -> str:
    return (
        f"Die Postleitzahl {plz} gehört zu mehreren Orten: {join_german(labels)}. "
        "In welchem Ort sitzt Ihr Unternehmen?"
    )


def typo_question(labels: list[str]) -> str:
    return f"Meinten Sie {join_german(labels, 'oder')}?"


def several_places_question(labels: list[str]) -> str:
    return (
        f"Sie haben mehrere Orte genannt: {join_german(labels)}. "
        "Für welchen Standort suchen Sie Unterstützung?"
    )


def unknown_plz_question(plz: str) -> str:
    return (
        f"Die Postleitzahl {plz} finde ich nicht in meinem Verzeichnis. "
        "In welcher Stadt oder Gemeinde sitzt Ihr Unternehmen?"
    )

"""German sentences that tell the user why a partner is suggested."""

from __future__ import annotations

from assistant.routing.location_questions import join_german

LOCATION_NEEDED_QUESTION = (
    "In welcher Stadt oder Gemeinde sitzt Ihr Unternehmen? Dann nenne ich Ihnen die "
    "zuständige Kammer und die regionale Wirtschaftsförderung."
)

_CHAMBER = {"ihk": "IHK", "hwk": "Handwerkskammer"}

# What each statewide body is suggested for; the Hausbank sentence is the rule for NRW.BANK and KfW loans.
STATEWIDE_REASONS: dict[str, str] = {
    "nrw-bank-service-center": "Landesweite Förderbank: erste Orientierung zu Förderprogrammen im "
    "Service-Center.",
    "nrw-europa": "Landesweite Beratung zu EU-Förderung (z. B. Horizon Europe), Internationalisierung und "
    "Partnersuche im Enterprise Europe Network.",
    "innovation2business-nrw": "Vermittelt kostenfrei Expertise an NRW-Hochschulen für Forschungs- und "
    "Innovationsprojekte.",
    "mittelstand-digital-ruhr-owl": "Kostenfreie Unterstützung bei Digitalisierung und KI für den "
    "Mittelstand (Information, Demonstratoren, Qualifizierung).",
    "mittelstand-digital-handwerk": "Kostenfreie Unterstützung bei Digitalisierung und KI speziell für "
    "Handwerksbetriebe.",
    "ki-nrw": "Kompetenzplattform für Künstliche Intelligenz in NRW (Fraunhofer IAIS): KI-Transfer in die "
    "Praxis.",
    "startercenter-nrw": "Anlaufstelle für Gründungen: Gründungsberatung, Gründungsstipendium.NRW und "
    "Beratungsprogramm Wirtschaft.",
}
FINANCING_REASON = (
    "Erste Orientierung zu Förderkrediten im NRW.BANK Service-Center. Kredite der NRW.BANK und "
    "der KfW beantragen Sie über Ihre Hausbank."
)
FOUNDING_SUFFIX = "; Gründungsberatung u. a. im Startercenter NRW"


def chamber_reason(partner_type: str, place: str, founding: bool) -> str:
    reason = f"Zuständige {_CHAMBER[partner_type]} für {place}"
    return reason + (FOUNDING_SUFFIX if founding else "")


def partial_chamber_reason(partner_type: str, area: str, gemeinden: list[str]) -> str:
    return (
        f"{_CHAMBER[partner_type]} für {join_german(gemeinden)} im Gebiet {area}; "
        "welche Kammer zuständig ist, hängt von Ihrer Stadt oder Gemeinde ab"
    )


def agency_reason(region: str, place: str | None) -> str:
    if place:
        return f"Regionale Wirtschaftsförderung der Region {region}, zu der {place} gehört"
    return f"Regionale Wirtschaftsförderung der Region {region}"


def wirtschaftsfoerderung_reason(place: str) -> str:
    return f"Kommunale Wirtschaftsförderung für {place}: erste Anlaufstelle vor Ort"


def statewide_reason(partner_id: str, partner_name: str, financing: bool) -> str:
    if financing and partner_id == "nrw-bank-service-center":
        return FINANCING_REASON
    return STATEWIDE_REASONS.get(partner_id, f"Landesweiter Ansprechpartner: {partner_name}.")

"""Why a partner is suggested, in English. The routing package words its reasons in German; for English
conversations the same facts (chamber, Wirtschaftsförderung, agency, statewide specialist) are said again here."""

from __future__ import annotations

from assistant.routing.partner_ranking import RankedPartner

_CHAMBER = {"ihk": "Chamber of Industry and Commerce (IHK)", "hwk": "Chamber of Crafts (Handwerkskammer)"}
_STATEWIDE = {
    "nrw-bank-service-center": "The state development bank's service centre: first orientation on funding. "
                               "NRW.BANK and KfW loans are applied for through your own bank.",
    "nrw-europa": "Statewide advice on EU funding (e.g. Horizon Europe), internationalisation and partner search "
                  "(Enterprise Europe Network).",
    "innovation2business-nrw": "Free matchmaking with expertise at NRW universities for research and innovation.",
    "mittelstand-digital-ruhr-owl": "Free support on digitalisation and AI for SMEs.",
    "mittelstand-digital-handwerk": "Free support on digitalisation and AI for craft businesses.",
    "ki-nrw": "NRW's competence platform for artificial intelligence (Fraunhofer IAIS).",
    "startercenter-nrw": "First stop for founders: founding advice, Gründungsstipendium.NRW and BPW.",
}


def english_reason(ranked: RankedPartner, place: str | None) -> str:
    partner = ranked.partner
    where = f" for {place}" if place else ""
    if partner.type in _CHAMBER:
        if ranked.location_needed:
            return f"{_CHAMBER[partner.type]}{where}; which chamber is responsible depends on your town"
        return f"Responsible {_CHAMBER[partner.type]}{where}"
    if partner.type == "wirtschaftsfoerderung":
        return f"Local business development agency (Wirtschaftsförderung){where}: a first contact on site"
    if partner.type == "regional_agency":
        return f"Regional business development of the {partner.region or partner.name} region"
    return _STATEWIDE.get(partner.id, f"Statewide contact: {partner.name}.")

"""The export's classifiers (Förderart, Förderbereich, Förderberechtigte, Fördergebiet, Fördergeber,
Unternehmensgröße, Branchen) as the German labels the Förderdatenbank shows, and mapped into this project's facets.

Labels are the Förderdatenbank's own (its filter lists); a code without a known label is shown as the code reads.
The facet slugs are the ones programs.yaml and the chat's vocabulary use (topics: energie, gruendung …; target groups:
kmu, handwerk, gruender …), so the advisor page's facets and the chat's filters work on both sources alike. A
Förderbereich without a counterpart gets a slug of its own (gesundheit-soziales …), never a wrong one.
"""

from __future__ import annotations

from dataclasses import dataclass

from indexer.catalog import Eligibility

LABELS: dict[str, dict[str, str]] = {
    "Foerderart": {"beteiligung": "Beteiligung", "buergschaft": "Bürgschaft", "darlehen": "Darlehen",
                   "garantie": "Garantie", "sonstige": "Sonstige", "zuschuss": "Zuschuss"},
    "Foerderberechtigte": {
        "bildungseinrichtung": "Bildungseinrichtung", "existenzgruenderin": "Existenzgründer/in",
        "forschungseinrichtung": "Forschungseinrichtung", "hochschule": "Hochschule", "kommune": "Kommune",
        "oeffentliche_einrichtung": "Öffentliche Einrichtung", "privatperson": "Privatperson",
        "unternehmen": "Unternehmen", "verband_vereinigung": "Verband/Vereinigung"},
    "Foerderbereich": {
        "arbeit": "Arbeit", "aus_weiterbildung": "Aus- & Weiterbildung", "aussenwirtschaft": "Außenwirtschaft",
        "beratung": "Beratung", "corona": "Corona-Hilfe", "digitalisierung": "Digitalisierung",
        "energieeffizienz_erneuerbare_energien": "Energieeffizienz & Erneuerbare Energien",
        "existenzgruendung_festigung": "Existenzgründung & -festigung",
        "forschung_innovation_themenoffen": "Forschung & Innovation (themenoffen)",
        "forschung_innovation_themenspezifisch": "Forschung & Innovation (themenspezifisch)",
        "frauenfoerderung": "Frauenförderung", "gesundheit_soziales": "Gesundheit & Soziales",
        "infrastruktur": "Infrastruktur", "kultur_medien_sport": "Kultur, Medien & Sport",
        "landwirtschaft_laendliche_entwicklung": "Landwirtschaft & Ländliche Entwicklung",
        "messen_ausstellungen": "Messen & Ausstellungen", "mobilitaet": "Mobilität",
        "regionalfoerderung": "Regionalförderung", "smart_cities_regionen": "Smart Cities & Regionen",
        "staedtebau_stadterneuerung": "Städtebau & Stadterneuerung", "umwelt_naturschutz": "Umwelt- & Naturschutz",
        "unternehmensfinanzierung": "Unternehmensfinanzierung",
        "wohnungsbau_modernisierung": "Wohnungsbau & -modernisierung"},
    "Foerdergeber": {"bund": "Bund", "eu": "EU", "land": "Land"},
    "Foerdergebiet": {
        "bundesweit": "bundesweit", "baden_wuerttemberg": "Baden-Württemberg", "bayern": "Bayern",
        "berlin": "Berlin", "brandenburg": "Brandenburg", "bremen": "Bremen", "de_ni": "Niedersachsen",
        "de_st": "Sachsen-Anhalt", "hamburg": "Hamburg", "hessen": "Hessen",
        "mecklenburg_vorpommern": "Mecklenburg-Vorpommern", "nordrhein_westfalen": "Nordrhein-Westfalen",
        "rheinland_pfalz": "Rheinland-Pfalz", "saarland": "Saarland", "sachsen": "Sachsen",
        "schlesig_holstein": "Schleswig-Holstein", "sonstige": "Sonstige", "thueringen": "Thüringen"},
    "Unternehmensgroesse": {
        "grosses_unternehmen": "Großes Unternehmen", "kleines_unternehmen": "Kleines Unternehmen",
        "kleinstunternehmen": "Kleinstunternehmen", "mittleres_unternehmen": "Mittleres Unternehmen"},
    "Branchen": {"dienstleistungen": "Dienstleistungen", "freie_berufe": "Freie Berufe",
                 "gastgewerbe_tourismus": "Gastgewerbe/Tourismus", "handel": "Handel", "handwerk": "Handwerk",
                 "kultur_kreativwirtschaft": "Kultur- & Kreativwirtschaft",
                 "land_forst_fischwirtschaft": "Land-, Forst- & Fischwirtschaft",
                 "produzierendes_gewerbe": "Produzierendes Gewerbe"},
}
# Lines of the "Steckbrief" section, in the order the Förderdatenbank shows them.
FACT_LINES = (("Foerderart", "Förderart"), ("Foerderbereich", "Förderbereich"), ("Foerdergebiet", "Fördergebiet"),
              ("Foerderberechtigte", "Förderberechtigte"), ("Foerdergeber", "Fördergeber"),
              ("Unternehmensgroesse", "Unternehmensgröße"), ("Branchen", "Branche"))

_TOPICS: dict[str, tuple[str, ...]] = {
    "arbeit": ("fachkraefte",), "aus_weiterbildung": ("fachkraefte",), "aussenwirtschaft": ("international",),
    "beratung": ("beratung",), "corona": ("corona-hilfe",), "digitalisierung": ("digitalisierung",),
    "energieeffizienz_erneuerbare_energien": ("energie",), "existenzgruendung_festigung": ("gruendung",),
    "forschung_innovation_themenoffen": ("innovation", "fue"),
    "forschung_innovation_themenspezifisch": ("fue", "innovation"), "frauenfoerderung": ("frauenfoerderung",),
    "gesundheit_soziales": ("gesundheit-soziales",), "infrastruktur": ("infrastruktur",),
    "kultur_medien_sport": ("kultur-medien-sport",), "landwirtschaft_laendliche_entwicklung": ("landwirtschaft",),
    "messen_ausstellungen": ("international",), "mobilitaet": ("mobilitaet",),
    "regionalfoerderung": ("regionalfoerderung",), "smart_cities_regionen": ("smart-cities",),
    "staedtebau_stadterneuerung": ("staedtebau",), "umwelt_naturschutz": ("umwelt",),
    "unternehmensfinanzierung": ("finanzierung",), "wohnungsbau_modernisierung": ("wohnungsbau",),
}
# Sub-areas (UF_*) that say the money is for investments: the chat's "investition" topic.
_INVESTMENT_SUBAREAS = frozenset({"betriebliche_investitionen", "betriebliche_private_investitionen",
                                  "gruendungsinvestitionen", "festigungsinvestitionen"})
_ELIGIBLE: dict[str, tuple[str, ...]] = {
    "existenzgruenderin": ("gruender",), "hochschule": ("hochschule",), "forschungseinrichtung": ("forschung",),
    "bildungseinrichtung": ("bildungseinrichtung",), "kommune": ("kommune",),
    "oeffentliche_einrichtung": ("oeffentliche-einrichtung",), "privatperson": ("privatperson",),
    "verband_vereinigung": ("verbaende",),
}
_SECTORS: dict[str, str] = {"handwerk": "handwerk", "handel": "handel", "dienstleistungen": "dienstleistung",
                            "produzierendes_gewerbe": "industrie", "freie_berufe": "freie-berufe",
                            "gastgewerbe_tourismus": "gastgewerbe", "kultur_kreativwirtschaft": "kreativwirtschaft",
                            "land_forst_fischwirtschaft": "landwirtschaft"}
_SIZES = {"kleinstunternehmen": "kleinst", "kleines_unternehmen": "klein", "mittleres_unternehmen": "mittel",
          "grosses_unternehmen": "gross"}
_RECIPIENTS = (("unternehmen", "company"), ("existenzgruenderin", "founder"), ("hochschule", "hochschule"),
               ("forschungseinrichtung", "research_institution"), ("kommune", "municipality"),
               ("privatperson", "person"), ("verband_vereinigung", "network"))
_LEVELS = {"bund": "Bund", "land": "Land", "eu": "EU"}


def label(group: str, code: str) -> str:
    return LABELS.get(group, {}).get(code) or code.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Facets:
    funding_type: str  # "Zuschuss", or several: "Bürgschaft, Darlehen"
    topics: tuple[str, ...]
    target_groups: tuple[str, ...]
    level: str  # EU, Bund, Land, NRW.BANK
    region: str  # NRW or Deutschland (or the Länder named)
    eligibility: Eligibility


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def facets(categories: dict[str, list[str]], provider: str) -> Facets:
    """The programme's facets from its category values (GsbDocument.categories) and its provider's name."""
    kinds = [label("Foerderart", c) for c in categories.get("Foerderart", [])]
    topics = [t for code in categories.get("Foerderbereich", []) for t in _TOPICS.get(code, (code.replace("_", "-"),))]
    subareas = {code for group, codes in categories.items() if group.startswith("UF_") for code in codes}
    if subareas & _INVESTMENT_SUBAREAS:
        topics.append("investition")

    eligible = categories.get("Foerderberechtigte", [])
    sizes = [_SIZES[s] for s in categories.get("Unternehmensgroesse", []) if s in _SIZES]
    groups: list[str] = []
    if "unternehmen" in eligible:
        if not sizes or set(sizes) == set(_SIZES.values()):
            groups += ["alle-unternehmen", "kmu", "kleinstunternehmen", "grossunternehmen"]
        else:
            groups += ["kmu"] if set(sizes) & {"kleinst", "klein", "mittel"} else []
            groups += ["kleinstunternehmen"] if "kleinst" in sizes else []
            groups += ["grossunternehmen"] if "gross" in sizes else []
    for code in eligible:
        groups += _ELIGIBLE.get(code, ())
    branches = categories.get("Branchen", [])
    if branches and len(set(branches)) < len(_SECTORS):  # every branch listed says nothing about the branch
        groups += [_SECTORS[b] for b in branches if b in _SECTORS]

    funders = categories.get("Foerdergeber", [])
    level = next((_LEVELS[f] for f in ("eu", "bund", "land") if f in funders), "Bund")
    if "NRW.BANK" in provider:
        level = "NRW.BANK"
    areas = categories.get("Foerdergebiet", [])
    if "nordrhein_westfalen" in areas:
        region = "NRW"
    elif "bundesweit" in areas or not areas:
        region = "Deutschland"
    else:
        region = ", ".join(label("Foerdergebiet", a) for a in areas)

    restricted = sorted(set(sizes), key=list(_SIZES.values()).index) if sizes and set(sizes) != set(_SIZES.values()) \
        else []
    recipient = next((r for code, r in _RECIPIENTS if code in eligible), "company")
    return Facets(
        funding_type=", ".join(kinds) or "Sonstige",
        topics=_unique(topics),
        target_groups=_unique(groups),
        level=level,
        region=region,
        eligibility=Eligibility(recipient=recipient, sizes=tuple(restricted)),
    )

"""Whether a company can use a programme at all, from the eligibility rules the catalog records
(programs.yaml `eligibility`) and what the conversation knows about the company. A programme the company is plainly
not eligible for is not recommended; the answer may name it with the reason ("EXIST: nur für Gründungen aus
Hochschulen und Forschungseinrichtungen").

Only what is known counts: an unknown fact (is the founder from a Hochschule?) never excludes a programme.
"""

from __future__ import annotations

from assistant.answering.program_fit import FitProfile
from indexer.catalog import Program

_SME_SIZES = frozenset({"kmu", "kleinst", "klein", "mittel"})
_SME_GROUPS = frozenset({"kmu", "kleinstunternehmen", "mittelstand"})
# Recipients a company itself cannot be: the money goes to someone else (or someone else applies).
_OTHER_RECIPIENTS = frozenset({"research_association", "research_institution", "hochschule", "municipality",
                               "network"})

_REASONS = {
    "de": {
        "research": "nur für Gründungen aus Hochschulen und Forschungseinrichtungen",
        "project": "fördert {kinds} nicht",
        "sector": "nur für {sectors}",
        "size": "nur für kleine und mittlere Unternehmen",
        "age_min": "erst für Unternehmen, die mindestens {years} Jahre am Markt sind",
        "age_max": "nur für Unternehmen, die höchstens {years} Jahre am Markt sind",
        "investor": "der Zuschuss geht an private Investoren (Business Angels), nicht an Ihr Unternehmen",
        "recipient": "Antragsteller sind {who}, nicht Unternehmen",
        "founders": "nur für Gründungen und junge Unternehmen",
        "nrw": "nur für Unternehmen mit Sitz oder Vorhaben in NRW",
        "employees": "nur für Unternehmen mit höchstens {n} Beschäftigten",
        "topics": "fördert nur Vorhaben zu {topics}",
    },
    "en": {
        "research": "only for founders from a Hochschule or research institute",
        "project": "does not fund {kinds}",
        "sector": "only for {sectors}",
        "size": "only for small and medium-sized companies",
        "age_min": "only for companies at least {years} years on the market",
        "age_max": "only for companies at most {years} years on the market",
        "investor": "the grant goes to private investors (business angels), not to your company",
        "recipient": "applicants are {who}, not companies",
        "founders": "only for founders and young companies",
        "nrw": "only for companies or projects in NRW",
        "employees": "only for companies with at most {n} employees",
        "topics": "only funds projects on {topics}",
    },
}
_PROJECT_LABELS = {
    "de": {"standard_software": "Standardsoftware", "hardware": "reine Hardware", "refinancing": "Umschuldungen",
           "restructuring": "Sanierungen", "started_project": "bereits begonnene Vorhaben"},
    "en": {"standard_software": "standard software", "hardware": "plain hardware", "refinancing": "refinancing",
           "restructuring": "restructuring", "started_project": "projects already started"},
}
_RECIPIENT_LABELS = {
    "de": {"research_association": "Forschungsvereinigungen", "research_institution": "Forschungseinrichtungen",
           "hochschule": "Hochschulen", "municipality": "Kommunen", "network": "Netzwerke und Einrichtungen"},
    "en": {"research_association": "research associations", "research_institution": "research institutes",
           "hochschule": "Hochschulen", "municipality": "municipalities", "network": "networks and institutions"},
}
_SECTOR_LABELS = {"de": {"handwerk": "Handwerksbetriebe"}, "en": {"handwerk": "craft businesses (Handwerk)"}}
_YEARS_FOR_FOUNDERS = 0.0  # a company being founded has been on the market for no years
_ESTABLISHED_STAFF = 10  # a firm that names this many employees and is not being founded is established
_ESTABLISHED_YEARS = 5
_TOPIC_LABELS = {"de": {"ki": "KI, Data Mining, Echtzeitverarbeitung oder AR/VR", "energie": "Energie und Klima",
                        "fue": "Forschung und Entwicklung", "international": "Export und Auslandsmärkte"},
                 "en": {"ki": "AI, data mining, real-time processing or AR/VR", "energie": "energy and climate",
                        "fue": "research and development", "international": "export and foreign markets"}}


def misfits(program: Program, profile: FitProfile, locale: str = "de", named: bool = False) -> list[str]:
    """Why the company cannot use the programme, as short phrases; empty when nothing known speaks against it.
    `named`: the user asked about this programme by name, so the project's topics may only echo its name."""
    rules = program.eligibility
    text = _REASONS.get(locale, _REASONS["de"])
    reasons: list[str] = []
    if rules.founders_from_research and profile.from_research is False:
        reasons.append(text["research"])
    excluded = [k for k in rules.excluded_projects if k in profile.project_kinds]
    if excluded:
        labels = _PROJECT_LABELS.get(locale, _PROJECT_LABELS["de"])
        reasons.append(text["project"].format(kinds=", ".join(labels.get(k, k) for k in excluded)))
    if rules.sectors_only and profile.sector and profile.sector not in rules.sectors_only:
        labels = _SECTOR_LABELS.get(locale, _SECTOR_LABELS["de"])
        reasons.append(text["sector"].format(sectors=", ".join(labels.get(s, s) for s in rules.sectors_only)))
    sme_only = (rules.sizes and set(rules.sizes) <= _SME_SIZES) or \
        (program.target_groups and set(program.target_groups) <= _SME_GROUPS)
    if profile.large and sme_only:
        reasons.append(text["size"])
    age = _YEARS_FOR_FOUNDERS if profile.founding else profile.company_age_years
    if age is not None and rules.company_age_min_years and age < rules.company_age_min_years:
        reasons.append(text["age_min"].format(years=_years(rules.company_age_min_years)))
    if age is not None and rules.company_age_max_years is not None and age > rules.company_age_max_years:
        reasons.append(text["age_max"].format(years=_years(rules.company_age_max_years)))
    if rules.recipient == "investor" and not profile.investor and "beteiligung" not in profile.funding_kinds:
        reasons.append(text["investor"])
    if rules.max_employees is not None and profile.employees is not None and profile.employees > rules.max_employees:
        reasons.append(text["employees"].format(n=rules.max_employees))
    if rules.requires_topics and profile.topics and not named and not set(rules.requires_topics) & set(profile.topics):
        labels = _TOPIC_LABELS.get(locale, _TOPIC_LABELS["de"])
        reasons.append(text["topics"].format(topics=", ".join(labels.get(t, t) for t in rules.requires_topics)))
    if profile.outside_nrw and program.region == "NRW":
        reasons.append(text["nrw"])
    established = not profile.founding and (
        (profile.employees is not None and profile.employees >= _ESTABLISHED_STAFF)
        or (profile.company_age_years is not None and profile.company_age_years > _ESTABLISHED_YEARS))
    if established and rules.recipient == "founder":
        reasons.append(text["founders"])
    if rules.recipient in _OTHER_RECIPIENTS and not (profile.from_research and rules.recipient in
                                                      ("hochschule", "research_institution")):
        labels = _RECIPIENT_LABELS.get(locale, _RECIPIENT_LABELS["de"])
        reasons.append(text["recipient"].format(who=labels[rules.recipient]))
    return reasons


def _years(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")

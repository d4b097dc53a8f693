"""Facts about the company that decide eligibility, read from how people say them: whether the founders come from a
Hochschule ("Ausgründung aus der TU", "wir kommen nicht von der Uni"), what kind of project it is ("Standardsoftware
einführen", "neue Laptops"), whether the asker is an investor, whether the company is being founded, and how long it
has been on the market ("seit 1998", "gegründet 2021", "for 15 years"). Unknown stays None: only a stated fact
excludes a programme (answering/eligibility.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_NOT = r"(?:nicht|kein\w*|ohne|nie|not|no|never|without)"
_RESEARCH = (r"(?:hochschul\w*|uni\b|unis\b|universität\w*|university|universities|fachhochschul\w*|fh\b|"
             r"forschungs(?:einrichtung|institut)\w*|institut\w*|fraunhofer|max[- ]planck|research institut\w*|"
             r"akademisch\w*|wissenschaft\w*|academi\w*)")
_FROM_RESEARCH = re.compile(
    rf"\b(?:ausgründung\w*|ausgruendung\w*|ausgründen|ausgruenden|spin-?off\w*|spinoff\w*|doktorand\w*|"
    rf"promovier\w*|phd\b|postdoc\w*|wissenschaftliche[rn]? mitarbeiter\w*|research (?:team|group)|"
    rf"aus (?:der|einer|dem) {_RESEARCH}|an (?:der|einer|dem) {_RESEARCH}|(?:from|at) (?:the |a |our )?{_RESEARCH}|"
    rf"studier\w*|student\w*|absolvent\w*|graduate[sd]?)",
    re.IGNORECASE)
_NOT_FROM_RESEARCH = re.compile(
    rf"\b(?:{_NOT}\s+(?:\w+\s+){{0,3}}(?:von|aus|an|from|at)\s+(?:der|einer|dem|the|a)?\s*{_RESEARCH}|"
    rf"kein(?:en|e)?\s+(?:hochschul|uni|akademisch|wissenschaft|studium|studienabschluss)\w*|ohne\s+studium|"
    rf"{_NOT}\s+(?:\w+\s+){{0,2}}(?:academic|university|research)\s+background|"
    rf"{_NOT}\s+(?:\w+\s+){{0,2}}(?:studiert|akademiker\w*|academics?)|"
    rf"(?:never|didn'?t|did not)\s+(?:go|went|study|studied|attend\w*)\s+(?:to|at)?\s*(?:a\s+|the\s+)?"
    rf"(?:university|college|uni)|(?:no|without\s+a?)\s*(?:university\s+)?degree)",
    re.IGNORECASE)
_PROJECT_KINDS = {
    "standard_software": re.compile(
        r"\b(?:standard-?software|software von der stange|fertige (?:\w+-)?(?:software|app|lösung|loesung)|"
        r"off[- ]the[- ]shelf|(?:app|software) (?:kaufen|lizenzieren)|"
        r"standard (?:erp|crm|software)|(?:ein|einführ\w*|kauf\w*|anschaff\w*)\s+(?:\w+\s+){0,2}"
        r"(?:erp|crm|warenwirtschaft\w*|buchhaltungssoftware|datev|lexware|microsoft 365|office 365)\b|"
        r"(?:erp|crm|warenwirtschaft\w*)(?:[- ]?(?:system|software))?\s+(?:\w+\s+){0,2}(?:einführ\w*|kauf\w*|"
        r"anschaff\w*|introduc\w*|buy\w*|purchas\w*))", re.IGNORECASE),
    "hardware": re.compile(
        r"\b(?:hardware|drohnen?|neue (?:pcs?|computer|rechner|laptops?|notebooks?|tablets?|server|drucker|"
        r"bildschirme)|"
        r"(?:pcs?|computer|rechner|laptops?|notebooks?|tablets?|server)\s+(?:\w+\s+){0,2}(?:kaufen|anschaff\w*|"
        r"erneuern)|new (?:pcs?|computers|laptops?|servers?))\b", re.IGNORECASE),
    "refinancing": re.compile(r"\b(?:umschuld\w*|umfinanzier\w*|refinanc\w*|bestehende[ns]? kredit\w* ablösen)\b",
                              re.IGNORECASE),
    "restructuring": re.compile(r"\b(?:sanierung\w*|insolvenz\w*|restrukturier\w*|restructur\w*|in der krise)\b",
                                re.IGNORECASE),
}
# Taking over a running business is no founding from a Hochschule (EXIST funds new spin-offs).
_TAKEOVER = re.compile(r"\b(?:übernehm\w*|uebernehm\w*|übernahme\w*|uebernahme\w*|betriebsübergabe|nachfolge\w*|"
                       r"take over|taking over|takeover|succession)\b", re.IGNORECASE)
# Investors take part: the asker invests, or the company is talking to one (INVEST pays the investor).
_INVESTOR = re.compile(r"\b(?:investor\w*|business[- ]?angel\w*|kapitalgeber\w*|angel investor\w*|ich (?:will|möchte) "
                       r"(?:in ein|mich an einem) (?:start-?up|unternehmen) (?:investieren|beteiligen))", re.IGNORECASE)
_FOUNDING = re.compile(r"\b(?:(?:wir |ich )?(?:will|wollen|möchte|möchten|werde|werden)\s+(?:\w+\s+){0,4}"
                       r"(?:gründen|ausgründen)|gründe|in gründung|noch nicht gegründet|existenzgründ\w*|"
                       r"neugründung|selbstständig machen|selbständig machen|start(?:ing)? a (?:business|company)|"
                       r"found(?:ing)? a (?:company|business|start-?up)|set up a company|become self-employed)\b",
                       re.IGNORECASE)
_SINCE_YEAR = re.compile(r"\b(?:seit|gegründet|gegruendet|since|founded(?: in)?|established(?: in)?)\s+(?:\w+\s+)?"
                         r"((?:19|20)\d{2})\b", re.IGNORECASE)
_FOR_YEARS = re.compile(r"\b(?:(?:seit|since|for)\s+(?:über\s+|ueber\s+|mehr als\s+|over\s+|more than\s+)?(\d{1,3})\s+"
                        r"(?:jahren|years)|vor\s+(\d{1,3})\s+jahren\s+gegr\w*|(\d{1,3})\s+jahre?\s+(?:alt|am markt)|"
                        r"(\d{1,3})\s+years?\s+(?:old|in business|on the market))\b", re.IGNORECASE)


@dataclass(frozen=True)
class CompanyFacts:
    from_research: bool | None = None
    project_kinds: tuple[str, ...] = ()
    investor: bool = False  # investors take part (the asker invests, or the company seeks or has one)
    founding: bool = False
    company_age_years: float | None = None


def read_company_facts(text: str, today: date | None = None) -> CompanyFacts:
    from_research: bool | None = None
    if _NOT_FROM_RESEARCH.search(text):
        from_research = False
    elif _FROM_RESEARCH.search(text):
        from_research = True
    elif _TAKEOVER.search(text) and re.search(r"\b(?:betrieb\w*|firma|unternehmen\w*|geschäft\w*|business|company)\b",
                                              text, re.IGNORECASE):
        from_research = False
    kinds = tuple(kind for kind, pattern in _PROJECT_KINDS.items() if pattern.search(text))
    age: float | None = None
    year = _SINCE_YEAR.search(text)
    if year:
        age = float(max(0, (today or date.today()).year - int(year.group(1))))
    else:
        years = _FOR_YEARS.search(text)
        if years:
            age = float(next(g for g in years.groups() if g))
    return CompanyFacts(from_research, kinds, bool(_INVESTOR.search(text)), bool(_FOUNDING.search(text)), age)

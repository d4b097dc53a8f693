"""Company size from how people say it: "12 Leute", "ca. 50 MA", "Umsatz 2,5 Mio.", "a team of 8", "Solo"."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUMBER = r"(\d{1,3}(?:[.\s]\d{3})+|\d+(?:[.,]\d+)?)"
_PEOPLE = (r"(?:leute|leuten|mitarbeiter(?:innen|n|in)?|mitarbeitende[n]?|beschäftigte[n]?|angestellte[n]?|ma|"
           r"köpfe[n]?|personen|kollegen|kolleginnen|festangestellte[n]?|employees|staff|people|persons|workers)")
_EMPLOYEES = re.compile(rf"(?:ca\.?\s*|etwa\s+|rund\s+|knapp\s+|über\s+|about\s+|around\s+|some\s+)?{_NUMBER}\s*"
                        rf"(?:\+\s*)?{_PEOPLE}\b", re.IGNORECASE)
_TEAM_OF = re.compile(r"\b(?:team\s+(?:von|aus|of)|wir\s+sind|we\s+are)\s+(?:ca\.?\s*|etwa\s+|about\s+)?(\d{1,3})\b"
                      r"(?!\s*(?:jahre|years|%|[.,]\d))", re.IGNORECASE)
_WORD_NUMBERS = {"zu zweit": 2, "zu dritt": 3, "zu viert": 4, "zu fünft": 5, "zu sechst": 6}
_SOLO = re.compile(r"\b(?:solo|ein-?mann|eine-?frau|einzelunternehm\w*|allein(?:e)?\s+selbst\w*|"
                   r"one-?(?:man|person)|sole\s+trader|solo\s+self-employed|freelancer)\b", re.IGNORECASE)

_UNIT = r"(mrd\.?|milliarden?|billion|mio\.?|millionen|million|mill\.?|m\b|tsd\.?|tausend|k\b|€|eur\b|euro)"
_TURNOVER_AFTER = re.compile(rf"(?:umsatz|jahresumsatz|turnover|revenue|sales)\w*\s*(?:von|of|bei|liegt bei|:|ca\.?|"
                             rf"etwa|rund|about|around)?\s*(?:€\s*|eur\s+|euro\s+)?{_NUMBER}\s*{_UNIT}?",
                             re.IGNORECASE)
_TURNOVER_BEFORE = re.compile(rf"{_NUMBER}\s*{_UNIT}\s*(?:€|eur|euro)?\s*(?:jahres)?(?:umsatz|turnover|revenue|sales)",
                              re.IGNORECASE)
_SCALE = {"mrd": 1e9, "milliarde": 1e9, "milliarden": 1e9, "billion": 1e9, "mio": 1e6, "millionen": 1e6,
          "million": 1e6, "mill": 1e6, "m": 1e6, "tsd": 1e3, "tausend": 1e3, "k": 1e3}


@dataclass(frozen=True)
class CompanySize:
    employees: int | None = None
    turnover_eur: int | None = None
    spans: tuple[tuple[int, int], ...] = ()  # where in the text it was said (kept out of search queries)


def _number(text: str) -> float:
    text = text.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", text):  # 1.200 = twelve hundred in German
        return float(text.replace(".", ""))
    return float(text.replace(",", "."))


def size_class(employees: int | None, turnover_eur: int | None) -> str | None:
    """EU SME classes by head count (turnover only tips the balance upwards)."""
    if employees is None and turnover_eur is None:
        return None
    if (employees is not None and employees >= 250) or (turnover_eur is not None and turnover_eur > 50_000_000):
        return "gross"
    if employees is not None and employees < 10 and (turnover_eur is None or turnover_eur <= 2_000_000):
        return "kleinst"
    if employees is not None and employees < 50 and (turnover_eur is None or turnover_eur <= 10_000_000):
        return "klein"
    return "mittel"


def extract_company_size(text: str) -> CompanySize:
    employees: int | None = None
    turnover: int | None = None
    spans: list[tuple[int, int]] = []

    for pattern in (_TURNOVER_AFTER, _TURNOVER_BEFORE):
        match = pattern.search(text)
        if match:
            value = _number(match.group(1))
            unit = (match.group(2) or "").lower().rstrip(".")
            scale = _SCALE.get(unit, 1.0)
            if scale == 1.0 and value < 1000:  # "Umsatz 3" without a unit is read as millions
                scale = 1e6
            turnover = int(value * scale)
            spans.append(match.span())
            break

    match = _EMPLOYEES.search(text)
    if match and not any(s <= match.start() < e for s, e in spans):
        employees = int(_number(match.group(1)))
        spans.append(match.span())
    else:
        match = _TEAM_OF.search(text)
        if match:
            employees = int(_number(match.group(1)))
            spans.append(match.span())
    if employees is None:
        lowered = text.lower()
        for phrase, count in _WORD_NUMBERS.items():
            position = lowered.find(phrase)
            if position != -1:
                employees = count
                spans.append((position, position + len(phrase)))
                break
        solo = _SOLO.search(text)
        if employees is None and solo:
            employees = 1
            spans.append(solo.span())
    return CompanySize(employees, turnover, tuple(spans))

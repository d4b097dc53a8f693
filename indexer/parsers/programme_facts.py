"""Programme facts read from a page's text where they can be read reliably.

- Labelled fields as the Förderdatenbank shows them ("Förderart: Zuschuss", "Fördergebiet: bundesweit" …).
- Funding type from free text only when exactly one type is named.
- Amounts as written ("bis zu 15.000 Euro"); a single capped amount also as a number.
- Deadlines: dates next to words like Frist, Stichtag, einzureichen, spätestens.
- Status: explicit closing phrases ("eingestellt", "keine Anträge mehr", "beendet", "Antragstellung nicht mehr
  möglich") → closed; explicit opening phrases → open; everything else stays unknown. Closing wins.
The catalog (programs.yaml) still wins over anything read here; a disagreement is reported, not hidden.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

_FIELD_NAMES = {
    "förderart": "funding_type", "foerderart": "funding_type",
    "förderbereich": "funding_areas", "foerderbereich": "funding_areas",
    "fördergebiet": "funding_region", "foerdergebiet": "funding_region",
    "förderberechtigte": "eligible_applicants", "foerderberechtigte": "eligible_applicants",
    "fördergeber": "funding_provider", "foerdergeber": "funding_provider",
}
_FIELD_LINE = re.compile(r"^\s*(" + "|".join(_FIELD_NAMES) + r")\s*:\s*(.+?)\s*$", re.IGNORECASE | re.MULTILINE)
# Förderdatenbank categories that contain a comma themselves
_COMMA_NAMES = ("Kultur, Medien & Sport",)

FUNDING_TYPE_NAMES = {
    "zuschuss": "Zuschuss", "zuschüsse": "Zuschuss", "darlehen": "Darlehen", "kredit": "Darlehen",
    "bürgschaft": "Bürgschaft", "buergschaft": "Bürgschaft", "garantie": "Garantie", "beteiligung": "Beteiligung",
    "steuerliche förderung": "Steuerliche Förderung", "stipendium": "Stipendium", "preis": "Preis",
    "sonstige": "Sonstige",
}
_FREE_TEXT_TYPES = {
    "Zuschuss": re.compile(r"\bZusch(?:uss|usses|üsse|üssen)\b|nicht rückzahlbar", re.IGNORECASE),
    "Darlehen": re.compile(r"\b(?:Förder)?(?:darlehen|kredit)(?:e|s|en)?\b|zinsgünstig", re.IGNORECASE),
    "Bürgschaft": re.compile(r"\bBürgschaft(?:en)?\b", re.IGNORECASE),
    "Garantie": re.compile(r"\b(?:Ausfall)?[Gg]arantie(?:n)?\b"),
    "Steuerliche Förderung": re.compile(r"Forschungszulage|steuerliche Förderung", re.IGNORECASE),
    "Stipendium": re.compile(r"\bStipendi(?:um|en)\b", re.IGNORECASE),
}

_NUMBER = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_SCALE = r"(?:Mio\.?|Millionen|Mrd\.?|Milliarden|Tsd\.?|Tausend)"
_CURRENCY = r"(?:Euro|EUR|€)"
_AMOUNT = re.compile(
    rf"(?P<lead>bis zu|höchstens|maximal|max\.|mindestens|insgesamt)?\s*"
    rf"(?:(?P<cur1>{_CURRENCY})\s*(?P<num1>{_NUMBER})\s*(?P<scale1>{_SCALE})?"
    rf"|(?P<num2>{_NUMBER})\s*(?P<scale2>{_SCALE})?\s*(?P<cur2>{_CURRENCY}))",
    re.IGNORECASE,
)
_MULTIPLIERS = {"mio": 1_000_000, "millionen": 1_000_000, "mrd": 1_000_000_000, "milliarden": 1_000_000_000,
                "tsd": 1_000, "tausend": 1_000}

_MONTHS = {"januar": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4, "mai": 5, "juni": 6, "juli": 7,
           "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12}
_DATE = re.compile(r"\b(\d{1,2})\.\s?(?:(\d{1,2})\.|(" + "|".join(_MONTHS) + r"))\s?(\d{4})\b", re.IGNORECASE)
_DEADLINE_CUE = re.compile(
    r"Frist|Stichtag|Antragsschluss|Bewerbungsschluss|Einsendeschluss|Einreichung|einzureichen|spätestens|"
    r"Anträge|Antragstellung|Antragsstellung|Skizzen|bis zum|bis spätestens|endet|endete",
    re.IGNORECASE,
)

# any character of the same sentence; a dot only inside a date or number ("zum 31.12.2024")
_SAME = r"(?:[^.\n]|(?<=\d)\.|\.(?=\s?\d))"
# a date right after these words is a version or start date, not a deadline
_NOT_A_DEADLINE = re.compile(r"\b(?:Stand|vom|seit dem|seit|ab dem|gültig ab|in Kraft)\s*:?\s*$", re.IGNORECASE)
# what can be closed, also inside compounds ("Altprogramm", "Digitalförderung")
_SUBJECT = (r"(?:\w*(?:programm|förderung|fördermaßnahme|förderaufruf|richtlinie|antragstellung|antragsstellung|"
            r"antragsannahme|angebot|wettbewerb)(?:e|es|s|en|n)?|Annahme (?:von|neuer) Anträge)")
_CLOSED = [
    re.compile(rf"\b{_SUBJECT}\b{_SAME}{{0,80}}?\b(?:ist|wurde|wird|werden)\b{_SAME}{{0,40}}?\b"
               r"(?:eingestellt|beendet|ausgelaufen|geschlossen|ausgesetzt)\b", re.IGNORECASE),
    re.compile(r"\bkeine (?:neuen |weiteren )?Anträge mehr\b", re.IGNORECASE),
    re.compile(r"\bkeine neuen Anträge\b", re.IGNORECASE),
    re.compile(r"\bAnträge (?:können|werden) (?:derzeit |aktuell )?nicht mehr\b", re.IGNORECASE),
    re.compile(r"\b(?:Antragstellung|Antragsstellung|Antragsannahme|Beantragung)\b[^.\n]{0,30}?"
               r"\bnicht mehr möglich\b", re.IGNORECASE),
    re.compile(r"\bnicht mehr beantragt werden\b", re.IGNORECASE),
    re.compile(r"\b(?:Antrags|Einreichungs|Bewerbungs)?[Ff]rist\b[^.\n]{0,80}?\b(?:endete|ist abgelaufen)\b"),
    re.compile(r"\b(?:Fördermittel|Mittel|Budget)\b[^.\n]{0,30}?\b(?:sind|ist)\b[^.\n]{0,20}?"
               r"\b(?:ausgeschöpft|erschöpft)\b", re.IGNORECASE),
    re.compile(r"\b(?:Antragsstopp|Förderstopp|Annahmestopp)\b", re.IGNORECASE),
]
_OPEN = [
    re.compile(r"\bAnträge können (?:ab sofort |laufend |jederzeit |weiterhin |ganzjährig )?gestellt werden\b",
               re.IGNORECASE),
    re.compile(r"\b(?:Antragstellung|Antragsstellung) ist (?:ab sofort |jederzeit |laufend |weiterhin )?möglich\b",
               re.IGNORECASE),
    re.compile(r"\b(?:Förderaufruf|Antragsfenster|Programm|Förderprogramm) ist (?:geöffnet|offen)\b",
               re.IGNORECASE),
]
# "wurde nicht eingestellt", "ist noch nicht beendet": a negation before the verb turns a closing phrase around
_NEGATION = re.compile(r"\b(?:nicht|kein|keine|noch nicht)\b(?! mehr)", re.IGNORECASE)


@dataclass
class ProgrammeFacts:
    funding_types: list[str] = field(default_factory=list)
    funding_areas: list[str] = field(default_factory=list)
    funding_region: str | None = None
    eligible_applicants: list[str] = field(default_factory=list)
    funding_provider: str | None = None
    amounts: list[str] = field(default_factory=list)
    max_amount_eur: int | None = None
    deadlines: list[str] = field(default_factory=list)  # ISO dates
    next_deadline: str | None = None
    status: str = "unknown"  # open / closed / unknown
    status_evidence: str | None = None
    labelled: bool = False  # the page carries Förderdatenbank-style fact fields

    @property
    def level(self) -> str | None:
        region = (self.funding_region or "").lower()
        if not region:
            return None
        if region in ("bundesweit", "bund", "deutschland"):
            return "Bund"
        if region in ("eu", "europa", "europäische union", "europaweit"):
            return "EU"
        return "Land"

    def metadata(self) -> dict[str, Any]:
        """Flat facts for the document metadata; only what was actually read."""
        meta: dict[str, Any] = {}
        if self.funding_types:
            meta["funding_type"] = self.funding_types[0]
            meta["funding_types"] = list(self.funding_types)
        if self.funding_areas:
            meta["funding_areas"] = list(self.funding_areas)
        if self.funding_region:
            meta["funding_region"] = self.funding_region
        if self.level:
            meta["level"] = self.level
        if self.eligible_applicants:
            meta["eligible_applicants"] = list(self.eligible_applicants)
        if self.funding_provider:
            meta["provider"] = self.funding_provider
        if self.amounts:
            meta["amounts"] = list(self.amounts)
        if self.max_amount_eur is not None:
            meta["max_amount_eur"] = self.max_amount_eur
        if self.deadlines:
            meta["deadlines"] = list(self.deadlines)
        if self.next_deadline:
            meta["next_deadline"] = self.next_deadline
        if self.status != "unknown":
            meta["status"] = self.status
            meta["status_evidence"] = self.status_evidence or ""
        return meta


def _clean_value(value: str) -> str:
    value = re.sub(r"\s+", " ", value).strip()
    if "_" in value and " " not in value:
        value = value.replace("_", " ")  # slug-style values of some Förderdatenbank exports
    return value


def _split_list(value: str) -> list[str]:
    protected = {name: f"\x00{i}\x00" for i, name in enumerate(_COMMA_NAMES)}
    for name, token in protected.items():
        value = value.replace(name, token)
    parts = [p.strip() for p in value.split(",") if p.strip()]
    restored = []
    for part in parts:
        for name, token in protected.items():
            part = part.replace(token, name)
        restored.append(_clean_value(part))
    return restored


def _funding_type_name(value: str) -> str:
    key = value.strip().lower()
    return FUNDING_TYPE_NAMES.get(key, value.strip()[:1].upper() + value.strip()[1:])


def _read_fields(text: str, facts: ProgrammeFacts) -> None:
    for label, value in _FIELD_LINE.findall(text):
        key = _FIELD_NAMES[label.lower()]
        value = _clean_value(value)
        if not value:
            continue
        facts.labelled = True
        if key == "funding_type" and not facts.funding_types:
            facts.funding_types = [_funding_type_name(v) for v in _split_list(value)]
        elif key == "funding_areas" and not facts.funding_areas:
            facts.funding_areas = _split_list(value)
        elif key == "funding_region" and not facts.funding_region:
            facts.funding_region = value if value != value.lower() or value == "bundesweit" else value.title()
        elif key == "eligible_applicants" and not facts.eligible_applicants:
            facts.eligible_applicants = [v[:1].upper() + v[1:] for v in _split_list(value)]
        elif key == "funding_provider" and not facts.funding_provider:
            facts.funding_provider = value


def _free_text_type(text: str) -> list[str]:
    found = [name for name, pattern in _FREE_TEXT_TYPES.items() if pattern.search(text)]
    return found if len(found) == 1 else []  # two or more types named: not reliable enough to pick one


def _amount_value(number: str, scale: str | None) -> int | None:
    try:
        value = float(number.replace(".", "").replace(",", "."))
    except ValueError:
        return None
    if scale:
        value *= _MULTIPLIERS.get(scale.lower().rstrip("."), 1)
    return int(value)


def _read_amounts(text: str, facts: ProgrammeFacts) -> None:
    capped: set[int] = set()
    for match in _AMOUNT.finditer(text):
        number = match.group("num1") or match.group("num2")
        scale = match.group("scale1") or match.group("scale2")
        value = _amount_value(number, scale)
        if value is None or value < 100:
            continue  # "2 Euro" or a stray number is not a programme amount
        phrase = re.sub(r"\s+", " ", match.group(0)).strip()
        if phrase not in facts.amounts and len(facts.amounts) < 8:
            facts.amounts.append(phrase)
        lead = (match.group("lead") or "").lower()
        if lead in ("bis zu", "höchstens", "maximal", "max."):
            capped.add(value)
    if len(capped) == 1:
        facts.max_amount_eur = capped.pop()


def _read_deadlines(text: str, facts: ProgrammeFacts, today: date) -> None:
    found: set[str] = set()
    for match in _DATE.finditer(text):
        window = text[max(0, match.start() - 80): match.start()]
        if not _DEADLINE_CUE.search(window) or _NOT_A_DEADLINE.search(window):
            continue
        day, month_number, month_name, year = match.groups()
        month = int(month_number) if month_number else _MONTHS[month_name.lower()]
        try:
            found.add(date(int(year), month, int(day)).isoformat())
        except ValueError:
            continue
    facts.deadlines = sorted(found)
    upcoming = [d for d in facts.deadlines if d >= today.isoformat()]
    facts.next_deadline = upcoming[0] if upcoming else None


_SENTENCE_END = re.compile(r"\n|(?<=[^\d\s.])\.\s")  # not the dot of "1. Januar" or "31.12."


def _sentence_around(text: str, start: int, end: int) -> str:
    left = 0
    for boundary in _SENTENCE_END.finditer(text, 0, start):
        left = boundary.end()
    after = _SENTENCE_END.search(text, end)
    right = after.start() + 1 if after else len(text)
    return re.sub(r"\s+", " ", text[left:right]).strip()[:300]


def _read_status(text: str, facts: ProgrammeFacts) -> None:
    for pattern in _CLOSED:
        for match in pattern.finditer(text):
            span = match.group(0)
            if "nicht mehr" not in span.lower() and "keine" not in span.lower() and _NEGATION.search(span):
                continue
            facts.status = "closed"
            facts.status_evidence = _sentence_around(text, match.start(), match.end())
            return
    for pattern in _OPEN:
        found = pattern.search(text)
        if found:
            facts.status = "open"
            facts.status_evidence = _sentence_around(text, found.start(), found.end())
            return


def read_programme_facts(text: str, today: date | None = None) -> ProgrammeFacts:
    """Read the facts of one programme page or guideline text."""
    facts = ProgrammeFacts()
    _read_fields(text, facts)
    if not facts.funding_types:
        facts.funding_types = _free_text_type(text)
    _read_amounts(text, facts)
    _read_deadlines(text, facts, today or date.today())
    _read_status(text, facts)
    return facts

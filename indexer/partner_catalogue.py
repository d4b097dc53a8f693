"""The partner catalogue (corpus/partners.yaml): the one module that reads the file, at two levels.

`read_partner_entries` reads it leniently and keeps the line of every node: the hand-off, the statistics' names, the
indexer's chunk facts and the corpus audit accept what they can use (an entry with an id and a name is enough for a
hand-off). `PartnerEntries.validated(gazetteer)` applies the strict rules routing needs, because routing mistakes send
a company to the wrong office: unknown AGS or slugs, duplicate ids, any Gemeinde of NRW covered by no IHK/HWK or by
two of them, and a website that is not the partner's official home page (its host must be the recorded
`official_domain`) are errors. A partner without an attested official website has `website: null`; press articles and
other pages are sources, never a website. All errors are collected and raised together as one PartnerDataError, each
as "<file>:<line>: <message>". The routing index built from the validated partners lives in
assistant/routing/partner_registry.py.
"""

from __future__ import annotations

import contextlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal, get_args

import yaml

from indexer.gazetteer import Gazetteer
from indexer.partner_website import is_home_page, on_official_site, valid_official_domain
from indexer.yaml_line_numbers import YamlPath, line_of, load_yaml_with_lines

PartnerType = Literal["ihk", "hwk", "regional_agency", "wirtschaftsfoerderung", "statewide"]
PARTNER_TYPES: tuple[str, ...] = get_args(PartnerType)
CHAMBER_TYPES: tuple[str, ...] = ("ihk", "hwk")
TOPICS = frozenset(
    {
        "digitalisierung",
        "ki",
        "fue",
        "innovation",
        "energie",
        "gruendung",
        "finanzierung",
        "eu",
        "international",
        "beratung",
        "it-sicherheit",
        "fachkraefte",
        "kreativwirtschaft",
        "wissenstransfer",
        "investition",
        "nachfolge",
    }
)
TARGET_GROUPS = frozenset(
    {
        "kmu",
        "kleinstunternehmen",
        "handwerk",
        "industrie",
        "handel",
        "dienstleistung",
        "startup",
        "gruender",
        "hochschule",
        "forschung",
        "freie-berufe",
        "alle-unternehmen",
    }
)
PARTNER_KEYS = (
    "id",
    "name",
    "type",
    "region",
    "coverage",
    "topics",
    "target_groups",
    "website",
    "official_domain",
    "website_attested_by",
    "website_attested_on",
    "email",
    "phone",
    "source_url",
    "as_of",
    "verified",
    "verify_note",
    "document",
)
# checked_on: when an undated source (as_of: null) was looked at; sources: further pages that support the entry
# (press articles, member lists; citable, never a website); uncertain: facts our sources leave open (German).
OPTIONAL_KEYS = ("checked_on", "sources", "uncertain")
SOURCE_KEYS = ("url", "as_of", "about")
COVERAGE_KEYS = ("kreise", "include_gemeinden", "exclude_gemeinden", "statewide")
_SLUG = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
_URL = re.compile(r"^https?://\S+$")
_KREIS_AGS = re.compile(r"^\d{5}$")
_GEMEINDE_AGS = re.compile(r"^\d{8}$")
_CHAMBER_NAMES = {"ihk": "IHK", "hwk": "Handwerkskammer"}


class PartnerDataError(Exception):
    """partners.yaml is invalid; the message lists every problem as <file>:<line>: <message>."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class PartnerCoverage:
    kreise: tuple[str, ...]
    include_gemeinden: tuple[str, ...]
    exclude_gemeinden: tuple[str, ...]
    statewide: bool


@dataclass(frozen=True, slots=True)
class PartnerSource:
    url: str
    as_of: date | None  # None: the page shows no date
    about: str  # what the page supports, in English (for maintainers)


@dataclass(frozen=True, slots=True)
class Partner:
    id: str
    name: str
    type: PartnerType
    region: str | None  # regional agencies: the regionen.NRW region they serve
    coverage: PartnerCoverage
    topics: tuple[str, ...]
    target_groups: tuple[str, ...]
    website: str | None  # the official home page, or None when no official site is attested
    official_domain: str | None  # what `website` and links to the partner's own pages are checked against
    website_attested_by: str | None  # the page that attests the website
    website_attested_on: date | None  # that page's date; None when it shows none
    email: str | None
    phone: str | None
    source_url: str  # the main source of the entry's facts (area, role)
    as_of: date | None  # the date of source_url; None when the source is undated (then checked_on is set)
    verified: bool
    verify_note: str | None
    document: str  # path relative to the corpus folder
    checked_on: date | None = None  # when an undated source was looked at
    sources: tuple[PartnerSource, ...] = ()
    uncertain: tuple[str, ...] = ()  # German sentences: what our sources leave open
    gemeinden: frozenset[str] = field(default_factory=frozenset)  # covered Gemeinde AGS, exceptions applied

    @property
    def statewide(self) -> bool:
        return self.coverage.statewide

    def covers(self, ags: str) -> bool:
        return self.coverage.statewide or ags in self.gemeinden


@dataclass(frozen=True)
class PartnerEntries:
    """partners.yaml as read, not yet validated: the parsed document and the line of each of its nodes."""

    path: Path
    data: Any
    lines: dict[YamlPath, int]

    def entries(self) -> list[dict[str, Any]]:
        """The entries that are mappings (anything else is only reported by `validated`)."""
        listed = self.data.get("partners") if isinstance(self.data, dict) else None
        return [e for e in listed if isinstance(e, dict)] if isinstance(listed, list) else []

    def names(self) -> dict[str, str]:
        """id → name of every entry that has both: the partners a hand-off may name (lenient on purpose, as the
        hand-off always was). A file without a 'partners' list is an error here: a hand-off must not silently
        lose every partner."""
        listed = self.data.get("partners") if isinstance(self.data, dict) else None
        if not isinstance(listed, list):
            raise PartnerDataError([f"{self.path}: expected a mapping with a 'partners' list"])
        return {str(e["id"]): str(e["name"]) for e in self.entries() if e.get("id") and e.get("name")}

    def ids(self) -> frozenset[str]:
        """Every entry's id: what a source's `owner` may name."""
        return frozenset(str(e["id"]) for e in self.entries() if e.get("id") is not None)

    def chunk_facts(self) -> dict[str, dict[str, Any]]:
        """The partner fields chunks carry (type, topics, target groups, covered Kreise); search metadata only."""
        facts: dict[str, dict[str, Any]] = {}
        for entry in self.entries():
            if entry.get("id") is None:
                continue
            coverage = entry.get("coverage") or {}
            facts[str(entry["id"])] = {
                "partner_id": str(entry["id"]),
                "partner_name": str(entry.get("name") or ""),
                "partner_type": str(entry.get("type") or ""),
                "topics": [str(t) for t in entry.get("topics") or ()],
                "target_groups": [str(t) for t in entry.get("target_groups") or ()],
                "kreise": [str(k) for k in coverage.get("kreise") or ()],
                "statewide": bool(coverage.get("statewide")),
            }
        return facts

    def validated(self, gazetteer: Gazetteer, check_documents: bool = True) -> tuple[Partner, ...]:
        """The strict routing rules; document paths are relative to the file's folder (the corpus)."""
        validator = _Validator(self.path, self.lines, gazetteer, self.path.parent if check_documents else None)
        partners = validator.validate(self.data)
        if validator.problems:
            raise PartnerDataError(validator.problems)
        return tuple(partners)


def read_partner_entries(path: Path) -> PartnerEntries:
    """Reads partners.yaml once; an unreadable file or invalid YAML is a PartnerDataError with its line."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PartnerDataError([f"{path}: cannot read: {exc}"]) from exc
    try:
        data, lines = load_yaml_with_lines(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        raise PartnerDataError([f"{path}:{line}: not valid YAML: {exc}"]) from exc
    return PartnerEntries(path, data, lines)


class _Validator:
    def __init__(
        self, path: Path, lines: dict[YamlPath, int], gazetteer: Gazetteer, documents_root: Path | None
    ) -> None:
        self.path = path
        self.lines = lines
        self.gazetteer = gazetteer
        self.documents_root = documents_root
        self.problems: list[str] = []

    def error(self, where: YamlPath, message: str) -> None:
        self.problems.append(f"{self.path}:{line_of(self.lines, where)}: {message}")

    def validate(self, data: Any) -> list[Partner]:
        if not isinstance(data, dict) or not isinstance(data.get("partners"), list):
            self.error((), "expected a mapping with a 'partners' list")
            return []
        partners: list[Partner] = []
        first_line: dict[str, int] = {}
        for i, entry in enumerate(data["partners"]):
            where: YamlPath = ("partners", i)
            partner = self.partner(where, entry)
            if partner is None:
                continue
            if partner.id in first_line:
                self.error(
                    (*where, "id"),
                    f"duplicate id '{partner.id}' (first defined on line {first_line[partner.id]})",
                )
                continue
            first_line[partner.id] = line_of(self.lines, (*where, "id"))
            partners.append(partner)
        for partner_type in CHAMBER_TYPES:
            self.check_chamber_coverage(partner_type, partners, data["partners"])
        return partners

    def partner(self, where: YamlPath, entry: Any) -> Partner | None:
        if not isinstance(entry, dict):
            self.error(where, "a partner must be a mapping")
            return None
        before = len(self.problems)
        for key in PARTNER_KEYS:
            if key not in entry:
                self.error(where, f"partner '{entry.get('id', '?')}': missing key '{key}'")
        for key in entry:
            if key not in PARTNER_KEYS and key not in OPTIONAL_KEYS:
                self.error((*where, str(key)), f"unknown key '{key}'")
        if len(self.problems) > before:
            return None

        pid = entry["id"]
        if not isinstance(pid, str) or not _SLUG.match(pid):
            self.error((*where, "id"), f"id must be a lower-case slug, got {pid!r}")
        for key in ("name", "source_url", "document"):
            if not isinstance(entry[key], str) or not entry[key].strip():
                self.error((*where, key), f"partner '{pid}': missing {key}")
        self.check_url(where, pid, "source_url", entry["source_url"])
        for key in ("email", "phone", "verify_note"):
            if entry[key] is not None and not isinstance(entry[key], str):
                self.error((*where, key), f"partner '{pid}': {key} must be text or null")
        partner_type = entry["type"]
        if partner_type not in PARTNER_TYPES:
            self.error(
                (*where, "type"),
                f"partner '{pid}': unknown type {partner_type!r} (allowed: {', '.join(PARTNER_TYPES)})",
            )
        self.check_region(where, pid, partner_type, entry["region"])
        topics = self.slugs((*where, "topics"), pid, entry["topics"], TOPICS, "topic")
        groups = self.slugs(
            (*where, "target_groups"), pid, entry["target_groups"], TARGET_GROUPS, "target group"
        )
        self.check_website(where, pid, entry)
        attested_on = self.optional_date(where, pid, entry, "website_attested_on")
        as_of = self.optional_date(where, pid, entry, "as_of")
        checked_on = self.optional_date(where, pid, entry, "checked_on")
        if entry["as_of"] is None and entry.get("checked_on") is None:
            self.error((*where, "as_of"), f"partner '{pid}': an undated source (as_of: null) needs checked_on, "
                       "the date it was looked at")
        sources = self.sources((*where, "sources"), pid, entry.get("sources", []))
        uncertain = entry.get("uncertain", [])
        if not isinstance(uncertain, list) or not all(isinstance(u, str) and u.strip() for u in uncertain):
            self.error((*where, "uncertain"), f"partner '{pid}': uncertain must be a list of sentences")
            uncertain = []
        if not isinstance(entry["verified"], bool):
            self.error((*where, "verified"), f"partner '{pid}': verified must be true or false")
        elif not entry["verified"] and not entry["verify_note"]:
            self.error((*where, "verify_note"), f"partner '{pid}': unverified partners need a verify_note")
        document = entry["document"]
        if self.documents_root is not None and isinstance(document, str) and document.strip() \
                and not (self.documents_root / document).is_file():
            self.error((*where, "document"), f"partner '{pid}': document {document} does not exist")
        coverage, gemeinden = self.coverage((*where, "coverage"), pid, partner_type, entry["coverage"])
        if len(self.problems) > before or coverage is None:
            return None
        return Partner(
            id=pid,
            name=entry["name"],
            type=partner_type,
            region=entry["region"],
            coverage=coverage,
            topics=topics,
            target_groups=groups,
            website=entry["website"],
            official_domain=entry["official_domain"],
            website_attested_by=entry["website_attested_by"],
            website_attested_on=attested_on,
            email=entry["email"],
            phone=entry["phone"],
            source_url=entry["source_url"],
            as_of=as_of,
            verified=entry["verified"],
            verify_note=entry["verify_note"],
            document=entry["document"],
            checked_on=checked_on,
            sources=sources,
            uncertain=tuple(uncertain),
            gemeinden=gemeinden,
        )

    def check_url(self, where: YamlPath, pid: Any, key: str | int, value: Any) -> None:
        if isinstance(value, str) and value.strip() and not _URL.match(value):
            self.error((*where, key), f"partner '{pid}': {key} is not an http(s) URL: {value!r}")

    def check_website(self, where: YamlPath, pid: Any, entry: dict[str, Any]) -> None:
        """website is the official home page on official_domain, attested by a page; or all three are null."""
        website, domain, attested_by = entry["website"], entry["official_domain"], entry["website_attested_by"]
        if website is None:
            for key in ("official_domain", "website_attested_by", "website_attested_on"):
                if entry[key] is not None:
                    self.error((*where, key), f"partner '{pid}': {key} is set but website is null")
            return
        if not isinstance(website, str) or not _URL.match(website):
            self.error((*where, "website"), f"partner '{pid}': website is not an http(s) URL: {website!r}")
            return
        if not isinstance(domain, str) or not valid_official_domain(domain):
            self.error((*where, "official_domain"), f"partner '{pid}': official_domain must be a host such as "
                       f"'hwk-aachen.de' or 'ihk.de/aachen' (no scheme, no www.), got {domain!r}")
        elif not on_official_site(website, domain):
            self.error((*where, "website"), f"partner '{pid}': website {website} is not on the official domain "
                       f"{domain}")
        elif not is_home_page(website, domain):
            self.error((*where, "website"), f"partner '{pid}': website must be the home page of {domain}, not a "
                       f"page on it: {website}")
        if not isinstance(attested_by, str) or not attested_by.strip():
            self.error((*where, "website_attested_by"), f"partner '{pid}': a website needs website_attested_by, "
                       "the page that attests it")
        else:
            self.check_url(where, pid, "website_attested_by", attested_by)

    def optional_date(self, where: YamlPath, pid: Any, entry: dict[str, Any], key: str) -> date | None:
        value = entry.get(key)
        if value is None:
            return None
        if isinstance(value, str):
            with contextlib.suppress(ValueError):
                value = date.fromisoformat(value)
        if not isinstance(value, date):
            self.error((*where, key), f"partner '{pid}': {key} must be an ISO date (YYYY-MM-DD) or null")
            return None
        return value

    def sources(self, where: YamlPath, pid: Any, raw: Any) -> tuple[PartnerSource, ...]:
        if not isinstance(raw, list):
            self.error(where, f"partner '{pid}': sources must be a list")
            return ()
        found: list[PartnerSource] = []
        for i, item in enumerate(raw):
            if not isinstance(item, dict) or set(item) != set(SOURCE_KEYS):
                self.error((*where, i), f"partner '{pid}': a source has exactly the keys {', '.join(SOURCE_KEYS)}")
                continue
            if not isinstance(item["url"], str) or not _URL.match(item["url"]):
                self.error((*where, i, "url"), f"partner '{pid}': source url is not an http(s) URL: {item['url']!r}")
                continue
            if not isinstance(item["about"], str) or not item["about"].strip():
                self.error((*where, i, "about"), f"partner '{pid}': say what the source supports (about)")
                continue
            found.append(PartnerSource(item["url"], self.optional_date((*where, i), pid, item, "as_of"),
                                       item["about"]))
        return tuple(found)

    def check_region(self, where: YamlPath, pid: Any, partner_type: Any, region: Any) -> None:
        if partner_type == "regional_agency":
            if region not in self.gazetteer.regions:
                self.error(
                    (*where, "region"),
                    f"partner '{pid}': unknown region {region!r} "
                    f"(known: {', '.join(sorted(self.gazetteer.regions))})",
                )
        elif region is not None:
            self.error((*where, "region"), f"partner '{pid}': only regional agencies have a region")

    def slugs(
        self, where: YamlPath, pid: Any, values: Any, allowed: frozenset[str], kind: str
    ) -> tuple[str, ...]:
        if not isinstance(values, list):
            self.error(where, f"partner '{pid}': {where[-1]} must be a list")
            return ()
        for i, value in enumerate(values):
            if value not in allowed:
                self.error((*where, i), f"partner '{pid}': unknown {kind} {value!r}")
        return tuple(str(v) for v in values)

    def ags_list(
        self, where: YamlPath, pid: Any, values: Any, pattern: re.Pattern[str], known: Any, kind: str
    ) -> list[str]:
        if not isinstance(values, list):
            self.error(where, f"partner '{pid}': {where[-1]} must be a list")
            return []
        good = []
        for i, value in enumerate(values):
            if not isinstance(value, str) or not pattern.match(value):
                digits = 5 if kind == "Kreis" else 8
                self.error(
                    (*where, i),
                    f"partner '{pid}': {kind} AGS must be a quoted string of {digits} digits, got {value!r}",
                )
            elif value not in known:
                self.error((*where, i), f"partner '{pid}': unknown {kind} AGS '{value}'")
            else:
                good.append(value)
        return good

    def coverage(
        self, where: YamlPath, pid: Any, partner_type: Any, raw: Any
    ) -> tuple[PartnerCoverage | None, frozenset[str]]:
        if not isinstance(raw, dict):
            self.error(where, f"partner '{pid}': coverage must be a mapping")
            return None, frozenset()
        missing = [k for k in COVERAGE_KEYS if k not in raw]
        unknown = [k for k in raw if k not in COVERAGE_KEYS]
        for key in missing:
            self.error(where, f"partner '{pid}': coverage is missing '{key}'")
        for key in unknown:
            self.error((*where, str(key)), f"partner '{pid}': unknown coverage key '{key}'")
        if missing:
            return None, frozenset()
        gaz = self.gazetteer
        kreise = self.ags_list((*where, "kreise"), pid, raw["kreise"], _KREIS_AGS, gaz.kreise, "Kreis")
        include = self.ags_list(
            (*where, "include_gemeinden"),
            pid,
            raw["include_gemeinden"],
            _GEMEINDE_AGS,
            gaz.gemeinden,
            "Gemeinde",
        )
        exclude = self.ags_list(
            (*where, "exclude_gemeinden"),
            pid,
            raw["exclude_gemeinden"],
            _GEMEINDE_AGS,
            gaz.gemeinden,
            "Gemeinde",
        )
        statewide = raw["statewide"]
        if not isinstance(statewide, bool):
            self.error((*where, "statewide"), f"partner '{pid}': statewide must be true or false")
            return None, frozenset()
        in_kreise = {a for k in kreise for a in gaz.gemeinden_by_kreis.get(k, ())}
        for i, ags in enumerate(raw["include_gemeinden"]):
            if ags in in_kreise:
                self.error(
                    (*where, "include_gemeinden", i),
                    f"partner '{pid}': Gemeinde {ags} is already inside a covered Kreis",
                )
        for i, ags in enumerate(raw["exclude_gemeinden"]):
            if ags in gaz.gemeinden and ags not in in_kreise:
                self.error(
                    (*where, "exclude_gemeinden", i),
                    f"partner '{pid}': excluded Gemeinde {ags} is not inside a covered Kreis",
                )
        if statewide and (kreise or include or exclude):
            self.error(where, f"partner '{pid}': a statewide partner lists no Kreise or Gemeinden")
        if (partner_type == "statewide") != statewide:
            self.error(
                (*where, "statewide"), f"partner '{pid}': statewide must be true exactly for type statewide"
            )
        if not statewide and not (kreise or include):
            self.error(where, f"partner '{pid}': coverage is empty")
        gemeinden = frozenset((in_kreise | set(include)) - set(exclude))
        return PartnerCoverage(tuple(kreise), tuple(include), tuple(exclude), statewide), gemeinden

    def check_chamber_coverage(self, partner_type: str, partners: list[Partner], raw: list[Any]) -> None:
        """Every Gemeinde of NRW belongs to exactly one IHK and exactly one HWK."""
        index = {p.id: i for i, p in enumerate(partners)}
        raw_index = {e.get("id"): i for i, e in reversed(list(enumerate(raw))) if isinstance(e, dict)}
        owners: dict[str, list[Partner]] = defaultdict(list)
        for partner in partners:
            if partner.type == partner_type:
                for ags in partner.gemeinden:
                    owners[ags].append(partner)
        overlaps: dict[tuple[str, str], list[str]] = defaultdict(list)
        for ags, owning in owners.items():
            for later in owning[1:]:
                overlaps[(owning[0].id, later.id)].append(ags)
        chamber = _CHAMBER_NAMES[partner_type]
        by_id = {p.id: p for p in partners}
        for (first, second), agss in sorted(overlaps.items(), key=lambda o: index[o[0][1]]):
            names = self.gemeinde_names(agss)
            where = ("partners", raw_index[second], *self.coverage_entry(by_id[second], min(agss)))
            self.error(where, f"{chamber} coverage overlaps: '{first}' and '{second}' both cover {names}")
        gaps = sorted(set(self.gazetteer.gemeinden) - owners.keys())
        if gaps:
            self.error(
                ("partners",), f"{chamber} coverage has gaps: no {chamber} covers {self.gemeinde_names(gaps)}"
            )

    def coverage_entry(self, partner: Partner, ags: str) -> YamlPath:
        """The coverage list item through which partner covers ags (for the error line)."""
        if ags in partner.coverage.include_gemeinden:
            return ("coverage", "include_gemeinden", partner.coverage.include_gemeinden.index(ags))
        kreis_ags = self.gazetteer.gemeinden[ags].kreis_ags
        if kreis_ags in partner.coverage.kreise:
            return ("coverage", "kreise", partner.coverage.kreise.index(kreis_ags))
        return ("coverage",)

    def gemeinde_names(self, agss: list[str]) -> str:
        """Short list for messages: whole Kreise by name, single Gemeinden with their AGS."""
        gaz = self.gazetteer
        by_kreis: dict[str, list[str]] = defaultdict(list)
        for ags in agss:
            by_kreis[gaz.gemeinden[ags].kreis_ags].append(ags)
        parts = []
        for kreis_ags, members in sorted(by_kreis.items()):
            kreis = gaz.kreise[kreis_ags]
            if len(members) == len(gaz.gemeinden_by_kreis[kreis_ags]):
                parts.append(f"{kreis.display_name} ({kreis_ags})")
            else:
                parts.extend(f"{gaz.gemeinden[a].name} ({a})" for a in sorted(members))
        return ", ".join(parts)

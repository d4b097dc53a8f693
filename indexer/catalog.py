"""The programme facts from programs.yaml that every chunk of their documents carries (the partner facts come from
indexer/partner_catalogue.py).

The catalog is the single source of truth for level, funding type, topics and the curated status with the dates its
sources give (`valid_until`, `application_windows`, `deadlines`, `ended_on`). A document only says which programme or
partner it describes, and the indexer copies the facts that do not change with the calendar onto its chunks. The status
an SME sees is computed from the curated status, these dates and today's date (indexer/programme_status.py), never
frozen at index time.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, get_args

import yaml

from indexer.source_date import SourceDate

if TYPE_CHECKING:
    from indexer.programme_status import ProgrammeStatus

# Declared once: the API's query parameters and response schemas use these literals, the catalog checks the tuples.
ProgrammeStatusValue = Literal["open", "closed", "unknown"]  # not ProgrammeStatus: that is the dated view's class
ProgrammeLevel = Literal["EU", "Bund", "Land", "NRW.BANK"]
STATUSES: tuple[str, ...] = get_args(ProgrammeStatusValue)
LEVELS: tuple[str, ...] = get_args(ProgrammeLevel)
# Who receives the money or the service (INVEST pays the investor, IGF the research association, …).
RECIPIENTS = ("company", "founder", "investor", "research_association", "research_institution", "hochschule",
              "person", "municipality", "network")
# Kinds of project a programme's rules exclude; the conversation recognises them (vocabulary.PROJECT_KINDS).
PROJECT_KINDS = ("standard_software", "hardware", "refinancing", "restructuring", "started_project")
SIZES = ("kleinst", "klein", "mittel", "kmu", "gross")
APPLICATION_ROUTES = ("hausbank", "startercenter", "bsfz_finanzamt", "online_portal", "lottery", "chamber", "direct",
                      "hochschule", "jury", "consultant")
COOPERATION = ("required", "optional")


class CatalogError(ValueError):
    pass


@dataclass(frozen=True)
class Eligibility:
    """Constraints a programme's sources state, as data, so ranking and answers can use them. Every field is
    optional; `notes` carries the same rules as German sentences (shown with the reason a programme does not fit)."""

    recipient: str = "company"
    founders_from_research: bool = False  # only founders (teams) from a Hochschule or research institute (EXIST)
    company_age_max_years: float | None = None
    company_age_min_years: float | None = None
    sectors_only: tuple[str, ...] = ()  # e.g. (handwerk,) for the Meistergründungsprämie
    sizes: tuple[str, ...] = ()  # size classes allowed (kmu = every SME)
    max_employees: int | None = None  # a head-count limit of the programme's own (go-inno: under 100)
    requires_topics: tuple[str, ...] = ()  # the project must be about one of these (MID-Digitalisierung 2026: ki)
    excluded_projects: tuple[str, ...] = ()  # PROJECT_KINDS the rules exclude
    cooperation: str | None = None  # with a Hochschule / research partner: required | optional
    application_via: str | None = None  # APPLICATION_ROUTES: where the application goes
    apply_before_start: bool = False
    notes: tuple[str, ...] = ()

    def is_empty(self) -> bool:
        return self == Eligibility()


@dataclass(frozen=True)
class Program:
    id: str
    name: str
    provider: str
    level: str
    funding_type: str
    status: str  # curated in programs.yaml; in a day's view (programme_status.py) the status computed for that day
    as_of: str | None  # ISO date of the newest source, at its precision (2026, 2024-02, 2026-01-07); None = undated
    source_url: str
    aliases: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    region: str | None = None
    status_note: str | None = None
    ended_on: str | None = None
    successor: str | None = None
    amount: str | None = None
    uncertain: tuple[str, ...] = ()
    document: str | None = None
    valid_until: str | None = None  # last day of the guideline / application period the sources state
    application_windows: tuple[tuple[str, str], ...] = ()  # (opens, closes) ISO days
    deadlines: tuple[str, ...] = ()  # cut-off days (ISO)
    checked_on: str | None = None  # when undated sources were read (only with as_of None)
    sources: tuple[str, ...] = ()
    eligibility: Eligibility = field(default_factory=Eligibility)
    fdb_url: str | None = None  # the programme's page in the Förderdatenbank, when known
    today: ProgrammeStatus | None = None  # set in a day's view: the computed status with its dates
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def curated_status(self) -> str:
        return self.today.curated if self.today is not None else self.status

    def chunk_metadata(self) -> dict[str, Any]:
        """What chunks carry: facts that do not change with the calendar (no status: it is computed when asked)."""
        return {
            "program_id": self.id,
            "program_name": self.name,
            "provider": self.provider,
            "level": self.level,
            "funding_type": self.funding_type,
            "topics": list(self.topics),
            "target_groups": list(self.target_groups),
            "region": self.region or "",
        }


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _date(value: Any, what: str, day_only: bool = False) -> str | None:
    try:
        parsed = SourceDate.parse(value)
    except ValueError as exc:
        raise CatalogError(f"{what}: {exc}") from exc
    if parsed is not None and day_only and parsed.day is None:
        raise CatalogError(f"{what}: needs a full day (YYYY-MM-DD), got {value!r}")
    return parsed.iso() if parsed else None


def _choice(value: Any, allowed: tuple[str, ...], what: str) -> str | None:
    if value is None:
        return None
    if str(value) not in allowed:
        raise CatalogError(f"{what}: {value!r} is not one of {', '.join(allowed)}")
    return str(value)


def _choices(values: Any, allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    return tuple(str(_choice(v, allowed, what)) for v in values or ())


def _eligibility(raw: Any, where: str) -> Eligibility:
    if raw is None:
        return Eligibility()
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: eligibility must be a mapping")
    known = set(Eligibility.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise CatalogError(f"{where}: unknown eligibility field(s) {', '.join(sorted(unknown))}")

    def years(key: str) -> float | None:
        value = raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise CatalogError(f"{where}: eligibility.{key} must be a number of years")
        return float(value)

    at = f"{where}: eligibility"
    return Eligibility(
        recipient=_choice(raw.get("recipient"), RECIPIENTS, f"{at}.recipient") or "company",
        founders_from_research=bool(raw.get("founders_from_research", False)),
        company_age_max_years=years("company_age_max_years"),
        company_age_min_years=years("company_age_min_years"),
        sectors_only=tuple(str(s) for s in raw.get("sectors_only") or ()),
        sizes=_choices(raw.get("sizes"), SIZES, f"{at}.sizes"),
        max_employees=_count(raw.get("max_employees"), f"{at}.max_employees"),
        requires_topics=tuple(str(t) for t in raw.get("requires_topics") or ()),
        excluded_projects=_choices(raw.get("excluded_projects"), PROJECT_KINDS, f"{at}.excluded_projects"),
        cooperation=_choice(raw.get("cooperation"), COOPERATION, f"{at}.cooperation"),
        application_via=_choice(raw.get("application_via"), APPLICATION_ROUTES, f"{at}.application_via"),
        apply_before_start=bool(raw.get("apply_before_start", False)),
        notes=tuple(str(n) for n in raw.get("notes") or ()),
    )


def _count(value: Any, what: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise CatalogError(f"{what}: must be a whole number of at least 1")
    return value


def _windows(raw: Any, where: str) -> tuple[tuple[str, str], ...]:
    windows: list[tuple[str, str]] = []
    for i, window in enumerate(raw or ()):
        if not isinstance(window, dict) or set(window) - {"opens", "closes"}:
            raise CatalogError(f"{where}: application_windows[{i}] needs opens and closes (YYYY-MM-DD)")
        opens = _date(window.get("opens"), f"{where}: application_windows[{i}].opens", day_only=True)
        closes = _date(window.get("closes"), f"{where}: application_windows[{i}].closes", day_only=True)
        if not opens or not closes or opens > closes:
            raise CatalogError(f"{where}: application_windows[{i}] needs opens ≤ closes")
        windows.append((opens, closes))
    return tuple(sorted(windows))


def parse_program(entry: dict[str, Any], where: str) -> Program:
    """One programs.yaml entry (or an entry built by another source, e.g. the Förderdatenbank export)."""
    try:
        program_id = str(entry["id"])
        where = f"{where} ({program_id})"
        program = Program(
            id=program_id,
            name=str(entry["name"]),
            provider=str(entry.get("provider") or ""),
            level=str(entry["level"]),
            funding_type=str(entry.get("funding_type") or ""),
            status=str(entry["status"]),
            as_of=_date(entry.get("as_of"), f"{where}: as_of"),
            source_url=str(entry["source_url"]),
            aliases=tuple(str(a) for a in entry.get("aliases") or ()),
            target_groups=tuple(str(t) for t in entry.get("target_groups") or ()),
            topics=tuple(str(t) for t in entry.get("topics") or ()),
            region=_text(entry.get("region")),
            status_note=_text(entry.get("status_note")),
            ended_on=_date(entry.get("ended_on"), f"{where}: ended_on"),
            successor=_text(entry.get("successor")),
            amount=_text(entry.get("amount")),
            uncertain=tuple(str(u) for u in entry.get("uncertain") or ()),
            document=_text(entry.get("document")),
            valid_until=_date(entry.get("valid_until"), f"{where}: valid_until"),
            application_windows=_windows(entry.get("application_windows"), where),
            deadlines=tuple(sorted(d for d in (_date(x, f"{where}: deadlines", day_only=True)
                                              for x in entry.get("deadlines") or ()) if d)),
            checked_on=_date(entry.get("checked_on"), f"{where}: checked_on", day_only=True),
            sources=tuple(str(u) for u in entry.get("sources") or ()),
            eligibility=_eligibility(entry.get("eligibility"), where),
            fdb_url=_text(entry.get("fdb_url")),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise CatalogError(f"{where}: lacks a required field ({exc})") from exc
    if program.status not in STATUSES:
        raise CatalogError(f"{where}: status must be one of {STATUSES}")
    if program.as_of is None and program.checked_on is None:
        raise CatalogError(f"{where}: an undated source (as_of: null) needs checked_on, the day it was read")
    return program


def load_programs(path: Path) -> dict[str, Program]:
    """Read programs.yaml; a missing file is an empty catalog, a malformed one a CatalogError."""
    if not path.exists():
        return {}
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CatalogError(f"{path}: not valid YAML: {exc}") from exc
    programs: dict[str, Program] = {}
    for i, entry in enumerate(raw.get("programs") or []):
        if not isinstance(entry, dict):
            raise CatalogError(f"{path}: programme #{i + 1} is not a mapping")
        program = parse_program(entry, f"{path}: programme #{i + 1}")
        if program.id in programs:
            raise CatalogError(f"{path}: programme id {program.id} appears twice")
        programs[program.id] = program
    for program in programs.values():
        if program.successor and program.successor not in programs:
            raise CatalogError(f"{path}: programme {program.id}: successor {program.successor!r} is not in the catalog")
    return programs


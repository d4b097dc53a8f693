"""corpus/sources.yaml: what the indexer reads. Validated on load; errors name the file and the line.

Kinds:
- `local_folder`: Markdown/HTML/PDF files with front matter or `<file>.meta.yaml` sidecars (the bundled corpus).
- `site`: a crawl from seed URLs and sitemaps, limited by allow/deny URL patterns, depth and page count.
- `page` / `pdf`: one web page or one PDF by URL.
- `ical`: an iCalendar feed of events (by URL or as a file under the corpus folder).
- `foerderdatenbank_export`: the Förderdatenbank's bulk XML export (a folder in its layout or a ZIP under the corpus
  folder, or the live export by URL), keeping the programmes of the chosen Fördergebiete.
A site or page whose defaults say `kind: event` is read as event pages (their schema.org Event data).

Every kind carries default metadata for its documents (provider, level, kind …), the owning partner and a
refresh cadence. Web kinds also carry their politeness knobs (delay, timeout, retries, size limit).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from indexer.catalog import LEVELS as PROGRAMME_LEVELS
from indexer.partner_catalogue import PartnerDataError, read_partner_entries

DOCUMENT_KINDS = ("programme", "partner", "news", "event", "guide", "document")
LEVELS = (*PROGRAMME_LEVELS, "Region")  # sources may also be regional
# on-change, hourly, daily, weekly, monthly, or a number with a unit: 12h, 3d, 2w
_CADENCE = re.compile(r"^(on-change|hourly|daily|weekly|monthly|\d+[hdw])$")
_CADENCE_HOURS = {"hourly": 1, "daily": 24, "weekly": 24 * 7, "monthly": 24 * 30}


class SourceRegistryError(ValueError):
    pass


def _check_url(value: str) -> str:
    if not re.match(r"^https?://[^/\s]+", value):
        raise ValueError(f"{value!r} is not an http(s) URL")
    return value


def _check_pattern(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise ValueError(f"{value!r} is not a valid regular expression ({exc})") from exc
    return value


HttpUrl = Annotated[str, AfterValidator(_check_url)]
UrlPattern = Annotated[str, AfterValidator(_check_pattern)]


class _SourceBase(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    defaults: dict[str, str | int | float | bool] = Field(
        default_factory=dict, description="metadata every document of this source starts with"
    )
    owner: str | None = Field(None, description="partner id that maintains this source")
    cadence: str | None = Field(None, description="on-change, hourly, daily, weekly, monthly, 12h, 3d, 2w")

    @field_validator("defaults")
    @classmethod
    def _known_defaults(cls, value: dict[str, Any]) -> dict[str, Any]:
        if "kind" in value and value["kind"] not in DOCUMENT_KINDS:
            raise ValueError(f"kind must be one of {', '.join(DOCUMENT_KINDS)}")
        if "level" in value and value["level"] not in LEVELS:
            raise ValueError(f"level must be one of {', '.join(LEVELS)}")
        return value

    @field_validator("cadence")
    @classmethod
    def _cadence(cls, value: str | None) -> str | None:
        if value is not None and not _CADENCE.match(value):
            raise ValueError("cadence must be on-change, hourly, daily, weekly, monthly or like 12h, 3d, 2w")
        return value

    def cadence_hours(self) -> float | None:
        """How old a source may get before it is due again (None = only when it changes)."""
        if self.cadence is None or self.cadence == "on-change":
            return None
        if self.cadence in _CADENCE_HOURS:
            return float(_CADENCE_HOURS[self.cadence])
        number, unit = int(self.cadence[:-1]), self.cadence[-1]
        return float(number * {"h": 1, "d": 24, "w": 24 * 7}[unit])


class _WebSourceBase(_SourceBase):
    """Politeness and safety knobs shared by every source that is fetched over HTTP."""

    allow_private: bool = Field(False, description="allow loopback/private addresses (tests, intranets)")
    delay_seconds: float = Field(1.0, ge=0, le=60, description="pause between two requests to one host")
    concurrency: int = Field(2, ge=1, le=8, description="parallel requests to one host")
    timeout_seconds: float = Field(20.0, gt=0, le=300)
    retries: int = Field(2, ge=0, le=5, description="extra attempts after a timeout or a 5xx answer")
    backoff_seconds: float = Field(1.0, ge=0, le=60, description="first pause before a retry, doubled each time")
    max_bytes: int = Field(20_000_000, ge=1_000, le=200_000_000, description="larger responses are refused")
    program_id: str | None = None
    partner_id: str | None = None
    region: str | None = Field(None, description="region of events that do not name one (e.g. Münsterland)")


class LocalFolderSource(_SourceBase):
    kind: Literal["local_folder"]
    path: str
    include: list[str] = Field(default_factory=lambda: ["**/*"])
    exclude: list[str] = Field(default_factory=list)
    max_bytes: int = Field(20_000_000, ge=1_000, le=200_000_000, description="larger files are refused")


class SiteSource(_WebSourceBase):
    kind: Literal["site"]
    seeds: list[HttpUrl] = Field(default_factory=list)
    sitemaps: list[HttpUrl] = Field(default_factory=list)
    allow: list[UrlPattern] = Field(
        default_factory=list, description="regexes (re.search); a URL must match one (default: the seed hosts)"
    )
    deny: list[UrlPattern] = Field(default_factory=list, description="regexes; a matching URL is never fetched")
    max_depth: int = Field(2, ge=0, le=10, description="link hops from a seed or sitemap entry")
    max_pages: int = Field(200, ge=1, le=100_000)

    @model_validator(mode="after")
    def _has_start(self) -> SiteSource:
        if not self.seeds and not self.sitemaps:
            raise ValueError("a site needs at least one seed URL or sitemap")
        return self


class PageSource(_WebSourceBase):
    kind: Literal["page"]
    url: HttpUrl
    title: str | None = None


class PdfSource(_WebSourceBase):
    kind: Literal["pdf"]
    url: HttpUrl
    title: str | None = None


class IcalSource(_WebSourceBase):
    kind: Literal["ical"]
    url: HttpUrl | None = None
    path: str | None = Field(None, description="a feed file under the corpus folder, instead of a URL")

    @model_validator(mode="after")
    def _one_location(self) -> IcalSource:
        if (self.url is None) == (self.path is None):
            raise ValueError("an ical source needs exactly one of url or path")
        return self


# Fördergebiet codes of the export (the export also writes `_bundesweit`; a leading underscore is ignored).
FDB_REGIONS = ("bundesweit", "baden_wuerttemberg", "bayern", "berlin", "brandenburg", "bremen", "de_ni", "de_st",
               "hamburg", "hessen", "mecklenburg_vorpommern", "nordrhein_westfalen", "rheinland_pfalz", "saarland",
               "sachsen", "schlesig_holstein", "sonstige", "thueringen")
FDB_FUNDERS = ("bund", "land", "eu")  # Fördergeber codes


class FoerderdatenbankExportSource(_SourceBase):
    """The Förderdatenbank's bulk export (../shared/data/README.md §4): one ZIP of GSB XML documents, regenerated
    daily. Read from `path` (a folder in the export's layout or a .zip, under the corpus folder) or `url`."""

    kind: Literal["foerderdatenbank_export"]
    path: str | None = Field(None, description="a folder holding BMWI/FDB/Content/DE/… or a .zip of it")
    url: HttpUrl | None = Field(None, description="the live export, e.g. https://www.foerderdatenbank.de/FDB/WS/export")
    regions: list[str] = Field(default_factory=lambda: ["nordrhein_westfalen", "bundesweit"],
                               description="Fördergebiet values whose programmes are kept")
    funders: list[str] = Field(default_factory=lambda: list(FDB_FUNDERS),
                               description="Fördergeber values whose programmes are kept (bund, land, eu)")
    export_date: date | None = Field(None, description=(
        "the date of a `path` export when its file times are not (a snapshot kept in git, whose checkout sets "
        "them to the clone's day); otherwise the newest file time, or the download's Last-Modified"))
    allow_private: bool = Field(False, description="allow a loopback/private address for `url` (tests, mirrors)")
    timeout_seconds: float = Field(60.0, gt=0, le=600, description="per read; the whole download gets five times this")
    retries: int = Field(2, ge=0, le=5)
    backoff_seconds: float = Field(5.0, ge=0, le=120)
    max_bytes: int = Field(200_000_000, ge=1_000, le=1_000_000_000,
                           description="largest ZIP accepted (download or file)")
    max_unpacked_bytes: int = Field(2_000_000_000, ge=1_000, le=10_000_000_000,
                                    description="largest total of the XML files, unpacked")
    max_files: int = Field(50_000, ge=1, le=1_000_000, description="most files an export may hold")
    max_file_bytes: int = Field(20_000_000, ge=1_000, le=200_000_000, description="largest single XML document")
    max_vanished_share: float = Field(0.5, gt=0, le=1, description=(
        "an export that no longer lists more than this share of the programmes listed so far is refused as "
        "incomplete (1 accepts any)"))

    @field_validator("regions")
    @classmethod
    def _known_regions(cls, value: list[str]) -> list[str]:
        cleaned = [v.lstrip("_") for v in value]
        unknown = [v for v in cleaned if v not in FDB_REGIONS]
        if unknown or not cleaned:
            raise ValueError(f"unknown Fördergebiet {', '.join(map(repr, unknown)) or '(none given)'}; "
                             f"known: {', '.join(FDB_REGIONS)}")
        return cleaned

    @field_validator("funders")
    @classmethod
    def _known_funders(cls, value: list[str]) -> list[str]:
        unknown = [v for v in value if v not in FDB_FUNDERS]
        if unknown or not value:
            raise ValueError(f"unknown Fördergeber {', '.join(map(repr, unknown)) or '(none given)'}; "
                             f"known: {', '.join(FDB_FUNDERS)}")
        return value

    @model_validator(mode="after")
    def _one_location(self) -> FoerderdatenbankExportSource:
        if (self.url is None) == (self.path is None):
            raise ValueError("a foerderdatenbank_export source needs exactly one of url or path")
        if self.url is not None and self.export_date is not None:
            raise ValueError("export_date is for a path; a download is dated by its Last-Modified header")
        return self


SOURCE_KINDS = ("local_folder", "site", "page", "pdf", "ical", "foerderdatenbank_export")
Source = Annotated[
    LocalFolderSource | SiteSource | PageSource | PdfSource | IcalSource | FoerderdatenbankExportSource,
    Field(discriminator="kind"),
]
WebSource = SiteSource | PageSource | PdfSource | IcalSource


class _Registry(BaseModel):
    entry: Source


def _entry_nodes(text: str) -> list[yaml.Node]:
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "sources" and isinstance(value, yaml.SequenceNode):
            return list(value.value)
    return []


def _line_of(node: yaml.Node | None, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the value at `loc` inside an entry node (the deepest part that exists)."""
    if node is None:
        return None
    line = node.start_mark.line + 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == part), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            match = node.value[part]
        else:
            match = None
        if match is None:
            break
        node, line = match, match.start_mark.line + 1
    return line


def _problems(exc: ValidationError, node: yaml.Node | None, entry_line: int) -> str:
    """Each problem with the field path and its own line: 'seeds.0 (line 7): not an http(s) URL'."""
    parts = []
    for err in exc.errors():
        # drop the wrapper and the union tag pydantic puts in front: ('entry', 'site', 'seeds', 0)
        loc = tuple(err["loc"][2:])
        where = ".".join(str(p) for p in loc) or "entry"
        line = _line_of(node, loc) or entry_line
        message = str(err["msg"]).removeprefix("Value error, ")
        parts.append(f"{where} (line {line}): {message}")
    return "; ".join(parts)


def load_sources(path: Path, partner_ids: Collection[str] | None = None) -> list[Source]:
    """The registry at `path`. With `partner_ids` (the ids of partners.yaml), every owner must be one of them."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SourceRegistryError(f"{path}: source registry not found") from exc
    try:
        raw: Any = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise SourceRegistryError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), list):
        raise SourceRegistryError(f"{path}:1: expected a top-level key 'sources' with a list of sources")
    nodes = _entry_nodes(text)
    sources: list[Source] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw["sources"]):
        node = nodes[i] if i < len(nodes) else None
        line = node.start_mark.line + 1 if node is not None else 1
        if not isinstance(entry, dict):
            raise SourceRegistryError(f"{path}:{line}: source #{i + 1} must be a mapping")
        if entry.get("kind") not in SOURCE_KINDS:
            raise SourceRegistryError(
                f"{path}:{_line_of(node, ('kind',)) or line}: source #{i + 1}: kind must be one of "
                f"{', '.join(SOURCE_KINDS)} (got {entry.get('kind')!r})"
            )
        try:
            source = _Registry.model_validate({"entry": entry}).entry
        except ValidationError as exc:
            problems = _problems(exc, node, line)
            raise SourceRegistryError(f"{path}:{line}: source #{i + 1} is invalid: {problems}") from exc
        if source.name in seen:
            raise SourceRegistryError(f"{path}:{line}: source name {source.name!r} is used twice")
        if partner_ids is not None and source.owner is not None and source.owner not in partner_ids:
            raise SourceRegistryError(f"{path}:{_line_of(node, ('owner',)) or line}: source #{i + 1}: owner "
                                      f"{source.owner!r} is not a partner id of partners.yaml")
        seen.add(source.name)
        sources.append(source)
    return sources


def load_registry(path: Path, corpus_dir: Path) -> list[Source]:
    """The registry as an indexing run reads it: owners checked against the corpus's partners.yaml, if it has one."""
    partners = corpus_dir / "partners.yaml"
    try:
        partner_ids = read_partner_entries(partners).ids() if partners.exists() else None
    except PartnerDataError as exc:
        raise SourceRegistryError(f"cannot check the owners: {exc}") from exc
    return load_sources(path, partner_ids)

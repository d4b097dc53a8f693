"""The maintainer's audit of the corpus (`nrw-assistant corpus check`, the "Datenpflege" panel on /admin): what the
assistant would state wrongly or without a fair warning, on a given day.

Errors (exit 1): a programme past its end that the catalog still keeps as open; a partner website outside the
partner's recorded official domain; a document without any date; a catalog that does not load.
Warnings: programmes ending within `within_days`; facts whose source is older than `stale_after_months`; undated
sources; partners not verified or without an attested website.
Messages are German (they are read on the admin page); check names and fields are English.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from indexer.catalog import CatalogError, load_programs
from indexer.local_folder import list_files
from indexer.parsers.front_matter import FrontMatterError, split_front_matter
from indexer.partner_catalogue import PartnerDataError, read_partner_entries
from indexer.programme_status import on_day
from indexer.source_date import SourceDate, display_date, is_stale
from indexer.source_registry import LocalFolderSource, SourceRegistryError, load_sources


@dataclass(frozen=True)
class Finding:
    severity: str  # error | warning
    check: str  # ended_but_open | ending_soon | stale | undated | unverified_partner | no_website |
    #             unofficial_link | no_date | catalog
    subject: str  # programme id, partner id or document path
    message: str


@dataclass
class AuditReport:
    today: str
    findings: list[Finding] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # programmes, partners, documents looked at

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "warning"]

    def as_dict(self) -> dict[str, Any]:
        by_check: dict[str, int] = {}
        for finding in self.findings:
            by_check[finding.check] = by_check.get(finding.check, 0) + 1
        return {"today": self.today, "errors": len(self.errors), "warnings": len(self.warnings),
                "by_check": by_check, "counts": self.counts, "findings": [asdict(f) for f in self.findings]}


def audit_corpus(corpus_dir: Path, today: date, within_days: int = 45, stale_after_months: int = 12,
                 sources_file: Path | None = None) -> AuditReport:
    report = AuditReport(today.isoformat())
    _programmes(report, corpus_dir, today, within_days, stale_after_months)
    _partners(report, corpus_dir, today, stale_after_months)
    _documents(report, corpus_dir, sources_file or corpus_dir / "sources.yaml", today, stale_after_months)
    order = {"error": 0, "warning": 1}
    report.findings.sort(key=lambda f: (order.get(f.severity, 2), f.check, f.subject))
    return report


def _programmes(report: AuditReport, corpus_dir: Path, today: date, within_days: int, stale_months: int) -> None:
    try:
        programmes = load_programs(corpus_dir / "programs.yaml")
    except CatalogError as exc:
        report.findings.append(Finding("error", "catalog", "programs.yaml", str(exc)))
        return
    report.counts["programmes"] = len(programmes)
    for program in programmes.values():
        day = on_day(program, today, within_days, stale_months)
        status = day.today
        assert status is not None
        if program.status in ("open", "unknown") and day.status == "closed":
            report.findings.append(Finding(
                "error", "ended_but_open", program.id,
                f"{program.name}: im Katalog '{program.status}', aber seit {display_date(day.ended_on)} beendet – "
                "Status auf closed setzen oder neues Enddatum mit Quelle eintragen."))
        elif status.ending_soon and status.ends_on:
            report.findings.append(Finding(
                "warning", "ending_soon", program.id,
                f"{program.name}: endet am {display_date(status.ends_on)} (in {status.days_left} Tagen) – "
                "Verlängerung oder Nachfolger prüfen."))
        if program.as_of is None:
            report.findings.append(Finding(
                "warning", "undated", program.id,
                f"{program.name}: Quellen ohne Datum (gesichtet am {display_date(program.checked_on)}) – "
                "datierte Quelle suchen."))
        elif day.status != "closed" and is_stale(program.as_of, today, stale_months):
            report.findings.append(Finding(
                "warning", "stale", program.id,
                f"{program.name}: Stand {display_date(program.as_of)}, älter als {stale_months} Monate – "
                "beim Anbieter prüfen."))


def _partners(report: AuditReport, corpus_dir: Path, today: date, stale_months: int) -> None:
    path = corpus_dir / "partners.yaml"
    if not path.exists():
        return
    try:
        entries = read_partner_entries(path).entries()
    except PartnerDataError as exc:  # the YAML parser's own message, as the audit always showed it
        report.findings.append(Finding("error", "catalog", "partners.yaml",
                                       f"kein gültiges YAML: {exc.__cause__ or exc}"))
        return
    report.counts["partners"] = len(entries)
    for entry in entries:
        pid, name = str(entry.get("id")), str(entry.get("name") or entry.get("id"))
        website, domain = entry.get("website"), str(entry.get("official_domain") or "")
        if website and not _on_domain(str(website), domain):
            report.findings.append(Finding(
                "error", "unofficial_link", pid,
                f"{name}: Website {website} liegt nicht auf der offiziellen Domain '{domain or '—'}'."))
        for key in ("contact_url",):  # an old field that once held press articles
            link = entry.get(key)
            if link and not _on_domain(str(link), domain):
                report.findings.append(Finding(
                    "error", "unofficial_link", pid, f"{name}: {key} {link} ist nicht die eigene Seite des Partners."))
        if not website:
            report.findings.append(Finding("warning", "no_website", pid,
                                           f"{name}: keine offizielle Website belegt – wird ohne Link genannt."))
        if entry.get("verified") is False:
            note = entry.get("verify_note") or ""
            report.findings.append(Finding("warning", "unverified_partner", pid,
                                           f"{name}: nicht bestätigt. {note}".strip()))
        as_of = entry.get("as_of")
        if as_of and is_stale(as_of, today, stale_months):
            report.findings.append(Finding("warning", "stale", pid,
                                           f"{name}: Stand {display_date(as_of)}, älter als {stale_months} Monate."))


def _on_domain(url: str, domain: str) -> bool:
    """`domain` is a host (ihk-arnsberg.de) or host/path on a shared host (ihk.de/aachen); www. is ignored."""
    if not domain:
        return False
    parts = urlsplit(url if "://" in url else f"https://{url}")
    host = (parts.hostname or "").removeprefix("www.")
    want_host, _, want_path = domain.removeprefix("www.").partition("/")
    if host != want_host and not host.endswith("." + want_host):
        return False
    return not want_path or parts.path.strip("/").startswith(want_path.strip("/"))


def _documents(report: AuditReport, corpus_dir: Path, sources_file: Path, today: date, stale_months: int) -> None:
    try:
        sources = [s for s in load_sources(sources_file) if isinstance(s, LocalFolderSource)]
    except SourceRegistryError as exc:
        report.findings.append(Finding("error", "catalog", sources_file.name, str(exc)))
        return
    looked = 0
    for source in sources:
        for file in list_files(corpus_dir / source.path, source.include, source.exclude):
            looked += 1
            meta = _metadata(file.path)
            subject = f"{source.path}/{file.relative}"
            if meta is None:
                continue  # unreadable metadata is the indexer's error, reported by `index`
            kind = str(meta.get("kind") or "")
            try:
                as_of = SourceDate.parse(meta.get("as_of"))
            except ValueError:
                report.findings.append(Finding("error", "no_date", subject, f"as_of ist kein Datum: {meta['as_of']!r}"))
                continue
            if as_of is None and not meta.get("checked_on"):
                report.findings.append(Finding("error", "no_date", subject,
                                               "Dokument ohne Datum: as_of oder checked_on eintragen."))
            elif as_of is None:
                report.findings.append(Finding("warning", "undated", subject,
                                               f"Quelle ohne Datum, gesichtet am {display_date(meta['checked_on'])}."))
            elif kind != "programme" and is_stale(as_of.iso(), today, stale_months):
                # Programme documents are covered by their catalog entry's date above.
                report.findings.append(Finding("warning", "stale", subject,
                                               f"Stand {as_of.display()}, älter als {stale_months} Monate."))
    report.counts["documents"] = looked


def _metadata(path: Path) -> dict[str, Any] | None:
    try:
        if path.suffix.lower() in (".md", ".markdown"):
            meta, _ = split_front_matter(path.read_text(encoding="utf-8"))
            return meta
        sidecar = path.with_name(path.name + ".meta.yaml")
        return yaml.safe_load(sidecar.read_text(encoding="utf-8")) or {} if sidecar.exists() else None
    except (OSError, UnicodeDecodeError, FrontMatterError, yaml.YAMLError):
        return None

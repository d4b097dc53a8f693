"""Every source kind of sources.yaml loads with its fields, and each mistake is reported with file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.settings import PROJECT_ROOT
from indexer.source_registry import (
    FoerderdatenbankExportSource,
    IcalSource,
    LocalFolderSource,
    PageSource,
    PdfSource,
    SiteSource,
    SourceRegistryError,
    load_registry,
    load_sources,
)

ALL_KINDS = """\
sources:
  - name: korpus
    kind: local_folder
    path: sample
  - name: nrwbank
    kind: site
    seeds: ["https://www.nrwbank.de/de/foerderung/"]
    sitemaps: ["https://www.nrwbank.de/sitemap.xml"]
    allow: ["^https://www\\\\.nrwbank\\\\.de/de/foerderung/"]
    deny: ["\\\\?print=", "/en/"]
    max_depth: 3
    max_pages: 500
    defaults: {kind: programme, provider: NRW.BANK, level: NRW.BANK}
    owner: nrw-bank-service-center
    cadence: weekly
  - name: mid-seite
    kind: page
    url: https://www.example.org/mid
    program_id: mid-digitalisierung
    cadence: daily
  - name: merkblatt
    kind: pdf
    url: https://www.example.org/merkblatt.pdf
    title: Merkblatt
    max_bytes: 5000000
  - name: termine
    kind: ical
    url: https://www.example.org/termine.ics
    region: Münsterland
    defaults: {kind: event}
    cadence: 12h
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_every_kind_loads_with_its_fields(tmp_path: Path):
    sources = load_sources(_write(tmp_path, ALL_KINDS))
    assert [type(s) for s in sources] == [LocalFolderSource, SiteSource, PageSource, PdfSource, IcalSource]
    site = sources[1]
    assert site.max_depth == 3 and site.max_pages == 500 and site.deny == ["\\?print=", "/en/"]
    assert site.defaults["provider"] == "NRW.BANK" and site.owner == "nrw-bank-service-center"
    assert site.allow_private is False and site.max_bytes == 20_000_000  # safe defaults
    assert [s.cadence_hours() for s in sources] == [None, 168.0, 24.0, None, 12.0]


@pytest.mark.parametrize("entry,line,message", [
    ("  - name: x\n    kind: site\n    max_depth: 2\n", 2, "needs at least one seed URL or sitemap"),
    ("  - name: x\n    kind: site\n    seeds:\n      - https://ok.example/\n      - ftp://nope\n", 2,
     "seeds.1 (line 6): 'ftp://nope' is not an http(s) URL"),
    ("  - name: x\n    kind: site\n    seeds: [https://a.example/]\n    deny: ['([']\n", 2,
     "deny.0 (line 5): '([' is not a valid regular expression"),
    ("  - name: x\n    kind: webpage\n    url: https://a.example/\n", 3, "kind must be one of"),
    ("  - name: x\n    kind: ical\n    url: https://a.example/t.ics\n    path: t.ics\n", 2,
     "exactly one of url or path"),
    ("  - name: x\n    kind: page\n    url: https://a.example/\n    defaults: {kind: blog}\n", 2,
     "defaults (line 5): kind must be one of programme"),
    ("  - name: x\n    kind: page\n    url: https://a.example/\n    cadence: sometimes\n", 2, "cadence (line 5)"),
    ("  - name: x\n    kind: pdf\n    url: https://a.example/a.pdf\n    max_bytes: 10\n", 2, "max_bytes (line 5)"),
])
def test_mistakes_name_file_line_and_field(tmp_path: Path, entry: str, line: int, message: str):
    path = _write(tmp_path, "sources:\n" + entry)
    with pytest.raises(SourceRegistryError) as error:
        load_sources(path)
    assert str(error.value).startswith(f"{path}:{line}: ")
    assert message in str(error.value)


def test_the_bundled_registry_stays_offline_and_the_web_example_validates():
    """`make demo` indexes corpus/sources.yaml: nothing in it may reach the network. The real web sources live in
    an example file that maintainers pass with --sources; it must stay valid."""
    bundled = load_sources(PROJECT_ROOT / "corpus" / "sources.yaml")
    assert {s.kind for s in bundled} <= {"local_folder", "ical", "foerderdatenbank_export"}
    assert all(s.url is None for s in bundled if isinstance(s, IcalSource | FoerderdatenbankExportSource))  # files

    example = load_sources(PROJECT_ROOT / "corpus" / "sources.web-example.yaml")
    assert {s.kind for s in example} >= {"site", "page"}
    assert not any(getattr(s, "allow_private", False) for s in example)
    assert all(s.cadence and s.cadence_hours() for s in example)  # web sources say how often they are refreshed


def test_an_owner_must_be_a_partner_of_the_corpus(tmp_path: Path):
    (tmp_path / "partners.yaml").write_text("partners:\n  - id: ihk-lippe\n    name: IHK Lippe\n", encoding="utf-8")
    path = _write(tmp_path, "sources:\n  - name: a\n    kind: local_folder\n    path: a\n    owner: ihk-lippe\n"
                            "  - name: b\n    kind: local_folder\n    path: b\n    owner: ihk-lipe\n")
    with pytest.raises(SourceRegistryError) as error:
        load_registry(path, tmp_path)
    assert str(error.value) == f"{path}:9: source #2: owner 'ihk-lipe' is not a partner id of partners.yaml"
    assert [s.owner for s in load_sources(path)] == ["ihk-lippe", "ihk-lipe"]  # without partners: not checked
    assert load_registry(PROJECT_ROOT / "corpus" / "sources.yaml", PROJECT_ROOT / "corpus")  # the bundled owners exist

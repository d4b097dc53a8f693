"""The `foerderdatenbank_export` entry of sources.yaml (validated with file and line), `index --due` for an export
on disk, and the served catalogue: curated entries plus listed programmes, merged, recomputed per generation."""

from __future__ import annotations

import os
import shutil
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from api.benchmarks.scale_fdb_bench import with_export_source
from assistant.answering.program_mentions import ProgramMentions
from indexer.catalog import parse_program
from indexer.catalogue_merge import ServedCatalogue, merge_catalogue, normalised_name, normalised_url
from indexer.listed_programmes import ListedProgramme
from indexer.programme_status import ProgrammesToday
from indexer.schedule import due_sources
from indexer.settings import PROJECT_ROOT
from indexer.source_registry import FoerderdatenbankExportSource, SourceRegistryError, load_registry, load_sources
from tests.indexer.fdb.export_corpus import EINSTIEGSGELD_URL


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_an_export_source_loads_with_safe_defaults(tmp_path):
    sources = load_sources(_write(tmp_path, (
        "sources:\n"
        "  - name: fdb\n    kind: foerderdatenbank_export\n    url: https://www.foerderdatenbank.de/FDB/WS/export\n"
        "    cadence: daily\n    owner: nrw-bank-service-center\n"
        "  - name: fdb-datei\n    kind: foerderdatenbank_export\n    path: export.zip\n"
        "    regions: [nordrhein_westfalen, _bundesweit, hessen]\n    funders: [bund, land]\n")))
    live, local = sources
    assert isinstance(live, FoerderdatenbankExportSource) and live.cadence_hours() == 24.0
    assert live.regions == ["nordrhein_westfalen", "bundesweit"] and live.funders == ["bund", "land", "eu"]
    assert live.allow_private is False and live.max_bytes == 200_000_000 and live.max_files == 50_000
    assert local.regions == ["nordrhein_westfalen", "bundesweit", "hessen"] and local.path == "export.zip"


@pytest.mark.parametrize("entry,message", [
    ("    path: e.zip\n    url: https://a.example/export\n", "exactly one of url or path"),
    ("    regions: [nordrhein_westfalen]\n", "exactly one of url or path"),
    ("    path: e.zip\n    regions: [nrw, bundesweit]\n", "regions (line 5): unknown Fördergebiet 'nrw'"),
    ("    path: e.zip\n    funders: [kommune]\n", "funders (line 5): unknown Fördergeber 'kommune'"),
    ("    url: ftp://a.example/export\n", "url (line 4): 'ftp://a.example/export' is not an http(s) URL"),
    ("    path: e.zip\n    max_bytes: 10\n", "max_bytes (line 5)"),
    ("    path: e.zip\n    regionen: [bundesweit]\n", "regionen (line 5): Extra inputs are not permitted"),
    ("    url: https://a.example/export\n    export_date: 2026-07-30\n", "export_date is for a path"),
    ("    path: e.zip\n    export_date: 30.07.2026\n", "export_date (line 5)"),
])
def test_mistakes_in_an_export_source_name_file_line_and_field(tmp_path, entry, message):
    path = _write(tmp_path, "sources:\n  - name: fdb\n    kind: foerderdatenbank_export\n" + entry)
    with pytest.raises(SourceRegistryError) as error:
        load_sources(path)
    assert str(error.value).startswith(f"{path}:2: ") and message in str(error.value)


def test_an_export_on_disk_without_a_clock_cadence_is_due_when_it_changed(tmp_path):
    export = tmp_path / "corpus" / "export"
    (export / "BMWI").mkdir(parents=True)
    file = export / "BMWI" / "a.xml"
    file.write_text("<x/>", encoding="utf-8")
    (tmp_path / "index").mkdir()
    source = load_sources(_write(tmp_path, "sources:\n  - name: fdb\n    kind: foerderdatenbank_export\n"
                                           "    path: export\n    cadence: on-change\n"))
    read_at = datetime.now(UTC)
    (tmp_path / "index" / "SOURCE_RUNS.json").write_text(
        f'{{"fdb": {{"read_at": "{read_at.isoformat()}"}}}}', encoding="utf-8")
    old = (read_at - timedelta(hours=1)).timestamp()
    for path in (file, file.parent, export, tmp_path / "corpus"):
        os.utime(path, (old, old))
    assert due_sources(source, tmp_path / "index", tmp_path / "corpus") == []
    later = time.time() + 5
    os.utime(file, (later, later))
    assert [d.source.name for d in due_sources(source, tmp_path / "index", tmp_path / "corpus")] == ["fdb"]


def _curated(**fields):
    entry = {"id": "kuratiert", "name": "Einstiegsgeld für Gründende", "level": "Bund", "status": "unknown",
             "as_of": "2026-11-01", "source_url": "https://example.org/e", **fields}
    return {"kuratiert": parse_program(entry, "test")}


def _listed(program_id="fdb-bund-bmas-einstiegsgeld", name="Einstiegsgeld", url=EINSTIEGSGELD_URL, **fields):
    return ListedProgramme(program_id, "fdb", "/BMWI/FDB/Content/DE/Foerderprogramm/Bund/BMAS/einstiegsgeld", url,
                           {"name": name, "provider": "BA", "level": "Bund", "funding_type": "Zuschuss"}, "f",
                           "2026-12-01", "2026-12-07", **fields)


def test_a_listing_merges_into_the_curated_entry_by_its_url_or_by_its_exact_name():
    by_url = merge_catalogue(_curated(fdb_url="http://foerderdatenbank.de/FDB/Content/DE/Foerderprogramm/Bund/BMAS/"
                                              "einstiegsgeld.html"), [_listed()])
    assert list(by_url) == ["kuratiert"]  # scheme and www. do not make another page
    by_name = merge_catalogue(_curated(aliases=["Einstiegsgeld"]), [_listed()])
    assert list(by_name) == ["kuratiert"]
    other_page = merge_catalogue(_curated(aliases=["Einstiegsgeld"], fdb_url="https://www.foerderdatenbank.de/x.html"),
                                 [_listed()])
    assert set(other_page) == {"kuratiert", "fdb-bund-bmas-einstiegsgeld"}  # linked elsewhere: no name match
    similar = merge_catalogue(_curated(), [_listed(name="Einstiegsgeld plus")])
    assert set(similar) == {"kuratiert", "fdb-bund-bmas-einstiegsgeld"}  # only an exact (normalised) name
    assert normalised_name("Förder-Programm  (NRW)") == normalised_name("foerder programm nrw")
    assert normalised_url("https://www.a.de/x/") == normalised_url("http://a.de/x?y=1")


def test_a_vanished_listing_is_an_ended_programme():
    program = merge_catalogue({}, [_listed(vanished_on="2026-12-09")])["fdb-bund-bmas-einstiegsgeld"]
    assert program.status == "closed" and program.ended_on == "2026-12-09" and program.as_of == "2026-12-07"
    assert program.status_note.startswith("Seit dem 09.12.2026 nicht mehr in der Förderdatenbank gelistet")


def test_the_served_catalogue_follows_the_generation_and_the_chat_knows_the_new_names():
    generation: dict[str, dict[str, ListedProgramme]] = {"current": {}}
    catalogue = ServedCatalogue(_curated(), lambda: generation["current"])
    first = catalogue()
    assert catalogue() is first and list(first) == ["kuratiert"]
    today = ProgrammesToday(catalogue, lambda: date(2026, 12, 10))
    mentions = ProgramMentions(today)
    assert mentions.find("Gibt es noch das Eingliederungsgeld?") == []
    generation["current"] = {"fdb-x": _listed("fdb-x", name="Eingliederungsgeld")}  # a new generation is served
    assert catalogue() is not first and "fdb-x" in today and today["fdb-x"].status == "open"
    assert mentions.find("Gibt es noch das Eingliederungsgeld?") == ["fdb-x"]


def test_the_scale_benchmark_serves_its_synthetic_export_in_place_of_the_bundled_sample(tmp_path):
    # the bundled registry has an export source of its own: the benchmark's must replace it, not clash by name
    corpus = tmp_path / "corpus"
    shutil.copytree(PROJECT_ROOT / "corpus", corpus)
    with_export_source(corpus / "sources.yaml", "foerderdatenbank-export.zip")
    sources = load_registry(corpus / "sources.yaml", corpus)
    exports = [s for s in sources if isinstance(s, FoerderdatenbankExportSource)]
    assert [(s.name, s.path) for s in exports] == [("foerderdatenbank", "foerderdatenbank-export.zip")]
    assert {s.name for s in sources} >= {"sample"}  # the rest of the registry stays

"""The real export sample through the real pipeline (real Chroma on disk, real MiniLM): indexed from a folder and from a
ZIP, nothing embedded for an unchanged export, only a changed programme embedded again, a programme that leaves the
export kept as ended, and a curated programme that links its Förderdatenbank entry shown once."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from assistant.components import build_programmes
from assistant.retrieval.served_index import ServedIndex
from indexer.generations import open_generations
from indexer.german_analyzer import GermanAnalyzer
from indexer.index_record import IndexRecord
from indexer.source_registry import load_sources
from tests.corpus_builder import PROGRAMS_YAML
from tests.indexer.fdb.export_corpus import (
    EINSTIEGSGELD_ID,
    EINSTIEGSGELD_URL,
    EINSTIEGSGELD_XML,
    PROGRAMMES,
    REAL_EXPORT,
    copy_export,
    corpus_with_export,
    zip_export,
)

FILM_XML = f"{PROGRAMMES}/Bund/BKM/deutsch-franzoesische-kooperationen-film-ffa.xml"
FILM_ID = "fdb-bund-bkm-deutsch-franzoesische-kooperationen-film-ffa"


def date_export(folder: Path, day: str) -> None:
    """Files dated `day`: a folder export is dated by its newest file."""
    stamp = datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp()
    for path in folder.rglob("*.xml"):
        os.utime(path, (stamp, stamp))


def _run(settings, pipeline):
    return pipeline.run(load_sources(settings.resolved_sources_file()), all_sources=True)


def _record(settings) -> IndexRecord:
    return IndexRecord(open_generations(settings).current().record_path, read_only=True)


def _catalogue(settings):
    return build_programmes(settings.model_copy(update={"today": date(2026, 12, 10)}),
                            ServedIndex(open_generations(settings), GermanAnalyzer().terms))


def test_the_real_sample_indexes_from_a_folder_and_an_unchanged_export_embeds_nothing(tmp_path, settings_for,
                                                                                      pipeline_for):
    settings = settings_for(corpus_with_export(tmp_path / "corpus", f"path: {REAL_EXPORT}"))
    pipeline, counter = pipeline_for(settings)
    first = _run(settings, pipeline)
    fdb = next(s for s in first.sources if s.name == "fdb")
    assert (fdb.added, fdb.failed) == (3, []) and first.chunks_embedded > 0
    record = _record(settings)
    documents = record.documents()
    assert documents[EINSTIEGSGELD_ID].url == EINSTIEGSGELD_URL and documents[EINSTIEGSGELD_ID].source == "fdb"
    chunks = [c for c in record.iter_chunks() if c.doc_id == EINSTIEGSGELD_ID]
    assert {c.metadata["attribution"] for c in chunks} == {
        f"Einstiegsgeld, Bundesministerium für Wirtschaft und Energie, CC BY-ND 4.0, Quelle: {EINSTIEGSGELD_URL}"}
    assert any(c.section == "Art und Höhe der Förderung" for c in chunks)
    assert set(record.listed_programmes()) == {EINSTIEGSGELD_ID, FILM_ID, "fdb-bund-ba-eingliederungszuschuss-bund"}
    record.close()

    embedded = counter.embedded
    second = _run(settings, pipeline)
    assert second.chunks_embedded == 0 and counter.embedded == embedded and not second.switched
    assert next(s for s in second.sources if s.name == "fdb").unchanged == 3


def test_the_real_sample_indexes_from_a_zip_and_an_unchanged_zip_embeds_nothing(tmp_path, settings_for,
                                                                                pipeline_for):
    archive = zip_export(REAL_EXPORT, tmp_path / "fdb-export.zip")
    settings = settings_for(corpus_with_export(tmp_path / "corpus", "path: fdb-export.zip"))
    (settings.corpus_dir / "fdb-export.zip").write_bytes(archive.read_bytes())  # a path under the corpus folder
    pipeline, counter = pipeline_for(settings)
    first = _run(settings, pipeline)
    assert next(s for s in first.sources if s.name == "fdb").added == 3 and not first.failed
    embedded = counter.embedded
    second = _run(settings, pipeline)
    assert second.chunks_embedded == 0 and counter.embedded == embedded and not second.switched


def test_only_the_programme_that_changed_is_embedded_again_and_unchanged_ones_keep_their_date(
        tmp_path, settings_for, pipeline_for):
    export = copy_export(tmp_path / "export")
    date_export(export, "2026-12-01")
    settings = settings_for(corpus_with_export(tmp_path / "corpus", f"path: {export}"))
    pipeline, counter = pipeline_for(settings)
    _run(settings, pipeline)

    xml = export / EINSTIEGSGELD_XML
    xml.write_text(xml.read_text(encoding="utf-8").replace("für höchstens 24 Monate", "für höchstens 36 Monate"),
                   encoding="utf-8")
    date_export(export, "2026-12-02")  # the next day's export
    before = counter.embedded
    summary = _run(settings, pipeline)
    fdb = next(s for s in summary.sources if s.name == "fdb")
    assert (fdb.updated, fdb.unchanged) == (1, 2)
    record = _record(settings)
    changed_chunks = [c for c in record.iter_chunks() if c.doc_id == EINSTIEGSGELD_ID]
    assert counter.embedded - before == len(changed_chunks) == summary.chunks_embedded
    assert any("höchstens 36 Monate" in c.text for c in changed_chunks)
    rows = record.listed_programmes()
    documents = record.documents()
    record.close()
    assert documents[EINSTIEGSGELD_ID].as_of == "2026-12-02" == rows[EINSTIEGSGELD_ID].first_seen
    assert documents[FILM_ID].as_of == "2026-12-01" == rows[FILM_ID].first_seen  # unchanged: its date stays
    assert rows[FILM_ID].listed_on == "2026-12-02"  # … but the catalogue knows the newer export lists it
    assert _catalogue(settings)[FILM_ID].as_of == "2026-12-02"


def test_a_programme_that_leaves_the_export_is_kept_as_ended_and_comes_back_when_listed_again(
        tmp_path, settings_for, pipeline_for):
    export = copy_export(tmp_path / "export")
    date_export(export, "2026-12-01")
    settings = settings_for(corpus_with_export(tmp_path / "corpus", f"path: {export}"))
    pipeline, _ = pipeline_for(settings)
    _run(settings, pipeline)

    film = (export / FILM_XML).read_bytes()
    (export / FILM_XML).unlink()
    date_export(export, "2026-12-03")
    summary = _run(settings, pipeline)
    assert next(s for s in summary.sources if s.name == "fdb").removed == 1
    record = _record(settings)
    assert FILM_ID not in record.documents()  # its text leaves the search index …
    assert record.listed_programmes()[FILM_ID].vanished_on == "2026-12-03"  # … the programme stays, for history
    record.close()
    ended = _catalogue(settings)[FILM_ID]
    assert ended.status == "closed" and ended.ended_on == "2026-12-03"
    assert "nicht mehr in der Förderdatenbank gelistet" in (ended.status_note or "")

    (export / FILM_XML).write_bytes(film)
    date_export(export, "2026-12-04")
    _run(settings, pipeline)
    again = _catalogue(settings)[FILM_ID]
    assert again.status == "open" and again.ended_on is None and again.as_of == "2026-12-04"


LINKED = PROGRAMS_YAML + f"""\
  - id: einstiegsgeld-kuratiert
    name: "Einstiegsgeld (SGB II)"
    provider: "Jobcenter"
    level: Bund
    funding_type: Zuschuss
    target_groups: [gruender]
    topics: [gruendung]
    status: unknown
    status_note: "Kuratiert: bitte beim Jobcenter erfragen."
    as_of: 2026-11-02
    source_url: https://example.org/einstiegsgeld
    fdb_url: {EINSTIEGSGELD_URL}
"""

BY_NAME = PROGRAMS_YAML + """\
  - id: einstiegsgeld-kuratiert
    name: "Einstiegsgeld"
    provider: "Jobcenter"
    level: Bund
    funding_type: Zuschuss
    status: unknown
    as_of: 2026-11-02
    source_url: https://example.org/einstiegsgeld
"""


def test_a_curated_programme_stays_authoritative_and_its_export_entry_is_never_shown_twice(
        tmp_path, settings_for, pipeline_for):
    for name, programs_yaml in (("url", LINKED), ("name", BY_NAME)):
        settings = settings_for(corpus_with_export(tmp_path / name, f"path: {REAL_EXPORT}", programs_yaml))
        settings = settings.model_copy(update={"data_dir": tmp_path / name / "data"})
        pipeline, _ = pipeline_for(settings)
        _run(settings, pipeline)
        catalogue = _catalogue(settings)
        assert EINSTIEGSGELD_ID not in catalogue, name  # merged into the curated entry
        curated = catalogue["einstiegsgeld-kuratiert"]
        assert curated.status == "unknown" and curated.provider == "Jobcenter"  # the curated facts win
        assert FILM_ID in catalogue  # listings without a curated entry are programmes of their own
        record = _record(settings)
        chunks = [c for c in record.iter_chunks() if c.doc_id == EINSTIEGSGELD_ID]
        assert chunks and {c.metadata["program_id"] for c in chunks} == {"einstiegsgeld-kuratiert"}
        assert {c.url for c in chunks} == {EINSTIEGSGELD_URL}  # the export's text, cited with its own page
        assert record.listed_programmes()[EINSTIEGSGELD_ID].merged_into == "einstiegsgeld-kuratiert"
        record.close()
        names = [p.name for p in catalogue.values()]
        assert len(names) == len({p.id for p in catalogue.values()})


def test_a_full_run_keeps_the_history_of_listed_programmes(tmp_path, settings_for, pipeline_for):
    export = copy_export(tmp_path / "export")
    date_export(export, "2026-12-01")
    settings = settings_for(corpus_with_export(tmp_path / "corpus", f"path: {export}"))
    pipeline, _ = pipeline_for(settings)
    _run(settings, pipeline)
    (export / FILM_XML).unlink()
    date_export(export, "2026-12-05")
    _run(settings, pipeline)
    pipeline.run(load_sources(settings.resolved_sources_file()), full=True, all_sources=True)
    record = _record(settings)
    rows = record.listed_programmes()
    record.close()
    assert rows[FILM_ID].vanished_on == "2026-12-05" and rows[EINSTIEGSGELD_ID].first_seen == "2026-12-01"



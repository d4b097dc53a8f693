"""XML and ZIP from outside are hostile input: a billion-laughs or external-entity document, a zip slip, a zip bomb, a
truncated ZIP or download are refused with a clear reason, and the served generation stays exactly as it was.
The real sample is indexed first (real pipeline, real Chroma, real MiniLM), then the export is replaced."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from indexer.generations import open_generations
from indexer.index_record import IndexRecord
from indexer.source_registry import load_sources
from tests.indexer.crawler.site_server import Page, TestSite, serve
from tests.indexer.fdb.export_corpus import (
    EINSTIEGSGELD_ID,
    EINSTIEGSGELD_XML,
    PROGRAMMES,
    REAL_EXPORT,
    copy_export,
    corpus_with_export,
    zip_export,
)

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE document [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<document name="einstiegsgeld" path="/BMWI/FDB/Content/DE/Foerderprogramm/Bund/BMAS" type="gsb:ServiceOffer">
  <property name="gsb:title" type="RichText"><text>&lol9;</text></property>
</document>
"""


def _external_entity(target: Path) -> bytes:
    return f"""<?xml version="1.0"?>
<!DOCTYPE document [<!ENTITY secret SYSTEM "file://{target}">]>
<document xmlns:xlink="http://www.w3.org/1999/xlink" name="einstiegsgeld"
          path="/BMWI/FDB/Content/DE/Foerderprogramm/Bund/BMAS" type="gsb:ServiceOffer">
  <property name="gsb:title" type="RichText"><text>&secret;</text></property>
  <property name="gsb:bodyText" type="RichText"><text>&lt;p&gt;&amp;secret;&lt;/p&gt;</text></property>
</document>
""".encode()


class Served:
    """What the served generation holds, to compare before and after a hostile run."""

    def __init__(self, settings) -> None:
        generation = open_generations(settings).current()
        record = IndexRecord(generation.record_path, read_only=True)
        self.generation = generation.id
        self.documents = {d: e.content_hash for d, e in record.documents().items()}
        self.chunks = {c.chunk_id: c.text for c in record.iter_chunks()}
        self.programmes = record.listed_programmes()
        record.close()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Served) and vars(self) == vars(other)


def _indexed(tmp_path: Path, settings_for, pipeline_for, location: str, **fields: object):
    settings = settings_for(corpus_with_export(tmp_path / "corpus", location, **fields))
    pipeline, counter = pipeline_for(settings)
    first = pipeline.run(load_sources(settings.resolved_sources_file()))
    assert next(s for s in first.sources if s.name == "fdb").added == 3
    return settings, pipeline, counter


def _run_again(settings, pipeline, counter):
    embedded = counter.embedded
    summary = pipeline.run(load_sources(settings.resolved_sources_file()))
    fdb = next(s for s in summary.sources if s.name == "fdb")
    assert counter.embedded == embedded and summary.chunks_embedded == 0
    return summary, fdb


@pytest.mark.parametrize("attack", ["billion_laughs", "external_entity"])
def test_a_document_with_a_dtd_is_refused_and_what_was_indexed_for_it_stays(tmp_path, settings_for, pipeline_for,
                                                                            attack):
    export = copy_export(tmp_path / "export")
    # Dated by the maintainer: an undated folder takes its newest file's day, which the hostile file would move
    # past midnight.
    settings, pipeline, counter = _indexed(tmp_path, settings_for, pipeline_for, f"path: {export}",
                                           export_date="2026-07-30")
    before = Served(settings)
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIMNIS-4711", encoding="utf-8")
    (export / EINSTIEGSGELD_XML).write_bytes(BILLION_LAUGHS if attack == "billion_laughs" else _external_entity(secret))

    summary, fdb = _run_again(settings, pipeline, counter)
    assert fdb.failed == [{"location": EINSTIEGSGELD_XML, "reason": (
        "XML document refused: it contains a document type declaration (a DTD or entity is never expanded)")}]
    assert (fdb.unchanged, fdb.removed) == (2, 0) and not summary.switched
    after = Served(settings)
    assert after == before and EINSTIEGSGELD_ID in after.documents
    assert not any("GEHEIMNIS" in text or "lollol" in text for text in after.chunks.values())


def test_a_hostile_contact_document_is_left_out_with_a_warning(tmp_path, settings_for, pipeline_for):
    export = copy_export(tmp_path / "export")
    secret = tmp_path / "secret.txt"
    secret.write_text("GEHEIMNIS-4711", encoding="utf-8")
    contact = export / "BMWI/FDB/Content/DE/Kontakt/B/bundesagentur-fuer-arbeit-ansprechpartner.xml"
    contact.write_bytes(_external_entity(secret))
    settings, _pipeline, _counter = _indexed(tmp_path, settings_for, pipeline_for, f"path: {export}")
    served = Served(settings)
    einstieg = " ".join(t for c, t in served.chunks.items() if c.startswith(EINSTIEGSGELD_ID + "#"))
    assert "Regensburger Straße 104" in einstieg and "GEHEIMNIS" not in einstieg
    last = IndexRecord(open_generations(settings).current().record_path, read_only=True).last_run()
    fdb = next(s for s in last["sources"] if s["name"] == "fdb")
    assert any("bundesagentur-fuer-arbeit-ansprechpartner" in w["location"] and "document type declaration"
               in w["reason"] for w in fdb["warnings"])


def _archive(members: dict[str, bytes], base: Path | None = REAL_EXPORT) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        if base is not None:
            for path in sorted(base.rglob("*.xml")):
                archive.write(path, path.relative_to(base).as_posix())
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


BOMB = b'<?xml version="1.0"?><document type="gsb:ServiceOffer">' + b" " * 5_000_000 + b"</document>"
HOSTILE_ARCHIVES = {
    "zip_slip": ({"../../../evil.xml": b"<x/>"}, "unsafe path in the archive: '../../../evil.xml' (path traversal)"),
    "zip_slip_inside": ({f"{PROGRAMMES}/../../../../../tmp/evil.xml": b"<x/>"}, "(path traversal); archive refused"),
    "absolute_path": ({"/etc/evil.xml": b"<x/>"}, "unsafe path in the archive: '/etc/evil.xml'"),
    "zip_bomb": ({f"{PROGRAMMES}/Bund/X/bomb.xml": BOMB}, "to 1 (more than 100 to 1); archive refused (zip bomb?)"),
}


@pytest.mark.parametrize("attack", sorted(HOSTILE_ARCHIVES))
def test_a_hostile_archive_is_refused_as_a_whole_and_the_served_generation_stays(tmp_path, settings_for,
                                                                                pipeline_for, attack):
    archive = tmp_path / "corpus-export.zip"
    archive.write_bytes(_archive({}))
    settings, pipeline, counter = _indexed(tmp_path, settings_for, pipeline_for, f"path: {archive}")
    before = Served(settings)

    members, reason = HOSTILE_ARCHIVES[attack]
    archive.write_bytes(_archive(members))
    summary, fdb = _run_again(settings, pipeline, counter)
    assert len(fdb.failed) == 1 and fdb.failed[0]["location"] == str(archive)
    assert reason in fdb.failed[0]["reason"]
    assert not fdb.complete and (fdb.removed, fdb.added, fdb.updated) == (0, 0, 0) and not summary.switched
    assert Served(settings) == before
    assert not (tmp_path / "evil.xml").exists() and not Path("/tmp/evil.xml").exists()


def test_size_limits_of_the_source_refuse_an_export_that_unpacks_too_large(tmp_path, settings_for, pipeline_for):
    archive = tmp_path / "export.zip"
    archive.write_bytes(_archive({}))
    settings, pipeline, counter = _indexed(tmp_path, settings_for, pipeline_for, f"path: {archive}")
    before = Served(settings)
    text = (settings.corpus_dir / "sources.yaml").read_text(encoding="utf-8")
    (settings.corpus_dir / "sources.yaml").write_text(text + "    max_unpacked_bytes: 50000\n", encoding="utf-8")
    summary, fdb = _run_again(settings, pipeline, counter)
    assert "unpacks to more than max_unpacked_bytes (50,000)" in fdb.failed[0]["reason"]
    assert Served(settings) == before and not summary.switched


def test_a_partial_export_that_drops_most_programmes_is_refused_unless_the_source_accepts_it(
        tmp_path, settings_for, pipeline_for):
    export = copy_export(tmp_path / "export")
    settings, pipeline, counter = _indexed(tmp_path, settings_for, pipeline_for, f"path: {export}")
    before = Served(settings)
    for name in ("Bund/BMAS/einstiegsgeld.xml", "Bund/BA/eingliederungszuschuss-bund.xml"):
        (export / PROGRAMMES / name).unlink()
    summary, fdb = _run_again(settings, pipeline, counter)
    assert fdb.failed[0]["reason"].startswith("2 of the 3 programmes listed so far are missing from this export")
    assert Served(settings) == before and not summary.switched
    text = (settings.corpus_dir / "sources.yaml").read_text(encoding="utf-8")
    (settings.corpus_dir / "sources.yaml").write_text(text + "    max_vanished_share: 1\n", encoding="utf-8")
    summary, fdb = _run_again(settings, pipeline, counter)
    assert (fdb.removed, fdb.unchanged, fdb.failed) == (2, 1, []) and summary.switched


def test_a_truncated_zip_is_refused_and_the_served_generation_stays(tmp_path, settings_for, pipeline_for):
    archive = zip_export(REAL_EXPORT, tmp_path / "export.zip")
    whole = archive.read_bytes()
    settings, pipeline, counter = _indexed(tmp_path, settings_for, pipeline_for, f"path: {archive}")
    before = Served(settings)
    archive.write_bytes(whole[: len(whole) // 2])
    summary, fdb = _run_again(settings, pipeline, counter)
    assert fdb.failed[0]["reason"].startswith("not a complete ZIP archive (truncated or damaged download?)")
    assert Served(settings) == before and not summary.switched


def test_the_live_export_is_downloaded_politely_a_broken_download_changes_nothing_and_304_reads_nothing(
        tmp_path, settings_for, pipeline_for):
    whole = zip_export(REAL_EXPORT, tmp_path / "export.zip").read_bytes()
    site = TestSite()
    with serve(site):
        site.pages["/FDB/WS/export"] = Page(whole[:-200], content_type="application/zip",
                                            headers={"Last-Modified": "Mon, 07 Dec 2026 05:00:00 GMT"})
        location = f"url: {site.base_url}/FDB/WS/export"
        settings = settings_for(corpus_with_export(tmp_path / "corpus", location, allow_private="true",
                                                   backoff_seconds=0))
        pipeline, counter = pipeline_for(settings)
        first = pipeline.run(load_sources(settings.resolved_sources_file()))
        fdb = next(s for s in first.sources if s.name == "fdb")
        assert fdb.failed and "not a complete ZIP archive" in fdb.failed[0]["reason"] and fdb.added == 0
        assert not any(r.path == "/FDB/WS/export" and "if-none-match" in r.headers for r in site.log)

        site.pages["/FDB/WS/export"] = Page(whole, content_type="application/zip",
                                            headers={"Last-Modified": "Mon, 07 Dec 2026 05:00:00 GMT"})
        second = pipeline.run(load_sources(settings.resolved_sources_file()))
        fdb = next(s for s in second.sources if s.name == "fdb")
        assert (fdb.added, fdb.failed) == (3, [])  # the broken download left no validators behind
        assert any(r.path == "/robots.txt" for r in site.log)  # robots.txt asked first
        assert all(r.headers.get("user-agent") == settings.crawler_user_agent for r in site.log)
        record = IndexRecord(open_generations(settings).current().record_path, read_only=True)
        assert record.documents()[EINSTIEGSGELD_ID].as_of == "2026-12-07"  # the export's Last-Modified day
        record.close()
        before = Served(settings)

        embedded = counter.embedded
        third = pipeline.run(load_sources(settings.resolved_sources_file()))
        fdb = next(s for s in third.sources if s.name == "fdb")
        assert site.log[-1].headers.get("if-none-match")  # a conditional GET …
        assert fdb.crawl["not_modified"] == 1 and fdb.removed == 0  # … answered 304: nothing read, nothing removed
        assert counter.embedded == embedded and not third.switched and Served(settings) == before

"""The real export sample read into documents and listed programmes: titles, classifiers and facets, the public URL,
sections, linked contacts and links, the attribution — from a folder and from a ZIP alike. No embedding here."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from indexer.catalog import load_programs
from indexer.foerderdatenbank.gsb_document import parse_gsb_document
from indexer.settings import PROJECT_ROOT
from indexer.source_reading import SourceRead, SourceReader
from indexer.source_registry import load_sources
from tests.indexer.fdb.export_corpus import (
    EINSTIEGSGELD_ID,
    EINSTIEGSGELD_URL,
    EINSTIEGSGELD_XML,
    REAL_EXPORT,
    corpus_with_export,
    zip_export,
)


def _read(corpus: Path) -> SourceRead:
    sources = {s.name: s for s in load_sources(corpus / "sources.yaml")}
    reader = SourceReader(corpus, load_programs(corpus / "programs.yaml"), {}, {}, "NRWA-Test/1.0")
    return reader.read(sources["fdb"])


@pytest.fixture(params=["folder", "zip"])
def sample_read(request, tmp_path: Path) -> SourceRead:
    if request.param == "folder":
        location = f"path: {REAL_EXPORT}"
    else:
        location = f"path: {zip_export(REAL_EXPORT, tmp_path / 'export.zip')}"
    return _read(corpus_with_export(tmp_path / "corpus", location))


def test_the_three_real_programmes_become_documents_cited_with_their_public_page(sample_read):
    assert not sample_read.failed and sample_read.complete
    by_id = {d.doc_id: d for d in sample_read.documents}
    assert set(by_id) == {EINSTIEGSGELD_ID, "fdb-bund-ba-eingliederungszuschuss-bund",
                          "fdb-bund-bkm-deutsch-franzoesische-kooperationen-film-ffa"}
    doc = by_id[EINSTIEGSGELD_ID]
    assert doc.title == "Einstiegsgeld"
    assert doc.url == EINSTIEGSGELD_URL
    assert by_id["fdb-bund-ba-eingliederungszuschuss-bund"].title == \
        "Finanzielle Unterstützungsmöglichkeiten bei Neueinstellungen (Eingliederungszuschüsse)"
    # inline markup adds no space: "(<span>Minitraité-Förderung)</span>"
    assert by_id["fdb-bund-bkm-deutsch-franzoesische-kooperationen-film-ffa"].title.endswith(
        "Filmförderungsgesetzes 2025 (Minitraité-Förderung)")
    assert doc.metadata["attribution"] == (
        f"Einstiegsgeld, Bundesministerium für Wirtschaft und Energie, CC BY-ND 4.0, Quelle: {EINSTIEGSGELD_URL}")
    assert doc.metadata["kind"] == "programme" and doc.metadata["program_id"] == EINSTIEGSGELD_ID
    assert doc.location == EINSTIEGSGELD_XML


def test_classifiers_become_the_projects_facets(sample_read):
    meta = {d.doc_id: d.metadata for d in sample_read.documents}
    einstieg = meta[EINSTIEGSGELD_ID]
    assert einstieg["funding_type"] == "Zuschuss" and einstieg["level"] == "Bund"
    assert einstieg["topics"] == ["gruendung"] and einstieg["target_groups"] == ["gruender"]
    assert einstieg["region"] == "Deutschland" and einstieg["provider"] == "Bundesagentur für Arbeit (BA)"
    film = meta["fdb-bund-bkm-deutsch-franzoesische-kooperationen-film-ffa"]
    assert film["funding_type"] == "Darlehen, Bürgschaft"
    assert "kreativwirtschaft" in film["target_groups"] and film["topics"] == ["kultur-medien-sport"]
    # `_bundesweit` (with the underscore the export writes for this programme) is bundesweit
    hiring = meta["fdb-bund-ba-eingliederungszuschuss-bund"]
    assert hiring["region"] == "Deutschland" and hiring["topics"] == ["fachkraefte"]
    assert {"kmu", "grossunternehmen", "alle-unternehmen"} <= set(hiring["target_groups"])


def test_sections_follow_the_page_with_the_labels_of_the_foerderdatenbank(sample_read):
    doc = next(d for d in sample_read.documents if d.doc_id == EINSTIEGSGELD_ID)
    sections = {s.heading_path: s.text for s in doc.sections}
    assert doc.sections[0].heading_path == ("Steckbrief",)
    facts = sections[("Steckbrief",)].splitlines()
    assert facts[:5] == ["Förderart: Zuschuss", "Förderbereich: Existenzgründung & -festigung",
                         "Fördergebiet: bundesweit", "Förderberechtigte: Existenzgründer/in", "Fördergeber: Bund"]
    for heading in ("Ziel und Gegenstand", "Antragsberechtigte", "Voraussetzungen", "Art und Höhe der Förderung",
                    "Antragsverfahren", "Quelle", "Wichtige Hinweise"):
        assert (heading,) in sections, heading
    assert sections[("Antragsberechtigte",)] == \
        "Antragsberechtigt sind Hilfebedürftige, die nach dem SGB II leistungsberechtigt sind."
    assert "Zuschüsse sind bis zu einer Höhe von EUR 5.000 möglich" in sections[("Art und Höhe der Förderung",)]
    hiring = next(d for d in sample_read.documents if d.doc_id == "fdb-bund-ba-eingliederungszuschuss-bund")
    labels = [s.heading_path for s in hiring.sections]
    assert ("Kurztext",) in labels and ("Volltext",) in labels and ("Rechtliche Voraussetzungen",) in labels
    legal = next(s.text for s in hiring.sections if s.heading_path == ("Rechtliche Voraussetzungen",))
    assert "Keine Förderung erhalten Sie für\n- Arbeitsverhältnisse, die bereits bestanden haben" in legal  # list items
    body = next(s.text for s in hiring.sections if s.heading_path == ())
    assert "Neueinstellungen\nStand: Januar 2024\nBundesagentur für Arbeit" in body  # <br /> ends a line


def test_linked_contacts_addresses_and_external_links_are_resolved(sample_read):
    doc = next(d for d in sample_read.documents if d.doc_id == EINSTIEGSGELD_ID)
    contact = next(s.text for s in doc.sections if s.heading_path == ("Ansprechpunkt",))
    assert "Bundesagentur für Arbeit (BA)\nRegensburger Straße 104, 90478 Nürnberg\nTelefon: +49 800 455-5500" \
        in contact
    assert "Internet: https://www.arbeitsagentur.de/ueber-uns/ansprechpartner" in contact
    links = next(s.text for s in doc.sections if s.heading_path == ("Weiterführende Links",))
    # the external-link documents the body links (BMAS, existenzgruendungsportal) and the page's own list
    assert "https://www.bmas.de" in links and "https://www.existenzgruender.de" in links
    assert "https://www.arbeitsagentur.de/arbeitslosengeld-2/arbeit-aufnehmen-existenzgruendung" in links
    film = next(d for d in sample_read.documents if "film" in d.doc_id)
    film_contact = next(s.text for s in film.sections if s.heading_path == ("Ansprechpunkt",))
    assert "E-Mail: info@ffa.de" in film_contact and "Große Präsidentenstraße 9, 10178 Berlin" in film_contact


def test_texts_stay_word_for_word_and_internal_fields_are_never_read(sample_read):
    source = (REAL_EXPORT / EINSTIEGSGELD_XML).read_bytes()
    body = parse_gsb_document(source, "/x").rich_texts["gsb:bodyText"]
    words = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body))).split()
    doc = next(d for d in sample_read.documents if d.doc_id == EINSTIEGSGELD_ID)
    ours = {("Steckbrief",), ("Ansprechpunkt",), ("Weiterführende Links",)}
    indexed: list[str] = []
    for section in doc.sections:
        if section.heading_path not in ours:  # the body's headings are the sections' headings
            indexed += [*(section.heading_path[-1:] and section.heading_path[-1].split()), *section.text.split()]
    assert indexed == words  # every word of the body, in order, nothing left out, nothing of ours in between
    every_text = " ".join(s.text for d in sample_read.documents for s in d.sections)
    assert "Ticket#" not in every_text and "865269" not in every_text  # gsb:comment: the CMS's ticket numbers


def test_listed_programmes_carry_the_catalogue_entry_and_the_export_date(sample_read):
    rows = {r.program_id: r for r in sample_read.listed_programmes}
    row = rows[EINSTIEGSGELD_ID]
    assert row.url == EINSTIEGSGELD_URL and row.vanished_on is None and row.merged_into is None
    program = row.program()
    assert program.status == "open" and program.source_url == EINSTIEGSGELD_URL and program.fdb_url == EINSTIEGSGELD_URL
    assert program.as_of == row.listed_on and "In der Förderdatenbank gelistet" in (program.status_note or "")
    assert program.eligibility.recipient == "founder"
    doc = next(d for d in sample_read.documents if d.doc_id == EINSTIEGSGELD_ID)
    assert doc.as_of == row.first_seen == row.listed_on


@pytest.mark.parametrize("kind", ["folder", "zip"])
def test_a_dated_snapshot_is_cited_with_its_own_date_not_the_day_its_files_were_copied(tmp_path, kind):
    # git sets a checkout's file times to the clone's day: a snapshot kept in the repository says its date
    location = REAL_EXPORT if kind == "folder" else zip_export(REAL_EXPORT, tmp_path / "export.zip")
    read = _read(corpus_with_export(tmp_path / "corpus", f"path: {location}", export_date="2026-07-30"))
    rows = {r.program_id: r for r in read.listed_programmes}
    assert rows[EINSTIEGSGELD_ID].listed_on == "2026-07-30" == rows[EINSTIEGSGELD_ID].program().as_of
    assert {d.as_of for d in read.documents} == {"2026-07-30"}


def test_the_bundled_corpus_serves_the_real_sample_with_the_date_of_its_snapshot():
    corpus = PROJECT_ROOT / "corpus"
    export = next(s for s in load_sources(corpus / "sources.yaml") if s.kind == "foerderdatenbank_export")
    reader = SourceReader(corpus, load_programs(corpus / "programs.yaml"), {}, {}, "NRWA-Test/1.0")
    read = reader.read(export)
    assert not read.failed and read.complete
    assert {d.url for d in read.documents} >= {EINSTIEGSGELD_URL}
    assert {d.as_of for d in read.documents} == {export.export_date.isoformat()} and export.export_date.year == 2026
    assert all("CC BY-ND 4.0" in d.metadata["attribution"] for d in read.documents)


def test_regions_and_funders_choose_what_is_kept(tmp_path):
    only_nrw = _read(corpus_with_export(tmp_path / "a", f"path: {REAL_EXPORT}", regions="[nordrhein_westfalen]"))
    assert only_nrw.documents == [] and only_nrw.listed_programmes == [] and not only_nrw.failed
    only_land = _read(corpus_with_export(tmp_path / "b", f"path: {REAL_EXPORT}", funders="[land, eu]"))
    assert only_land.documents == []
    bund = _read(corpus_with_export(tmp_path / "c", f"path: {REAL_EXPORT}", regions="[bundesweit]", funders="[bund]"))
    assert len(bund.documents) == 3


def test_a_zip_with_a_folder_around_the_export_reads_the_same(tmp_path):
    plain = _read(corpus_with_export(tmp_path / "a", f"path: {zip_export(REAL_EXPORT, tmp_path / 'a.zip')}"))
    wrapped_zip = zip_export(REAL_EXPORT, tmp_path / "b.zip", prefix="export-2026-12-07/")
    wrapped = _read(corpus_with_export(tmp_path / "b", f"path: {wrapped_zip}"))
    assert [d.content_hash() for d in plain.documents] == [d.content_hash() for d in wrapped.documents]


def test_export_passages_are_not_embedded_sentence_by_sentence(sample_read):
    """Hundreds of long guidelines: a full index embeds their passages, not each of their sentences."""
    from indexer.chunker import Chunker
    from indexer.sentence_store import quotable_sentences

    doc = next(d for d in sample_read.documents if d.doc_id == EINSTIEGSGELD_ID)
    chunks = Chunker().split(doc)
    assert chunks and all(quotable_sentences(c) == [] for c in chunks)
    assert doc.metadata["sentence_vectors"] is False

"""Parsers of each format: Markdown with front matter, HTML main content, PDF pages."""

from __future__ import annotations

import pytest

from indexer.parsers.errors import ParseError
from indexer.parsers.front_matter import FrontMatterError, split_front_matter
from indexer.parsers.html_parser import parse_html
from indexer.parsers.markdown_parser import parse_markdown
from indexer.parsers.pdf_parser import parse_pdf
from tests.corpus_builder import KREDIT_HTML
from tests.pdf_factory import scanned_pdf, text_pdf


def test_front_matter_is_split_from_the_body():
    meta, body = split_front_matter("---\nid: x\nas_of: 2026-01-01\n---\n# Titel\nText")
    assert meta["id"] == "x"
    assert body.startswith("# Titel")


def test_unclosed_front_matter_is_an_error():
    with pytest.raises(FrontMatterError):
        split_front_matter("---\nid: x\n# Titel")


def test_markdown_sections_keep_the_heading_path():
    title, sections = parse_markdown("# Programm\nIntro.\n## Wer?\nKMU.\n### Details\nKleinst.\n## Status\nOffen.")
    assert title == "Programm"
    assert [s.heading_path for s in sections] == [(), ("Wer?",), ("Wer?", "Details"), ("Status",)]
    assert sections[-1].text == "Offen."


def test_html_keeps_main_content_and_drops_navigation_footer_banner_and_scripts():
    title, sections = parse_html(KREDIT_HTML)
    text = "\n".join(s.text for s in sections)
    assert title == "Innovationskredit Test"
    assert "Investitionen in neue Produkte" in text
    for boilerplate in ("Cookies", "Startseite", "Impressum", "alert(1)"):
        assert boilerplate not in text
    assert ("Konditionen",) in [s.heading_path for s in sections]
    assert "Finanzierungsanteil | bis zu 100 %" in text  # tables stay readable


def test_pdf_yields_one_section_per_page_with_page_numbers_and_umlauts():
    data = text_pdf(["Erste Seite über Förderung für Betriebe.", "Zweite Seite: Größe und Maßnahmen."])
    _, sections = parse_pdf(data)
    assert [s.page for s in sections] == [1, 2]
    assert "Förderung" in sections[0].text
    assert "Größe" in sections[1].text and "Maßnahmen" in sections[1].text


def test_scanned_pdf_without_text_is_reported_not_indexed_empty():
    with pytest.raises(ParseError, match="no text layer"):
        parse_pdf(scanned_pdf())


def test_encrypted_pdf_is_reported():
    with pytest.raises(ParseError, match="encrypted"):
        parse_pdf(text_pdf(["Geheimer Text auf der Seite."], encrypt="secret"))


@pytest.mark.parametrize("data", [b"", b"%PDF-1.4\n garbage", b"not a pdf at all" * 10])
def test_broken_pdf_is_a_parse_error(data: bytes):
    with pytest.raises(ParseError):
        parse_pdf(data)


def test_an_html_page_with_more_text_than_the_limit_is_a_parse_error(monkeypatch):
    import indexer.parsers.errors as errors

    monkeypatch.setattr(errors, "MAX_TEXT_CHARS", 1_000)
    small = "<html><body><main><p>" + "Förderung " * 50 + "</p></main></body></html>"
    assert parse_html(small)[1]  # 500 characters pass
    with pytest.raises(ParseError, match="more than 1,000 characters"):
        parse_html("<html><body><main>" + "<p>Förderung für KMU.</p>" * 100 + "</main></body></html>")

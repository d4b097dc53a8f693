"""An undated source gives the day it was looked at (checked_on) instead of an as-of date: the document is indexed
without an as-of date, never with the research date as its "Stand". A document with neither is refused."""

from __future__ import annotations

from indexer.local_folder import iter_documents
from indexer.parsers.errors import ParseError

_HEAD = "---\nid: {id}\ntitle: Test\nsource_url: https://example.org/{id}\n{date}---\n# Test\nEin kurzer Text.\n"


def test_checked_on_stands_in_for_an_undated_source(tmp_path):
    (tmp_path / "dated.md").write_text(_HEAD.format(id="dated", date="as_of: 2025-03-11\n"), encoding="utf-8")
    (tmp_path / "undated.md").write_text(_HEAD.format(id="undated", date="checked_on: 2026-12-07\n"),
                                         encoding="utf-8")
    (tmp_path / "none.md").write_text(_HEAD.format(id="none", date=""), encoding="utf-8")

    results = {f.relative: r for f, r in iter_documents(tmp_path, ["**/*.md"], [], {}, {}, 100_000)}

    assert results["dated.md"].as_of == "2025-03-11" and "checked_on" not in results["dated.md"].metadata
    assert results["undated.md"].as_of is None
    assert results["undated.md"].metadata["checked_on"] == "2026-12-07"
    assert isinstance(results["none.md"], ParseError) and str(results["none.md"]).startswith("metadata lacks as_of")

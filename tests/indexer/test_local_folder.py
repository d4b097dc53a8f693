"""Files in a local corpus folder: a file larger than the source's max_bytes is refused before it is read."""

from __future__ import annotations

from indexer.local_folder import iter_documents
from indexer.parsers.errors import ParseError
from indexer.source_registry import LocalFolderSource

_DOC = "---\nid: {id}\ntitle: Test\nsource_url: https://example.org/{id}\nas_of: 2026-01-01\n---\n{body}\n"


def test_a_file_over_max_bytes_is_reported_and_the_others_are_indexed(tmp_path):
    (tmp_path / "small.md").write_text(_DOC.format(id="small", body="Eine kurze Seite."), encoding="utf-8")
    (tmp_path / "huge.md").write_text(_DOC.format(id="huge", body="Text " * 1_000), encoding="utf-8")

    results = {f.relative: r for f, r in iter_documents(tmp_path, ["**/*.md"], [], {}, {}, 2_000)}

    assert results["small.md"].doc_id == "small"
    assert isinstance(results["huge.md"], ParseError)
    assert "more than the source's max_bytes (2,000)" in str(results["huge.md"])
    # A source's default limit (20 MB) lets the same file through.
    default = LocalFolderSource(name="corpus", kind="local_folder", path=".").max_bytes
    assert next(iter_documents(tmp_path, ["huge.md"], [], {}, {}, default))[1].doc_id == "huge"

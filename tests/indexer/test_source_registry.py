"""sources.yaml is validated on load with errors that name file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.source_registry import SourceRegistryError, load_sources


def test_bundled_registry_loads():
    sources = load_sources(Path(__file__).resolve().parents[2] / "corpus" / "sources.yaml")
    # no invented events in the default index; the export sample is read from its folder
    assert [(s.name, s.kind) for s in sources] == [("sample", "local_folder"),
                                                   ("foerderdatenbank", "foerderdatenbank_export")]


def test_unknown_field_names_file_and_line(tmp_path: Path):
    path = tmp_path / "sources.yaml"
    path.write_text("sources:\n  - name: a\n    kind: local_folder\n    path: x\n"
                    "  - name: b\n    kind: local_folder\n    path: y\n    colour: red\n", encoding="utf-8")
    with pytest.raises(SourceRegistryError, match=r"sources.yaml:5: .*colour"):
        load_sources(path)


def test_duplicate_names_and_bad_yaml_are_errors(tmp_path: Path):
    path = tmp_path / "sources.yaml"
    entries = "  - {name: a, kind: local_folder, path: x}\n  - {name: a, kind: local_folder, path: y}\n"
    path.write_text("sources:\n" + entries, encoding="utf-8")
    with pytest.raises(SourceRegistryError, match="used twice"):
        load_sources(path)
    path.write_text("sources: [\n", encoding="utf-8")
    with pytest.raises(SourceRegistryError, match="not valid YAML"):
        load_sources(path)


def test_missing_registry_is_a_clear_error(tmp_path: Path):
    with pytest.raises(SourceRegistryError, match="not found"):
        load_sources(tmp_path / "nope.yaml")

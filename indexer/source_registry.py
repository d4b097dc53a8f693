"""corpus/sources.yaml: what the indexer reads. Validated on load; errors name the file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError


class SourceRegistryError(ValueError):
    pass


class LocalFolderSource(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    kind: Literal["local_folder"]
    path: str
    include: list[str] = Field(default_factory=lambda: ["**/*"])
    exclude: list[str] = Field(default_factory=list)
    defaults: dict[str, str | int | float | bool] = Field(default_factory=dict)
    owner: str | None = None
    cadence: str | None = None


Source = LocalFolderSource


def _entry_lines(text: str) -> list[int]:
    """1-based line of each entry under `sources:` (for error messages)."""
    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        return []
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if key.value == "sources" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def load_sources(path: Path) -> list[Source]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise SourceRegistryError(f"{path}: source registry not found") from exc
    try:
        raw: Any = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise SourceRegistryError(f"{where}: not valid YAML ({getattr(exc, 'problem', exc)})") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get("sources"), list):
        raise SourceRegistryError(f"{path}:1: expected a top-level key 'sources' with a list of sources")
    lines = _entry_lines(text)
    sources: list[Source] = []
    seen: set[str] = set()
    for i, entry in enumerate(raw["sources"]):
        line = lines[i] if i < len(lines) else 1
        try:
            source = LocalFolderSource.model_validate(entry)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or 'entry'}: {err['msg']}" for err in exc.errors()
            )
            raise SourceRegistryError(f"{path}:{line}: source #{i + 1} is invalid: {problems}") from exc
        if source.name in seen:
            raise SourceRegistryError(f"{path}:{line}: source name {source.name!r} is used twice")
        seen.add(source.name)
        sources.append(source)
    return sources

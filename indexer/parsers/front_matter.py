"""YAML front matter at the top of a Markdown file: `---\\n<yaml>\\n---\\n<body>`."""

from __future__ import annotations

from typing import Any

import yaml


class FrontMatterError(ValueError):
    pass


def split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """Return (metadata, body). A file without front matter yields ({}, text)."""
    if not text.startswith("---"):
        return {}, text
    end = text.find("\n---", 3)
    if end == -1:
        raise FrontMatterError("front matter starts with '---' but has no closing '---' line")
    try:
        meta = yaml.safe_load(text[3:end]) or {}
    except yaml.YAMLError as exc:
        raise FrontMatterError(f"front matter is not valid YAML: {exc}") from exc
    if not isinstance(meta, dict):
        raise FrontMatterError("front matter must be a mapping of keys to values")
    body = text[end + 4 :]
    return {str(k): v for k, v in meta.items()}, body.lstrip("\n")

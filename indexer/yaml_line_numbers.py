"""YAML loading that remembers where every value was written, so data errors can name file and line."""

from __future__ import annotations

from typing import Any

import yaml

YamlPath = tuple[str | int, ...]


def _record_lines(node: yaml.Node, path: YamlPath, lines: dict[YamlPath, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            # A mapping entry is reported at its key ("kreise: [...]"), where a reader looks for it.
            child = (*path, str(key_node.value))
            lines[child] = key_node.start_mark.line + 1
            _record_lines(value_node, child, lines)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            child = (*path, i)
            lines[child] = item.start_mark.line + 1
            _record_lines(item, child, lines)


def load_yaml_with_lines(text: str) -> tuple[Any, dict[YamlPath, int]]:
    """Parses text with the safe loader; returns the data and a map from a path such as
    ("partners", 3, "coverage", "kreise", 1) to its 1-based line. Raises yaml.YAMLError on bad syntax."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, {}
        data = loader.construct_document(node)
    finally:
        loader.dispose()
    lines: dict[YamlPath, int] = {(): node.start_mark.line + 1}
    _record_lines(node, (), lines)
    return data, lines


def line_of(lines: dict[YamlPath, int], path: YamlPath) -> int:
    """The line of path, or of its nearest recorded ancestor (a missing key is reported at its parent)."""
    while path not in lines and path:
        path = path[:-1]
    return lines.get(path, 1)

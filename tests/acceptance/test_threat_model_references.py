"""THREAT_MODEL.md promises that every test it names exists: checked here, so a rename cannot leave it stale."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
_REFERENCE = re.compile(r"`(tests/[\w/]+\.py)::(\w+)")


def test_every_test_named_in_the_threat_model_exists():
    references = _REFERENCE.findall((ROOT / "THREAT_MODEL.md").read_text(encoding="utf-8"))
    assert len(references) >= 20
    missing = [f"{path}::{name}" for path, name in references
               if not (ROOT / path).is_file() or not re.search(rf"^(async )?def {name}\(",
                                                             (ROOT / path).read_text(encoding="utf-8"), re.M)]
    assert not missing, missing

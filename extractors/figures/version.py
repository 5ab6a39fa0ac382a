"""The extractor's version, derived from its rules: a hash of the source of every module.

Any change to a rule (a module of this package, or the Figure record in extractors/model.py)
gives a new version, so `tradewatch reprocess` and the warehouse's `extractor_version` columns
tell which stored articles were read by older rules. No one bumps it by hand.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

PREFIX = "figures-"
DIGITS = 12  # hex digits of sha256 kept: collisions are not a concern at this scale

_PACKAGE = Path(__file__).resolve().parent
_MODEL = _PACKAGE.parent / "model.py"


def rule_files(package: Path = _PACKAGE, model: Path = _MODEL) -> list[Path]:
    """The files the version covers: the package's .py modules sorted by name, then model.py."""
    return [*sorted(package.glob("*.py"), key=lambda p: p.name), model]


def source_hash(files: Iterable[Path]) -> str:
    """sha256 over each file's name and bytes, in the order given (a rename changes it too)."""
    h = hashlib.sha256()
    for path in files:
        data = path.read_bytes()
        h.update(f"{path.name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def rules_version(package: Path = _PACKAGE, model: Path = _MODEL) -> str:
    """The version string: "figures-" and the first 12 hex digits of the rules' source hash."""
    return PREFIX + source_hash(rule_files(package, model))[:DIGITS]

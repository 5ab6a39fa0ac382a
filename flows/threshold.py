"""The configured confidence threshold, read without pydantic: `tradewatch extract` starts
once per article under the scorer, and the full Settings cost ~0.2 s to import.

It reads what load_settings would give for `extract.min_confidence` (the environment over the
file over the default, the same parsing), and nothing else of the file.
"""

from __future__ import annotations

import os
from pathlib import Path

from extractors.errors import ConfigError
from extractors.figures.confidence import DEFAULT_MIN_CONFIDENCE, parse_threshold
from flows.config_file import find_file, read_toml, where

ENV = "TRADEWATCH_EXTRACT__MIN_CONFIDENCE"
KEY = "extract.min_confidence"


def _env_value() -> str | None:
    """The environment override, matched case-insensitively as pydantic-settings does."""
    for name, value in os.environ.items():
        if name.upper() == ENV:
            return value
    return None


def configured_min_confidence(path: str | Path | None = None, cwd: Path | None = None
                              ) -> float:
    """extract.min_confidence from the environment, else the file, else the default."""
    file = find_file(path, cwd)
    raw: object = _env_value()
    if raw is None:
        section = read_toml(file).get("extract", {}) if file else {}
        if not isinstance(section, dict):
            raise ConfigError(f"{where(file)}: extract: not a table")
        raw = section.get("min_confidence", DEFAULT_MIN_CONFIDENCE)
    try:
        return parse_threshold(raw)
    except ValueError as e:
        raise ConfigError(f"{where(file)}: {KEY}: {e}") from None

"""Which configuration file applies and its TOML, without pydantic (cheap to import).

flows/config.py builds the full Settings from it; flows/threshold.py reads one key from it
for `tradewatch extract`, which must start fast.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from extractors.errors import ConfigError

DEFAULT_FILE = "tradewatch.toml"


def find_file(path: str | Path | None = None, cwd: Path | None = None) -> Path | None:
    """`path` when given, else ./tradewatch.toml when present, else None (defaults only)."""
    if path:
        return Path(path)
    candidate = (cwd or Path.cwd()) / DEFAULT_FILE
    return candidate if candidate.is_file() else None


def read_toml(path: Path) -> dict[str, Any]:
    """The file's TOML as a dict, or ConfigError naming the file and the problem."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{path}: no such configuration file") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e}") from None
    try:
        return tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None


def where(path: Path | None) -> str:
    """How an error names the configuration it is about."""
    return str(path) if path else "built-in defaults + environment"

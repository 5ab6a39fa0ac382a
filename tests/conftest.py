"""Shared fixtures. Append only: several engineers add to this file."""

from __future__ import annotations

# ---------------------------------------------------------------- flows (issue 6)
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest


@pytest.fixture(scope="session")
def replay_server() -> Iterator[Any]:
    """Both replay sites (the hand-written corpus) on 127.0.0.1 for the whole session."""
    from replay import ReplaySite

    with ReplaySite().serve(host="127.0.0.1") as srv:
        yield srv


@pytest.fixture()
def replay(replay_server: Any) -> Iterator[Any]:
    """The session's replay server with faults off, the clock open and stats zeroed."""
    replay_server.set_faults(None)
    replay_server.set_clock(None)
    replay_server.reset_stats()
    yield replay_server
    replay_server.set_faults(None)
    replay_server.set_clock(None)


def replay_sources(srv: Any) -> list[dict[str, Any]]:
    """`[[sources]]` entries for both replay sites: kdpt built in, tin read generically."""
    return [
        {"name": "kdpt", "kind": "kdpt", "base_url": srv.kdpt_url},
        {"name": "tin", "kind": "generic", "base_url": srv.tin_url,
         "feeds": [f"{srv.tin_url}/feed/"], "sitemaps": [f"{srv.tin_url}/sitemap_index.xml"]},
    ]


def replay_toml(srv: Any, warehouse: Path, batch_size: int = 200) -> str:
    """A tradewatch.toml for the replay sites with politeness off."""
    lines = [f'[warehouse]\npath = "{warehouse.as_posix()}"\n', "[http]\npolite = false\n",
             f"[run]\nbatch_size = {batch_size}\n"]
    for s in replay_sources(srv):
        lines.append("[[sources]]")
        for key, value in s.items():
            rendered = "[" + ", ".join(f'"{v}"' for v in value) + "]" \
                if isinstance(value, list) else f'"{value}"'
            lines.append(f"{key} = {rendered}")
        lines.append("")
    return "\n".join(lines)


@pytest.fixture()
def replay_settings(replay: Any, tmp_path: Path) -> Any:
    """Settings for both replay sites, a fresh warehouse in tmp_path, politeness off."""
    from flows.config import Settings

    return Settings(warehouse={"path": str(tmp_path / "tw.duckdb"), "lock_timeout_s": 30},
                    http={"polite": False}, sources=replay_sources(replay))


@pytest.fixture()
def replay_config(replay: Any, tmp_path: Path) -> Any:
    """A function writing tradewatch.toml for the replay sites into tmp_path; returns its path."""

    def write(batch_size: int = 200, directory: Path | None = None) -> Path:
        where = directory or tmp_path
        where.mkdir(parents=True, exist_ok=True)
        path = where / "tradewatch.toml"
        path.write_text(replay_toml(replay, where / "tw.duckdb", batch_size), encoding="utf-8")
        return path

    return write

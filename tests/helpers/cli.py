"""Run the real `tradewatch` console script in a subprocess and judge how it failed."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

TIMEOUT_S = 120.0  # no bad-input case may hang; a hang is a failure, not a wait


def command() -> list[str]:
    """The installed console script, else `python -m flows` (the same entry point)."""
    exe = shutil.which("tradewatch") or shutil.which("tradewatch", path=str(Path(sys.executable)
                                                                        .parent))
    return [exe] if exe else [sys.executable, "-m", "flows"]


def base_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment for a run: no Prefect, no inherited TRADEWATCH_ settings, no colours."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRADEWATCH_")}
    env.update({"TRADEWATCH_PREFECT": "off", "NO_COLOR": "1", "TERM": "dumb",
                "COLUMNS": "200"})
    env.update(extra or {})
    return env


def tw(args: Sequence[str], cwd: Path, env: Mapping[str, str] | None = None,
       stdin: bytes | None = None, timeout: float = TIMEOUT_S) -> subprocess.CompletedProcess[str]:
    """Run `tradewatch ARGS` to completion (bounded); stdout and stderr decoded as UTF-8."""
    res = subprocess.run([*command(), *args], cwd=cwd, env=base_env(env), input=stdin,
                         capture_output=True, timeout=timeout, check=False)
    return subprocess.CompletedProcess(res.args, res.returncode,
                                       res.stdout.decode("utf-8", "replace"),
                                       res.stderr.decode("utf-8", "replace"))


def error_lines(stderr: str) -> list[str]:
    """The lines of stderr that state an error (ours, or click's usage error)."""
    return [ln for ln in stderr.splitlines()
            if ln.startswith("tradewatch:") or ln.startswith("Error:")]


def describe(res: subprocess.CompletedProcess[str]) -> str:
    """A short account of a run for assertion messages."""
    return (f"$ {' '.join(map(str, res.args[-4:]))}\nexit {res.returncode}\n"
            f"stderr:\n{res.stderr[-2000:]}\nstdout:\n{res.stdout[-500:]}")


def assert_user_error(res: subprocess.CompletedProcess[str], *words: str) -> str:
    """Exit 2, no traceback, exactly one error line (mentioning each of `words`); returns it."""
    assert "Traceback" not in res.stderr, describe(res)
    assert res.returncode == 2, describe(res)
    lines = error_lines(res.stderr)
    assert len(lines) == 1, describe(res)
    for word in words:
        assert word.lower() in lines[0].lower(), describe(res)
    return lines[0]


def sha256(path: Path) -> str:
    """The hash of a file's bytes (to prove a command changed nothing)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def toml_value(value: Any) -> str:
    """A Python value as a TOML literal (strings, numbers, booleans, lists of those)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{text}"'


def write_config(path: Path, tables: Mapping[str, Mapping[str, Any]],
                 sources: Sequence[Mapping[str, Any]] = ()) -> Path:
    """Write a tradewatch.toml from `{table: {key: value}}` and a list of `[[sources]]`."""
    lines: list[str] = []
    for table, values in tables.items():
        lines.append(f"[{table}]")
        lines += [f"{k} = {toml_value(v)}" for k, v in values.items()]
        lines.append("")
    for src in sources:
        lines.append("[[sources]]")
        lines += [f"{k} = {toml_value(v)}" for k, v in src.items()]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def replay_sources(srv: Any, max_pages: int = 200) -> list[dict[str, Any]]:
    """Both replay sites as `[[sources]]`: kdpt built in, tin read generically."""
    return [
        {"name": "kdpt", "kind": "kdpt", "base_url": srv.kdpt_url, "max_pages": max_pages},
        {"name": "tin", "kind": "generic", "base_url": srv.tin_url, "max_pages": max_pages,
         "feeds": [f"{srv.tin_url}/feed/"], "sitemaps": [f"{srv.tin_url}/sitemap_index.xml"]},
    ]


def fast_http() -> dict[str, Any]:
    """`[http]` for tests against the replay site: no politeness, short timeouts and backoffs."""
    return {"polite": False, "connect_timeout_s": 5.0, "read_timeout_s": 10.0,
            "max_retries": 1, "backoff_base_s": 0.01, "backoff_max_s": 0.05,
            "max_retry_after_s": 0.5}

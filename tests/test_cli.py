"""Every command has help text; unknown commands and bad input exit 2 with one line."""

from __future__ import annotations

import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app

COMMANDS = ["run", "backfill", "reprocess", "demo", "extract", "sql", "series", "export",
            "chart", "report", "replay-site", "catalog"]
runner = CliRunner()


def test_every_command_is_registered() -> None:
    names = {c.name or c.callback.__name__.replace("_", "-") for c in app.registered_commands}
    assert names == set(COMMANDS)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output
    first_line = [ln for ln in result.output.splitlines()[1:] if ln.strip()][0].strip()
    assert len(first_line) > 20, f"{command} has no real help text: {first_line!r}"


def test_unknown_command_exits_2() -> None:
    out = subprocess.run([sys.executable, "-m", "flows", "no-such-command"],
                         capture_output=True, text=True)
    assert out.returncode == 2
    assert "Traceback" not in out.stderr


@pytest.mark.parametrize("command", [["run"], ["backfill", "--since", "2024-01-01"]])
def test_an_unknown_source_fails_before_prefect_starts(command: list[str],
                                                      tmp_path: Path) -> None:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "flows", *command, "--source", "nosuch"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "no source named 'nosuch' (configured: kdpt)" in done.stderr
    assert "Prefect" not in done.stdout + done.stderr
    assert time.monotonic() - started < 6  # Prefect's start-up alone takes 10 s or more


def test_version_and_examples_in_help() -> None:
    from importlib.metadata import version

    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.stdout == f"tradewatch {version('tradewatch')}\n"
    for command in ("series", "catalog", "sql", "run", "backfill", "demo", "extract"):
        out = runner.invoke(app, [command, "--help"]).output
        assert re.search(r"Examples:\n +(tradewatch|curl) ", out), command
    help_text = runner.invoke(app, ["sql", "--help"]).output + runner.invoke(
        app, ["backfill", "--help"]).output + runner.invoke(app, ["run", "--help"]).output
    assert "<list[str]>" not in help_text and "{query}" not in help_text
    assert "--since DATE" in help_text and "--source NAME" in help_text and "{SQL}" in help_text

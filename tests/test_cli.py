"""Every command has help text; unknown commands and bad input exit 2 with one line."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from flows.cli import app

COMMANDS = ["run", "backfill", "reprocess", "demo", "extract", "sql", "series", "export",
            "chart", "replay-site", "catalog"]
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

"""The README's Querying examples run as written right after `tradewatch demo`, the demo leaves
the user's own warehouse and config alone, and the tables people read fit 80, 120 and 200
columns without a word broken (one demo shared by the module; subprocesses, as a user runs)."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # one demo (~10 s) and some thirty commands

ROOT = Path(__file__).resolve().parent.parent
MARK = "<!-- readme-examples: run after `tradewatch demo` -->"
DEMO_CONFIG = "data/demo/tradewatch.toml"
USER_CONFIG = "# the user's own configuration\n[warehouse]\npath = \"data/tradewatch.duckdb\"\n"
USER_DB = b"the user's own warehouse, not to be touched"


def readme_examples() -> list[list[str]]:
    """The commands of the fenced block after MARK, each as argv (a command spans lines until
    its quotes close)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split(MARK, 1)[1].split("```bash\n", 1)[1].split("```", 1)[0]
    commands, pending = [], ""
    for line in block.splitlines():
        pending += ("\n" if pending else "") + line
        try:
            argv = shlex.split(pending)
        except ValueError:  # an open quote: the command goes on
            continue
        if argv:
            commands.append(argv)
        pending = ""
    assert not pending, f"unclosed quote in the README's examples: {pending!r}"
    return commands


def user_env(home: Path, columns: int = 80) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "TRADEWATCH_"))}
    env.update(PREFECT_HOME=str(home / "prefect-home"), TRADEWATCH_PREFECT="off",
               COLUMNS=str(columns), PYTHONPATH=str(ROOT))
    return env


def run(argv: list[str], cwd: Path, columns: int = 80) -> subprocess.CompletedProcess[str]:
    """A README command as a shell runs it: `tradewatch` is this checkout's CLI."""
    if argv[0] == "tradewatch":
        argv = [sys.executable, "-m", "flows", *argv[1:]]
    elif argv[0] == "python":
        argv = [sys.executable, *argv[1:]]
    return subprocess.run(argv, cwd=cwd, env=user_env(cwd, columns), text=True,
                          capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A directory where a user with their own config and warehouse ran `tradewatch demo`;
    (the directory, the demo's output at 80 columns)."""
    home = tmp_path_factory.mktemp("user")
    (home / "tradewatch.toml").write_text(USER_CONFIG, encoding="utf-8")
    (home / "data").mkdir()
    (home / "data" / "tradewatch.duckdb").write_bytes(USER_DB)
    done = run(["tradewatch", "demo"], home)
    assert done.returncode == 0, done.stderr[-3000:]
    return home, done.stdout


def test_the_readme_names_its_examples() -> None:
    commands = readme_examples()
    assert len(commands) >= 8
    assert all(c[0] in ("tradewatch", "python") for c in commands)


@pytest.mark.parametrize("argv", readme_examples(), ids=lambda a: " ".join(a)[:60])
def test_each_readme_example_runs_after_the_demo(demo: tuple[Path, str],
                                                 argv: list[str]) -> None:
    done = run(argv, demo[0])
    assert done.returncode == 0, f"{argv}: {done.stderr[-2000:]}"
    assert done.stdout.strip() or argv[1] == "chart", argv
    assert "no rows" not in done.stdout, argv


def test_the_demo_leaves_the_users_own_files_alone(demo: tuple[Path, str]) -> None:
    home, output = demo
    assert (home / "tradewatch.toml").read_text(encoding="utf-8") == USER_CONFIG
    assert (home / "data" / "tradewatch.duckdb").read_bytes() == USER_DB
    assert (home / DEMO_CONFIG).is_file()
    assert f"--config {DEMO_CONFIG}" in output and "are not touched" in output


def test_the_user_story_lang_son_first_halves_with_sources(demo: tuple[Path, str]) -> None:
    done = run(shlex.split('tradewatch series --region "Lang Son" --indicator "xuất nhập khẩu" '
                           f'--period H1 -c {DEMO_CONFIG}'), demo[0])
    assert done.returncode == 0, done.stderr
    table, _, sources = done.stdout.partition("sources:")
    assert "Lạng Sơn · Trade turnover (exports + imports) · level" in table
    for period in ("H1 2022", "H1 2023", "H1 2024"):
        assert period in table
    assert "bn USD" in table and "9M" not in table and "Q1" not in table
    assert re.search(r"^\[1\] http://127\.0\.0\.1:\d+/", sources, re.MULTILINE)


def test_the_demo_names_its_conflicts_and_checks(demo: tuple[Path, str]) -> None:
    output = demo[1]
    # (the replay sites' figures agree since the customs-declared parts keep their scope)
    assert re.search(r"^conflicts: none \(no two sources disagree", output, re.MULTILINE)
    assert re.search(r"^checks: \d+ consistency checks", output, re.MULTILINE)


def test_conflicts_are_named_readably_with_the_command_that_lists_them() -> None:
    from datetime import date

    from flows.cmd_demo import conflict_lines

    columns = ["total", "region", "indicator", "scope", "metric", "period_start", "period_end",
               "value_a", "value_b", "estimate_a", "estimate_b", "unit"]
    rows = [(5, "Lạng Sơn", "import", "all", "level", date(2023, 1, 1), date(2023, 9, 30),
             1.872e9, 18.4159e9, True, False, "USD")]
    lines = conflict_lines(columns, rows, Path("data/demo/tradewatch.toml"))
    assert lines[0].startswith("conflicts: 5 (") and "the largest" in lines[0]
    assert "  Lạng Sơn Imports 9M 2023: 1.87 bn USD (est.) vs 18.42 bn USD" in lines
    assert lines[-1].strip() == ('tradewatch sql "select * from conflicts" --config '
                                 'data/demo/tradewatch.toml')


def _fits(text: str, width: int) -> list[str]:
    """Lines longer than `width`, leaving out a URL or a command, which must stay whole."""
    return [ln for ln in text.splitlines() if len(ln) > width
            and "://" not in ln and not ln.lstrip().startswith("tradewatch ")]


@pytest.mark.parametrize("width", [80, 120, 200])
@pytest.mark.parametrize("command", [["series", "--region", "Lạng Sơn"], ["catalog"],
                                     ["catalog", "indicators", "--lang", "vi"]])
def test_tables_fit_the_width_without_breaking_words(demo: tuple[Path, str], width: int,
                                                     command: list[str]) -> None:
    home = demo[0]
    narrow = run(["tradewatch", *command, "-c", DEMO_CONFIG], home, width)
    wide = run(["tradewatch", *command, "--wide", "-c", DEMO_CONFIG], home, width)
    assert narrow.returncode == 0 and wide.returncode == 0, narrow.stderr + wide.stderr
    assert _fits(narrow.stdout, width) == []
    # every word of the fitted table is a whole word of the wide one (cells never split)
    whole = set(wide.stdout.split()) | set("(not shown at this width: ; --wide shows every "
                                           "column)".split()) | {",", "reports;"}
    words = {w.rstrip(",;") for w in narrow.stdout.split() if w.strip("-")}  # not the rules
    broken = words - {w.rstrip(",;") for w in whole}
    assert broken == set(), f"split words at {width} columns: {sorted(broken)[:10]}"


def test_the_demo_output_fits_80_columns(demo: tuple[Path, str]) -> None:
    output = demo[1]
    summary = output[output.index("series: "):]  # the run reports above are rich's
    assert _fits(summary, 80) == []
    assert "grdp_agricu" not in summary and "10,221,800 bn" not in summary
    assert {"Agriculture,", "forestry,", "fishery"} <= set(summary.split())

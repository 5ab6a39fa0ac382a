"""`tradewatch extract`: jsonl and table output, HTML input, one-line input errors."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from extractors.errors import InputError
from flows.cmd_extract import extract_command

GOLDEN = Path(__file__).parent / "golden"
SEED = GOLDEN / "seed_langson.txt"


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows", "extract", *args], input=stdin,
                          capture_output=True, timeout=60)


def _figures(stdout: bytes) -> list[dict]:
    lines = [json.loads(x) for x in stdout.decode().splitlines() if x.startswith("{")]
    return [x for x in lines if "indicator" in x]


def test_jsonl_from_stdin_is_one_object_per_figure() -> None:
    out = run("-", "--published", "2024-06-27", "--format", "jsonl", stdin=SEED.read_bytes())
    assert out.returncode == 0, out.stderr
    lines = [json.loads(x) for x in out.stdout.decode().splitlines()]
    assert len(lines) == 19 and _figures(out.stdout) == lines  # nothing but figures
    assert {"region", "indicator", "scope", "metric", "value", "unit", "period_start",
            "period_end", "estimate", "sentence", "start", "end"} <= set(lines[0])
    assert out.stderr == b""


def test_checks_go_to_stderr_as_json_lines() -> None:
    out = run("-", "--published", "2024-06-27", "--checks", "-", stdin=SEED.read_bytes())
    assert out.returncode == 0, out.stderr
    figures = [json.loads(x) for x in out.stdout.decode().splitlines()]
    checks = [json.loads(x) for x in out.stderr.decode().splitlines()]
    assert {c["kind"] for c in checks} >= {"components_vs_total", "sectors_vs_whole"}
    parts = next(c for c in checks if c["kind"] == "components_vs_total")["figures"]
    assert {figures[i]["indicator"] for i in parts} == {"trade_total", "export", "import"}


def test_checks_to_a_file(tmp_path: Path) -> None:
    path = tmp_path / "checks.jsonl"
    out = run(str(SEED), "--published", "2024-06-27", "--checks", str(path))
    assert out.returncode == 0, out.stderr
    assert len(out.stdout.decode().splitlines()) == 19
    kinds = [json.loads(x)["kind"] for x in path.read_text(encoding="utf-8").splitlines()]
    assert "sectors_vs_whole" in kinds


def extract(capsys: pytest.CaptureFixture, file: str, published: date | None = None,
            fmt: str = "jsonl", number_format: str = "vi") -> str:
    """The command's output, run in this process."""
    extract_command(file, published, None, fmt, number_format)
    return capsys.readouterr().out


def test_offsets_point_into_the_input(capsys: pytest.CaptureFixture) -> None:
    text = SEED.read_text(encoding="utf-8")
    for f in _figures(extract(capsys, str(SEED), date(2024, 6, 27)).encode()):
        assert text[f["start"]:f["end"]][0].isdigit()


def test_table_format(capsys: pytest.CaptureFixture) -> None:
    out = extract(capsys, str(SEED), fmt="table")
    assert "trade_total" in out and "19 figures" in out


def test_html_input_is_reduced_to_its_text(capsys: pytest.CaptureFixture) -> None:
    figures = _figures(extract(capsys, str(GOLDEN / "caobang_page_2023.html")).encode())
    assert figures and all(f["region"] == "Cao Bằng" for f in figures)
    assert not any(f["value"] in (999e9, 12e9, 2e9) for f in figures)  # script, nav, aside


def test_number_format_option(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    path = tmp_path / "en.txt"
    path.write_text("Quý I/2024, xuất khẩu của Đà Nẵng đạt 1,234.5 triệu USD.", encoding="utf-8")
    out = extract(capsys, str(path), date(2024, 4, 5), number_format="en")
    assert _figures(out.encode())[0]["value"] == 1234.5e6


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    (b"", "empty input"),
    (b"\x00\x01\x02binary", "binary"),
    (b"a" * 5_000_001, "larger than"),
])
def test_bad_input_is_an_input_error(tmp_path: Path, content: bytes | None,
                                     message: str) -> None:
    path = tmp_path / "in.txt"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        extract_command(str(path), None, None, "jsonl", "vi")


def test_bad_number_format_is_an_input_error() -> None:
    with pytest.raises(InputError, match="number-format"):
        extract_command(str(SEED), None, None, "jsonl", "fr")


def test_input_error_is_one_line_exit_2() -> None:
    out = run("/no/such/file.txt")
    err = out.stderr.decode()
    assert out.returncode == 2
    assert "no such file" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_command_does_not_import_prefect_or_duckdb() -> None:
    code = ("import sys; sys.argv=['tradewatch','extract','" + str(SEED) + "'];"
            "import io, contextlib\nfrom flows.cli import app\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    try: app()\n    except SystemExit: pass\n"
            "print(sorted({'prefect','duckdb','httpx'} & set(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr

"""The confidence threshold: its parsing, the configuration, and `tradewatch extract`'s filter."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from extractors.errors import ConfigError
from extractors.figures.confidence import DEFAULT_MIN_CONFIDENCE, accepted, parse_threshold
from flows.cli import app
from flows.config import load_settings
from flows.threshold import ENV, configured_min_confidence
from tests.helpers.cli import base_env
from tests.helpers.sample import fig

runner = CliRunner()
# Our own sentence; the figures below are built by hand, not read from it.
TEXT = ("Quý I/2024, kim ngạch xuất khẩu của tỉnh Cao Bằng đạt 120 triệu USD, tăng 12% so với "
        "cùng kỳ năm trước.")


def _scored() -> list:
    """Three figures at confidence 0.9, 0.5 and 0.3 (the last with its reasons)."""
    q1 = (date(2024, 1, 1), date(2024, 3, 31))
    return [
        replace(fig("export", 120e6, region="Cao Bằng", period=q1, start=52), confidence=0.9,
                confidence_reasons=("region_from_headline",)),
        replace(fig("export", 12.0, metric="yoy_pct", region="Cao Bằng", period=q1, start=72),
                confidence=0.5, confidence_reasons=("period_inherited",)),
        replace(fig("import", 80e6, region="Cao Bằng", period=q1, start=10), confidence=0.3,
                confidence_reasons=("year_from_published", "period_inherited")),
    ]


@pytest.fixture()
def fake_extractor(monkeypatch: pytest.MonkeyPatch) -> None:
    """`tradewatch extract` reads _scored()'s figures (today's rules give every figure 1.0)."""
    import extractors.figures.extract as extract_module

    monkeypatch.setattr(extract_module, "extract_figures", lambda *a, **k: _scored())


@pytest.fixture(autouse=True)
def _no_env_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(ENV, raising=False)


def _cli(args: list[str], cwd: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.chdir(cwd)
    return runner.invoke(app, ["extract", "-", "--published", "2024-05-02", *args], input=TEXT)


def tw(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """This checkout's `tradewatch` (python -m flows), reading TEXT on stdin."""
    return subprocess.run([sys.executable, "-m", "flows", *args], cwd=cwd, env=base_env(),
                          input=TEXT, capture_output=True, text=True, timeout=120, check=False)


def _printed(output: str) -> list[float]:
    rows = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    return [r["confidence"] for r in rows if "indicator" in r]


# ---------------------------------------------------------------- parsing and filtering

@pytest.mark.parametrize(("raw", "value"), [(0, 0.0), (1, 1.0), (0.65, 0.65), ("0.7", 0.7),
                                            (" 1 ", 1.0)])
def test_threshold_parses_numbers_from_0_to_1(raw: object, value: float) -> None:
    assert parse_threshold(raw) == value


@pytest.mark.parametrize("raw", [1.5, -0.1, "x", "", True, None, float("nan"), [0.5]])
def test_threshold_refuses_anything_else(raw: object) -> None:
    with pytest.raises(ValueError, match="from 0 to 1"):
        parse_threshold(raw)


def test_accepted_keeps_figures_at_or_above_the_threshold_in_order() -> None:
    figures = _scored()
    assert [f.confidence for f in accepted(figures, 0.5)] == [0.9, 0.5]
    assert accepted(figures, 0.0) == figures
    assert [f.confidence for f in accepted(figures, 0.95)] == []


def test_accepted_keeps_a_figure_of_unknown_confidence() -> None:
    class Legacy:  # a record from before confidences existed
        confidence = None

    row = Legacy()
    assert accepted([row], 0.9) == [row]


# ---------------------------------------------------------------- configuration

def test_default_threshold(tmp_path: Path) -> None:
    assert load_settings(cwd=tmp_path).extract.min_confidence == DEFAULT_MIN_CONFIDENCE
    assert 0 < DEFAULT_MIN_CONFIDENCE < 1


def test_threshold_from_file_and_environment(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "tradewatch.toml"
    path.write_text("[extract]\nmin_confidence = 0.8\n", encoding="utf-8")
    assert load_settings(path).extract.min_confidence == 0.8
    monkeypatch.setenv(ENV, "0.25")
    assert load_settings(path).extract.min_confidence == 0.25


@pytest.mark.parametrize("bad", ["1.5", "-0.1", '"high"', "true"])
def test_bad_threshold_in_the_file_is_a_config_error(tmp_path: Path, bad: str) -> None:
    path = tmp_path / "tradewatch.toml"
    path.write_text(f"[extract]\nmin_confidence = {bad}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"tradewatch\.toml: extract\.min_confidence: .*0 to 1"):
        load_settings(path)
    with pytest.raises(ConfigError, match=r"tradewatch\.toml: extract\.min_confidence: .*0 to 1"):
        configured_min_confidence(path)


def test_unknown_key_in_extract_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "tradewatch.toml"
    path.write_text("[extract]\nmin_confidance = 0.8\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="extract.min_confidance: unknown key"):
        load_settings(path)


@pytest.mark.parametrize(("file", "env"), [
    (None, None), ("0.8", None), (None, "0.3"), ("0.8", "0.3"), ("1", None), (None, " 0 "),
    ("0.8", "2"), ('"0.6"', None), ("false", None),
])
def test_fast_reader_agrees_with_the_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              file: str | None, env: str | None) -> None:
    """`tradewatch extract` reads the threshold without pydantic: same value, same refusals."""
    if file is not None:
        (tmp_path / "tradewatch.toml").write_text(f"[extract]\nmin_confidence = {file}\n",
                                                 encoding="utf-8")
    if env is not None:
        monkeypatch.setenv(ENV, env)
    try:
        want: object = load_settings(cwd=tmp_path).extract.min_confidence
    except ConfigError:
        want = ConfigError
    try:
        got: object = configured_min_confidence(cwd=tmp_path)
    except ConfigError:
        got = ConfigError
    assert got == want


# ---------------------------------------------------------------- tradewatch extract

def test_extract_prints_only_accepted_figures_by_default(
        fake_extractor: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    default = _cli([], tmp_path, monkeypatch)
    assert default.exit_code == 0, default.output
    assert _printed(default.output) == [0.9, 0.5]
    everything = _cli(["--min-confidence", "0"], tmp_path, monkeypatch)
    assert _printed(everything.output) == [0.9, 0.5, 0.3]
    assert _printed(_cli(["--min-confidence", "0.6"], tmp_path, monkeypatch).output) == [0.9]


def test_extract_jsonl_carries_confidence_and_reasons(
        fake_extractor: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = _cli(["--min-confidence", "0"], tmp_path, monkeypatch).output
    rows = [json.loads(line) for line in out.splitlines() if '"indicator"' in line]
    assert rows[2]["confidence_reasons"] == ["year_from_published", "period_inherited"]
    assert rows[0]["confidence_reasons"] == ["region_from_headline"]


def test_extract_takes_the_configured_threshold(
        fake_extractor: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "tradewatch.toml").write_text("[extract]\nmin_confidence = 0.2\n",
                                              encoding="utf-8")
    assert _printed(_cli([], tmp_path, monkeypatch).output) == [0.9, 0.5, 0.3]
    other = tmp_path / "strict.toml"
    other.write_text("[extract]\nmin_confidence = 0.7\n", encoding="utf-8")
    assert _printed(_cli(["--config", str(other)], tmp_path, monkeypatch).output) == [0.9]
    monkeypatch.setenv(ENV, "0.4")
    assert _printed(_cli(["--config", str(other)], tmp_path, monkeypatch).output) == [0.9, 0.5]
    assert _printed(_cli(["--config", str(other), "--min-confidence", "0"], tmp_path,
                         monkeypatch).output) == [0.9, 0.5, 0.3]


def test_extract_table_shows_confidence_and_what_it_hides(
        fake_extractor: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "250")
    out = _cli(["--format", "table"], tmp_path, monkeypatch).output
    assert "conf." in out and "0.90 (region_from_headline)" in out
    assert "2 figures (1 below confidence 0.5 not shown" in out


def test_extract_command_refuses_a_bad_threshold(tmp_path: Path) -> None:
    res = tw(["extract", "-", "--min-confidence", "2"], tmp_path)
    assert res.returncode == 2
    assert res.stderr.strip() == "tradewatch: error: --min-confidence must be from 0 to 1, not 2.0"
    (tmp_path / "tradewatch.toml").write_text("[extract]\nmin_confidence = 7\n", encoding="utf-8")
    res = tw(["extract", "-"], tmp_path)
    assert res.returncode == 2 and "extract.min_confidence: must be from 0 to 1" in res.stderr


def test_extract_command_prints_confidence_fields(tmp_path: Path) -> None:
    res = tw(["extract", "-", "--published", "2024-05-02"], tmp_path)
    assert res.returncode == 0, res.stderr
    rows = [json.loads(line) for line in res.stdout.splitlines() if '"indicator"' in line]
    assert rows and all(0 <= r["confidence"] <= 1 for r in rows)
    assert all(isinstance(r["confidence_reasons"], list) for r in rows)

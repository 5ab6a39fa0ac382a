"""The one CSV format: `sql`, `series`, `export --format csv` and `extract --format csv` agree."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.helpers import sample
from warehouse import db, load
from warehouse.csv_format import csv_value, write_csv
from warehouse.render import render

runner = CliRunner()
SEED = Path(__file__).parent / "golden" / "seed_langson.txt"


@pytest.mark.parametrize(("value", "text"), [
    (None, ""),
    (True, "true"),
    (False, "false"),
    (15_430_200_000.0, "15430200000"),
    (10_221_800e9, "10221800000000000"),  # GDP in VND: never 1.02218e+16
    (6.42, "6.42"),
    (-0.5, "-0.5"),
    (1e-7, "0.0000001"),
    (42, "42"),
    (Decimal("1E+3"), "1000"),
    (date(2024, 6, 13), "2024-06-13"),
    (datetime(2024, 6, 27, 8, 15), "2024-06-27T08:15:00"),
    (datetime(2024, 6, 27, 8, 15, tzinfo=UTC), "2024-06-27T08:15:00+00:00"),
    (["https://a.vn/x", "https://b.vn/y"], '["https://a.vn/x", "https://b.vn/y"]'),
    ((), "[]"),
    ({"fetched": 3}, '{"fetched": 3}'),
    ("Lạng Sơn", "Lạng Sơn"),
    ("=1+1", "=1+1"),  # data, as stored: spreadsheets get the xlsx export
])
def test_a_cell(value: object, text: str) -> None:
    assert csv_value(value) == text


def test_the_writer_quotes_and_streams() -> None:
    out = io.StringIO()
    n = write_csv(["a", "b"], [[("x, y", ["p", "q"])], [("line\nbreak", None)]], out)
    assert n == 2
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [
        ["a", "b"], ["x, y", '["p", "q"]'], ["line\nbreak", ""]]


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    path = tmp_path_factory.mktemp("csv") / "tw.duckdb"
    with db.connect(path, wait_s=5) as con:
        for batch in (sample.history_batch(), sample.first_batch(), sample.revision_batch()):
            load.load_batch(con, batch)
    return {"TRADEWATCH_WAREHOUSE__PATH": str(path)}


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_sql_series_and_export_write_the_same_csv(env: dict[str, str], tmp_path: Path) -> None:
    where = "where region = 'Lạng Sơn' and n_sources = 3 order by indicator, metric"
    sql = runner.invoke(app, ["sql", f"select * from series {where}", "-f", "csv"], env=env)
    assert sql.exit_code == 0, sql.output
    got = _rows(sql.stdout)
    assert got[0]["estimate"] in ("true", "false")
    assert got[0]["source_urls"].startswith('["https://')
    assert got[0]["period_start"] == "2024-01-01"
    assert all(not r["value"].endswith(".0") and "e" not in r["value"] for r in got)
    series = _rows(runner.invoke(app, ["series", "-f", "csv"], env=env).stdout)
    exported = runner.invoke(app, ["export", "-f", "csv", "--out", str(tmp_path)], env=env)
    assert exported.exit_code == 0, exported.output
    files = _rows((tmp_path / "series.csv").read_text(encoding="utf-8"))
    for rows in (series, files):
        same = [r for r in rows if r["n_sources"] == "3"]
        same.sort(key=lambda r: (r["indicator"], r["metric"]))
        assert [{k: r[k] for k in r if k in same[0]} for r in got] == same


def test_export_csv_of_timestamps_and_booleans(env: dict[str, str], tmp_path: Path) -> None:
    runner.invoke(app, ["export", "-f", "csv", "--out", str(tmp_path)], env=env)
    failures = _rows((tmp_path / "failures.csv").read_text(encoding="utf-8"))
    assert failures[0]["retryable"] in ("true", "false")
    assert "T" in failures[0]["first_failed"]
    raw = (tmp_path / "series.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and "Lạng Sơn".encode() in raw


def test_render_csv_is_the_writer() -> None:
    assert render(["b", "l"], [(False, ["x"])], "csv") == 'b,l\nfalse,"[""x""]"'


def test_extract_csv_is_one_row_per_figure() -> None:
    done = subprocess.run([sys.executable, "-m", "flows", "extract", str(SEED), "--published",
                           "2024-06-27", "--format", "csv"], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    rows = _rows(done.stdout.decode("utf-8"))
    assert len(rows) == 19
    assert rows[0]["value"] == "25244560000" and rows[0]["estimate"] == "false"
    assert all(r["confidence_reasons"].startswith("[") for r in rows)

"""tradewatch sql / series / export / chart against a real warehouse file."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.helpers import sample
from warehouse import db, export, load

runner = CliRunner()


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("q") / "tw.duckdb"
    with db.connect(path, wait_s=5) as con:
        for batch in (sample.history_batch(), sample.first_batch(), sample.revision_batch()):
            load.load_batch(con, batch)
    return path


@pytest.fixture()
def env(warehouse: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.chdir(tmp_path)  # no stray tradewatch.toml
    return {"TRADEWATCH_WAREHOUSE__PATH": str(warehouse)}


def tw(env: dict[str, str], *args: str) -> str:
    result = runner.invoke(app, list(args), env=env)
    assert result.exit_code == 0, result.output
    return result.stdout


def tw_process(env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flows", *args], capture_output=True,
                          text=True, env={**os.environ, **env}, timeout=60)


def test_sql_json_is_an_array_of_objects(env: dict[str, str]) -> None:
    out = tw(env, "sql", "select url, duplicate_kind from articles "
             "where duplicate_of is not null order by url", "--format", "json")
    assert json.loads(out) == [
        {"url": "https://kdpt.vn/lang-son-xnk-6-thang-copy", "duplicate_kind": "text"},
        {"url": "https://other.vn/syndicated-lang-son", "duplicate_kind": "near"},
    ]


def test_sql_csv_and_table(env: dict[str, str]) -> None:
    sql = "select region, count(*) as n from series group by region"
    rows = list(csv.reader(io.StringIO(tw(env, "sql", sql, "-f", "csv"))))
    assert rows == [["region", "n"], ["Lạng Sơn", "39"]]
    table = tw(env, "sql", sql).splitlines()
    assert table[0].split() == ["region", "n"] and table[2].split() == ["Lạng", "Sơn", "39"]
    assert table[-1] == "(1 row)"


def test_series_filters(env: dict[str, str]) -> None:
    out = json.loads(tw(env, "series", "--scope", "customs_declared", "--indicator",
                        "trade_total", "-f", "json"))
    assert len(out) == 18
    h1 = [r for r in out if r["period_end"] == "2024-06-13"]
    assert h1[0]["value"] == 2_750_000_000 and h1[0]["estimate"] is False
    assert {"region", "period_start", "unit", "n_sources", "first_reported", "last_reported",
            "source_urls"} <= set(out[0])


def test_series_table_is_readable(env: dict[str, str]) -> None:
    out = tw(env, "series", "--region", "Lạng Sơn", "--metric", "yoy_pct")
    table, _, notes = out.partition("(1 row)")
    assert "Lạng Sơn · Trade turnover (exports + imports) · change y/y" in table
    assert "+37.28%" in table and "[1] [2] [3]" in table and "https://" not in table
    assert notes.splitlines()[1:] == ["sources:", "[1] https://kdpt.vn/lang-son-xnk-6-thang",
                                      "[2] https://kdpt.vn/lang-son-xnk-6-thang-copy",
                                      "[3] https://other.vn/syndicated-lang-son"]


def test_series_values_in_analysts_units_periods_labelled(env: dict[str, str]) -> None:
    out = tw(env, "series", "--region", "lang son", "--indicator", "XNK", "--scope", "all",
             "--metric", "level", "--period", "month")
    assert "Jan 2023" in out and " bn USD" in out and "15,430,200,000" not in out
    assert "H1 2024" not in out and "to 13 Jun 2024" not in out
    raw = json.loads(tw(env, "series", "--region", "lang son", "--indicator", "XNK", "--scope",
                        "all", "--metric", "level", "--period", "month", "-f", "json"))
    assert raw[0]["period_start"] == "2023-01-01" and raw[0]["indicator"] == "trade_total"
    assert isinstance(raw[0]["value"], float) and raw[0]["value"] > 1e9


@pytest.mark.parametrize("typed", ["Lang Son", "lạng sơn", "LẠNG SƠN", "langson",
                                   unicodedata.normalize("NFD", "Lạng Sơn")])
def test_region_filter_ignores_case_diacritics_and_unicode_form(env: dict[str, str],
                                                                typed: str) -> None:
    out = json.loads(tw(env, "series", "--region", typed, "--indicator", "trade_total",
                        "-f", "json"))
    assert len(out) == 37 and {r["region"] for r in out} == {"Lạng Sơn"}


def test_an_unknown_name_says_did_you_mean_and_exits_2(env: dict[str, str]) -> None:
    done = tw_process(env, "series", "--region", "Lang Sonn")
    assert done.returncode == 2 and done.stdout == ""
    assert "did you mean 'Lạng Sơn'" in done.stderr
    done = tw_process(env, "catalog", "--indicator", "exprots")
    assert done.returncode == 2 and "did you mean 'export'" in done.stderr


def test_a_known_name_without_rows_says_so_and_exits_0(env: dict[str, str]) -> None:
    done = tw_process(env, "series", "--region", "hcmc")
    assert done.returncode == 0, done.stderr
    assert "no rows" in done.stdout and "'Hồ Chí Minh'" in done.stdout
    done = tw_process(env, "series", "--region", "hcmc", "--format", "json")
    assert done.returncode == 0 and json.loads(done.stdout) == [] and "no rows" in done.stderr
    done = tw_process(env, "series", "--region", "Lạng Sơn", "--period", "Q3")
    assert done.returncode == 0 and "no rows" in done.stdout


def test_scope_and_metric_as_typed(env: dict[str, str]) -> None:
    typed = json.loads(tw(env, "series", "--scope", "customs", "--metric", "level",
                          "--indicator", "trade_total", "-f", "json"))
    exact = json.loads(tw(env, "series", "--scope", "customs_declared", "--metric", "level",
                          "--indicator", "trade_total", "-f", "json"))
    assert typed == exact and len(exact) > 10
    done = tw_process(env, "series", "--metric", "yoyy")
    assert done.returncode == 2 and "did you mean 'yoy_pct'" in done.stderr


def test_a_bad_period_is_a_usage_error(env: dict[str, str]) -> None:
    done = tw_process(env, "series", "--period", "H3")
    assert done.returncode == 2 and "H1, Q3, 9M" in done.stderr


def test_catalog_lists_series_regions_and_indicators(env: dict[str, str]) -> None:
    rows = json.loads(tw(env, "catalog", "-f", "json"))
    assert {(r["indicator"], r["scope"], r["metric"]) for r in rows} >= {
        ("trade_total", "all", "level"), ("trade_total", "customs_declared", "level")}
    total = next(r for r in rows if r["scope"] == "all" and r["metric"] == "level")
    assert total["first_start"] == "2023-01-01" and total["periods"] > 10
    assert total["reports"] >= 1 and total["latest_value"] > 1e9
    regions = list(csv.DictReader(io.StringIO(tw(env, "catalog", "regions", "-f", "csv"))))
    assert [r["region"] for r in regions] == ["Lạng Sơn"] and int(regions[0]["series"]) >= 3
    table = " ".join(tw(env, "catalog", "indicators", "--lang", "vi", "--wide").split())
    assert "Tổng kim ngạch xuất nhập khẩu" in table and "latest period" in table
    assert "Trade turnover" in tw(env, "catalog", "--region", "LANG SON", "--wide")


def test_export_writes_every_view(env: dict[str, str], tmp_path: Path) -> None:
    for fmt in ("parquet", "csv"):
        tw(env, "export", "--format", fmt, "--out", str(tmp_path / fmt))
        files = sorted(p.name for p in (tmp_path / fmt).iterdir())
        assert files == sorted(f"{v}.{fmt}" for v in export.VIEWS)
    con = duckdb.connect()
    n = con.execute("select count(*) from read_parquet(?)",
                    [str(tmp_path / "parquet" / "series.parquet")]).fetchone()
    assert n == (39,)


def test_chart_writes_a_png(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "chart.png"
    tw(env, "chart", "--region", "Lạng Sơn", "--indicator", "trade_total", "--out", str(out))
    from matplotlib.image import imread

    image = imread(out)
    assert image.shape[0] > 300 and image.shape[1] > 600


def test_chart_of_an_unknown_series_is_a_user_error(env: dict[str, str],
                                                    tmp_path: Path) -> None:
    done = tw_process(env, "chart", "--region", "Atlantis", "--indicator", "export",
                      "--out", str(tmp_path / "x.png"))
    assert done.returncode == 2 and "--region 'Atlantis': no such name" in done.stderr


def test_chart_finds_names_as_typed(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "typed.png"
    done = tw_process(env, "chart", "--region", "lang son", "--indicator", "xuất nhập khẩu",
                      "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 10_000
    wrong = tw_process(env, "chart", "--region", "Lang Sonn", "--indicator", "export",
                       "--out", str(tmp_path / "y.png"))
    assert wrong.returncode == 2 and "did you mean 'Lạng Sơn'" in wrong.stderr


@pytest.mark.parametrize(("query", "message"), [
    ("delete from vintages", "only reads"),
    ("install httpfs", "only reads"),
    ("selec 1", "SQL syntax error"),
    ("select * from nowhere", "query failed"),
    ("select cast('abc' as integer)", "query failed"),
])
def test_sql_errors_are_one_line(env: dict[str, str], query: str, message: str) -> None:
    done = tw_process(env, "sql", query)
    assert done.returncode == 2
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_missing_warehouse_says_what_to_run(tmp_path: Path) -> None:
    done = tw_process({"TRADEWATCH_WAREHOUSE__PATH": str(tmp_path / "none.duckdb")}, "series")
    assert done.returncode == 2
    assert "tradewatch run" in done.stderr and "tradewatch demo" in done.stderr


def test_cli_import_does_not_load_duckdb() -> None:
    code = "import sys, flows.cli, flows.cmd_query; print('duckdb' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False"


@pytest.mark.parametrize("query", [
    "copy (select * from series) to '{out}.csv'",
    "export database '{out}'",
    "attach '{out}.duckdb' as o; create table o.evil as select 1 as x",
])
def test_sql_writes_no_files(env: dict[str, str], tmp_path: Path, query: str) -> None:
    done = tw_process(env, "sql", query.format(out=tmp_path / "leak"))
    assert done.returncode == 2 and "only reads" in done.stderr
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("leak")]


def test_sql_streams_a_big_answer(env: dict[str, str]) -> None:
    out = tw(env, "sql", "select range as n from range(25000)", "-f", "csv").splitlines()
    assert len(out) == 25001 and out[-1] == "24999"
    rows = json.loads(tw(env, "sql", "select range as n from range(25000)", "-f", "json"))
    assert len(rows) == 25000 and rows[-1] == {"n": 24999}


def test_sql_table_is_capped_and_says_so(env: dict[str, str]) -> None:
    out = tw(env, "sql", "select range as n from range(12000)").splitlines()
    assert out[-1].startswith("(only the first 10,000 rows") and "(10000 rows)" in out[-2]


def test_sql_stops_past_max_rows(env: dict[str, str]) -> None:
    from warehouse import query

    chunks = iter([[(i,) for i in range(6)], [(i,) for i in range(6, 12)]])
    got = []
    with pytest.raises(Exception, match="stopped after 10 rows"):
        for chunk in query.capped(chunks, 10):
            got += chunk
    assert len(got) == 10

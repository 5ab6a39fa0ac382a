"""`tradewatch export --format xlsx`: a real workbook, read back with openpyxl."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from flows.cli import app
from tests.helpers import sample
from warehouse import db, export, load
from warehouse.batch import Batch, ExtractedArticle

runner = CliRunner()
HOSTILE = ("=HYPERLINK(\"http://evil.test\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)")
H1_2023 = date(2023, 1, 1), date(2023, 6, 30)
H1_URL = "https://kdpt.vn/lang-son-6-thang-2023"


def _h1_batch() -> Batch:
    """An article with a first-half figure, a formula-like title and formula-like sentences."""
    at = datetime(2023, 7, 3, 9, tzinfo=UTC)
    text = "Sáu tháng đầu năm 2023, tổng kim ngạch xuất nhập khẩu qua Lạng Sơn đạt 1.840 triệu USD."
    figures = (sample.fig("trade_total", 1_840_000_000, period=H1_2023, sentence=HOSTILE[1]),
               sample.fig("export", 900_000_000, period=H1_2023, sentence=HOSTILE[2], start=30),
               sample.fig("import", 940_000_000, period=H1_2023, sentence=HOSTILE[3], start=60))
    batch = Batch(run_id="run-x", source="kdpt", at=at, pages=[sample.page(H1_URL, text, at)])
    batch.articles.append(ExtractedArticle(sample.article(H1_URL, text, at, title=HOSTILE[0]),
                                           figures, (), sample.VERSION))
    return batch


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse exported by the command, as a user runs it."""
    root = tmp_path_factory.mktemp("xlsx")
    path = root / "tw.duckdb"
    with db.connect(path, wait_s=5) as con:
        for batch in (sample.history_batch(), sample.first_batch(), sample.revision_batch(),
                      _h1_batch()):
            load.load_batch(con, batch)
    result = runner.invoke(app, ["export", "--format", "xlsx", "--out", str(root / "out")],
                           env={"TRADEWATCH_WAREHOUSE__PATH": str(path)})
    assert result.exit_code == 0, result.output
    assert f"{root / 'out' / 'tradewatch.xlsx'} [series]" in result.stdout
    return root / "out" / "tradewatch.xlsx"


def _sheet(path: Path, name: str) -> list[dict]:
    rows = list(load_workbook(path)[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


def test_one_sheet_per_view_after_an_about_sheet(workbook: Path) -> None:
    wb = load_workbook(workbook)
    assert wb.sheetnames == ["about", *export.VIEWS]
    about = {r[0]: r[1:] for r in wb["about"].iter_rows(values_only=True) if r[0]}
    assert about["confidence threshold"][0] == 0.5
    assert about["as of"][0].date() == date(2024, 7, 5)
    assert about["series"][0] == len(_sheet(workbook, "series"))
    for name in export.VIEWS:
        ws = wb[name]
        assert ws.freeze_panes == "A2"
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}" \
                                     f"{ws.max_row}"
        assert all(ws.column_dimensions[c].width >= 8 for c in "ABC")


def test_cells_keep_their_types(workbook: Path) -> None:
    ws = load_workbook(workbook)["series"]
    header = [c.value for c in ws[1]]
    row = {h: c for h, c in zip(header, ws[2], strict=True)}
    assert row["value"].data_type == "n" and isinstance(row["value"].value, int | float)
    assert row["estimate"].data_type == "b"
    assert row["period_start"].is_date and row["period_start"].number_format == "yyyy-mm-dd"
    assert row["n_sources"].data_type == "n"


def test_text_is_never_a_formula(workbook: Path) -> None:
    wb = load_workbook(workbook)
    titles = [c for c in wb["articles"]["D"] if c.value == HOSTILE[0]]
    assert wb["articles"]["D1"].value == "title" and len(titles) == 1
    assert titles[0].data_type == "s"
    sentences = {c.value: c.data_type for c in wb["figures"]["N"]}
    assert wb["figures"]["N1"].value == "sentence"
    assert all(sentences[s] == "s" for s in HOSTILE[1:])
    formulas = [c for ws in wb for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []


def test_vietnamese_text_round_trips(workbook: Path) -> None:
    regions = {r["region"] for r in _sheet(workbook, "series")}
    assert "Lạng Sơn" in regions
    titles = {r["title"] for r in _sheet(workbook, "articles")}
    assert "Lạng Sơn: kim ngạch xuất nhập khẩu tăng mạnh" in titles


def test_first_half_of_each_year_with_sources(workbook: Path) -> None:
    """What the README promises: Lạng Sơn's turnover for H1 of each year, with its sources."""
    h1 = [r for r in _sheet(workbook, "series") if r["region"] == "Lạng Sơn"
          and r["indicator"] == "trade_total" and r["metric"] == "level"
          and r["scope"] == "all" and r["period"].startswith("H1")]
    assert [(r["period"], r["value"], r["source_urls"]) for r in h1] == [
        ("H1 2023", 1_840_000_000, H1_URL)]
    sentences = [r["sentence"] for r in _sheet(workbook, "figures") if r["url"] == H1_URL]
    assert HOSTILE[1] in sentences


def test_lists_are_joined_readably(workbook: Path) -> None:
    urls = [r["source_urls"] for r in _sheet(workbook, "series") if r["n_sources"] == 3]
    assert urls and urls[0].count("; ") == 2 and "[" not in urls[0]


def test_an_xlsx_path_is_the_workbook(workbook: Path, tmp_path: Path) -> None:
    env = {"TRADEWATCH_WAREHOUSE__PATH": str(workbook.parent.parent / "tw.duckdb")}
    out = tmp_path / "mine.xlsx"
    result = runner.invoke(app, ["export", "-f", "xlsx", "--out", str(out)], env=env)
    assert result.exit_code == 0, result.output
    assert load_workbook(out).sheetnames[0] == "about"


def test_a_sheet_past_excels_limits_is_cut_and_says_so(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    from warehouse import xlsx

    monkeypatch.setattr(xlsx, "EXCEL_MAX_ROWS", 5)
    con = duckdb.connect()
    con.execute("create view long as select range as n, 'a\x01b' as bell, "
                "repeat('x', 40000) as huge from range(10)")
    path = tmp_path / "cut.xlsx"
    about = xlsx.About(warehouse="w", as_of=None, last_run=None, min_confidence=0.5)
    assert xlsx.write_workbook(con, path, ("long",), about) == [xlsx.Sheet("long", 4, True)]
    wb = load_workbook(path)
    rows = list(wb["long"].iter_rows(values_only=True))
    assert [r[0] for r in rows] == ["n", 0, 1, 2, 3]
    assert rows[1][1] == "ab" and len(rows[1][2]) == xlsx.MAX_CELL_CHARS
    note = next(r[2] for r in wb["about"].iter_rows(values_only=True) if r[0] == "long")
    assert "Cut at Excel's limit" in note

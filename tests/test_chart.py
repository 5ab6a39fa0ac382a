"""What a chart shows (warehouse/chart_layout.py: lines, gaps, positions, words) and that the
chart and year-to-date chart are drawn from a real warehouse; no pixel comparisons."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractors.errors import UserError
from flows.cli import app
from tests.helpers import sample
from warehouse import chart, db, load
from warehouse import chart_layout as cl


def pt(start: date, end: date, value: float = 1e9, *, scope: str = "all",
       unit: str = "USD", estimate: bool = False) -> cl.Point:
    return cl.Point(scope, start, end, value, unit, estimate)


def year(y: int, value: float = 1e9, **kw) -> cl.Point:
    return pt(date(y, 1, 1), date(y, 12, 31), value, **kw)


def h1(y: int, **kw) -> cl.Point:
    return pt(date(y, 1, 1), date(y, 6, 30), **kw)


def quarter(y: int, q: int, **kw) -> cl.Point:
    ends = {1: (3, 31), 2: (6, 30), 3: (9, 30), 4: (12, 31)}
    return pt(date(y, 3 * q - 2, 1), date(y, *ends[q]), **kw)


def years_of(segment: tuple[cl.Point, ...]) -> list[int]:
    return [p.start.year for p in segment]


def test_a_missing_year_leaves_the_line_open() -> None:
    (line,) = cl.lines([year(2021), year(2022), year(2024)])
    assert [years_of(s) for s in line.segments] == [[2021, 2022], [2024]]
    assert cl.singles([line]) == [year(2024)]


def test_first_halves_of_each_year_make_one_line() -> None:
    (line,) = cl.lines([h1(2022), h1(2023), h1(2024)])
    assert line.kind == "half" and line.label == "H1"
    assert [years_of(s) for s in line.segments] == [[2022, 2023, 2024]]


def test_quarters_break_where_one_is_missing() -> None:
    (line,) = cl.lines([quarter(2024, 1), quarter(2024, 2), quarter(2024, 4)])
    assert line.label == "quarters"
    assert [[p.end.month for p in s] for s in line.segments] == [[3, 6], [12]]


def test_halves_h1_and_h2_follow_each_other_half_a_year_apart() -> None:
    h2 = pt(date(2023, 7, 1), date(2023, 12, 31))
    (line,) = cl.lines([h1(2022), h1(2023), h2, h1(2024)])
    assert [[(p.start.year, p.start.month) for p in s] for s in line.segments] == [
        [(2022, 1)], [(2023, 1), (2023, 7), (2024, 1)]]


def test_cumulative_periods_of_different_lengths_are_different_lines() -> None:
    five = [pt(date(y, 1, 1), date(y, 5, 31)) for y in (2023, 2024)]
    nine = [pt(date(y, 1, 1), date(y, 9, 30)) for y in (2023, 2024)]
    drawn = cl.lines([*five, *nine, year(2023), year(2024)])
    assert [(line.kind, line.label) for line in drawn] == [
        ("year", "full years"), ("ytd", "5M"), ("ytd", "9M")]
    assert all(len(line.segments) == 1 for line in drawn)


def test_a_year_and_nine_months_are_not_one_line() -> None:
    """The issue: "all (year)" and "all (9 months)" were drawn alike."""
    drawn = cl.lines([year(2022), pt(date(2022, 1, 1), date(2022, 9, 30))])
    assert [line.kind for line in drawn] == ["year", "ytd"]


def test_lines_are_per_scope_all_first_and_named() -> None:
    drawn = cl.lines([year(2022, scope="customs_declared"), year(2022), year(2023)])
    assert [line.scope for line in drawn] == ["all", "customs_declared"]
    assert [line.label for line in drawn] == [
        "total · full years", "declared at the province's customs · full years"]
    assert cl.scopes([year(2022, scope="local_goods"), year(2022)]) == ["all", "local_goods"]


def test_a_value_sits_in_the_middle_of_its_period() -> None:
    """Not at its end: 2022 on the tick of January 2023 was the issue."""
    assert cl.position(year(2022)) == date(2022, 7, 2)
    assert cl.position(quarter(2024, 1)) == date(2024, 2, 15)
    may = pt(date(2024, 5, 1), date(2024, 5, 31))
    assert cl.position(may) == date(2024, 5, 16)
    assert cl.year_span([year(2022), may]) == (date(2022, 1, 1), date(2025, 1, 1))


def test_titles_name_the_indicator_and_the_unit_analysts_use() -> None:
    t = cl.titles([year(2023, 33.4e9)], "Lạng Sơn", "trade_total", "level", "note")
    assert t.title == "Lạng Sơn: Trade turnover (exports + imports)"
    assert t.subtitle == "Tổng kim ngạch xuất nhập khẩu"
    assert (t.ylabel, t.divisor) == ("bn USD", 1e9)
    vnd = cl.titles([year(2023, 10_221_800e9, unit="VND")], "Việt Nam", "gdp", "level", "")
    assert (vnd.title, vnd.ylabel, vnd.divisor) == ("Việt Nam: GDP", "trn VND", 1e12)
    growth = cl.titles([year(2023, 6.4, unit="%")], "Việt Nam", "gdp", "yoy_pct", "")
    assert (growth.ylabel, growth.divisor) == ("% change on a year earlier", 1.0)
    assert growth.subtitle.endswith("change on a year earlier")
    lone = cl.titles([year(2023, scope="customs_declared")], "Lạng Sơn", "export", "plan_pct",
                     "")
    assert lone.subtitle.endswith("share of the year's plan · declared at the province's customs")


def test_a_lone_point_is_labelled_with_value_and_period() -> None:
    may = pt(date(2024, 5, 1), date(2024, 5, 31), 5_120_300_000)
    assert cl.single_label(may, "level") == "5.12 bn USD, May 2024"
    assert cl.single_label(pt(date(2024, 1, 1), date(2024, 9, 30), 17.6, unit="%"),
                           "yoy_pct") == "+17.60%, 9M 2024"


def test_source_note_counts_articles_names_sites_and_the_as_of_day() -> None:
    note = cl.source_note(13, ["kdpt", "tin"], date(2024, 7, 6))
    assert note.startswith("Source: 13 news articles (kdpt, tin)")
    assert "as of 6 Jul 2024" in note
    assert cl.source_note(1, [], None).startswith("Source: 1 news article,")


def test_year_to_date_lines_are_per_year_from_cumulative_periods_only() -> None:
    q2 = quarter(2024, 2)
    may = pt(date(2024, 5, 1), date(2024, 5, 31))
    nine = pt(date(2024, 1, 1), date(2024, 9, 30))
    other_scope = h1(2024, scope="customs_declared")
    points = [year(2023), h1(2023), h1(2024), nine, q2, may, other_scope]
    by_year = cl.ytd_lines(points, "all")
    assert list(by_year) == [2023, 2024]
    assert [cl.ytd_x(p) for p in by_year[2023]] == [6.0, 12.0]
    assert [cl.ytd_x(p) for p in by_year[2024]] == [6.0, 9.0]
    assert round(cl.ytd_x(pt(date(2024, 1, 1), date(2024, 6, 13))), 2) == 5.43
    assert cl.ytd_scope(points, None) == "all"
    assert cl.ytd_scope([other_scope], None) == "customs_declared"
    assert cl.ytd_scope([q2], None) is None
    assert [name for _, name in cl.month_ticks()][::11] == ["Jan", "Dec"]


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("chart") / "tw.duckdb"
    with db.connect(path, wait_s=5) as con:
        for batch in (sample.history_batch(), sample.first_batch(), sample.revision_batch()):
            load.load_batch(con, batch)
    return path


def test_points_carry_the_sources_and_as_of_day(warehouse: Path) -> None:
    with db.connect(warehouse, read_only=True) as con:
        data = chart.points(con, "Lạng Sơn", "trade_total", "level")
    assert len(data) == 36  # 17 months in two scopes, H1 2024 in two scopes
    assert {p.scope for p in data.points} == {"all", "customs_declared"}
    # the 17 monthly reports, the seed story and its two copies, the revision
    assert (data.n_articles, data.sites) == (21, ("kdpt",))
    assert data.as_of == date(2024, 7, 5)  # no runs recorded: the newest report
    assert "as of 5 Jul 2024" in data.note()


def test_monthly_history_is_one_line_per_scope(warehouse: Path) -> None:
    with db.connect(warehouse, read_only=True) as con:
        data = chart.points(con, "Lạng Sơn", "trade_total", "level")
    drawn = cl.lines(list(data.points))
    months = [line for line in drawn if line.kind == "month"]
    assert [(m.scope, len(m.segments), len(m.segments[0])) for m in months] == [
        ("all", 1, 17), ("customs_declared", 1, 17)]


def test_draw_and_draw_ytd_write_pngs(warehouse: Path, tmp_path: Path) -> None:
    from matplotlib.image import imread

    with db.connect(warehouse, read_only=True) as con:
        data = chart.points(con, "Lạng Sơn", "trade_total", "level")
    assert chart.draw(data, "Lạng Sơn", "trade_total", "level", tmp_path / "a.png") == 36
    assert chart.draw_ytd(data, "Lạng Sơn", "trade_total", "level", tmp_path / "b.png") == 3
    for name in ("a.png", "b.png"):
        assert imread(tmp_path / name).shape[1] > 600
    with pytest.raises(UserError, match="year-to-date chart needs cumulative"):
        chart.draw_ytd(data, "Lạng Sơn", "trade_total", "level", tmp_path / "c.png",
                       scope="local_goods")


def test_the_chart_command_draws_year_to_date(warehouse: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "ytd.png"
    result = CliRunner().invoke(app, ["chart", "--region", "Lạng Sơn", "--indicator",
                                      "trade_total", "--ytd", "--out", str(out)],
                                env={"TRADEWATCH_WAREHOUSE__PATH": str(warehouse)})
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 10_000 and "3 points" in result.stdout

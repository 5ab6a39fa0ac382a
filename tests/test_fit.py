"""Tables fitted to a terminal's width (warehouse/fit.py): cells wrap between words, the least
needed columns go first and are named, `wide` shows everything."""

from __future__ import annotations

import pytest

from warehouse.fit import Column, fit

COLUMNS = [Column("indicator"), Column("scope", drop=2), Column("period", nowrap=True),
           Column("value", right=True, nowrap=True), Column("reports", drop=1, right=True)]
ROWS = [["Agriculture, forestry, fishery", "declared at the province's customs", "9M 2024",
         "405.53 trn VND", "3"],
        ["Trade turnover (exports + imports)", "", "H1 2024", "28.96 bn USD", "12"]]
WORDS = {w for r in ROWS for cell in r for w in cell.split()}


@pytest.mark.parametrize("width", [40, 60, 80, 120, 200])
def test_no_line_over_the_width_and_no_word_split(width: int) -> None:
    lines = fit(COLUMNS, ROWS, width)
    assert all(len(ln) <= width for ln in lines), "\n".join(lines)
    body = lines[2:]
    shown = {w for ln in body for w in ln.split()} - {"(not", "shown", "at", "this", "width:",
                                                     "--wide", "shows", "every", "column)",
                                                     "reports;", "scope,", "scope;"}
    assert shown <= WORDS, shown - WORDS


def test_values_and_periods_never_wrap() -> None:
    lines = fit(COLUMNS, ROWS, 40)
    assert any("405.53 trn VND" in ln for ln in lines)
    assert any("9M 2024" in ln for ln in lines)


def test_narrow_drops_the_most_droppable_first_and_says_so() -> None:
    lines = fit(COLUMNS, ROWS, 40)
    assert lines[0].split() == ["indicator", "period", "value"]
    assert " ".join(lines[-2:]) == ("(not shown at this width: scope, reports; --wide shows "
                                    "every column)")
    assert fit(COLUMNS, ROWS, 200)[0].split() == ["indicator", "scope", "period", "value",
                                                  "reports"]


def test_wide_shows_every_column_unwrapped() -> None:
    lines = fit(COLUMNS, ROWS, 40, wide=True)
    assert len(lines) == 4 and "declared at the province's customs" in lines[2]


def test_an_empty_droppable_column_is_left_out_silently() -> None:
    rows = [[r[0], "", r[2], r[3], r[4]] for r in ROWS]
    lines = fit(COLUMNS, rows, 200)
    assert "scope" not in lines[0] and "not shown" not in "\n".join(lines)


def test_groups_print_a_heading_where_they_change() -> None:
    lines = fit(COLUMNS, ROWS, 200, groups=["Lạng Sơn", "Lạng Sơn"])
    assert lines[2] == "Lạng Sơn" and lines.count("Lạng Sơn") == 1

"""The spreadsheet export (`tradewatch export --format xlsx`): one workbook, an "about" sheet
first, then one sheet per view.

Cells keep their types (numbers, dates, booleans); text is always stored as text, never as a
formula, whatever it begins with (`=`, `+`, `-`, `@`: a title from a news site is data); lists
are joined with "; ". Sheets with a period get a `period` column beside the raw dates ("H1 2024",
"9M 2024", "to 13 Jun 2024") to filter on. Every sheet has its header row frozen and an
autofilter.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from warehouse.labels import period_label

if TYPE_CHECKING:
    import duckdb
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

EXCEL_MAX_ROWS = 1_048_576  # the header row included
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell's text
WIDTH_SAMPLE_ROWS = 200  # columns are sized from the header and the first rows
MIN_WIDTH, MAX_WIDTH = 8, 60
LIST_SEPARATOR = "; "
# XML 1.0 refuses these control characters; a hostile page can carry them.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

SHEET_NOTES = {
    "series": "The best current value per series and period (final over estimate, then the "
              "latest reported), from the figures at or above the confidence threshold; "
              "source_urls are the articles that reported it.",
    "series_history": "Every vintage of every series and period: an estimate and the final "
                      "figure that replaced it both stay (is_best marks the one in series).",
    "conflicts": "Sources disagreeing on the same series and period, with both values and "
                 "their sources.",
    "figures": "Every figure mention with its sentence, article URL, title and date, its "
               "confidence and whether it is accepted (at or above the threshold).",
    "review": "The mentions below the confidence threshold, which series leaves out.",
    "articles": "Every article read, with duplicate_of for syndicated copies.",
    "checks": "Consistency flags over one article's figures (exports + imports = total, …).",
    "failures": "URLs that failed for good, with the reason.",
    "runs": "Every run with its counts and notes.",
}

ORDER = {  # a stable, readable row order for the sheets where one matters
    "series": "region, indicator, scope, metric, period_start, period_end",
    "series_history": "region, indicator, scope, metric, period_start, period_end, vintage_no",
    "conflicts": "region, indicator, scope, metric, period_start, period_end",
    "figures": "region, indicator, scope, metric, period_start, period_end, reported_on, url",
    "review": "region, indicator, scope, metric, period_start, period_end, reported_on, url",
}


@dataclass(frozen=True)
class About:
    """What the first sheet says about the warehouse the workbook came from."""

    warehouse: str
    as_of: date | None  # the latest day a figure in the warehouse was reported
    last_run: datetime | None
    min_confidence: float


@dataclass(frozen=True)
class Sheet:
    """A sheet written: its view, its rows, and whether Excel's row limit cut it."""

    name: str
    rows: int
    cut: bool = False


def write_workbook(con: duckdb.DuckDBPyConnection, path: Path, views: tuple[str, ...],
                   about: About) -> list[Sheet]:
    """Write the workbook to `path`; returns a Sheet per view."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    intro = wb.create_sheet("about")
    written = [_write_view(wb.create_sheet(view), con, view) for view in views]
    _write_about(intro, about, written)
    wb.save(path)
    return written


def _write_view(ws: WriteOnlyWorksheet, con: duckdb.DuckDBPyConnection, view: str) -> Sheet:
    """One view's rows into its sheet, up to Excel's row limit."""
    order = f" order by {ORDER[view]}" if view in ORDER else ""
    cur = con.execute(f"select * from {view}{order}")
    columns = [d[0] for d in cur.description]
    labelled = "period_start" in columns and "period_end" in columns
    header = _with_period(columns, "period") if labelled else columns
    first = cur.fetchmany(WIDTH_SAMPLE_ROWS)
    rows = (_with_period_label(columns, r) if labelled else r for r in _rows(first, cur))
    sample = [_with_period_label(columns, r) if labelled else r for r in first]
    _size_columns(ws, header, sample)
    ws.freeze_panes = "A2"
    ws.append([_header_cell(ws, name) for name in header])
    n, cut = 0, False
    for row in rows:
        if n + 1 == EXCEL_MAX_ROWS:
            cut = True
            break
        ws.append([_cell(ws, v) for v in row])
        n += 1
    ws.auto_filter.ref = f"A1:{_column_letter(len(header))}{n + 1}"
    return Sheet(view, n, cut)


def _rows(first: list[tuple], cur: duckdb.DuckDBPyConnection) -> Iterator[tuple]:
    yield from first
    while chunk := cur.fetchmany(2048):
        yield from chunk


def _with_period(columns: list[str], name: str) -> list[str]:
    """The column names with `name` inserted right after period_end."""
    at = columns.index("period_end") + 1
    return [*columns[:at], name, *columns[at:]]


def _with_period_label(columns: list[str], row: tuple) -> list:
    """The row with its period's label ("H1 2024") inserted after period_end."""
    start, end = row[columns.index("period_start")], row[columns.index("period_end")]
    at = columns.index("period_end") + 1
    return [*row[:at], period_label(start, end) if start and end else None, *row[at:]]


def _column_letter(n: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(n)


def _size_columns(ws: WriteOnlyWorksheet, header: list[str], sample: list) -> None:
    """Widths from the header and the first rows, within MIN_WIDTH..MAX_WIDTH characters."""
    for i, name in enumerate(header):
        longest = max([len(name) + 2] + [len(_shown(r[i])) for r in sample])
        ws.column_dimensions[_column_letter(i + 1)].width = min(MAX_WIDTH,
                                                               max(MIN_WIDTH, longest + 1))


def _shown(value: Any) -> str:
    """Roughly what a cell shows, to size its column."""
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, datetime):
        return "2024-06-27 08:15:00"
    return str(_value(value)) if value is not None else ""


def _header_cell(ws: WriteOnlyWorksheet, name: str) -> Any:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cell = WriteOnlyCell(ws, value=_text(name))
    cell.data_type = "s"
    cell.font = Font(bold=True)
    return cell


def _cell(ws: WriteOnlyWorksheet, value: Any) -> Any:
    """A typed cell: text stays text, numbers and dates get a readable number format."""
    from openpyxl.cell import WriteOnlyCell

    value = _value(value)
    cell = WriteOnlyCell(ws, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, whatever the text begins with
    elif isinstance(value, datetime):
        cell.number_format = "yyyy-mm-dd hh:mm:ss"
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    elif isinstance(value, float):
        cell.number_format = "#,##0" if value.is_integer() else "#,##0.00####"
    return cell


def _value(value: Any) -> Any:
    """A Python value as a spreadsheet holds it: numbers, dates, booleans or text."""
    if value is None or isinstance(value, bool | int | date | time):
        return _naive(value) if isinstance(value, datetime) else value
    if isinstance(value, float | Decimal):
        number = float(value)
        return number if math.isfinite(number) else str(number)
    if isinstance(value, list | tuple):
        return _text(LIST_SEPARATOR.join(str(_value(v)) for v in value if v is not None))
    if isinstance(value, dict):
        return _text(json.dumps(value, ensure_ascii=False, default=str))
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return _text(str(value))


def _naive(value: datetime) -> datetime:
    """Excel has no time zones: an aware timestamp in UTC."""
    return value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)


def _text(value: str) -> str:
    """Text a workbook can hold: no XML-illegal control characters, within Excel's length."""
    value = _ILLEGAL.sub("", value)
    return value if len(value) <= MAX_CELL_CHARS else value[:MAX_CELL_CHARS - 1] + "…"


def _write_about(ws: WriteOnlyWorksheet, about: About, written: list[Sheet]) -> None:
    """The first sheet: where the data came from, as of when, and what each sheet is."""
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 100
    for line in _about_lines(about, written):
        bold = bool(line) and line[0] in _HEADINGS
        ws.append([_about_cell(ws, v, bold) for v in line])


_HEADINGS = ("tradewatch export", "sheet")
_CUT = (f" Cut at Excel's limit of {EXCEL_MAX_ROWS - 1:,} rows: `tradewatch export --format "
        "parquet` or `csv` has them all.")


def _about_cell(ws: WriteOnlyWorksheet, value: Any, bold: bool) -> Any:
    from openpyxl.styles import Font

    cell = _cell(ws, value)
    if bold:
        cell.font = Font(bold=True)
    return cell


def _about_lines(about: About, written: list[Sheet]) -> list[list[Any]]:
    """The about sheet's rows."""
    return [
        ["tradewatch export"],
        ["warehouse", about.warehouse],
        ["as of", about.as_of, "the latest day a figure in the warehouse was reported"],
        ["last run finished", about.last_run],
        ["confidence threshold", about.min_confidence,
         "series, series_history and conflicts hold the figures at or above it; review "
         "holds those below"],
        ["exported", datetime.now().replace(microsecond=0)],
        [],
        ["sheet", "rows", "what it holds"],
        *[[s.name, s.rows, SHEET_NOTES.get(s.name, "") + (_CUT if s.cut else "")]
          for s in written],
        [],
        ["units", None, "value is in base units: USD or VND for metric = level (1 bn USD is "
         "1,000,000,000), percent for yoy_pct (change on the same period a year before) and "
         "plan_pct (share of the year's plan)."],
        ["period", None, "period_start and period_end are the dates the figure covers; the "
         "period column names it (2024, H1 2024, Q1 2024, 9M 2024, Jan 2024, to 13 Jun 2024)."],
        ["lists", None, "cells holding several values (source_urls, confidence_reasons) join "
         f"them with \"{LIST_SEPARATOR.strip()} \"."],
        ["example", None, "Lạng Sơn's trade turnover for the first half of each year, with "
         "sources: on the series sheet filter region = Lạng Sơn, indicator = trade_total, "
         "metric = level and period beginning with H1; source_urls has the articles."],
    ]

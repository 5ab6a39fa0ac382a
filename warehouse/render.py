"""Print query results as an aligned table, CSV or a JSON array of objects."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TextIO

from extractors.hygiene import strip_controls
from warehouse.csv_format import write_csv

MAX_CELL = 60


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def to_json(columns: list[str], rows: list[tuple]) -> str:
    """A JSON array with one object per row."""
    objs = [{c: _json_value(v) for c, v in zip(columns, r, strict=True)} for r in rows]
    return json.dumps(objs, ensure_ascii=False, indent=1, default=str)


def to_csv(columns: list[str], rows: list[tuple]) -> str:
    """CSV with a header line, in the one CSV format (warehouse/csv_format.py)."""
    buf = io.StringIO()
    write_csv(columns, [rows], buf)
    return buf.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        text = f"{value:,.0f}" if value.is_integer() and abs(value) >= 1000 else f"{value:g}"
    elif isinstance(value, list | tuple):
        text = ", ".join(str(v) for v in value)
    else:
        text = str(_json_value(value))
    text = " ".join(strip_controls(text).split())  # no escape sequences reach a terminal
    return text if len(text) <= MAX_CELL else text[:MAX_CELL - 1] + "…"


def to_table(columns: list[str], rows: list[tuple]) -> str:
    """Columns aligned under a header; long cells cut with an ellipsis; a row count below."""
    cells = [[_cell(v) for v in r] for r in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    numeric = [bool(rows) and all(isinstance(r[i], int | float) or r[i] is None for r in rows)
               for i in range(len(columns))]

    def line(values: list[str]) -> str:
        return "  ".join(v.rjust(w) if n else v.ljust(w)
                         for v, w, n in zip(values, widths, numeric, strict=True)).rstrip()

    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out)


TABLE_MAX_ROWS = 10_000


def write(columns: list[str], chunks: Iterable[list[tuple]], fmt: str, out: TextIO) -> int:
    """Write a streamed answer in `fmt`; returns the rows written. csv and json stream every
    row; a table (built in memory to align it) stops at TABLE_MAX_ROWS and says so."""
    if fmt == "table":
        return _write_table(columns, chunks, out)
    if fmt == "csv":
        return write_csv(columns, chunks, out)
    out.write("[")
    n = 0
    for chunk in chunks:
        out.write("".join(("," if n + i else "") + "\n" + _json_object(columns, r)
                          for i, r in enumerate(chunk)))
        n += len(chunk)
    out.write("\n]\n" if n else "]\n")
    return n


def _json_object(columns: list[str], row: tuple) -> str:
    obj = {c: _json_value(v) for c, v in zip(columns, row, strict=True)}
    return json.dumps(obj, ensure_ascii=False, default=str)


def _write_table(columns: list[str], chunks: Iterable[list[tuple]], out: TextIO) -> int:
    rows: list[tuple] = []
    more = False
    for chunk in chunks:
        rows += chunk[:TABLE_MAX_ROWS + 1 - len(rows)]
        if len(rows) > TABLE_MAX_ROWS:
            more, rows = True, rows[:TABLE_MAX_ROWS]
            break
    out.write(to_table(columns, rows) + "\n")
    if more:
        out.write(f"(only the first {TABLE_MAX_ROWS:,} rows are shown as a table; "
                  "--format csv or json gives them all)\n")
    return len(rows)


def render(columns: list[str], rows: list[tuple], fmt: str) -> str:
    """The result in `fmt`: table, csv or json."""
    if fmt == "json":
        return to_json(columns, rows)
    if fmt == "csv":
        return to_csv(columns, rows).rstrip("\n")
    return to_table(columns, rows)

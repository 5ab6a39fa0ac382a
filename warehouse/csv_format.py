"""The one CSV format tradewatch writes (`sql`, `series`, `export`, `extract --format csv`).

Machine-readable and the same everywhere: UTF-8 without a byte-order mark, a header line,
`\\n` line ends, RFC 4180 quoting; an empty field is NULL; booleans `true` / `false`; lists
and structs as JSON (`["https://a", "https://b"]`); dates and timestamps ISO 8601
(`2024-06-13`, `2024-06-27T08:15:00`); numbers unformatted (`15430200000`, `6.42`: a float
with no fraction is written without `.0`, never in exponent form). Text is written as
stored: a cell beginning with `=` stays as it is, so a spreadsheet should open the workbook
(`export --format xlsx`), not the CSV.
"""

from __future__ import annotations

import csv
import json
import math
from collections.abc import Iterable
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, TextIO


def _json_ready(value: Any) -> Any:
    """A value inside a list or struct, as JSON holds it."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(v) for v in value]
    return value


def _number(value: float) -> str:
    """A float without thousands separators or exponent; `.0` dropped from whole numbers."""
    if not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if value.is_integer() and abs(value) < 1e21:
        return str(int(value))
    text = repr(value)
    return text if "e" not in text else format(Decimal(text), "f")


def csv_value(value: Any) -> str:
    """One cell in the CSV format above."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, list | tuple | dict):
        return json.dumps(_json_ready(value), ensure_ascii=False)
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def write_csv(columns: list[str], chunks: Iterable[Iterable[tuple]], out: TextIO) -> int:
    """Write a header and every row of the streamed chunks to `out`; returns the rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    n = 0
    for chunk in chunks:
        rows = [[csv_value(v) for v in r] for r in chunk]
        writer.writerows(rows)
        n += len(rows)
    return n

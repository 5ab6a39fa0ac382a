"""Stage Python rows into temporary tables in bulk (numpy object columns, scanned by DuckDB)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import duckdb


def stage(
    con: duckdb.DuckDBPyConnection,
    name: str,
    columns: dict[str, str],
    rows: Sequence[Sequence[Any]],
) -> int:
    """Replace temp table `name` with `rows` cast to `columns` (name -> SQL type); row count."""
    by_column = list(zip(*rows, strict=True)) if rows else [() for _ in columns]
    return stage_columns(con, name, columns,
                         {c: list(v) for c, v in zip(columns, by_column, strict=True)})


def stage_columns(
    con: duckdb.DuckDBPyConnection,
    name: str,
    columns: dict[str, str],
    data: dict[str, list[Any] | np.ndarray],
) -> int:
    """Replace temp table `name` with columns of equal length (name -> values); row count."""
    # Never row by row: one numpy array per column, scanned by DuckDB in one statement.
    n = len(next(iter(data.values()))) if data else 0
    select = ",\n".join(f'cast("{c}" as {t}) as "{c}"' for c, t in columns.items())
    if n:
        src = f"_src_{name}"
        if hasattr(con, "complete"):  # DuckDB 2: a pending execute() result blocks register()
            con.complete()
        con.register(src, {c: _column(data[c], t) for c, t in columns.items()})
        # On error the transaction is aborted; the registration is replaced on the next call.
        con.execute(f"create or replace temp table {name} as select {select} from {src}")
        con.unregister(src)
    else:
        empty = ", ".join(f'"{c}" {t}' for c, t in columns.items())
        con.execute(f"create or replace temp table {name} ({empty})")
    return n


# Typed numpy columns scan several times faster than object ones (no per-value conversion).
# Dates stay Python objects: numpy's datetime64 conversion is slower than DuckDB's.
_NUMPY_TYPES = {"double": "float64", "integer": "int64", "smallint": "int64", "boolean": "bool",
                "ubigint": "uint64"}


def _column(values: list[Any] | np.ndarray, sql_type: str) -> np.ndarray:
    dtype = _NUMPY_TYPES.get(sql_type)
    if isinstance(values, np.ndarray) and (dtype is None or values.dtype == dtype):
        return values  # built by the caller as this column wants it
    if dtype is not None and None not in values:
        return np.array(values, dtype=dtype)
    arr = np.empty(len(values), dtype=object)
    arr[:] = values
    return arr


def utc(value: datetime | None) -> datetime | None:
    """A naive UTC datetime (the warehouse's TIMESTAMP columns), from aware or naive input."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)

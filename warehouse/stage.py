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
    # Never row by row: one numpy column per field, scanned by DuckDB in one statement.
    cols = list(columns)
    data: dict[str, np.ndarray] = {}
    for i, col in enumerate(cols):
        arr = np.empty(len(rows), dtype=object)
        arr[:] = [r[i] for r in rows]
        data[col] = arr
    src = f"_src_{name}"
    select = ",\n".join(f'cast("{c}" as {t}) as "{c}"' for c, t in columns.items())
    if rows:
        con.complete()  # DuckDB 2: a pending execute() result blocks register()
        con.register(src, data)
        # On error the transaction is aborted; the registration is replaced on the next call.
        con.execute(f"create or replace temp table {name} as select {select} from {src}")
        con.unregister(src)
    else:
        empty = ", ".join(f'"{c}" {t}' for c, t in columns.items())
        con.execute(f"create or replace temp table {name} ({empty})")
    return len(rows)


def utc(value: datetime | None) -> datetime | None:
    """A naive UTC datetime (the warehouse's TIMESTAMP columns), from aware or naive input."""
    if value is None or value.tzinfo is None:
        return value
    return value.astimezone(UTC).replace(tzinfo=None)

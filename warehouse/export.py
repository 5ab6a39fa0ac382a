"""Export every view to one Parquet or CSV file each."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from extractors.errors import UserError

if TYPE_CHECKING:
    import duckdb

logger = logging.getLogger(__name__)

VIEWS = ("series", "series_history", "conflicts", "figures", "review", "articles", "checks",
         "failures", "runs")
FORMATS = {"parquet": "(format parquet)", "csv": "(format csv, header true)"}


def _quoted(path: Path) -> str:
    # COPY takes its file name as a literal, not a parameter: quote it as SQL does.
    return "'" + str(path).replace("'", "''") + "'"


def export_views(con: duckdb.DuckDBPyConnection, out_dir: Path, fmt: str
                 ) -> list[tuple[Path, int]]:
    """Write each view to out_dir/<view>.<fmt>; returns (file, rows) per view."""
    if fmt not in FORMATS:
        raise UserError(f"unknown export format {fmt!r} (parquet or csv)")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(f"cannot create {out_dir}: {e.strerror}") from None
    written = []
    for view in VIEWS:
        path = out_dir / f"{view}.{fmt}"
        con.execute(f"copy (select * from {view}) to {_quoted(path)} {FORMATS[fmt]}")
        rows = con.execute(f"select count(*) from {view}").fetchone()
        written.append((path, int(rows[0]) if rows else 0))
        logger.info("exported %s to %s", view, path)
    return written

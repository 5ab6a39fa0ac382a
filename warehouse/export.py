"""Export every view: one Parquet or CSV file each, or one Excel workbook with a sheet each."""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from extractors.errors import UserError

if TYPE_CHECKING:
    import duckdb

logger = logging.getLogger(__name__)

VIEWS = ("series", "series_history", "conflicts", "figures", "review", "articles", "checks",
         "failures", "runs")
FORMATS = ("parquet", "csv", "xlsx")
WORKBOOK = "tradewatch.xlsx"  # the file `--out DIR --format xlsx` writes into DIR


def _quoted(path: Path) -> str:
    # COPY takes its file name as a literal, not a parameter: quote it as SQL does.
    return "'" + str(path).replace("'", "''") + "'"


def export_views(con: duckdb.DuckDBPyConnection, out: Path, fmt: str,
                 warehouse: Path | None = None) -> list[tuple[str, int]]:
    """Write each view to out/<view>.<fmt> (xlsx: one workbook, out/tradewatch.xlsx, or `out`
    itself when it names a .xlsx file); returns (what was written, rows) per view."""
    if fmt not in FORMATS:
        raise UserError(f"unknown export format {fmt!r} (parquet, csv or xlsx)")
    if fmt == "xlsx":
        return _workbook(con, out if out.suffix.lower() == ".xlsx" else out / WORKBOOK,
                         warehouse)
    _mkdir(out)
    written = []
    for view in VIEWS:
        path = out / f"{view}.{fmt}"
        if fmt == "csv":
            rows = _csv(con, view, path)
        else:
            con.execute(f"copy (select * from {view}) to {_quoted(path)} (format parquet)")
            rows = _count(con, view)
        written.append((str(path), rows))
        logger.info("exported %s to %s", view, path)
    return written


def _mkdir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise UserError(f"cannot create {path}: {e.strerror}") from None


def _count(con: duckdb.DuckDBPyConnection, view: str) -> int:
    row = con.execute(f"select count(*) from {view}").fetchone()
    return int(row[0]) if row else 0


def _csv(con: duckdb.DuckDBPyConnection, view: str, path: Path) -> int:
    """The view in the one CSV format (warehouse/csv_format.py), streamed."""
    from warehouse.csv_format import write_csv
    from warehouse.query import stream

    columns, chunks = stream(con, f"select * from {view}")
    with path.open("w", encoding="utf-8", newline="") as out:
        return write_csv(columns, chunks, out)


def _workbook(con: duckdb.DuckDBPyConnection, path: Path, warehouse: Path | None
              ) -> list[tuple[str, int]]:
    from warehouse import xlsx

    _mkdir(path.parent)
    about = xlsx.About(warehouse=str(warehouse or ""), as_of=as_of(con),
                       last_run=_last_run(con), min_confidence=_threshold(con))
    try:
        written = xlsx.write_workbook(con, path, VIEWS, about)
    except OSError as e:
        raise UserError(f"cannot write {path}: {e.strerror}") from None
    logger.info("exported %d views to %s", len(written), path)
    return [(f"{path} [{s.name}]" + (" (cut at Excel's row limit: the csv and parquet exports "
                                     "have them all)" if s.cut else ""), s.rows)
            for s in written]


def as_of(con: duckdb.DuckDBPyConnection) -> date | None:
    """The warehouse's as-of date: the latest day a figure in it was reported."""
    row = con.execute("select max(reported_on) from figures").fetchone()
    return row[0] if row else None


def _last_run(con: duckdb.DuckDBPyConnection) -> datetime | None:
    row = con.execute("select max(finished_at) from runs").fetchone()
    return row[0] if row else None


def _threshold(con: duckdb.DuckDBPyConnection) -> float:
    from warehouse import threshold

    return threshold.recorded(con)

"""sql, series, export and chart commands: read-only views of the warehouse (issue 5)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from extractors.errors import UserError

if TYPE_CHECKING:
    import duckdb

    from flows.config import Settings


def _say(message: str) -> None:
    typer.echo(f"tradewatch: {message}", err=True)


@contextmanager
def _reader(settings: Settings) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection; a missing warehouse is a one-line user error."""
    from warehouse import db

    path = settings.warehouse.path
    try:
        with db.connect(path, read_only=True, wait_s=settings.warehouse.read_timeout_s,
                        on_wait=_say) as con:
            _say_if_threshold_pending(con, settings.extract.min_confidence)
            yield con
    except db.WarehouseMissing:
        raise UserError(f"no warehouse at {path}: run `tradewatch run` or `tradewatch demo` "
                        "first (or set [warehouse] path)") from None


def _say_if_threshold_pending(con: duckdb.DuckDBPyConnection, configured: float) -> None:
    """A reader cannot apply a changed threshold (it rebuilds the vintages): say who will."""
    from warehouse import threshold

    recorded = threshold.recorded(con)
    if recorded != configured:
        _say(f"the views use the confidence threshold {recorded:g} recorded by the last run; "
             f"the configuration says {configured:g}: the next `tradewatch run` or "
             "`tradewatch reprocess` applies it")


def _print(columns: list[str], rows: list[tuple[Any, ...]], fmt: str) -> None:
    from warehouse.render import render

    sys.stdout.write(render(columns, rows, fmt) + "\n")


def sql_command(settings: Settings, query: str, fmt: str,
                timeout_s: float | None = None) -> None:
    """Run a read-only query and print its result, streamed; bounded in time (timeout_s, else
    [warehouse] sql_timeout_s; 0: none) and memory; Ctrl-C interrupts it."""
    from warehouse import query as q
    from warehouse.render import write

    if not query.strip():
        raise UserError("the query is empty")
    limit = settings.warehouse.sql_timeout_s if timeout_s is None else timeout_s
    with _reader(settings) as con:
        q.bound_memory(con, settings.warehouse.reader_memory_mb)
        q.lock_down(con)

        def answer() -> None:
            columns, chunks = q.stream(con, query)
            write(columns, q.capped(chunks), fmt, sys.stdout)

        try:
            q.bounded(con, answer, limit or None)
        except KeyboardInterrupt:
            _say("query interrupted")  # typer exits 130 silently
            raise
        except MemoryError:
            raise UserError("the answer does not fit in memory: add a limit, or use "
                            "--format csv") from None


def series_command(settings: Settings, region: str | None, indicator: str | None,
                   scope: str | None, metric: str | None, fmt: str) -> None:
    """Print the best current value of each matching series and period."""
    from warehouse import query as q

    with _reader(settings) as con:
        columns, rows = q.series(con, region, indicator, scope, metric)
    if fmt == "table":  # the URLs make the table unreadable; csv and json keep them
        columns, rows = columns[:-1], [r[:-1] for r in rows]
    _print(columns, rows, fmt)


def export_command(settings: Settings, out_dir: Path, fmt: str) -> None:
    """Write every view to out_dir as one Parquet or CSV file each, or to one workbook."""
    from warehouse.export import export_views

    with _reader(settings) as con:
        written = export_views(con, out_dir, fmt, settings.warehouse.path)
    for path, rows in written:
        typer.echo(f"{path}  {rows} rows")


def chart_command(settings: Settings, region: str, indicator: str, metric: str,
                  out: Path, ytd: bool = False, scope: str | None = None) -> None:
    """Draw a series as a PNG (by period, or year to date: one line per year)."""
    from warehouse import chart

    if out.suffix.lower() != ".png":
        raise UserError(f"--out must name a .png file, not {out}")
    with _reader(settings) as con:  # read, close, then draw: never hold the file while drawing
        data = chart.points(con, region, indicator, metric)
    if ytd:
        n = chart.draw_ytd(data, region, indicator, metric, out, scope)
    else:
        n = chart.draw(data, region, indicator, metric, out)
    typer.echo(f"{out}  {n} points")

"""sql, series, export and chart commands: read-only views of the warehouse (issue 5)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
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
                   scope: str | None, metric: str | None, fmt: str, period: str | None = None,
                   lang: str = "en", wide: bool = False) -> None:
    """Print the best current value of each matching series and period: for people (labels,
    analysts' units, numbered sources) or raw as csv or json."""
    from warehouse import query as q
    from warehouse.labels import period_filter, period_matches
    from warehouse.people import series_shown

    try:
        wanted = period_filter(period) if period else None
    except ValueError as e:
        raise UserError(str(e)) from None
    with _reader(settings) as con:
        names, missing = _resolved(con, region=region, indicator=indicator, scope=scope,
                                   metric=metric)
        columns, rows = q.series(con, **names)
    if wanted:
        rows = [r for r in rows if period_matches(r[columns.index("period_start")],
                                                  r[columns.index("period_end")], wanted)]
    _show(columns, rows, fmt, wide, lambda: series_shown(columns, rows, lang), missing)


def catalog_command(settings: Settings, level: str, region: str | None, indicator: str | None,
                    fmt: str, lang: str = "en", wide: bool = False) -> None:
    """Print what the warehouse holds: series, regions or indicators with their coverage."""
    from warehouse import query as q
    from warehouse.people import catalog_shown

    with _reader(settings) as con:
        names, missing = _resolved(con, region=region, indicator=indicator)
        columns, rows = q.catalog(con, level, **names)
    _show(columns, rows, fmt, wide, lambda: catalog_shown(level, columns, rows, lang), missing)


def _show(columns: list[str], rows: list[tuple[Any, ...]], fmt: str, wide: bool,
          people: Callable[[], Any], missing: str = "") -> None:
    """The raw rows as csv or json; for a table, what `people()` makes of them, fitted. No
    rows: a line saying so (on stderr beside csv or json, which stay well-formed)."""
    if not rows:
        why = missing or "nothing stored matches these filters"
        note = f"(no rows: {why}; `tradewatch catalog` lists what the warehouse holds)"
        if fmt == "table":
            from warehouse.fit import wrap

            typer.echo("\n".join(wrap(note)))
            return
        _say(note)
    if fmt != "table":
        _print(columns, rows, fmt)
    else:
        typer.echo("\n".join(people().lines(wide=wide)))


def _resolved(con: duckdb.DuckDBPyConnection, **typed: str | None
              ) -> tuple[dict[str, str | None], str]:
    """The stored values meant by --region, --indicator, --scope, --metric as typed (any case,
    diacritics, Unicode form, aliases), and why nothing will match if a known name has no
    series. An unknown name is a UserError naming the closest ones."""
    from warehouse import labels
    from warehouse import query as q

    known = q.known_names(con)
    out: dict[str, str | None] = {}
    missing = ""
    for key, value in typed.items():
        found = getattr(labels, f"resolve_{key}")(value, known[key]) if value else None
        if found is not None and found.value is None:
            hint = f"; did you mean {' or '.join(repr(s) for s in found.suggestions)}?" \
                if found.suggestions else ""
            raise UserError(f"--{key} {value!r}: no such name{hint} (`tradewatch catalog` "
                            "lists what the warehouse holds)")
        if found is not None and found.value not in known[key]:
            missing = f"the warehouse holds no series for --{key} {found.value!r}"
        out[key] = found.value if found is not None else None
    return out, missing


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
        names, missing = _resolved(con, region=region, indicator=indicator, metric=metric,
                                   scope=scope)
        region, indicator = names["region"] or region, names["indicator"] or indicator
        metric, scope = names["metric"] or metric, names["scope"]
        if missing:
            raise UserError(f"nothing to draw: {missing}")
        data = chart.points(con, region, indicator, metric)
    if ytd:
        n = chart.draw_ytd(data, region, indicator, metric, out, scope)
    else:
        n = chart.draw(data, region, indicator, metric, out)
    typer.echo(f"{out}  {n} points")

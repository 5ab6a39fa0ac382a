"""The demo command: serve the replay sites, run monitor and a backfill, show the series."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table

from flows.cmd_run import announce, cell, execute, out, print_report, progress_bar

if TYPE_CHECKING:
    from flows.config import Settings

DEMO_MARK = "# Written by `tradewatch demo`"
DEMO_FILES = ("tradewatch.duckdb", "tradewatch.duckdb.wal", "chart.png")
DEMO_SINCE = date(2020, 1, 1)  # the replay corpus starts in 2022


def demo_config(directory: Path, kdpt_url: str, tin_url: str) -> str:
    """The demo's TOML: the warehouse in `directory`, both replay sites, politeness off."""
    db = (directory / "tradewatch.duckdb").resolve()
    return f"""{DEMO_MARK}: the two replay sites it served (their ports are gone
# once the demo ends; the warehouse stays). Query with: tradewatch sql "…" --config <this file>
[warehouse]
path = "{db.as_posix()}"

[http]
polite = false

[[sources]]
name = "kdpt"
kind = "kdpt"
base_url = "{kdpt_url}"

[[sources]]
name = "tin"
kind = "generic"
base_url = "{tin_url}"
feeds = ["{tin_url}/feed/"]
sitemaps = ["{tin_url}/sitemap_index.xml"]
"""


def _write_atomic(path: Path, text: str) -> None:
    """Write a file whole or not at all."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def demo_command(directory: Path) -> None:
    """Serve the replay sites, run monitor and a backfill into `directory`, show the series."""
    from flows.config import load_settings
    from replay import ReplaySite

    started = time.perf_counter()
    config = directory / "tradewatch.toml"
    _fresh_demo_dir(directory, config)
    announce()
    with ReplaySite().serve(host="127.0.0.1") as srv:
        _write_atomic(config, demo_config(directory, srv.kdpt_url, srv.tin_url))
        settings = load_settings(config)
        tomorrow = date.today() + timedelta(days=1)
        for kind, title in (("monitor", "demo: monitor"), ("backfill", "demo: backfill")):
            t0 = time.perf_counter()
            with progress_bar(title) as show:
                since, until = (DEMO_SINCE, tomorrow) if kind == "backfill" else (None, None)
                report = execute(kind, settings, (), since, until, show)
            print_report(report, time.perf_counter() - t0, rows=False)
    _show_demo(settings, directory, config)
    out.print(f"demo finished in {time.perf_counter() - started:.1f} s")


def _fresh_demo_dir(directory: Path, config: Path) -> None:
    """Empty a previous demo's warehouse; refuse a directory holding anything else's.

    The replay sites get new ports each time and their URLs (hence the articles' keys) carry
    the port, so a second demo into the same warehouse would load every article again.
    """
    from extractors.errors import InputError

    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(f"--dir {directory}: cannot create it: {e.strerror}") from None
    ours = config.is_file() and config.read_text(encoding="utf-8").startswith(DEMO_MARK)
    present = [directory / n for n in DEMO_FILES if (directory / n).exists()]
    if (present or config.exists()) and not ours:
        raise InputError(f"--dir {directory} holds files `tradewatch demo` did not write; "
                         "choose another directory")
    for path in present:
        path.unlink()


def _show_demo(settings: Settings, directory: Path, config: Path) -> None:
    """Print the series table, draw the longest series, say how to query."""
    from warehouse import chart, db, query

    with db.connect(settings.warehouse.path, read_only=True) as con:
        columns, rows = query.series_summary(con)
        longest = query.longest_series(con)
        points = chart.points(con, *longest[:3]) if longest else []
    if rows:
        out.print(_series_table(columns, rows))
    else:
        out.print("no series found: the runs loaded no figures (see the failures above)")
    if longest:
        png = directory / "chart.png"
        n = chart.draw(points, longest[0], longest[1], longest[2], png)
        out.print(f"chart of {longest[0]} {longest[1]} ({longest[2]}, {n} points): {png}")
    db_path = settings.warehouse.path
    out.print("query the warehouse:\n"
              f"  tradewatch series --config {config}\n"
              f"  tradewatch sql \"select * from series where region = 'Lạng Sơn'\" "
              f"--config {config}\n"
              f"  duckdb {db_path}    (views: series, series_history, conflicts, articles, "
              "figures, failures, runs)")


def _series_table(columns: list[str], rows: list[tuple[Any, ...]]) -> Table:
    """One line per series: how many periods, from when to when, the latest value."""
    n_obs = sum(r[columns.index("periods")] for r in rows)
    table = Table(title=f"series: {len(rows)} series, {n_obs} observations (best current "
                        "values)", title_justify="left")
    for col in columns:
        table.add_column(col, overflow="fold",
                         justify="right" if col in ("periods", "latest", "sources")
                         else "left")
    for r in rows:
        table.add_row(*(cell(v) for v in r))
    return table

"""The demo command: serve the replay sites, run monitor and a backfill, show the series."""

from __future__ import annotations

import time
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flows.cmd_run import announce, execute, out, print_report, progress_bar

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
    """Print the series found, the conflicts and checks, draw the longest series, say how to
    query."""
    from warehouse import chart, db, query
    from warehouse.people import catalog_shown

    with db.connect(settings.warehouse.path, read_only=True) as con:
        columns, rows = query.catalog(con, "series")
        conflicts = query.conflicts_summary(con)
        checks = query.checks_summary(con)
        longest = query.longest_series(con)
        points = chart.points(con, *longest[:3]) if longest else []
    if rows:
        n_obs = sum(r[columns.index("periods")] for r in rows)
        _say(f"series: {len(rows)} series, {n_obs} observations (best current values)")
        _say(*catalog_shown("series", columns, rows).lines())
    else:
        _say("no series found: the runs loaded no figures (see the failures above)")
    _say(*conflict_lines(*conflicts, config), *check_lines(*checks, config))
    if longest:
        png = directory / "chart.png"
        n = chart.draw(points, longest[0], longest[1], longest[2], png)
        _say(f"chart of {longest[0]} {longest[1]} ({longest[2]}, {n} points): {png}")
    _say(*closing_lines(config))


def _say(*lines: str) -> None:
    """Lines as they are: fitted already, never re-wrapped or styled by rich."""
    for line in lines:
        out.print(line, markup=False, highlight=False, soft_wrap=True)


def conflict_lines(columns: list[str], rows: list[tuple[Any, ...]], config: Path) -> list[str]:
    """How many conflicts the views hold and the largest few, readable."""
    from warehouse.fit import wrap
    from warehouse.labels import indicator_label, period_label, scope_label, value_label

    if not rows:
        return ["conflicts: none (no two sources disagree on a series and period)"]
    total = rows[0][0]
    lines = [f"conflicts: {total} (sources disagreeing on the same series and period"
             f"{'; the largest' if total > len(rows) else ''}):"]
    for r in (dict(zip(columns, row, strict=True)) for row in rows):
        what = " ".join(p for p in (r["region"], indicator_label(r["indicator"]),
                                    scope_label(r["scope"]),
                                    period_label(r["period_start"], r["period_end"])) if p)
        a, b = (value_label(r[f"value_{x}"], r["unit"], r["metric"])
                + (" (est.)" if r[f"estimate_{x}"] else "") for x in "ab")
        lines += wrap(f"  {what}: {a} vs {b}", indent="    ")
    return [*lines, "  all of them:",
            f"    tradewatch sql \"select * from conflicts\" --config {config}"]


def check_lines(columns: list[str], rows: list[tuple[Any, ...]], config: Path) -> list[str]:
    """How many consistency checks passed and failed, and the first failures."""
    from warehouse.fit import wrap

    counts = {r[0]: r[1] for r in rows if r[2] is None}
    if not counts:
        return ["checks: none (no article gave figures that could be checked together)"]
    said = ", ".join(f"{n} {status}" for status, n in counts.items())
    lines = wrap(f"checks: {sum(counts.values())} consistency checks within articles "
                 f"(parts against totals, sectors against the whole, plans): {said}",
                 indent="  ")
    for r in rows:
        if r[2] is not None:
            lines += wrap(f"  {r[2]}: {r[3]}", indent="    ")
    return [*lines, "  all of them:", "    tradewatch sql \"select kind, status, message, url "
            f"from checks\" --config {config}"]


def closing_lines(config: Path) -> list[str]:
    """How to query the demo's warehouse (its own config; the user's own stays untouched)."""
    from warehouse.fit import wrap

    return [*wrap(f"the demo's warehouse and config are in {config.parent}/ (your own "
                  "data/tradewatch.duckdb and tradewatch.toml are not touched); query it with "
                  f"--config {config}:"),
            f"  tradewatch catalog --config {config}",
            f"  tradewatch series --region \"Lang Son\" --indicator \"xuất nhập khẩu\" "
            f"--period H1 --config {config}",
            f"  tradewatch sql \"select * from series where region = 'Lạng Sơn'\" "
            f"--config {config}"]

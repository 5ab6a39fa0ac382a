"""run, backfill, reprocess and demo commands (issue 6).

Runs go through the Prefect flows (flows/prefect_flows.py): with PREFECT_API_URL set they are
recorded on that server, otherwise on Prefect's temporary local API, started for the process.
TRADEWATCH_PREFECT=off runs the same pipeline functions without Prefect (no API start-up).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from extractors.errors import TradewatchError
from extractors.hygiene import strip_controls
from flows import prefect_env

if TYPE_CHECKING:
    from flows.config import Settings
    from flows.pipeline import RunReport

logger = logging.getLogger(__name__)
err = Console(stderr=True)
out = Console()

SHOW_ROWS = 20
DEMO_MARK = "# Written by `tradewatch demo`"
DEMO_FILES = ("tradewatch.duckdb", "tradewatch.duckdb.wal", "chart.png")
DEMO_SINCE = date(2020, 1, 1)  # the replay corpus starts in 2022


def use_prefect() -> bool:
    """Whether runs go through Prefect (default) or straight through the pipeline functions."""
    return os.environ.get("TRADEWATCH_PREFECT", "on").strip().lower() not in (
        "0", "off", "false", "no")


# ---------------------------------------------------------------- progress

class _Counter:
    """The progress bar's numbers: pages discovered, fetched, failed, figures found."""

    def __init__(self, progress: Progress, title: str) -> None:
        self.progress = progress
        self.counts = {"discovered": 0, "fetched": 0, "failed": 0, "figures": 0, "batch": 0}
        self.task = progress.add_task(title, total=None, stats=self._stats())

    def _stats(self) -> str:
        c = self.counts
        return (f"discovered {c['discovered']}  fetched {c['fetched']}  failed {c['failed']}"
                f"  figures {c['figures']}")

    def __call__(self, event: str, amount: int) -> None:
        self.counts[event] = self.counts.get(event, 0) + amount
        c = self.counts
        self.progress.update(self.task, total=c["discovered"] or None,
                             completed=c["fetched"] + c["failed"], stats=self._stats())


INTERRUPTED = "tradewatch: interrupted; what was loaded stays, nothing is half-written"
OUR_LOGGERS = ("flows", "extractors", "warehouse")


@contextmanager
def _warnings_shown() -> Iterator[None]:
    """Our warnings (a source that failed, a wait for the warehouse lock) above the bar.

    Prefect's console handler is off for the commands (flows/prefect_env.py), so tradewatch's
    own loggers get a handler of their own while a command runs.
    """
    from rich.logging import RichHandler

    handler = RichHandler(console=err, level=logging.WARNING, show_time=False, show_path=False,
                          markup=False, rich_tracebacks=False)
    loggers = [logging.getLogger(name) for name in OUR_LOGGERS]
    saved = [(lg.propagate, lg.level) for lg in loggers]
    for lg in loggers:
        lg.addHandler(handler)
        lg.propagate = False
        if lg.level == logging.NOTSET or lg.level > logging.WARNING:
            lg.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for lg, (propagate, level) in zip(loggers, saved, strict=True):
            lg.removeHandler(handler)
            lg.propagate = propagate
            lg.setLevel(level)


@contextmanager
def _progress(title: str) -> Iterator[Callable[[str, int], None]]:
    """A rich progress bar on stderr, fed by the pipeline's progress events; Ctrl-C says so."""
    from flows import pipeline

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[stats]}"), TimeElapsedColumn())
    try:
        with Progress(*columns, console=err, transient=False) as progress, _warnings_shown():
            counter = _Counter(progress, title)
            pipeline.set_progress_hook(counter)
            try:
                yield counter
            finally:
                pipeline.set_progress_hook(None)
    except KeyboardInterrupt:
        # typer turns KeyboardInterrupt into a silent exit 130, so say it here.
        err.print(INTERRUPTED, markup=False, highlight=False)
        raise


# ---------------------------------------------------------------- running

def _announce() -> None:
    """Check the Prefect server, or say that a temporary local API is starting (it is slow)."""
    if use_prefect() and prefect_env.has_server():
        _check_server(os.environ["PREFECT_API_URL"].strip())
    elif use_prefect():
        err.print("[dim]Starting Prefect's temporary local API (10–30 s; set PREFECT_API_URL "
                  "for a server, TRADEWATCH_PREFECT=off to run without Prefect)…[/dim]")


def _flows() -> Any:
    """The Prefect flows module, imported after the quiet environment is set.

    Without PREFECT_API_URL the temporary local API is started here, before Prefect is imported,
    so that Prefect's server application is imported by the server's process only
    (`prefect_env.start_temporary_api`: ~80 MB less in this one).
    """
    prefect_env.configure(quiet=True)
    prefect_env.start_temporary_api()
    from flows import prefect_flows

    return prefect_flows


def _check_server(api: str) -> None:
    """A one-line error, not Prefect's traceback, when PREFECT_API_URL does not answer."""
    import httpx

    from extractors.errors import UserError

    try:
        httpx.get(f"{api.rstrip('/')}/health", timeout=10).raise_for_status()
    except httpx.HTTPError as e:
        raise UserError(f"PREFECT_API_URL={api} does not answer ({type(e).__name__}): start "
                        "that server, or unset PREFECT_API_URL to use a temporary local API") \
            from None


def execute(kind: str, settings: Settings, sources: Sequence[str] = (),
            since: date | None = None, until: date | None = None) -> RunReport:
    """Run monitor, backfill or reprocess, through Prefect unless TRADEWATCH_PREFECT=off."""
    from flows import pipeline

    if not use_prefect():
        if kind == "monitor":
            return pipeline.run_monitor(settings, sources)
        if kind == "backfill":
            assert since is not None and until is not None
            return pipeline.run_backfill(settings, since, until, sources)
        return pipeline.run_reprocess(settings, since)
    flows = _flows()
    plain = settings.model_dump(mode="json")
    try:
        if kind == "monitor":
            return asyncio.run(flows.monitor(settings=plain, sources=list(sources)))
        if kind == "backfill":
            return asyncio.run(flows.backfill(since=since, until=until, settings=plain,
                                              sources=list(sources)))
        return flows.reprocess(since=since, settings=plain)
    except RuntimeError as e:
        # Prefect's own failures to start or reach its API: one line, not its traceback.
        if "API" not in str(e):
            raise
        raise TradewatchError(f"Prefect: {str(e).splitlines()[0][:300]} (TRADEWATCH_PREFECT=off "
                              "runs without Prefect)") from None


@contextmanager
def _report_on_failure(started: float) -> Iterator[None]:
    """When a source failed, print what the run did before the one-line error."""
    from extractors.errors import SourceError

    try:
        yield
    except SourceError as e:
        report = getattr(e, "report", None)
        if report is not None:
            print_report(report, time.perf_counter() - started)
        raise


def run_command(settings: Settings, sources: Sequence[str]) -> None:
    """Run the monitor once and print what it found."""
    _announce()
    started = time.perf_counter()
    with _report_on_failure(started), _progress("monitor"):
        report = execute("monitor", settings, sources)
    print_report(report, time.perf_counter() - started)


def backfill_command(settings: Settings, since: date, until: date,
                     sources: Sequence[str]) -> None:
    """Backfill [since, until) with a progress bar, then print what it found."""
    _announce()
    started = time.perf_counter()
    with _report_on_failure(started), _progress(f"backfill {since}..{until}"):
        report = execute("backfill", settings, sources, since, until)
    print_report(report, time.perf_counter() - started)


def reprocess_command(settings: Settings, since: date | None) -> None:
    """Re-extract stored pages and print the diff of figures."""
    _announce()
    started = time.perf_counter()
    with _progress("reprocess"):
        report = execute("reprocess", settings, since=since)
    print_report(report, time.perf_counter() - started)


# ---------------------------------------------------------------- printing

def print_report(report: RunReport, seconds: float, rows: bool = True) -> None:
    """Counts, then new and revised observations (or the reprocess diff), then failures."""
    c = report.counts()
    if report.kind == "reprocess":
        out.print(f"reprocess: {c['articles']} articles re-extracted in {seconds:.1f} s: "
                  f"{c.get('diff_added', 0)} figures added, {c.get('diff_removed', 0)} removed, "
                  f"{c.get('diff_changed', 0)} changed, {c['failed']} failed")
    else:
        out.print(f"{report.kind}: {c['discovered']} new URLs, {c['retried']} retries, "
                  f"{c['fetched']} pages fetched, {c['articles']} articles, "
                  f"{c['figures']} figures, {c.get('observations_new', 0)} new observations, "
                  f"{c.get('vintages_revised', 0)} revised, {c['failed']} failed "
                  f"({seconds:.1f} s, run {report.run_id})")
    shown = (("new", report.new_observations), ("revised", report.revised_observations))
    for title, found in shown if rows else ():
        if found:
            out.print(_rows_table(f"{title} ({len(found)}, first {SHOW_ROWS})",
                                  found[:SHOW_ROWS]))
    if report.failures:
        out.print(_failures_table(report))
    for note in report.notes:  # a deadline reached, a Crawl-delay capped, a host deferred
        err.print(f"tradewatch: note: {strip_controls(note)}", markup=False, highlight=False)


def _rows_table(title: str, rows: list[dict[str, Any]]) -> Table:
    skip = {"url", "revised", "n_sources"}
    cols = [k for k in rows[0] if k not in skip]
    table = Table(title=title, title_justify="left")
    for col in cols:
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(*(_cell(r.get(col)) for col in cols))
    return table


def _failures_table(report: RunReport) -> Table:
    table = Table(title=f"failures ({len(report.failures)}; retried on later runs when "
                        "retryable)", title_justify="left")
    for col in ("stage", "url", "status", "error"):
        table.add_column(col, overflow="fold")
    for f in report.failures[:SHOW_ROWS]:
        table.add_row(f.stage, _cell(f.url), _cell(f.status), _cell(f.error))
    return table


def _cell(value: Any) -> str:
    """A value for a terminal table: big numbers in millions / billions."""
    if isinstance(value, float):
        for size, word in ((1e9, " bn"), (1e6, " m")):
            if abs(value) >= size:
                return f"{value / size:,.2f}".rstrip("0").rstrip(".") + word
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return "" if value is None else strip_controls(str(value))  # rich keeps ESC sequences


# ---------------------------------------------------------------- demo

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
    _announce()
    with ReplaySite().serve(host="127.0.0.1") as srv:
        _write_atomic(config, demo_config(directory, srv.kdpt_url, srv.tin_url))
        settings = load_settings(config)
        tomorrow = date.today() + timedelta(days=1)
        for kind, title in (("monitor", "demo: monitor"), ("backfill", "demo: backfill")):
            t0 = time.perf_counter()
            with _progress(title):
                window = (DEMO_SINCE, tomorrow) if kind == "backfill" else (None, None)
                report = execute(kind, settings, (), *window)
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
    from warehouse import chart, db

    with db.connect(settings.warehouse.path, read_only=True) as con:
        cur = con.execute(SERIES_SUMMARY)
        columns, rows = [d[0] for d in cur.description], cur.fetchall()
        longest = con.execute("""
            select region, indicator, metric, count(*) as n
            from series group by all order by n desc, region, indicator limit 1
        """).fetchone()
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


SERIES_SUMMARY = """
select
    region,
    indicator,
    scope,
    metric,
    count(*) as periods,
    min(period_start) as "from",
    max(period_end) as "to",
    arg_max(value, period_end) as latest,
    arg_max(unit, period_end) as unit,
    sum(n_sources) as sources
from series
group by all
order by region, indicator, scope, metric
"""


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
        table.add_row(*(_cell(v) for v in r))
    return table

"""run, backfill and reprocess commands (issue 6): run, show progress, print the report.

Runs go through the Prefect flows (flows/prefect_flows.py): with PREFECT_API_URL set they are
recorded on that server, otherwise on Prefect's temporary local API, started for the process.
TRADEWATCH_PREFECT=off runs the same pipeline functions without Prefect (no API start-up).
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from types import ModuleType
from typing import TYPE_CHECKING

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from extractors.errors import TradewatchError
from extractors.hygiene import strip_controls
from flows import prefect_env

if TYPE_CHECKING:
    from flows.config import Settings
    from flows.progress import Progress as ProgressHook
    from flows.report import Row, RunReport

logger = logging.getLogger(__name__)
err = Console(stderr=True)
out = Console()

SHOW_ROWS = 20


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
def progress_bar(title: str) -> Iterator[ProgressHook]:
    """A rich progress bar on stderr, fed by a run's progress events; Ctrl-C says so."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[stats]}"), TimeElapsedColumn())
    try:
        with Progress(*columns, console=err, transient=False) as progress, _warnings_shown():
            yield _Counter(progress, title)
    except KeyboardInterrupt:
        # typer turns KeyboardInterrupt into a silent exit 130, so say it here.
        err.print(INTERRUPTED, markup=False, highlight=False)
        raise


# ---------------------------------------------------------------- running

def announce() -> None:
    """Check the Prefect server, or say that a temporary local API is starting (it is slow)."""
    if use_prefect() and prefect_env.has_server():
        _check_server(os.environ["PREFECT_API_URL"].strip())
    elif use_prefect():
        err.print("[dim]Starting Prefect's temporary local API (10–30 s; set PREFECT_API_URL "
                  "for a server, TRADEWATCH_PREFECT=off to run without Prefect)…[/dim]")


def _flows() -> ModuleType:
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
            since: date | None = None, until: date | None = None,
            show: ProgressHook | None = None) -> RunReport:
    """Run monitor, backfill or reprocess, through Prefect unless TRADEWATCH_PREFECT=off;
    progress goes to `show`."""
    from flows import progress

    if not use_prefect():
        return _execute_plain(kind, settings, sources, since, until, show)
    flows = _flows()
    plain = settings.model_dump(mode="json")  # a flow's parameters are JSON values
    try:
        # nor can a flow be handed `show`: its runs report to the process-wide hook
        with progress.reporting_to(show or progress.no_progress):
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


def _execute_plain(kind: str, settings: Settings, sources: Sequence[str],
                   since: date | None, until: date | None,
                   show: ProgressHook | None) -> RunReport:
    """The same runs without Prefect, straight through the plain functions."""
    if kind == "monitor":
        from flows.run_loop import run_monitor

        return run_monitor(settings, sources, show)
    if kind == "backfill":
        from flows.run_loop import run_backfill

        assert since is not None and until is not None
        return run_backfill(settings, since, until, sources, show)
    from flows.reprocess import run_reprocess

    return run_reprocess(settings, since, show)


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


def check_sources(settings: Settings, sources: Sequence[str]) -> None:
    """Every --source names a configured source (ConfigError, exit 2, naming them, before
    Prefect's seconds of start-up)."""
    for name in sources:
        settings.source(name)


def run_command(settings: Settings, sources: Sequence[str]) -> None:
    """Run the monitor once and print what it found."""
    check_sources(settings, sources)
    announce()
    started = time.perf_counter()
    with _report_on_failure(started), progress_bar("monitor") as show:
        report = execute("monitor", settings, sources, show=show)
    print_report(report, time.perf_counter() - started)


def backfill_command(settings: Settings, since: date, until: date,
                     sources: Sequence[str]) -> None:
    """Backfill [since, until) with a progress bar, then print what it found."""
    check_sources(settings, sources)
    announce()
    started = time.perf_counter()
    with _report_on_failure(started), progress_bar(f"backfill {since}..{until}") as show:
        report = execute("backfill", settings, sources, since, until, show)
    print_report(report, time.perf_counter() - started)


def reprocess_command(settings: Settings, since: date | None) -> None:
    """Re-extract stored pages and print the diff of figures."""
    announce()
    started = time.perf_counter()
    with progress_bar("reprocess") as show:
        report = execute("reprocess", settings, since=since, show=show)
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


def _rows_table(title: str, rows: list[Row]) -> Table:
    skip = {"url", "revised", "n_sources"}
    cols = [k for k in rows[0] if k not in skip]
    table = Table(title=title, title_justify="left")
    for col in cols:
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(*(cell(r.get(col)) for col in cols))
    return table


def _failures_table(report: RunReport) -> Table:
    table = Table(title=f"failures ({len(report.failures)}; retried on later runs when "
                        "retryable)", title_justify="left")
    for col in ("stage", "url", "status", "error"):
        table.add_column(col, overflow="fold")
    for f in report.failures[:SHOW_ROWS]:
        table.add_row(f.stage, cell(f.url), cell(f.status), cell(f.error))
    return table


def cell(value: object) -> str:
    """A value for a terminal table: big numbers in millions / billions."""
    if isinstance(value, float):
        for size, word in ((1e9, " bn"), (1e6, " m")):
            if abs(value) >= size:
                return f"{value / size:,.2f}".rstrip("0").rstrip(".") + word
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return "" if value is None else strip_controls(str(value))  # rich keeps ESC sequences

"""The run loop of monitor and backfill: plan -> discover -> batches in turn -> record.

No Prefect here. `run_monitor` and `run_backfill` take one Settings object and return a
RunReport; `run_async` runs either with the stages it is given (flows/stages.py: PLAIN, or the
Prefect flows' task-wrapped ones). The warehouse is opened only to record the run's start and
read every source's state, to remember discovered URLs and cursors, to load each batch, and
to record the run's end.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from extractors.errors import SourceError, TradewatchError
from extractors.fetching import FetchOutcome
from extractors.http import PoliteClient
from extractors.sources import Source
from flows import loading
from flows.config import Settings
from flows.malloc import limit_malloc_arenas
from flows.progress import Progress, current
from flows.report import RunReport, list_changes, new_run_id
from flows.scheduling import Deadline, Turns
from flows.stages import PLAIN, Cursor, RunSources, Stages, Window
from flows.writer import connect_writer
from warehouse import state
from warehouse.errors import WarehouseError

if TYPE_CHECKING:
    import duckdb

logger = logging.getLogger(__name__)

Params = dict[str, str | list[str] | None]  # a run's parameters as the `runs` view keeps them


@dataclass
class SourcePlan:
    """What a run will do for one source, read from the warehouse before any fetch."""

    name: str
    known: set[str]
    retries: list[str]  # due retries and URLs an earlier run discovered but did not load
    validators: dict[str, tuple[str | None, str | None]]
    cursor: Cursor | None = None


@dataclass
class SourceWork:
    """One source's URLs for this run, after its discovery."""

    plan: SourcePlan
    source: Source  # built once for the run, handed to every stage
    urls: list[str]
    cursor: Cursor
    failed: bool = False


def _merge(urls: Iterable[str]) -> list[str]:
    """URLs in first-seen order without repeats."""
    return list(dict.fromkeys(urls))


def plan_source(con: duckdb.DuckDBPyConnection, settings: Settings, name: str,
                window: Window | None) -> SourcePlan:
    """Read what is known, what is due for retry and the backfill cursor for one source."""
    known = set(state.known_urls(con, name))
    retries = _merge([*state.due_retries(con, name, datetime.now(UTC),
                                         settings.run.retry_max_attempts),
                      *state.frontier_urls(con, name)])
    validators = dict(state.validators(con, retries)) if retries else {}
    cursor = state.get_cursor(con, window.cursor_key(name)) if window else None
    return SourcePlan(name, known, retries, validators, cursor)


def start_run(settings: Settings, report: RunReport, params: Params,
              window: Window | None) -> dict[str, SourcePlan]:
    """Record the run's start and read every source's plan, in one opening of the warehouse."""
    with connect_writer(settings) as con:
        state.start_run(con, report.run_id, report.kind, ",".join(report.sources), params)
        return {name: plan_source(con, settings, name, window) for name in report.sources}


def _select(settings: Settings, names: Sequence[str]) -> list[str]:
    """The enabled sources to run: those named (checked), else every enabled one."""
    if names:
        return [settings.source(n).name for n in names]
    return [s.name for s in settings.sources if s.enabled]


def _remember(settings: Settings, source: str, urls: list[str], run_id: str) -> None:
    """Write discovered URLs to the frontier before fetching: a killed run loses none of them."""
    if not urls:
        return
    with connect_writer(settings) as con:
        state.add_frontier(con, source, urls, run_id)


def _save_cursors(settings: Settings, work: list[SourceWork], window: Window | None) -> None:
    """Store each backfilled source's discovery state (a walk cut short resumes next time)."""
    if window is None:
        return
    for w in work:
        if not w.failed:
            with connect_writer(settings) as con:
                state.set_cursor(con, window.cursor_key(w.source.name),
                                 {**w.cursor, "done": not w.cursor.get("incomplete")})


def _source_failed(report: RunReport, name: str, error: BaseException) -> None:
    """Record a source that failed, in one line; the other sources go on."""
    if isinstance(error, SourceError):
        text = str(error)
    else:
        detail = " ".join(str(error).split())[:300]
        text = f"source {name!r} failed: {type(error).__name__}: {detail}"
    logger.error("%s", text)
    logger.debug("source %s failed", name, exc_info=error)
    report.source_errors.append(text)


# ---------------------------------------------------------------- discovery

@dataclass
class Run:
    """What every step of one run shares."""

    settings: Settings
    client: PoliteClient
    report: RunReport
    stages: Stages
    progress: Progress
    deadline: Deadline
    window: Window | None


async def _discover_source(run: Run, plan: SourcePlan, source: Source) -> SourceWork:
    """One source's discovery (unless a finished backfill cursor says done): its URLs."""
    cursor = dict(plan.cursor or {})
    new: list[str] = []
    if not cursor.get("done"):
        cursor.pop("incomplete", None)  # set again by discovery if it stops before the end
        found = await run.deadline.bound(run.stages.discover(run.client, source, plan.known,
                                                             run.window, cursor))
        cursor = found.state
        new = found.urls
        run.report.failures.extend(found.problems)
        _remember(run.settings, source.name, new, run.report.run_id)
    urls = _merge([*plan.retries, *new])[: source.settings.max_articles]
    run.report.discovered += len(new)
    run.report.retried += len(plan.retries)
    run.progress("discovered", len(urls))
    logger.info("%s: %d new URLs, %d retries due", source.name, len(new), len(plan.retries))
    return SourceWork(plan, source, urls, cursor)


async def _discover_all(run: Run, plans: dict[str, SourcePlan],
                        sources: RunSources) -> list[SourceWork]:
    """Discovery of every source in turn; a source that fails is recorded, the rest go on."""
    work: list[SourceWork] = []
    for name, plan in plans.items():
        if run.deadline.expired():
            run.deadline.reached(run.report, 0, f"before discovering source {name!r}")
            break
        try:
            work.append(await _discover_source(run, plan, sources.get(name)))
        except WarehouseError:
            raise
        except TimeoutError as e:
            if not run.deadline.expired():
                _source_failed(run.report, name, e)
                continue
            run.deadline.reached(run.report, len(plan.retries),
                                 f"while discovering source {name!r}")
            break
        except Exception as e:  # noqa: BLE001 - one source must never stop the others
            _source_failed(run.report, name, e)
    return work


# ---------------------------------------------------------------- batches

async def _fetch(run: Run, w: SourceWork, urls: list[str]) -> list[FetchOutcome]:
    """Fetch one batch, with the validators (ETag, Last-Modified) known for its URLs; it stops
    starting fetches at batch_max_mb of bodies."""
    known = w.plan.validators
    validators = {u: known[u] for u in urls if u in known}
    max_bytes = int(run.settings.run.batch_max_mb * 1_000_000)
    return await run.stages.fetch(run.client, w.source, urls, validators, max_bytes)


def _extract_and_load(run: Run, source: Source, outcomes: list[FetchOutcome]) -> None:
    """Extract and load one fetched batch, in parts of at most loading.EXTRACT_TEXT_CHARS of
    text (one part for ordinary pages), updating the report. `outcomes` is emptied as it
    goes, so each part's pages can be freed once loaded."""
    parts = loading.by_text(outcomes)
    outcomes.clear()
    while parts:
        _extract_and_load_part(run, source, parts.pop(0))


def _extract_and_load_part(run: Run, source: Source, outcomes: list[FetchOutcome]) -> None:
    report, show = run.report, run.progress
    batch = run.stages.extract(report.run_id, source, outcomes)
    loaded = run.stages.load(run.settings, batch)
    report.batches += 1
    report.fetched += len(batch.pages)
    report.not_modified += len(batch.not_modified)
    report.deferred += len(batch.deferred)
    report.failed += len(batch.failures)
    report.articles += len(batch.articles)
    n_figures = sum(len(a.figures) for a in batch.articles)
    report.figures += n_figures
    report.failures.extend(batch.failures)
    report.add_load(loaded)
    show("fetched", len(batch.pages) + len(batch.not_modified))
    show("failed", len(batch.failures))
    show("figures", n_figures)
    show("batch", 1)


async def _extract_load_isolated(run: Run, w: SourceWork, outcomes: list[FetchOutcome]) -> None:
    """Extract and load one batch; an error of the warehouse stops the run, any other one
    fails this source only."""
    try:
        await asyncio.to_thread(_extract_and_load, run, w.source, outcomes)
    except WarehouseError:
        raise
    except Exception as e:  # noqa: BLE001 - a source's failure stays its own
        w.failed = True
        _source_failed(run.report, w.source.name, e)


async def _run_batches(run: Run, work: list[SourceWork]) -> None:
    """Batches in turn across sources; batch n+1 is fetched while batch n is extracted and
    loaded (in a worker thread, so the event loop keeps fetching: DuckDB releases the GIL).
    At most two batches are in memory at once, each of at most batch_size URLs and about
    batch_max_mb of bodies. A source whose batch fails is recorded and skipped from then on;
    the deadline leaves the rest queued."""
    turns = Turns(work, run.settings.run.batch_size)
    deadline, report = run.deadline, run.report

    def start() -> tuple[tuple[SourceWork, list[str]] | None,
                         asyncio.Future[list[FetchOutcome]] | None]:
        job = turns.take()
        if job is None:
            return None, None
        return job, asyncio.ensure_future(deadline.bound(_fetch(run, *job)))

    job, ahead = start()
    try:
        while job is not None and ahead is not None:
            w, urls = job
            try:
                outcomes = await ahead
            except Exception as e:  # noqa: BLE001 - a source's failure stays its own
                if isinstance(e, TimeoutError) and deadline.expired():
                    ahead = None
                    deadline.reached(report, len(urls) + turns.left(), "while fetching")
                    return
                w.failed = True
                _source_failed(report, w.source.name, e)
                job, ahead = start()
                continue
            done = {o.url for o in outcomes}
            turns.put_back(w, [u for u in urls if u not in done])
            job, ahead = start()
            await _extract_load_isolated(run, w, outcomes)
            if job is not None and deadline.expired():
                deadline.reached(report, len(job[1]) + turns.left(), "between batches")
                return
    finally:
        if ahead is not None and not ahead.done():
            ahead.cancel()
            await asyncio.gather(ahead, return_exceptions=True)


# ---------------------------------------------------------------- runs

async def run_async(settings: Settings, kind: str, sources: Sequence[str] = (),
                    window: Window | None = None, stages: Stages = PLAIN,
                    progress: Progress | None = None, run_id: str | None = None) -> RunReport:
    """Run monitor (no window) or backfill (a window); a failed source marks the report failed.

    Source failures do not raise here (the other sources still run and load): call
    `report.raise_for_status()`. A run that reaches its deadline ends `completed` with a
    note; what it did not reach stays queued. Interrupts and warehouse errors propagate,
    after the run's row records them.
    """
    limit_malloc_arenas()
    names = _select(settings, sources)
    report = RunReport(run_id or new_run_id(kind), kind, names, datetime.now(UTC))
    params: Params = {"sources": names, "since": _iso(window.since if window else None),
                      "until": _iso(window.until if window else None)}
    plans = start_run(settings, report, params, window)
    try:
        async with PoliteClient(settings.http) as client:
            run = Run(settings, client, report, stages, progress or current(),
                      Deadline.of(settings.run, kind), window)
            try:
                work = await _discover_all(run, plans, RunSources(settings))
                await _run_batches(run, work)
                _save_cursors(settings, work, window)
            finally:
                report.notes[:0] = client.notes
        report.status = "failed" if report.source_errors else "completed"
        report.error = "; ".join(report.source_errors) or None
    except BaseException as e:
        stopped = isinstance(e, KeyboardInterrupt | asyncio.CancelledError)
        report.status = "interrupted" if stopped else "failed"
        report.error = f"{type(e).__name__}: {e}"
        raise
    finally:
        report.finished_at = datetime.now(UTC)
        _finish_quietly(settings, report)
    return report


def _finish_quietly(settings: Settings, report: RunReport) -> None:
    """Record the end of the run and its changes; a failure to record is logged, not hidden."""
    try:
        with connect_writer(settings) as con:
            if report.status == "completed":
                list_changes(con, report)
            state.finish_run(con, report.run_id, report.status, report.counts(), report.error,
                             report.notes)
    except TradewatchError as e:
        logger.error("could not record the end of run %s: %s", report.run_id, e)
        if report.status == "completed":
            raise


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def run_monitor(settings: Settings, sources: Sequence[str] = (),
                progress: Progress | None = None, run_id: str | None = None) -> RunReport:
    """Incremental run: new articles and due retries of each source, fetched and loaded."""
    report = asyncio.run(run_async(settings, "monitor", sources, None, PLAIN, progress, run_id))
    report.raise_for_status()
    return report


def run_backfill(settings: Settings, since: date, until: date, sources: Sequence[str] = (),
                 progress: Progress | None = None, run_id: str | None = None) -> RunReport:
    """Backfill the half-open window [since, until); a rerun skips what is already loaded."""
    window = Window(since, until)
    report = asyncio.run(run_async(settings, "backfill", sources, window, PLAIN, progress,
                                   run_id))
    report.raise_for_status()
    return report

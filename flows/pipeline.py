"""The pipeline as plain functions: discover -> batches -> fetch -> parse -> extract -> load.

No Prefect here. `run_monitor`, `run_backfill` and `run_reprocess` take one Settings object and
return a RunReport. Each stage is a plain function; `Stages` bundles them so that the Prefect
flows (flows/prefect_flows.py) can hand in the same functions wrapped as tasks — one task run
per batch per stage, never one per article. The warehouse is opened only to record the run's
start and read every source's state, to load each batch, and to record the run's end.
"""

from __future__ import annotations

import asyncio
import ctypes
import itertools
import logging
import os
import sys
import time as clock
import uuid
from collections import deque
from collections.abc import Awaitable, Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any, TypeVar

from extractors.errors import ParseError, SourceError, TradewatchError
from extractors.fetching import FetchOutcome, Validators, fetch_many
from extractors.figures import EXTRACTOR_VERSION, check_figures, extract_figures
from extractors.http import PoliteClient
from extractors.hygiene import MAX_FIGURES, cut_text
from extractors.model import Page
from extractors.settings import SourceSettings
from extractors.sources import Source, get_source
from flows import loading
from flows.config import RunSettings, Settings
from warehouse import db, load, state, threshold
from warehouse.batch import Batch, ExtractedArticle, Failure
from warehouse.errors import WarehouseError

T = TypeVar("T")

logger = logging.getLogger(__name__)

# progress(event, amount): "discovered", "fetched", "failed", "figures", "batch"
Progress = Callable[[str, int], None]
SHOWN_ROWS = 200  # observations kept in a report for display; the warehouse holds them all
VN_TZ = timezone(timedelta(hours=7), "Asia/Ho_Chi_Minh")


def _no_progress(event: str, amount: int) -> None:
    """The default progress callback: nothing to show."""


_hook: Progress = _no_progress


def set_progress_hook(hook: Progress | None) -> None:
    """Where runs in this process report progress when not given a callback (the CLI's bar).

    A Prefect flow's parameters must be plain values, so the CLI cannot hand its progress bar
    to a flow; it sets this hook instead, and runs started in this process call it.
    """
    global _hook
    _hook = hook or _no_progress


@dataclass
class RunReport:
    """What one run did: counts, the new and revised observations, and the failures."""

    run_id: str
    kind: str  # monitor | backfill | reprocess
    sources: list[str]
    started_at: datetime
    finished_at: datetime | None = None
    status: str = "running"  # running | completed | failed | interrupted
    error: str | None = None
    discovered: int = 0
    retried: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    deferred: int = 0  # URLs left queued because their host's robots.txt was unreachable
    articles: int = 0
    figures: int = 0
    batches: int = 0
    load: dict[str, int] = field(default_factory=dict)  # summed LoadStats
    diff: dict[str, int] = field(default_factory=dict)  # reprocess: added/removed/changed
    new_observations: list[dict[str, Any]] = field(default_factory=list)
    revised_observations: list[dict[str, Any]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    source_errors: list[str] = field(default_factory=list)  # one line per failed source
    notes: list[str] = field(default_factory=list)  # deadline reached, Crawl-delay capped, …

    def counts(self) -> dict[str, int]:
        """The run's counters as one flat dict (for `runs`, artifacts and the CLI)."""
        base = {k: getattr(self, k) for k in ("discovered", "retried", "fetched", "not_modified",
                                               "failed", "deferred", "articles", "figures",
                                               "batches")}
        return {**base, **self.load, **{f"diff_{k}": v for k, v in self.diff.items()}}

    def note(self, message: str) -> None:
        """Add a note the run reports (and log it)."""
        logger.warning(message)
        self.notes.append(message)

    def raise_for_status(self) -> None:
        """Raise SourceError when a source failed (after the run was recorded); the error
        carries the report (`.report`), so what the other sources loaded can be shown."""
        if self.status == "failed":
            error = SourceError(self.error or "a source failed")
            error.report = self  # type: ignore[attr-defined]
            raise error

    def add_load(self, stats: object) -> None:
        """Sum one batch's LoadStats (a dataclass or a dict of ints) into the report."""
        values = stats if isinstance(stats, dict) else _as_dict(stats)
        for key, value in values.items():
            if isinstance(value, int) and not isinstance(value, bool):
                self.load[key] = self.load.get(key, 0) + value


def _as_dict(obj: object) -> dict[str, Any]:
    """A dataclass or plain object's public fields."""
    from dataclasses import asdict, is_dataclass

    if is_dataclass(obj) and not isinstance(obj, type):
        return asdict(obj)
    return {k: v for k, v in vars(obj).items() if not k.startswith("_")}


@dataclass(frozen=True)
class Window:
    """A half-open publication window [since, until) for a backfill; None bounds are open."""

    since: date | None = None
    until: date | None = None

    def cursor_key(self, source: str) -> str:
        """The warehouse cursor key under which a backfill of this window keeps its state."""
        return f"backfill:{source}:{self.since}:{self.until}"


@dataclass
class SourcePlan:
    """What a run will do for one source, read from the warehouse before any fetch."""

    settings: SourceSettings
    known: set[str]
    retries: list[str]  # due retries and URLs an earlier run discovered but did not load
    validators: dict[str, tuple[str | None, str | None]]
    cursor: dict[str, Any] | None = None


# ---------------------------------------------------------------- stages (plain functions)

def new_run_id(kind: str) -> str:
    """A run id that sorts by time and says what ran."""
    return f"{kind}-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


READER_SLACK_S = 30.0  # beyond a reader's statement timeout: its start-up and output


@contextmanager
def _writer(settings: Settings, on_wait: Callable[[str], None] | None = None) -> Iterator[Any]:
    """The warehouse opened for writing, waiting for another writer up to lock_timeout_s (and
    for a `tradewatch sql` reader at least as long as its statement timeout allows it), with
    the configured confidence threshold recorded (a changed one rebuilds the vintages once)."""
    w = settings.warehouse
    readers = w.sql_timeout_s + READER_SLACK_S if w.sql_timeout_s else 0.0
    with db.connect(w.path, wait_s=w.lock_timeout_s, on_wait=on_wait,
                    reader_wait_s=readers) as con:
        threshold.record(con, settings.extract.min_confidence)
        yield con


def plan_source(con: Any, settings: Settings, name: str, window: Window | None) -> SourcePlan:
    """Read what is known, what is due for retry and the backfill cursor for one source."""
    known = set(state.known_urls(con, name))
    retries = _merge([*state.due_retries(con, name, datetime.now(UTC),
                                         settings.run.retry_max_attempts),
                      *state.frontier_urls(con, name)])
    validators = dict(state.validators(con, retries)) if retries else {}
    cursor = state.get_cursor(con, window.cursor_key(name)) if window else None
    return SourcePlan(settings.source(name), known, retries, validators, cursor)


def start_run(settings: Settings, report: RunReport, params: dict[str, Any],
              window: Window | None) -> dict[str, SourcePlan]:
    """Record the run's start and read every source's plan, in one opening of the warehouse."""
    with _writer(settings) as con:
        state.start_run(con, report.run_id, report.kind, ",".join(report.sources), params)
        return {name: plan_source(con, settings, name, window) for name in report.sources}


class RunSources:
    """A run's sources, each built from its settings once, on first use."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._built: dict[str, Source] = {}

    def get(self, name: str) -> Source:
        """The source called `name` (ConfigError if none is; SourceError if it cannot be built)."""
        if name not in self._built:
            self._built[name] = get_source(self._settings.source(name))
        return self._built[name]


@dataclass
class Discovery:
    """What discovery found for one source: new URLs, and the documents it could not read."""

    urls: list[str]
    problems: list[Failure] = field(default_factory=list)
    # The backfill state as discovery left it (returned, not only mutated: a Prefect task
    # may be handed a copy of its arguments).
    state: dict[str, Any] = field(default_factory=dict)


def _local_midnight(day: date | None) -> datetime | None:
    """A date as the start of that day in Vietnam (articles are dated in local time)."""
    return None if day is None else datetime.combine(day, time(0), VN_TZ)


async def discover_urls(client: PoliteClient, source: Source, known: set[str],
                        window: Window | None, cursor: dict[str, Any] | None) -> Discovery:
    """New canonical URLs of one source, newest first, at most `max_articles` of them."""
    since = _local_midnight(window.since) if window else None
    until = _local_midnight(window.until) if window else None
    state = cursor if cursor is not None else {}
    found = await source.discover(client, known=known.__contains__, since=since, until=until,
                                  state=state)
    urls = [cand.url for cand in found.candidates]  # canonical, unknown, each once
    if len(urls) >= source.settings.max_articles:
        logger.warning("%s: stopped discovery at max_articles=%d", source.name,
                       source.settings.max_articles)
    # Feeds, sitemaps or listings that failed: shown in the report, not queued as articles.
    problems = [_failure(e.url, source.name, "discover", e) for _, e in found.errors]
    return Discovery(urls, problems, state)


async def fetch_batch(client: PoliteClient, source: Source, urls: list[str],
                      validators: Validators, max_bytes: int | None = None) -> list[FetchOutcome]:
    """Fetch one batch of URLs within the source's scope; every URL started comes back as a
    FetchOutcome (page or error); with `max_bytes`, the batch stops starting fetches once its
    bodies reach it."""
    return await fetch_many(client, source.scope, urls, validators, max_bytes)


def extract_article(page: Page, source: Source) -> ExtractedArticle:
    """Parse one page into an article and extract its figures and checks (pure)."""
    article = cut_text(source.parse(page))
    published = article.published.date() if article.published else None
    figures = extract_figures(article.text, published=published, title=article.title,
                              number_format=source.settings.number_format)
    if len(figures) > MAX_FIGURES:
        logger.info("%s: %d figures, the first %d kept", article.url, len(figures), MAX_FIGURES)
        figures = figures[:MAX_FIGURES]
        article = replace(article, figures_truncated=True)
    checks = check_figures(figures)
    return ExtractedArticle(article, tuple(figures), tuple(checks), EXTRACTOR_VERSION)


def _failure(url: str, source: str, stage: str, error: Exception) -> Failure:
    status = getattr(error, "status", None)
    retryable = bool(getattr(error, "retryable", stage == "fetch"))
    reason = getattr(error, "reason", None) or str(error) or type(error).__name__
    return Failure(url, source, stage, reason, status, retryable, datetime.now(UTC))


def extract_batch(run_id: str, source: Source, outcomes: Sequence[FetchOutcome]) -> Batch:
    """Turn one batch of fetch outcomes into a Batch: pages, articles, failures, 304s."""
    name = source.name
    batch = Batch(run_id=run_id, source=name)
    for out in outcomes:
        if getattr(out.error, "deferred", False):
            batch.deferred.append(out.url)  # robots.txt unreachable: left queued as it is
            continue
        if out.error is not None or out.page is None:
            err = out.error or TradewatchError("no page and no error")
            logger.info("fetch failed, queued for retry: %s: %s", out.url, err)
            batch.failures.append(_failure(out.url, name, "fetch", err))
            continue
        if out.page.not_modified:
            batch.not_modified.append(out.url)
            continue
        # the warehouse keeps the raw body; the decoded text (as big again, or twice) is
        # not kept past extraction (the extra says how many bytes were replaced)
        batch.pages.append(replace(out.page, text=None))
        try:
            batch.articles.append(extract_article(out.page, source))
        except ParseError as e:
            logger.info("discarding %s: %s", out.url, e)
            batch.failures.append(_failure(out.url, name, "parse", e))
        except Exception as e:  # noqa: BLE001 - one bad page must not stop the batch
            logger.warning("extraction error on %s: %r", out.url, e)
            batch.failures.append(replace(_failure(out.url, name, "parse", e), retryable=False))
    return batch


class _Loader:
    """Loads parts of one batch over one writer connection, reopened after a failed load."""

    def __init__(self, settings: Settings, on_wait: Callable[[str], None] | None) -> None:
        self.settings, self.on_wait = settings, on_wait
        self.stack: ExitStack | None = None
        self.con: Any = None
        self.memory_mb: int | None = None  # a raised cap for the next loads (boost)

    def boost(self, memory_mb: int) -> None:
        """Give the next loads `memory_mb` of DuckDB memory (a load that ran out of it)."""
        self.memory_mb = memory_mb

    def __call__(self, part: Batch) -> dict[str, Any]:
        if self.con is None:
            self.stack = ExitStack()
            self.con = self.stack.enter_context(_writer(self.settings, self.on_wait))
            if self.memory_mb:
                self.con.execute(f"set memory_limit = '{int(self.memory_mb)}MB'")
        try:
            stats = load.load_batch(self.con, part,
                                    max_attempts=self.settings.run.retry_max_attempts)
        except BaseException:
            self.close()
            raise
        self._checkpoint()
        return _as_dict(stats)

    def _checkpoint(self) -> None:
        """Write committed rows to the file now, so the next part of a big batch starts with
        the writer's memory free; the rows are committed already, so a failure here is only
        logged (the close checkpoints again)."""
        try:
            self.con.execute("checkpoint")
        except Exception as e:  # noqa: BLE001 - committed data is safe in the WAL
            logger.warning("checkpoint after a load failed (%s); the data is committed",
                           str(e).splitlines()[0][:200])
            self.close()

    def close(self) -> None:
        if self.stack is not None:
            stack, self.stack, self.con = self.stack, None, None
            stack.close()


def load_into_warehouse(settings: Settings, batch: Batch,
                        on_wait: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Load one batch, in parts of at most loading.LOAD_PART_BYTES (one transaction each);
    an article whose load fails is recorded as a `load` failure and the rest loads
    (flows/loading.py). Returns the summed LoadStats as a dict."""
    loader = _Loader(settings, on_wait)
    totals: dict[str, Any] = {}
    opened = False
    try:
        for part in loading.by_bytes(loading.units(batch)):
            opened = True
            loading.load_isolating(batch, part, loader, totals)
    finally:
        loader.close()
    if not opened:  # nothing to load: the writer still records the configured threshold
        with _writer(settings, on_wait):
            pass
    return totals


@dataclass(frozen=True)
class Stages:
    """The stage functions a run calls; the Prefect flows pass task-wrapped versions."""

    discover: Callable[..., Any] = discover_urls
    fetch: Callable[..., Any] = fetch_batch
    extract: Callable[..., Batch] = extract_batch
    load: Callable[..., dict[str, Any]] = load_into_warehouse


PLAIN = Stages()


# ---------------------------------------------------------------- runs

def batches(urls: Sequence[str], size: int) -> Iterable[list[str]]:
    """`urls` cut into lists of at most `size`."""
    for i in range(0, len(urls), size):
        yield list(urls[i:i + size])


def _merge(urls: Iterable[str]) -> list[str]:
    """URLs in first-seen order without repeats."""
    return list(dict.fromkeys(urls))


def _select(settings: Settings, names: Sequence[str]) -> list[str]:
    """The enabled sources to run: those named (checked), else every enabled one."""
    if names:
        return [settings.source(n).name for n in names]
    return [s.name for s in settings.sources if s.enabled]


def _record_start(settings: Settings, report: RunReport, params: dict[str, Any]) -> None:
    """Write the run's row in `runs` as it starts (its end: `_finish_quietly`)."""
    with _writer(settings) as con:
        state.start_run(con, report.run_id, report.kind, ",".join(report.sources), params)


def _remember(settings: Settings, source: str, urls: list[str], run_id: str) -> None:
    """Write discovered URLs to the frontier before fetching: a killed run loses none of them."""
    if not urls:
        return
    with _writer(settings) as con:
        state.add_frontier(con, source, urls, run_id)


def _save_cursor(settings: Settings, key: str, value: dict[str, Any]) -> None:
    with _writer(settings) as con:
        state.set_cursor(con, key, value)


async def _fetch(client: Any, w: SourceWork, urls: list[str], stages: Stages,
                 max_bytes: int | None = None) -> list[Any]:
    """Fetch one batch, with the validators (ETag, Last-Modified) known for its URLs."""
    known = w.plan.validators
    validators = {u: known[u] for u in urls if u in known}
    if max_bytes is None:
        return await stages.fetch(client, w.source, urls, validators)
    return await stages.fetch(client, w.source, urls, validators, max_bytes)


def _extract_and_load(settings: Settings, source: Source, outcomes: list[Any],
                      report: RunReport, stages: Stages, progress: Progress) -> None:
    """Extract and load one fetched batch, in parts of at most loading.EXTRACT_TEXT_CHARS of
    text (one part for ordinary pages), updating the report. `outcomes` is emptied as it
    goes, so each part's pages can be freed once loaded."""
    parts = loading.by_text(outcomes)
    outcomes.clear()
    while parts:
        _extract_and_load_part(settings, source, parts.pop(0), report, stages, progress)


def _extract_and_load_part(settings: Settings, source: Source, outcomes: list[Any],
                           report: RunReport, stages: Stages, progress: Progress) -> None:
    batch = stages.extract(report.run_id, source, outcomes)
    loaded = stages.load(settings, batch)
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
    progress("fetched", len(batch.pages) + len(batch.not_modified))
    progress("failed", len(batch.failures))
    progress("figures", n_figures)
    progress("batch", 1)


class Deadline:
    """A run's time limit ([run] max_minutes); None: no limit."""

    def __init__(self, minutes: float | None) -> None:
        self.minutes = minutes
        self.at = clock.monotonic() + minutes * 60 if minutes else None

    @classmethod
    def of(cls, run: RunSettings, kind: str) -> Deadline:
        """The deadline of a run of `kind` (monitor: max_minutes; backfill: its own key)."""
        return cls(run.backfill_max_minutes if kind == "backfill" else run.max_minutes)

    def expired(self) -> bool:
        """Whether the time is up."""
        return self.at is not None and clock.monotonic() >= self.at

    async def bound(self, work: Awaitable[T]) -> T:
        """`work`, cancelled with TimeoutError when the deadline passes."""
        if self.at is None:
            return await work
        async with asyncio.timeout_at(asyncio.get_running_loop().time()
                                      + max(self.at - clock.monotonic(), 0)):
            return await work

    def reached(self, report: RunReport, left: int, where: str) -> None:
        """Note that the deadline stopped the run (`left` URLs stay queued)."""
        report.note(f"deadline of {self.minutes:g} min ([run] max_minutes) reached {where}: "
                    f"{left} URLs left queued for the next run")


@dataclass
class SourceWork:
    """One source's URLs for this run, after its discovery."""

    plan: SourcePlan
    source: Source  # built once for the run, handed to every stage
    urls: list[str]
    cursor: dict[str, Any]
    failed: bool = False


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


async def _discover_source(client: Any, settings: Settings, plan: SourcePlan, report: RunReport,
                           window: Window | None, stages: Stages, progress: Progress,
                           deadline: Deadline) -> SourceWork:
    """One source's discovery (unless a finished backfill cursor says done): its URLs."""
    source = get_source(plan.settings)
    name = source.name
    cursor = dict(plan.cursor or {})
    new: list[str] = []
    if not cursor.get("done"):
        cursor.pop("incomplete", None)  # set again by discovery if it stops before the end
        found = await deadline.bound(stages.discover(client, source, plan.known, window,
                                                     cursor))
        cursor = found.state
        new = found.urls
        report.failures.extend(found.problems)
        _remember(settings, name, new, report.run_id)
    urls = _merge([*plan.retries, *new])[: plan.settings.max_articles]
    report.discovered += len(new)
    report.retried += len(plan.retries)
    progress("discovered", len(urls))
    logger.info("%s: %d new URLs, %d retries due", name, len(new), len(plan.retries))
    return SourceWork(plan, source, urls, cursor)


async def _discover_all(client: Any, settings: Settings, plans: dict[str, SourcePlan],
                        report: RunReport, window: Window | None, stages: Stages,
                        progress: Progress, deadline: Deadline) -> list[SourceWork]:
    """Discovery of every source in turn; a source that fails is recorded, the rest go on."""
    work: list[SourceWork] = []
    for name, plan in plans.items():
        if deadline.expired():
            deadline.reached(report, 0, f"before discovering source {name!r}")
            break
        try:
            work.append(await _discover_source(client, settings, plan, report, window, stages,
                                               progress, deadline))
        except WarehouseError:
            raise
        except TimeoutError as e:
            if not deadline.expired():
                _source_failed(report, name, e)
                continue
            deadline.reached(report, len(plan.retries), f"while discovering source {name!r}")
            break
        except Exception as e:  # noqa: BLE001 - one source must never stop the others
            _source_failed(report, name, e)
    return work


class Turns:
    """Which source's batch comes next: sources in turn (A1, B1, A2, B2, …), so no source
    waits for all of another's and a deadline cuts all of them alike. URLs a batch did not
    start (its byte budget was reached) go back to the front of their source's queue."""

    def __init__(self, work: list[SourceWork], size: int) -> None:
        self.queues = {id(w): deque(w.urls) for w in work}
        self.work, self.size, self.next = work, size, 0

    def take(self) -> tuple[SourceWork, list[str]] | None:
        """The next source with URLs left and its next batch; None when all are done."""
        for k in range(len(self.work)):
            w = self.work[(self.next + k) % len(self.work)]
            queue = self.queues[id(w)]
            if queue and not w.failed:
                self.next = (self.next + k + 1) % len(self.work)
                return w, [queue.popleft() for _ in range(min(self.size, len(queue)))]
        return None

    def put_back(self, w: SourceWork, urls: list[str]) -> None:
        """URLs of `w` not fetched yet: first in its next batch."""
        self.queues[id(w)].extendleft(reversed(urls))

    def left(self) -> int:
        """URLs not taken yet, of sources that have not failed."""
        return sum(len(self.queues[id(w)]) for w in self.work if not w.failed)


async def _run_batches(client: Any, settings: Settings, work: list[SourceWork],
                       report: RunReport, stages: Stages, progress: Progress,
                       deadline: Deadline) -> None:
    """Batches in turn across sources; batch n+1 is fetched while batch n is extracted and
    loaded (in a worker thread, so the event loop keeps fetching: DuckDB releases the GIL).
    At most two batches are in memory at once, each of at most batch_size URLs and about
    batch_max_mb of bodies. A source whose batch fails is recorded and skipped from then on;
    the deadline leaves the rest queued."""
    turns = Turns(work, settings.run.batch_size)
    max_bytes = int(settings.run.batch_max_mb * 1_000_000)

    def start() -> tuple[tuple[SourceWork, list[str]] | None, asyncio.Future[list[Any]] | None]:
        job = turns.take()
        if job is None:
            return None, None
        return job, asyncio.ensure_future(deadline.bound(
            _fetch(client, job[0], job[1], stages, max_bytes)))

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
            await _extract_load_isolated(settings, w, outcomes, report, stages, progress)
            if job is not None and deadline.expired():
                deadline.reached(report, len(job[1]) + turns.left(), "between batches")
                return
    finally:
        if ahead is not None and not ahead.done():
            ahead.cancel()
            await asyncio.gather(ahead, return_exceptions=True)


async def _extract_load_isolated(settings: Settings, w: SourceWork, outcomes: list[Any],
                                 report: RunReport, stages: Stages, progress: Progress) -> None:
    """Extract and load one batch; an error of the warehouse stops the run, any other one
    fails this source only."""
    try:
        await asyncio.to_thread(_extract_and_load, settings, w.source, outcomes, report, stages,
                                progress)
    except WarehouseError:
        raise
    except Exception as e:  # noqa: BLE001 - a source's failure stays its own
        w.failed = True
        _source_failed(report, w.source.name, e)


def _save_cursors(settings: Settings, work: list[SourceWork], window: Window | None) -> None:
    """Store each backfilled source's discovery state (a walk cut short resumes next time)."""
    if window is None:
        return
    for w in work:
        if not w.failed:
            _save_cursor(settings, window.cursor_key(w.source.name),
                         {**w.cursor, "done": not w.cursor.get("incomplete")})


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
    show = progress or _hook
    names = _select(settings, sources)
    report = RunReport(run_id or new_run_id(kind), kind, names, datetime.now(UTC))
    params = {"sources": names, "since": _iso(window and window.since),
              "until": _iso(window and window.until)}
    plans = start_run(settings, report, params, window)
    deadline = Deadline.of(settings.run, kind)
    try:
        async with PoliteClient(settings.http) as client:
            try:
                work = await _discover_all(client, settings, plans, report, window, stages,
                                           show, deadline)
                await _run_batches(client, settings, work, report, stages, show, deadline)
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


M_ARENA_MAX = -8  # glibc mallopt parameter
MALLOC_ARENAS = 2


def limit_malloc_arenas() -> bool:
    """At most MALLOC_ARENAS glibc malloc arenas in this process (unless MALLOC_ARENA_MAX is set).

    A run allocates from the event loop's thread (fetch), a worker thread (extraction, load)
    and DuckDB's threads. glibc gives threads arenas of their own (up to 8 per core), and memory
    freed in one arena is not reused by a thread allocating from another: a 5,000-page backfill
    peaked ~20 MB higher for it (bench/bench_backfill.py), for no measurable speed. Idempotent;
    affects arenas created afterwards. False where it does not apply (not glibc).
    """
    if sys.platform != "linux" or "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(M_ARENA_MAX, MALLOC_ARENAS))
    except (OSError, AttributeError):
        return False


def _finish_quietly(settings: Settings, report: RunReport) -> None:
    """Record the end of the run and its changes; a failure to record is logged, not hidden."""
    try:
        with _writer(settings) as con:
            if report.status == "completed":
                _list_changes(con, report)
            state.finish_run(con, report.run_id, report.status, report.counts(), report.error,
                             report.notes)
    except TradewatchError as e:
        logger.error("could not record the end of run %s: %s", report.run_id, e)
        if report.status == "completed":
            raise


def _list_changes(con: Any, report: RunReport) -> None:
    """Fill the report's new and revised observations (for display); if even a raised memory
    cap is not enough, the run is still recorded, with a note instead of the lists."""
    row = con.execute("select count(*) from figure_mentions where run_id = ?",
                      [report.run_id]).fetchone()
    load.fit_memory(con, int(row[0]) if row else 0)
    try:
        report.new_observations, report.revised_observations = run_changes(con, report.run_id)
    except Exception as e:  # noqa: BLE001 - the listing is for display; the run's end is not
        report.note(f"new and revised observations not listed: {str(e).splitlines()[0][:200]}")


_CHANGES_SQL = """
with mine as (
    select distinct obs_id, vintage_id from accepted_mentions where run_id = ?
),
other as (
    select distinct obs_id, vintage_id from accepted_mentions where run_id is distinct from ?
)
select
    v.region, v.indicator, v.scope, v.metric, v.period_start, v.period_end,
    v.value, v.unit, v.estimate, v.n_sources,
    v.obs_id in (select obs_id from other) as revised,
    (select b.value from vintages as b
     where b.obs_id = v.obs_id and b.vintage_id <> v.vintage_id
     order by b.last_reported desc limit 1) as previous_value
from vintages as v
where v.vintage_id in (select vintage_id from mine)
    and v.vintage_id not in (select vintage_id from other)
order by v.region, v.indicator, v.scope, v.metric, v.period_start
limit ?
"""


def run_changes(con: Any, run_id: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(new, revised) observation values first reported by this run, SHOWN_ROWS at most each."""
    cur = con.execute(_CHANGES_SQL, [run_id, run_id, 2 * SHOWN_ROWS])
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    new = [r for r in rows if not r["revised"]][:SHOWN_ROWS]
    revised = [r for r in rows if r["revised"]][:SHOWN_ROWS]
    for r in rows:
        if not r.pop("revised"):
            r.pop("previous_value")
    return new, revised


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


# ---------------------------------------------------------------- reprocess

def reprocess_batch(con: Any, sources: RunSources, pages: Sequence[tuple[str, Page]],
                    report: RunReport) -> None:
    """Re-extract one batch of stored pages and swap their articles' figures atomically."""
    stored = []
    for name, page in pages:
        try:
            item = extract_article(page, sources.get(name))
        except (TradewatchError, Exception) as e:  # noqa: B014 - one bad page is recorded only
            logger.info("reprocess: skipping %s: %s", page.url, e)
            report.failures.append(_failure(page.url, name, "parse", e))
            report.failed += 1
            continue
        report.articles += 1
        report.figures += len(item.figures)
        if _is_stored(con, item.article.url):  # swapped together below: one vintage rebuild
            stored.append((item.article.url, item.figures, item.checks, item.extractor_version))
        else:  # the page failed to parse before and reads now: load it as a new article
            batch = Batch(run_id=report.run_id, source=name, articles=[item])
            report.add_load(load.load_batch(con, batch))
            report.diff["added"] = report.diff.get("added", 0) + len(item.figures)
    for diff in load.replace_figures_many(con, stored):
        _add_diff(report, diff)
    report.batches += 1


def _is_stored(con: Any, url: str) -> bool:
    """Whether the warehouse holds an article at this canonical URL."""
    return con.execute("select count(*) from stored_articles where url = ?",
                       [url]).fetchone()[0] > 0


def _add_diff(report: RunReport, diff: Any) -> None:
    """Count one article's FigureDiff into the report and keep a few rows to show."""
    for kind in ("added", "removed", "changed"):
        rows = getattr(diff, kind)
        report.diff[kind] = report.diff.get(kind, 0) + len(rows)
        shown = report.revised_observations if kind == "changed" else report.new_observations
        for row in rows[: max(SHOWN_ROWS - len(shown), 0)]:
            shown.append({"change": kind, "url": diff.url, **row})


def run_reprocess(settings: Settings, since: date | None = None,
                  progress: Progress | None = None, run_id: str | None = None,
                  batch_step: Callable[..., None] = reprocess_batch) -> RunReport:
    """Re-extract stored raw pages (published on/after `since`) and report the figure diff.

    The warehouse stays open for the whole run: pages are read from it and figures written
    back, with no network in between. `report.new_observations` holds added and removed
    figures, `report.revised_observations` changed ones (both marked by `change`).
    """
    show = progress or _hook
    report = RunReport(run_id or new_run_id("reprocess"), "reprocess",
                       [s.name for s in settings.sources], datetime.now(UTC))
    report.diff = {"added": 0, "removed": 0, "changed": 0}
    _record_start(settings, report, {"since": _iso(since)})
    sources = RunSources(settings)
    try:
        with _writer(settings) as con:
            # raw_pages reads in chunks, each fully fetched, so writes in between are safe
            pages = state.raw_pages(con, since)
            while chunk := list(itertools.islice(pages, settings.run.batch_size)):
                show("discovered", len(chunk))
                figures_before = report.figures
                batch_step(con, sources, chunk, report)
                show("fetched", len(chunk))
                show("figures", report.figures - figures_before)
        report.status = "completed"
    except BaseException as e:
        report.status = "interrupted" if isinstance(e, KeyboardInterrupt) else "failed"
        report.error = f"{type(e).__name__}: {e}"
        raise
    finally:
        report.finished_at = datetime.now(UTC)
        _finish_reprocess(settings, report)
    return report


def _finish_reprocess(settings: Settings, report: RunReport) -> None:
    with _writer(settings) as con:
        state.finish_run(con, report.run_id, report.status, report.counts(), report.error)

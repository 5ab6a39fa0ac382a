"""Prefect 3 flows `monitor`, `backfill` and `reprocess`: thin wiring around the plain runs
(flows/run_loop.py, flows/reprocess.py) and their stages (flows/stages.py).

Each stage function of the pipeline becomes a task that runs once per batch (discover once per
source), so the number of task runs grows with batches, never with articles. Only the network
stages (discover, fetch) retry. Loads take the `warehouse-writer` global concurrency limit when
a Prefect server is in use (create it once: `prefect gcl create warehouse-writer --limit 1`);
without a server the warehouse's own lock file serialises writers. Every run publishes a
markdown artifact: counts, new and revised observations, failures.
"""

from __future__ import annotations

from flows import prefect_env

prefect_env.configure(quiet=False)  # no-op for settings the caller already set

import logging  # noqa: E402 - prefect_env must run before prefect is imported
from collections.abc import Sequence  # noqa: E402
from contextlib import AbstractContextManager, nullcontext  # noqa: E402
from datetime import date  # noqa: E402
from typing import TYPE_CHECKING, Any  # noqa: E402

from prefect import flow, task  # noqa: E402
from prefect.artifacts import acreate_markdown_artifact, create_markdown_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.runtime import flow_run  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402

from extractors.fetching import FetchOutcome, Validators  # noqa: E402
from extractors.http import PoliteClient  # noqa: E402
from extractors.sources import Source  # noqa: E402
from flows import reprocess as plain_reprocess  # noqa: E402
from flows import stages  # noqa: E402
from flows.config import Settings, load_settings  # noqa: E402
from flows.loading import LoadTotals  # noqa: E402
from flows.report import Row, RunReport, new_run_id  # noqa: E402
from flows.run_loop import run_async  # noqa: E402
from flows.stages import Cursor, Discovery, RunSources, Window  # noqa: E402
from flows.writer import load_into_warehouse  # noqa: E402
from warehouse.batch import Batch  # noqa: E402

if TYPE_CHECKING:
    import duckdb

logger = logging.getLogger(__name__)

WRITER_LIMIT = "warehouse-writer"
WRITER_WAIT_S = 900  # how long a load waits for the writer slot before failing the run
ROWS_IN_ARTIFACT = 50

# The HTTP client already retries each request with backoff; a task retry is one more chance
# for the whole stage after a pause (a site restarting), not a loop on top of the client's.
NETWORK_RETRIES = 1
NETWORK_RETRY_DELAY_S = 10

_discover = task(name="discover", retries=NETWORK_RETRIES,
                 retry_delay_seconds=NETWORK_RETRY_DELAY_S, cache_policy=NO_CACHE
                 )(stages.discover_urls)
_fetch = task(name="fetch", retries=NETWORK_RETRIES, retry_delay_seconds=NETWORK_RETRY_DELAY_S,
              cache_policy=NO_CACHE)(stages.fetch_batch)
_extract = task(name="extract", cache_policy=NO_CACHE)(stages.extract_batch)
_reprocess = task(name="reprocess-batch", cache_policy=NO_CACHE)(plain_reprocess.reprocess_batch)


@task(name="load", cache_policy=NO_CACHE)
def load_serialised(settings: Settings, batch: Batch) -> LoadTotals:
    """One batch into the warehouse, under the server's writer limit when a server is used."""
    with _writer_slot():
        return load_into_warehouse(settings, batch)


def _writer_slot() -> AbstractContextManager[object]:
    """The global concurrency slot for warehouse writes; nothing without a server."""
    if not prefect_env.has_server():
        return nullcontext()
    from prefect.concurrency.sync import concurrency

    return concurrency(WRITER_LIMIT, occupy=1, timeout_seconds=WRITER_WAIT_S, strict=False)


# quote(): Prefect would otherwise walk every known URL, page and article looking for futures;
# the task receives the value itself. The client and the Source go to the tasks as they are:
# a task's arguments need not be plain values (a flow's parameters must: see _settings).
async def _discover_quoted(client: PoliteClient, source: Source, known: set[str],
                           window: Window | None, cursor: Cursor | None) -> Discovery:
    return await _discover(client, source, quote(known), window, cursor)


async def _fetch_quoted(client: PoliteClient, source: Source, urls: list[str],
                        validators: Validators, max_bytes: int | None = None
                        ) -> list[FetchOutcome]:
    return await _fetch(client, source, urls, validators, max_bytes)


def _extract_quoted(run_id: str, source: Source, outcomes: list[FetchOutcome]) -> Batch:
    return _extract(run_id, source, quote(outcomes))


def _load_quoted(settings: Settings, batch: Batch) -> LoadTotals:
    return load_serialised(settings, quote(batch))


STAGES = stages.Stages(discover=_discover_quoted, fetch=_fetch_quoted,
                       extract=_extract_quoted, load=_load_quoted)


def _run_id(kind: str) -> str:
    """The warehouse run id: the kind and Prefect's flow run id, so `runs` links to the UI."""
    return f"{kind}-{flow_run.id}" if flow_run.id else new_run_id(kind)


def _settings(config: str | None, settings: dict[str, Any] | None) -> Settings:
    """Settings from a config file path, or from a dict of them (the CLI passes its own).

    The one reshaping of the configuration at the flow boundary: a flow's parameters must be
    JSON values (Prefect validates them and stores them with the flow run), so the CLI hands
    its Settings over as `settings.model_dump(mode="json")` and they are built again here.
    From here on one Settings object goes down, and each source is built from it once per
    run (flows/stages.py, RunSources)."""
    if settings is not None:
        return Settings(**settings)
    return load_settings(config)


@flow(name="monitor")
async def monitor(config: str | None = None, sources: list[str] | None = None,
                  settings: dict[str, Any] | None = None) -> RunReport:
    """Incremental run: discover new articles of each source, fetch, extract, load."""
    cfg = _settings(config, settings)
    report = await run_async(cfg, "monitor", sources or [], None, STAGES,
                             run_id=_run_id("monitor"))
    return await _apublish(report)


@flow(name="backfill")
async def backfill(since: date, until: date | None = None, config: str | None = None,
                   sources: list[str] | None = None,
                   settings: dict[str, Any] | None = None) -> RunReport:
    """Backfill the half-open publication window [since, until); reruns skip what is done."""
    cfg = _settings(config, settings)
    window = Window(since, until or date.today())
    report = await run_async(cfg, "backfill", sources or [], window, STAGES,
                             run_id=_run_id("backfill"))
    return await _apublish(report)


@flow(name="reprocess")
def reprocess(since: date | None = None, config: str | None = None,
              settings: dict[str, Any] | None = None) -> RunReport:
    """Re-extract stored pages with the current extractor; the artifact shows the diff."""
    cfg = _settings(config, settings)

    def step(con: duckdb.DuckDBPyConnection, sources: RunSources,
             pages: plain_reprocess.StoredPages, report: RunReport) -> None:
        _reprocess(quote(con), sources, quote(pages), quote(report))

    report = plain_reprocess.run_reprocess(cfg, since, run_id=_run_id("reprocess"),
                                           batch_step=step)
    return _publish(report)


def _publish(report: RunReport) -> RunReport:
    """Publish the run's artifact, then fail the flow if a source failed."""
    create_markdown_artifact(**_artifact(report))
    report.raise_for_status()
    return report


async def _apublish(report: RunReport) -> RunReport:
    """`_publish` for the async flows."""
    await acreate_markdown_artifact(**_artifact(report))
    report.raise_for_status()
    return report


def _artifact(report: RunReport) -> dict[str, str]:
    return {"markdown": report_markdown(report), "key": f"tradewatch-{report.kind}",
            "description": f"tradewatch {report.kind} run {report.run_id}"}


def report_markdown(report: RunReport) -> str:
    """The run as markdown: counts, new and revised observations, failures."""
    counts = report.counts()
    parts = [f"# tradewatch {report.kind}: {report.status}",
             f"run `{report.run_id}`, sources: {', '.join(report.sources) or '-'}",
             "## Counts", _table(["count", "value"], [[k, v] for k, v in counts.items()])]
    if report.error:
        parts.insert(2, f"**Error:** {report.error}")
    if report.notes:
        parts.insert(2, "**Notes:** " + "; ".join(report.notes))
    for title, rows in (("New observations", report.new_observations),
                        ("Revised observations", report.revised_observations)):
        parts += [f"## {title} ({len(rows)} shown)", _rows_table(rows)]
    failures = [[f.stage, f.url, f.status or "", f.error] for f in report.failures]
    parts += [f"## Failures ({len(failures)})",
              _table(["stage", "url", "status", "error"], failures[:ROWS_IN_ARTIFACT])]
    return "\n\n".join(parts) + "\n"


def _rows_table(rows: list[Row]) -> str:
    if not rows:
        return "none"
    cols = list(rows[0])
    return _table(cols, [[r.get(c) for c in cols] for r in rows[:ROWS_IN_ARTIFACT]])


def _table(header: list[str], rows: Sequence[Sequence[object]]) -> str:
    """A markdown table; pipes in cells escaped."""
    if not rows:
        return "none"

    def cell(v: object) -> str:
        return str("" if v is None else v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)

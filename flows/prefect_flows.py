"""Prefect 3 flows `monitor`, `backfill` and `reprocess`: thin wiring around flows/pipeline.py.

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
from contextlib import nullcontext  # noqa: E402
from datetime import date  # noqa: E402
from typing import Any  # noqa: E402

from prefect import flow, task  # noqa: E402
from prefect.artifacts import acreate_markdown_artifact, create_markdown_artifact  # noqa: E402
from prefect.cache_policies import NO_CACHE  # noqa: E402
from prefect.runtime import flow_run  # noqa: E402
from prefect.utilities.annotations import quote  # noqa: E402

from flows import pipeline  # noqa: E402
from flows.config import Settings, load_settings  # noqa: E402
from warehouse.batch import Batch  # noqa: E402

logger = logging.getLogger(__name__)

WRITER_LIMIT = "warehouse-writer"
WRITER_WAIT_S = 900  # how long a load waits for the writer slot before failing the run
ROWS_IN_ARTIFACT = 50

# The HTTP client already retries each request with backoff; a task retry is one more chance
# for the whole stage after a pause (a site restarting), not a loop on top of the client's.
NETWORK_RETRIES = 1
NETWORK_RETRY_DELAY_S = 10

_discover = task(pipeline.discover_urls, name="discover", retries=NETWORK_RETRIES,
                 retry_delay_seconds=NETWORK_RETRY_DELAY_S, cache_policy=NO_CACHE)
_fetch = task(pipeline.fetch_batch, name="fetch", retries=NETWORK_RETRIES,
              retry_delay_seconds=NETWORK_RETRY_DELAY_S, cache_policy=NO_CACHE)
_extract = task(pipeline.extract_batch, name="extract", cache_policy=NO_CACHE)
_reprocess = task(pipeline.reprocess_batch, name="reprocess-batch", cache_policy=NO_CACHE)


@task(name="load", cache_policy=NO_CACHE)
def load_serialised(settings: Settings, batch: Batch) -> dict[str, Any]:
    """One batch into the warehouse, under the server's writer limit when a server is used."""
    with _writer_slot():
        return pipeline.load_into_warehouse(settings, batch)


def _writer_slot() -> Any:
    """The global concurrency slot for warehouse writes; nothing without a server."""
    if not prefect_env.has_server():
        return nullcontext()
    from prefect.concurrency.sync import concurrency

    return concurrency(WRITER_LIMIT, occupy=1, timeout_seconds=WRITER_WAIT_S, strict=False)


# quote(): Prefect would otherwise walk every known URL, page and article looking for futures;
# the task receives the value itself.
async def _discover_quoted(client: Any, source: Any, known: set[str], window: Any,
                           cursor: Any) -> pipeline.Discovery:
    return await _discover(client, source, quote(known), window, cursor)


async def _fetch_quoted(client: Any, source: Any, urls: list[str], validators: Any,
                        max_bytes: int | None = None) -> Any:
    return await _fetch(client, source, urls, validators, max_bytes)


def _extract_quoted(run_id: str, source: Any, outcomes: Any) -> Batch:
    return _extract(run_id, source, quote(outcomes))


def _load_quoted(settings: Settings, batch: Batch) -> dict[str, Any]:
    return load_serialised(settings, quote(batch))


STAGES = pipeline.Stages(discover=_discover_quoted, fetch=_fetch_quoted,
                         extract=_extract_quoted, load=_load_quoted)


def _run_id(kind: str) -> str:
    """The warehouse run id: the kind and Prefect's flow run id, so `runs` links to the UI."""
    return f"{kind}-{flow_run.id}" if flow_run.id else pipeline.new_run_id(kind)


def _settings(config: str | None, settings: dict[str, Any] | None) -> Settings:
    """Settings from a config file path, or from a dict of them (the CLI passes its own)."""
    if settings is not None:
        return Settings(**settings)
    return load_settings(config)


@flow(name="monitor")
async def monitor(config: str | None = None, sources: list[str] | None = None,
                  settings: dict[str, Any] | None = None) -> pipeline.RunReport:
    """Incremental run: discover new articles of each source, fetch, extract, load."""
    cfg = _settings(config, settings)
    report = await pipeline.run_async(cfg, "monitor", sources or [], None, STAGES,
                                      run_id=_run_id("monitor"))
    return await _apublish(report)


@flow(name="backfill")
async def backfill(since: date, until: date | None = None, config: str | None = None,
                   sources: list[str] | None = None,
                   settings: dict[str, Any] | None = None) -> pipeline.RunReport:
    """Backfill the half-open publication window [since, until); reruns skip what is done."""
    cfg = _settings(config, settings)
    window = pipeline.Window(since, until or date.today())
    report = await pipeline.run_async(cfg, "backfill", sources or [], window, STAGES,
                                      run_id=_run_id("backfill"))
    return await _apublish(report)


@flow(name="reprocess")
def reprocess(since: date | None = None, config: str | None = None,
              settings: dict[str, Any] | None = None) -> pipeline.RunReport:
    """Re-extract stored pages with the current extractor; the artifact shows the diff."""
    cfg = _settings(config, settings)

    def step(con: Any, s: pipeline.RunSources, pages: Any, report: pipeline.RunReport) -> None:
        _reprocess(quote(con), s, quote(pages), quote(report))

    report = pipeline.run_reprocess(cfg, since, run_id=_run_id("reprocess"),
                                    batch_step=step)
    return _publish(report)


def _publish(report: pipeline.RunReport) -> pipeline.RunReport:
    """Publish the run's artifact, then fail the flow if a source failed."""
    create_markdown_artifact(**_artifact(report))
    report.raise_for_status()
    return report


async def _apublish(report: pipeline.RunReport) -> pipeline.RunReport:
    """`_publish` for the async flows."""
    await acreate_markdown_artifact(**_artifact(report))
    report.raise_for_status()
    return report


def _artifact(report: pipeline.RunReport) -> dict[str, str]:
    return {"markdown": report_markdown(report), "key": f"tradewatch-{report.kind}",
            "description": f"tradewatch {report.kind} run {report.run_id}"}


def report_markdown(report: pipeline.RunReport) -> str:
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


def _rows_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "none"
    cols = list(rows[0])
    return _table(cols, [[r.get(c) for c in cols] for r in rows[:ROWS_IN_ARTIFACT]])


def _table(header: list[str], rows: list[list[Any]]) -> str:
    """A markdown table; pipes in cells escaped."""
    if not rows:
        return "none"

    def cell(v: Any) -> str:
        return str("" if v is None else v).replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)

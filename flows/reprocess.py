"""Reprocess: re-extract stored raw pages with the current extractor and report the diff.

No network: the warehouse stays open for the whole run, pages are read from it and figures
written back, one batch at a time (`reprocess_batch`, a Prefect task in the flow).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from extractors.errors import TradewatchError
from extractors.model import Page
from flows.config import Settings
from flows.progress import Progress, current
from flows.report import SHOWN_ROWS, RunReport, new_run_id
from flows.stages import RunSources, extract_article, failure
from flows.writer import connect_writer
from warehouse import load, load_articles, state
from warehouse.batch import Batch

if TYPE_CHECKING:
    import duckdb

logger = logging.getLogger(__name__)

StoredPages = Sequence[tuple[str, Page]]  # (source name, raw page) as the warehouse keeps them
ReprocessStep = Callable[["duckdb.DuckDBPyConnection", RunSources, StoredPages, RunReport],
                         None]


def reprocess_batch(con: duckdb.DuckDBPyConnection, sources: RunSources, pages: StoredPages,
                    report: RunReport) -> None:
    """Re-extract one batch of stored pages and swap their articles' figures atomically."""
    stored = []
    for name, page in pages:
        try:
            item = extract_article(page, sources.get(name))
        except (TradewatchError, Exception) as e:  # noqa: B014 - one bad page is recorded only
            logger.info("reprocess: skipping %s: %s", page.url, e)
            report.failures.append(failure(page.url, name, "parse", e))
            report.failed += 1
            continue
        report.articles += 1
        report.figures += len(item.figures)
        # a stored article's figures are swapped together below: one vintage rebuild
        if load_articles.is_stored(con, item.article.url):
            stored.append((item.article.url, item.figures, item.checks, item.extractor_version))
        else:  # the page failed to parse before and reads now: load it as a new article
            batch = Batch(run_id=report.run_id, source=name, articles=[item])
            report.add_load(load.load_batch(con, batch).as_dict())
            report.diff["added"] = report.diff.get("added", 0) + len(item.figures)
    for diff in load.replace_figures_many(con, stored):
        _add_diff(report, diff)
    report.batches += 1


def _add_diff(report: RunReport, diff: load.FigureDiff) -> None:
    """Count one article's FigureDiff into the report and keep a few rows to show."""
    for kind in ("added", "removed", "changed"):
        rows = getattr(diff, kind)
        report.diff[kind] = report.diff.get(kind, 0) + len(rows)
        shown = report.revised_observations if kind == "changed" else report.new_observations
        for row in rows[: max(SHOWN_ROWS - len(shown), 0)]:
            shown.append({"change": kind, "url": diff.url, **row})


def run_reprocess(settings: Settings, since: date | None = None,
                  progress: Progress | None = None, run_id: str | None = None,
                  batch_step: ReprocessStep = reprocess_batch) -> RunReport:
    """Re-extract stored raw pages (published on/after `since`) and report the figure diff.

    The warehouse stays open for the whole run: pages are read from it and figures written
    back, with no network in between. `report.new_observations` holds added and removed
    figures, `report.revised_observations` changed ones (both marked by `change`).
    """
    show = progress or current()
    report = RunReport(run_id or new_run_id("reprocess"), "reprocess",
                       [s.name for s in settings.sources], datetime.now(UTC))
    report.diff = {"added": 0, "removed": 0, "changed": 0}
    with connect_writer(settings) as con:
        state.start_run(con, report.run_id, report.kind, ",".join(report.sources),
                        {"since": since.isoformat() if since else None})
    sources = RunSources(settings)
    try:
        with connect_writer(settings) as con:
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
        with connect_writer(settings) as con:
            state.finish_run(con, report.run_id, report.status, report.counts(), report.error)
    return report

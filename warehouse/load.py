"""Load a batch in one transaction, idempotently; replace one article's figures on reprocess."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from extractors.errors import WarehouseError
from extractors.model import Check, Figure
from warehouse import load_articles, load_figures, load_pages, retry, vintages
from warehouse.batch import Batch
from warehouse.keys import article_id
from warehouse.stage import utc

if TYPE_CHECKING:
    import duckdb

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class LoadStats:
    """What one load changed (vintages_revised: new values of already known observations)."""

    pages: int = 0
    pages_not_modified: int = 0
    articles: int = 0
    articles_new: int = 0
    duplicates: int = 0  # new articles linked to an earlier one (same or nearly the same text)
    figures: int = 0
    checks: int = 0
    observations_new: int = 0
    vintages_new: int = 0
    vintages_revised: int = 0
    vintages_removed: int = 0
    failures_queued: int = 0
    failures_given_up: int = 0
    retries_cleared: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (for run counts and Prefect artifacts)."""
        return asdict(self)


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """One transaction: committed on success, rolled back on any error."""
    import duckdb

    con.begin()
    try:
        yield
    except duckdb.Error as e:
        con.rollback()
        raise WarehouseError(f"load failed and was rolled back: {str(e).splitlines()[0]}") from e
    except BaseException:
        con.rollback()
        raise
    con.commit()


def _batch_time(batch: Batch) -> datetime:
    if batch.at is not None:
        return utc(batch.at) or batch.at
    times = [utc(p.fetched_at) for p in batch.pages if p.fetched_at is not None]
    return max(t for t in times if t) if times else utc(datetime.now(UTC)) or datetime.now()


def _seen_times(batch: Batch, at: datetime) -> tuple[dict[str, datetime], dict[str, datetime]]:
    """(fetched URL -> time) for pages with a body, (URL -> time) for 304 answers."""
    fetched: dict[str, datetime] = {}
    not_modified: dict[str, datetime] = {u: at for u in batch.not_modified}
    for p in batch.pages:
        t = utc(p.fetched_at) or at
        target = not_modified if p.not_modified else fetched
        for url in {p.url, p.final_url} - {None, ""}:
            target[url] = max(target.get(url, t), t)
    return fetched, not_modified


def load_batch(con: duckdb.DuckDBPyConnection, batch: Batch, *, max_attempts: int = 5
               ) -> LoadStats:
    """Load pages, articles, figures and failures of one batch in one transaction."""
    started = time.perf_counter()
    stats = LoadStats()
    at = _batch_time(batch)
    fetched, not_modified = _seen_times(batch, at)
    prepared = load_articles.prepare(batch.articles, fetched, at)
    with transaction(con):
        stats.pages = load_pages.store_pages(con, batch.pages, batch.source, batch.run_id)
        stats.pages_not_modified = load_pages.touch_not_modified(con, not_modified)
        stats.duplicates = len(load_articles.find_duplicates(con, prepared))
        stats.articles = len(prepared)
        stats.articles_new = sum(p.is_new for p in prepared)
        load_articles.store_articles(con, prepared, batch.run_id)
        items = [(p.article_id, p.reported_on, p.item.figures, p.item.checks,
                  p.item.extractor_version) for p in prepared]
        stats.figures = load_figures.stage_figures(con, items, batch.run_id)
        stats.checks = sum(len(p.item.checks) for p in prepared)
        load_figures.replace_mentions(con, [p.article_id for p in prepared])
        _add_changes(stats, vintages.rebuild(con))
        ok_urls = set(fetched) | set(not_modified) | {p.item.article.url for p in prepared}
        ok_urls -= {f.url for f in batch.failures}  # fetched but not parsed: keep counting
        stats.retries_cleared = retry.clear(con, ok_urls)
        stats.failures_queued, stats.failures_given_up = retry.queue(
            con, batch.failures, batch.run_id, at, max_attempts)
        retry.leave_frontier(con, ok_urls | {f.url for f in batch.failures})
    stats.seconds = round(time.perf_counter() - started, 3)
    logger.info("loaded batch of run %s: %s", batch.run_id, stats.as_dict())
    return stats


def _add_changes(stats: LoadStats, changes: vintages.VintageChanges) -> None:
    stats.observations_new = changes.observations_new
    stats.vintages_new = changes.vintages_new
    stats.vintages_revised = changes.vintages_revised
    stats.vintages_removed = changes.vintages_removed


@dataclass(slots=True)
class FigureDiff:
    """How one article's figures changed on reprocess, keyed by series and period."""

    url: str
    added: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    changed: list[dict[str, Any]] = field(default_factory=list)  # with old_* and new_* values
    vintages_new: int = 0
    vintages_removed: int = 0

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


_KEY = ("region", "indicator", "scope", "metric", "period_start", "period_end")


def _current(con: duckdb.DuckDBPyConnection, aid: str) -> dict[tuple, list[tuple]]:
    rows = con.execute(
        f"select {', '.join(_KEY)}, value, unit, estimate from figure_mentions "
        "where article_id = ? order by all", [aid]).fetchall()
    out: dict[tuple, list[tuple]] = {}
    for r in rows:
        out.setdefault(tuple(r[:6]), []).append(tuple(r[6:]))
    return out


def _diff(url: str, old: dict[tuple, list[tuple]], new: dict[tuple, list[tuple]]) -> FigureDiff:
    diff = FigureDiff(url)
    for k in sorted(set(old) | set(new), key=str):
        base = dict(zip(_KEY, k, strict=True))
        before, after = old.get(k), new.get(k)
        if before == after:
            continue
        if before is None:
            diff.added += [{**base, "value": v, "unit": u, "estimate": e} for v, u, e in after]
        elif after is None:
            diff.removed += [{**base, "value": v, "unit": u, "estimate": e} for v, u, e in before]
        else:
            diff.changed.append({**base, "old": before, "new": after})
    return diff


def replace_figures(con: duckdb.DuckDBPyConnection, article_url: str,
                    figures: Iterable[Figure], checks: Iterable[Check],
                    extractor_version: str) -> FigureDiff:
    """Atomically swap one stored article's figures and checks; returns what changed."""
    aid = article_id(article_url)
    row = con.execute("select coalesce(published_date, first_seen::date) from stored_articles "
                      "where article_id = ?", [aid]).fetchone()
    if row is None:
        raise WarehouseError(f"no stored article {article_url}")
    figures = list(figures)
    with transaction(con):
        old = _current(con, aid)
        load_figures.stage_figures(con, [(aid, row[0], figures, checks, extractor_version)],
                                   "reprocess")
        load_figures.replace_mentions(con, [aid])
        con.execute("update stored_articles set extractor_version = ? where article_id = ?",
                    [extractor_version, aid])
        changes = vintages.rebuild(con)
        diff = _diff(article_url, old, _current(con, aid))
    diff.vintages_new, diff.vintages_removed = changes.vintages_new, changes.vintages_removed
    return diff

"""Load a batch in one transaction, idempotently; replace articles' figures on reprocess."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from extractors.model import Check, Figure
from warehouse import db, load_articles, load_figures, load_pages, retry, vintages
from warehouse.batch import Batch
from warehouse.errors import WarehouseError
from warehouse.keys import article_id
from warehouse.stage import stage, utc

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
        con.commit()  # a full disk shows here, when the WAL is written
    except duckdb.Error as e:
        _rollback(con)
        raise WarehouseError(f"load failed and was rolled back: {str(e).splitlines()[0]}") from e
    except BaseException:
        _rollback(con)
        raise


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back what is open (nothing, when a failed commit already ended it)."""
    import duckdb

    try:
        con.rollback()
    except duckdb.TransactionException:
        logger.debug("no transaction left to roll back")


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


def fit_memory(con: duckdb.DuckDBPyConnection, rows: int, text_bytes: int = 0) -> None:
    """Raise DuckDB's memory cap for a big batch, by its rows (~2.5 KB per staged row,
    measured: 200,000 figure rows do not fit in 128 MB) and by the bytes of text and pages it
    carries (4 MB per MB). A pipeline batch is loaded in parts of at most 8 MB
    (flows/loading.py), which keep the writer's small default (bench/bench_hostile.py)."""
    needed_mb = max(rows // 400, text_bytes // 250_000)
    if needed_mb > db.writer_memory_mb():
        con.execute(f"set memory_limit = '{needed_mb}MB'")  # an int: nothing user-given


def _affected_mentions(con: duckdb.DuckDBPyConnection) -> int:
    """How many mentions the vintage rebuild will read (those of temp table affected_obs)."""
    row = con.execute("select count(*) from figure_mentions "
                      "where obs_id in (select obs_id from affected_obs)").fetchone()
    return int(row[0]) if row else 0


def load_batch(con: duckdb.DuckDBPyConnection, batch: Batch, *, max_attempts: int = 5
               ) -> LoadStats:
    """Load pages, articles, figures and failures of one batch in one transaction."""
    started = time.perf_counter()
    stats = LoadStats()
    at = _batch_time(batch)
    fetched, not_modified = _seen_times(batch, at)
    prepared = load_articles.prepare(batch.articles, fetched, at)
    text_bytes = sum(len(a.article.text or "") for a in batch.articles) + sum(
        len(p.body or b"") for p in batch.pages)
    fit_memory(con, sum(len(a.figures) for a in batch.articles) + len(batch.pages), text_bytes)
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
        # the rebuild reads every mention of the observations touched, this batch's and
        # earlier ones': an observation many articles repeat needs memory for all of them
        fit_memory(con, _affected_mentions(con), text_bytes)
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

# One article to reprocess: (canonical URL, figures, checks, extractor_version).
Replacement = tuple[str, Iterable[Figure], Iterable[Check], str]
Mentions = dict[str, dict[tuple, list[tuple]]]  # article_id -> series+period -> values


def _current(con: duckdb.DuckDBPyConnection) -> tuple[Mentions, dict[str, set[str]]]:
    """The mentions of the staged articles (stg_article_ids), grouped for the diff, and the
    vintages each one's mentions belong to."""
    rows = con.execute(
        f"select article_id, {', '.join(_KEY)}, value, unit, estimate, vintage_id "
        "from figure_mentions where article_id in (select article_id from stg_article_ids) "
        "order by all").fetchall()
    out: Mentions = {}
    vids: dict[str, set[str]] = {}
    for r in rows:
        out.setdefault(r[0], {}).setdefault(tuple(r[1:7]), []).append(tuple(r[7:10]))
        vids.setdefault(r[0], set()).add(r[10])
    return out, vids
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


def _stored_days(con: duckdb.DuckDBPyConnection, urls: list[str]) -> dict[str, date]:
    """article_id -> the day its figures were reported, for the stored ones of `urls`."""
    rows = con.execute("select article_id, coalesce(published_date, first_seen::date) "
                       "from stored_articles where article_id in (select unnest(?::varchar[]))",
                       [[article_id(u) for u in urls]]).fetchall()
    return dict(rows)


def replace_figures_many(con: duckdb.DuckDBPyConnection, items: Iterable[Replacement]
                         ) -> list[FigureDiff]:
    """Atomically swap many stored articles' figures and checks (one transaction, the touched
    observations rebuilt once); one diff per article, in order (a repeated URL: the last wins)."""
    by_id = {article_id(url): (url, list(figures), list(checks), version)
             for url, figures, checks, version in items}
    days = _stored_days(con, [url for url, *_ in by_id.values()])
    if missing := [url for aid, (url, *_) in by_id.items() if aid not in days]:
        raise WarehouseError(f"no stored article {missing[0]} ({len(missing)} missing)")
    if not by_id:
        return []
    with transaction(con):
        load_figures.stage_figures(con, [(aid, days[aid], f, c, v)
                                         for aid, (_u, f, c, v) in by_id.items()], "reprocess")
        load_figures.stage_article_ids(con, list(by_id))
        old, old_vids = _current(con)
        load_figures.replace_mentions(con, list(by_id))
        stage(con, "stg_versions", {"article_id": "varchar", "version": "varchar"},
              [(aid, v) for aid, (_u, _f, _c, v) in by_id.items()])
        con.execute("update stored_articles set extractor_version = s.version "
                    "from stg_versions as s where stored_articles.article_id = s.article_id")
        vintages.rebuild(con)
        new, new_vids = _current(con)
        added, removed = vintages.last_added_removed(con)
    diffs = []
    for aid, (url, *_rest) in by_id.items():
        diff = _diff(url, old.get(aid, {}), new.get(aid, {}))
        diff.vintages_new = len(new_vids.get(aid, set()) & added)
        diff.vintages_removed = len(old_vids.get(aid, set()) & removed)
        diffs.append(diff)
    return diffs


def replace_figures(con: duckdb.DuckDBPyConnection, article_url: str,
                    figures: Iterable[Figure], checks: Iterable[Check],
                    extractor_version: str) -> FigureDiff:
    """Atomically swap one stored article's figures and checks; returns what changed."""
    return replace_figures_many(con, [(article_url, figures, checks, extractor_version)])[0]

"""What a warehouse holds, in a form two warehouses can be compared by (soak, crash, concurrency).

Run-dependent columns (ids of runs, times of fetching, which copy of a syndicated story came
first) are left out; everything a user reads as data is kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from warehouse import data_tests, db

HISTORY_SQL = """
select region, indicator, scope, metric, period_start, period_end, value, unit, estimate,
       n_sources, first_reported, last_reported, is_best, vintage_no,
       list_sort(source_urls) as source_urls, obs_id, vintage_id
from series_history
order by all
"""
ARTICLES_SQL = """
select url, source, title, published, published_date, author, n_words, text_hash, n_figures,
       extractor_version
from articles
order by all
"""
SERIES_SQL = "select * exclude (source_urls) from series order by all"


def rows(path: Path, sql: str, params: list[Any] | None = None) -> list[tuple]:
    """All rows of a query against the warehouse at `path`, opened read-only."""
    with db.connect(path, read_only=True, wait_s=60) as con:
        return con.execute(sql, params or []).fetchall()


def snapshot(path: Path) -> dict[str, list[tuple]]:
    """series_history, series and articles as sorted rows."""
    return {"series_history": rows(path, HISTORY_SQL), "series": rows(path, SERIES_SQL),
            "articles": rows(path, ARTICLES_SQL)}


def duplicates(path: Path) -> dict[str, int]:
    """Keys seen more than once where the design allows one (0 everywhere when healthy)."""
    checks = {
        "series_history": "select count(*) - count(distinct vintage_id) from series_history",
        "stored_articles": "select count(*) - count(distinct url) from stored_articles",
        "raw_pages": "select count(*) - count(distinct url) from raw_pages",
        "figure_mentions": "select count(*) - count(distinct mention_id) from figure_mentions",
        "observations": "select count(*) - count(distinct obs_id) from observations",
        "retry_queue": "select count(*) - count(distinct url) from retry_queue",
    }
    with db.connect(path, read_only=True, wait_s=60) as con:
        return {name: int(con.execute(sql).fetchone()[0]) for name, sql in checks.items()}


def failing_data_tests(path: Path) -> dict[str, int]:
    """The warehouse's own data tests that find offending rows."""
    with db.connect(path, read_only=True, wait_s=60) as con:
        return data_tests.failing(con)


def diff(a: list[tuple], b: list[tuple], limit: int = 5) -> str:
    """A short account of how two sorted row lists differ."""
    ra, rb = {repr(r) for r in a}, {repr(r) for r in b}  # rows may hold lists: compare reprs
    only_a, only_b = sorted(ra - rb), sorted(rb - ra)
    return (f"{len(a)} vs {len(b)} rows; only in first ({len(only_a)}): {only_a[:limit]}; "
            f"only in second ({len(only_b)}): {only_b[:limit]}")


def assert_same_data(clean: Path, other: Path) -> None:
    """`other` holds the same series, vintages and articles as `clean`."""
    want, got = snapshot(clean), snapshot(other)
    for name in want:
        assert got[name] == want[name], f"{name}: {diff(want[name], got[name])}"

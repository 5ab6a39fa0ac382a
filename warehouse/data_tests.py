"""Data tests: each query counts rows that break a rule; a healthy warehouse gives 0 for all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from extractors.model import INDICATORS, METRICS, UNITS

if TYPE_CHECKING:
    import duckdb


def _in(values: tuple[str, ...]) -> str:
    # Fixed vocabularies from extractors.model, not user input: safe to write into the SQL.
    return ", ".join("'" + v.replace("'", "''") + "'" for v in values)


def _unique(table: str, cols: str) -> str:
    return f"select count(*) from (select {cols} from {table} group by all having count(*) > 1)"


def _not_null(table: str, col: str) -> str:
    return f"select count(*) from {table} where {col} is null"


def _refers(table: str, col: str, parent: str, parent_col: str) -> str:
    return (f"select count(*) from {table} as c where c.{col} is not null and not exists "
            f"(select 1 from {parent} as p where p.{parent_col} = c.{col})")


TESTS: dict[str, str] = {
    # unique
    "articles.url unique": _unique("stored_articles", "url"),
    "articles.article_id unique": _unique("stored_articles", "article_id"),
    "mentions.mention_id unique": _unique("figure_mentions", "mention_id"),
    "vintages: one row per observation and value": _unique("vintages", "obs_id, unit, value"),
    "series: one best value per series and period": _unique(
        "series", "region, indicator, scope, metric, period_start, period_end"),
    "retry_queue.url unique": _unique("retry_queue", "url"),
    "observations.obs_id unique": _unique("observations", "obs_id"),
    "vintages.vintage_id unique": _unique("vintages", "vintage_id"),
    "article_lsh unique": _unique("article_lsh", "band, bucket, article_id"),
    # not null
    "mentions.sentence not null": _not_null("figure_mentions", "sentence"),
    "mentions.reported_on not null": _not_null("figure_mentions", "reported_on"),
    "articles.text_hash not null when text": (
        "select count(*) from stored_articles where length(trim(text)) > 0 and text_hash is null"),
    "raw_pages.body not null": _not_null("raw_pages", "body"),
    "series.value not null": _not_null("series", "value"),
    # accepted values
    "mentions.indicator accepted": (
        f"select count(*) from figure_mentions where indicator not in ({_in(INDICATORS)})"),
    "mentions.metric accepted": (
        f"select count(*) from figure_mentions where metric not in ({_in(METRICS)})"),
    "mentions.unit accepted": (
        f"select count(*) from figure_mentions where unit not in ({_in(UNITS)})"),
    "mentions.unit fits metric": (
        "select count(*) from figure_mentions "
        "where (metric = 'level') = (unit = '%')"),
    "mentions.scope accepted": (
        "select count(*) from figure_mentions where scope not in "
        "('all', 'customs_declared', 'local_goods') and scope not like 'border_gate:%'"),
    "mentions.confidence from 0 to 1": (
        "select count(*) from figure_mentions where not confidence between 0 and 1"),
    "one recorded threshold": "select abs(count(*) - 1) from warehouse_settings",
    "mentions.period ordered": (
        "select count(*) from figure_mentions where period_end < period_start"),
    "articles.duplicate_kind accepted": (
        "select count(*) from stored_articles where (duplicate_of is null) <> "
        "(duplicate_kind is null) or duplicate_kind not in ('text', 'near')"),
    "checks.status accepted": (
        "select count(*) from extraction_checks where status not in ('ok', 'mismatch')"),
    "retry_queue: given up or scheduled": (
        "select count(*) from retry_queue where gave_up = (next_attempt is not null)"),
    "vintages: first_reported <= last_reported": (
        "select count(*) from vintages where first_reported > last_reported"),
    # relationships
    "mentions -> articles": _refers("figure_mentions", "article_id", "stored_articles",
                                    "article_id"),
    # only accepted mentions make observations and vintages (migration 007)
    "accepted mentions -> observations": _refers("accepted_mentions", "obs_id", "observations",
                                                 "obs_id"),
    "accepted mentions -> vintages": _refers("accepted_mentions", "vintage_id", "vintages",
                                             "vintage_id"),
    "rejected mentions make no vintage": (
        "select count(*) from vintages as v where not exists (select 1 from accepted_mentions "
        "as m where m.vintage_id = v.vintage_id)"),
    "vintages -> observations": _refers("vintages", "obs_id", "observations", "obs_id"),
    "observations have vintages": _refers("observations", "obs_id", "vintages", "obs_id"),
    "checks -> articles": _refers("extraction_checks", "article_id", "stored_articles",
                                  "article_id"),
    "duplicate_of -> a root article": (
        "select count(*) from stored_articles as a left join stored_articles as r "
        "on r.article_id = a.duplicate_of "
        "where a.duplicate_of is not null "
        "and (r.article_id is null or r.duplicate_of is not null)"),
    "vintage n_sources = its articles": (
        "select count(*) from vintages as v where v.n_sources <> "
        "(select count(distinct m.article_id) from accepted_mentions as m "
        "where m.vintage_id = v.vintage_id)"),
}


def run(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Run every data test; name -> number of offending rows."""
    return {name: int(con.execute(sql).fetchone()[0]) for name, sql in TESTS.items()}


def failing(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Only the data tests that found offending rows."""
    return {name: n for name, n in run(con).items() if n}

"""Observations and vintages, rebuilt from the accepted mentions of the observations a load
touched."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb


@dataclass(frozen=True, slots=True)
class VintageChanges:
    """What a rebuild changed."""

    observations_new: int
    vintages_new: int
    vintages_revised: int  # new values of observations that were already known
    vintages_removed: int


def rebuild(con: duckdb.DuckDBPyConnection) -> VintageChanges:
    """Recompute observations and vintages of temp table affected_obs(obs_id)."""
    con.execute("""
        create or replace temp table before_vintages as
        select vintage_id, obs_id
        from vintages
        where obs_id in (select obs_id from affected_obs)
    """)
    con.execute("delete from vintages where obs_id in (select obs_id from affected_obs)")
    con.execute("delete from observations where obs_id in (select obs_id from affected_obs)")
    con.execute(_VINTAGES)
    con.execute(_OBSERVATIONS)
    row = con.execute(_CHANGES).fetchone()
    return VintageChanges(*(int(x or 0) for x in row))


def rebuild_all(con: duckdb.DuckDBPyConnection) -> VintageChanges:
    """Recompute every observation and vintage from the mentions (for checks and repairs)."""
    con.execute("""
        create or replace temp table affected_obs as
        select obs_id from figure_mentions
        union
        select obs_id from observations
    """)
    return rebuild(con)


def last_added_removed(con: duckdb.DuckDBPyConnection) -> tuple[set[str], set[str]]:
    """The vintage ids the last rebuild added and removed."""
    rows = con.execute("""
        with after as (
            select vintage_id from vintages where obs_id in (select obs_id from affected_obs)
        )
        select vintage_id, true from after
        where vintage_id not in (select vintage_id from before_vintages)
        union all
        select vintage_id, false from before_vintages
        where vintage_id not in (select vintage_id from after)
    """).fetchall()
    return {v for v, new in rows if new}, {v for v, new in rows if not new}


# Only accepted mentions (at or above the recorded confidence threshold; migration 007) make
# vintages, so `series`, `series_history` and `conflicts` leave the others out.
# Best value first: final over estimate, then the latest reported, then more sources.
# Mentions are first summed per article (an article's URL is its key, so the per-vintage
# counts and URL lists need no DISTINCT aggregates, which DuckDB runs as extra group-bys).
_VINTAGES = """
insert into vintages
with per_article as (
    select
        m.vintage_id,
        m.article_id,
        any_value(m.obs_id) as obs_id,
        any_value(m.series_id) as series_id,
        any_value(m.region) as region,
        any_value(m.indicator) as indicator,
        any_value(m.scope) as scope,
        any_value(m.metric) as metric,
        any_value(m.period_start) as period_start,
        any_value(m.period_end) as period_end,
        min(m.value) as value,
        any_value(m.unit) as unit,
        bool_and(m.estimate) as estimate,
        count(*) as n_mentions,
        min(m.reported_on) as first_reported,
        max(m.reported_on) as last_reported
    from accepted_mentions as m
    where m.obs_id in (select obs_id from affected_obs)
    group by m.vintage_id, m.article_id
),
grouped as (
    select
        p.vintage_id,
        any_value(p.obs_id) as obs_id,
        any_value(p.series_id) as series_id,
        any_value(p.region) as region,
        any_value(p.indicator) as indicator,
        any_value(p.scope) as scope,
        any_value(p.metric) as metric,
        any_value(p.period_start) as period_start,
        any_value(p.period_end) as period_end,
        round(min(p.value), 4) as value,
        any_value(p.unit) as unit,
        bool_and(p.estimate) as estimate,
        count(*) as n_sources,
        count(distinct coalesce(a.duplicate_of, a.article_id)) as n_independent,
        sum(p.n_mentions) as n_mentions,
        min(p.first_reported) as first_reported,
        max(p.last_reported) as last_reported,
        list(a.url order by a.url) as source_urls
    from per_article as p
    join stored_articles as a
        on a.article_id = p.article_id
    group by p.vintage_id
),
ranked as (
    select
        *,
        row_number() over (
            partition by obs_id
            order by estimate, last_reported desc, first_reported desc, n_sources desc,
                value, vintage_id
        ) as rank
    from grouped
)
select
    vintage_id,
    obs_id,
    series_id,
    region,
    indicator,
    scope,
    metric,
    period_start,
    period_end,
    value,
    unit,
    estimate,
    n_sources,
    n_independent,
    n_mentions,
    first_reported,
    last_reported,
    source_urls,
    rank = 1 as is_best
from ranked
"""

_OBSERVATIONS = """
insert into observations
select
    obs_id,
    any_value(series_id) as series_id,
    any_value(region) as region,
    any_value(indicator) as indicator,
    any_value(scope) as scope,
    any_value(metric) as metric,
    any_value(period_start) as period_start,
    any_value(period_end) as period_end,
    count(*) as n_vintages,
    sum(n_mentions) as n_mentions,
    min(first_reported) as first_reported,
    max(last_reported) as last_reported
from vintages
where obs_id in (select obs_id from affected_obs)
group by obs_id
"""

_CHANGES = """
with after as (
    select vintage_id, obs_id
    from vintages
    where obs_id in (select obs_id from affected_obs)
),
known_obs as (
    select distinct obs_id from before_vintages
),
added as (
    select * from after
    where vintage_id not in (select vintage_id from before_vintages)
)
select
    (select count(distinct obs_id) from after
     where obs_id not in (select obs_id from known_obs)) as observations_new,
    (select count(*) from added) as vintages_new,
    (select count(*) from added where obs_id in (select obs_id from known_obs))
        as vintages_revised,
    (select count(*) from before_vintages
     where vintage_id not in (select vintage_id from after)) as vintages_removed
"""

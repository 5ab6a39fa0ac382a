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


# The model `vintages` is built from (warehouse/models/vintages_as_of.sql): which mentions make
# vintages (the accepted ones), what a vintage's value and counts are, and which one is best.
MODEL = "vintages_as_of"

_VINTAGES = """
insert into vintages by name
select *
from vintages_as_of(date 'infinity', 'affected_obs')
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

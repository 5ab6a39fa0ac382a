"""What a run changed in the warehouse: the observation values it first reported."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

Rows = list[dict[str, Any]]


def mentions_of_run(con: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """How many figure mentions the run loaded."""
    row = con.execute("select count(*) from figure_mentions where run_id = ?",
                      [run_id]).fetchone()
    return int(row[0]) if row else 0


def run_changes(con: duckdb.DuckDBPyConnection, run_id: str, shown: int) -> tuple[Rows, Rows]:
    """(new, revised) observation values first reported by this run, `shown` at most each;
    a revised one carries the value it replaced (previous_value)."""
    cur = con.execute(_CHANGES_SQL, [run_id, run_id, 2 * shown])
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    new = [r for r in rows if not r["revised"]][:shown]
    revised = [r for r in rows if r["revised"]][:shown]
    for r in rows:
        if not r.pop("revised"):
            r.pop("previous_value")
    return new, revised


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

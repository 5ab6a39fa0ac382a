"""The retry queue: failures wait with exponential backoff; after N attempts they are `failures`."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from warehouse.batch import Failure
from warehouse.stage import stage, utc

if TYPE_CHECKING:
    import duckdb

BACKOFF_BASE_S = 900.0  # 15 min, doubled per attempt
BACKOFF_CAP_S = 86_400.0  # a day
NOT_RETRYABLE_STATUS = (404, 410)

FAILURE_COLUMNS = {
    "url": "varchar", "source": "varchar", "stage": "varchar", "error": "varchar",
    "status": "integer", "retryable": "boolean", "failed_at": "timestamp",
}


def clear(con: duckdb.DuckDBPyConnection, urls: Iterable[str]) -> int:
    """Remove URLs that were fetched successfully; returns how many were queued."""
    stage(con, "stg_ok_urls", {"url": "varchar"}, [(u,) for u in set(urls)])
    row = con.execute("select count(*) from retry_queue "
                      "where url in (select url from stg_ok_urls)").fetchone()
    con.execute("delete from retry_queue where url in (select url from stg_ok_urls)")
    return int(row[0]) if row else 0


def leave_frontier(con: duckdb.DuckDBPyConnection, urls: Iterable[str]) -> None:
    """Drop URLs a batch dealt with (loaded, 304 or queued) from the discovered-URL frontier."""
    stage(con, "stg_done_urls", {"url": "varchar"}, [(u,) for u in set(urls)])
    con.execute("delete from frontier where url in (select url from stg_done_urls)")


def queue(con: duckdb.DuckDBPyConnection, failures: list[Failure], run_id: str,
          at: datetime, max_attempts: int) -> tuple[int, int]:
    """Queue failures (attempts + 1 once per run); returns (queued, given up)."""
    rows = [(f.url, f.source, f.stage, f.error, f.status,
             f.retryable and f.status not in NOT_RETRYABLE_STATUS, utc(f.at) or at)
            for f in failures]
    stage(con, "stg_failures", FAILURE_COLUMNS, rows)
    con.execute(_QUEUE, [BACKOFF_BASE_S, BACKOFF_CAP_S, max_attempts, run_id])
    row = con.execute("select count(*), count(*) filter (gave_up) from retry_queue "
                      "where last_run_id = ? and url in (select url from stg_failures)",
                      [run_id]).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


# The latest failure of a URL in the batch wins (explicit order); a URL already counted in
# this run is left as it is, so loading the same batch twice does not count twice.
_QUEUE = """
insert or replace into retry_queue
with ranked as (
    select
        *,
        row_number() over (partition by url order by failed_at desc, stage, error) as rank
    from stg_failures
),
latest as (
    select * from ranked where rank = 1
),
counted as (
    select
        f.*,
        q.first_failed as prior_first_failed,
        coalesce(q.attempts, 0) + 1 as attempts_now
    from latest as f
    left join retry_queue as q
        on q.url = f.url
    where q.last_run_id is distinct from $4
),
scheduled as (
    select
        *,
        least($1 * pow(2, attempts_now - 1), $2) as backoff,
        not retryable or attempts_now >= $3 as give_up
    from counted
)
select
    url,
    source,
    stage,
    error,
    status,
    retryable,
    attempts_now as attempts,
    coalesce(prior_first_failed, failed_at) as first_failed,
    failed_at as last_failed,
    case when give_up then null else failed_at + to_microseconds(cast(backoff * 1e6 as bigint)) end
        as next_attempt,
    backoff as backoff_s,
    give_up as gave_up,
    $4 as last_run_id
from scheduled
"""

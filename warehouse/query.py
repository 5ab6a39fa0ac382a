"""Read-only queries for the commands: run SQL, turn DuckDB's errors into one-line UserErrors."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

from extractors.errors import UserError

if TYPE_CHECKING:
    import duckdb

Result = tuple[list[str], list[tuple[Any, ...]]]
T = TypeVar("T")

SERIES_COLUMNS = ("region", "indicator", "scope", "metric", "period_start", "period_end",
                  "value", "unit", "estimate", "n_sources", "first_reported", "last_reported")


CHUNK_ROWS = 10_000


def _first_line(err: Exception) -> str:
    lines = str(err).strip().splitlines()
    return lines[0] if lines else type(err).__name__


def _user_error(err: Exception) -> UserError:
    """DuckDB's error as one line saying what the user can do about it."""
    import duckdb

    text = _first_line(err)
    if isinstance(err, duckdb.ParserException):
        return UserError(f"SQL syntax error: {text}")
    if "read-only mode" in text or isinstance(err, duckdb.PermissionException):
        return UserError(f"refused: `tradewatch sql` only reads the warehouse ({text})")
    return UserError(f"query failed: {text}")


def bound_memory(con: duckdb.DuckDBPyConnection, memory_mb: int) -> None:
    """Cap what one reader may use: `memory_mb` of memory and as much temporary disk."""
    con.execute(f"set memory_limit = '{int(memory_mb)}MB'")  # ints: nothing user-given
    con.execute(f"set max_temp_directory_size = '{int(memory_mb)}MB'")


def bounded(con: duckdb.DuckDBPyConnection, work: Callable[[], T],
            timeout_s: float | None) -> T:
    """`work()` (a query and its output) in a worker thread, stopped by DuckDB's interrupt
    after `timeout_s` (UserError) or at Ctrl-C (KeyboardInterrupt): the main thread waits in
    Python, where signals arrive, not inside DuckDB, where they do not."""
    result: dict[str, Any] = {}
    done = threading.Event()  # Event.wait, unlike Thread.join, survives a KeyboardInterrupt

    def target() -> None:
        try:
            result["value"] = work()
        except BaseException as e:  # noqa: BLE001 - handed to the main thread below
            result["error"] = e
        finally:
            done.set()

    deadline = time.monotonic() + timeout_s if timeout_s else None
    timed_out = False
    threading.Thread(target=target, name="tradewatch-sql", daemon=True).start()
    try:
        while not done.wait(0.05):
            if deadline is not None and not timed_out and time.monotonic() >= deadline:
                timed_out = True
                con.interrupt()
    except KeyboardInterrupt:
        while not done.is_set():  # interrupt until it stops (it may not have started yet)
            con.interrupt()
            done.wait(0.1)
        raise
    if timed_out and "error" in result:
        raise UserError(f"the query was stopped after {timeout_s:g} s (--timeout, or [warehouse]"
                        " sql_timeout_s; loads wait for a reader only that long)")
    if "error" in result:
        raise result["error"]
    return result["value"]


def lock_down(con: duckdb.DuckDBPyConnection) -> None:
    """No file access beyond the open warehouse (no COPY TO, EXPORT, ATTACH, INSTALL, LOAD),
    and no way to turn it back on: `tradewatch sql` reads, it never writes anywhere."""
    con.execute("set enable_external_access = false")
    con.execute("set lock_configuration = true")


def stream(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
           ) -> tuple[list[str], Iterator[list[tuple[Any, ...]]]]:
    """(column names, chunks of rows): a big answer never sits in memory whole."""
    import duckdb

    try:
        cur = con.execute(sql, params or [])
    except duckdb.Error as e:
        raise _user_error(e) from None
    if cur.description is None:
        return [], iter(())
    return [d[0] for d in cur.description], _chunks(cur)


def _chunks(cur: duckdb.DuckDBPyConnection) -> Iterator[list[tuple[Any, ...]]]:
    import duckdb

    while True:
        try:
            rows = cur.fetchmany(CHUNK_ROWS)
        except duckdb.Error as e:  # errors found while computing, e.g. a failed cast
            raise _user_error(e) from None
        if not rows:
            return
        yield rows


MAX_ROWS = 1_000_000  # more is an export, not an answer to read


def capped(chunks: Iterator[list[tuple[Any, ...]]], max_rows: int = MAX_ROWS
           ) -> Iterator[list[tuple[Any, ...]]]:
    """The chunks up to `max_rows` rows; past that, UserError (the output so far stands)."""
    n = 0
    for chunk in chunks:
        if n + len(chunk) > max_rows:
            yield chunk[:max_rows - n]
            raise UserError(f"stopped after {max_rows:,} rows: add a LIMIT, or use "
                            "`tradewatch export` for whole views")
        n += len(chunk)
        yield chunk


def run(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Result:
    """(column names, rows) of a query; a refused write or a bad query raises UserError."""
    columns, chunks = stream(con, sql, params)
    return columns, [row for chunk in chunks for row in chunk]


def series(con: duckdb.DuckDBPyConnection, region: str | None = None,
           indicator: str | None = None, scope: str | None = None,
           metric: str | None = None) -> Result:
    """The best current values, filtered by whichever of the four keys are given."""
    where = [f"(?::varchar is null or {c} = ?)" for c in ("region", "indicator", "scope",
                                                          "metric")]
    params: list[Any] = []
    for value in (region, indicator, scope, metric):
        params += [value, value]
    sql = (f"select {', '.join(SERIES_COLUMNS)}, source_urls from series "
           f"where {' and '.join(where)} "
           "order by region, indicator, scope, metric, period_start, period_end")
    return run(con, sql, params)


def series_summary(con: duckdb.DuckDBPyConnection) -> Result:
    """One row per series: how many periods, from when to when, the latest value, sources."""
    return run(con, _SERIES_SUMMARY)


def longest_series(con: duckdb.DuckDBPyConnection) -> tuple[str, str, str, int] | None:
    """(region, indicator, metric, periods) of the series with the most periods, if any."""
    row = con.execute("""
        select region, indicator, metric, count(*) as n
        from series group by all order by n desc, region, indicator limit 1
    """).fetchone()
    return (row[0], row[1], row[2], int(row[3])) if row else None


_SERIES_SUMMARY = """
select
    region,
    indicator,
    scope,
    metric,
    count(*) as periods,
    min(period_start) as "from",
    max(period_end) as "to",
    arg_max(value, period_end) as latest,
    arg_max(unit, period_end) as unit,
    sum(n_sources) as sources
from series
group by all
order by region, indicator, scope, metric
"""


CATALOG_LEVELS = {"series": ("region", "indicator", "scope", "metric"),
                  "regions": ("region",), "indicators": ("indicator",)}


def catalog(con: duckdb.DuckDBPyConnection, level: str = "series", region: str | None = None,
            indicator: str | None = None) -> Result:
    """What the warehouse holds, one row per series (or region, or indicator): its number of
    series and periods, first and last period, the latest value (series only) and how many
    distinct articles report it."""
    keys = ", ".join(CATALOG_LEVELS[level])  # identifiers from the fixed table above
    latest = ("max(value) filter (where from_last = 1) as latest_value,\n"
              "    max(unit) filter (where from_last = 1) as unit,\n"
              "    bool_or(estimate) filter (where from_last = 1) as latest_estimate,\n"
              if level == "series" else "")
    count = ("" if level == "series"
             else "count(distinct (region, indicator, scope, metric)) as series,\n    ")
    sql = _CATALOG.format(keys=keys, latest=latest, count=count)
    return run(con, sql, [region, region, indicator, indicator])


def known_names(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The regions, indicators, scopes and metrics the series view holds, for matching what a
    user types."""
    return {column: [r[0] for r in con.execute(
                f"select distinct {column} from series order by 1").fetchall()]
            for column in ("region", "indicator", "scope", "metric")}  # fixed names, no input


_CATALOG = """
with chosen as (
    select *
    from series
    where (?::varchar is null or region = ?)
        and (?::varchar is null or indicator = ?)
),
ranked as (
    select
        *,
        row_number() over (partition by {keys} order by period_end, period_start desc)
            as from_first,
        row_number() over (partition by {keys} order by period_end desc, period_start)
            as from_last
    from chosen
),
reports as (
    select
        {keys},
        count(distinct url) as reports
    from chosen, unnest(source_urls) as u(url)
    group by all
)
select
    {keys},
    {count}count(*) as periods,
    max(period_start) filter (where from_first = 1) as first_start,
    max(period_end) filter (where from_first = 1) as first_end,
    max(period_start) filter (where from_last = 1) as last_start,
    max(period_end) filter (where from_last = 1) as last_end,
    {latest}    any_value(reports.reports) as reports
from ranked
left join reports using ({keys})
group by all
order by all
"""


def conflicts_summary(con: duckdb.DuckDBPyConnection, first: int = 3) -> Result:
    """How many conflicts there are (every row carries the total) and the first `first` of
    them, largest disagreement first."""
    return run(con, """
        select
            count(*) over () as total,
            region,
            indicator,
            scope,
            metric,
            period_start,
            period_end,
            value_a,
            value_b,
            estimate_a,
            estimate_b,
            unit
        from conflicts
        order by difference / greatest(abs(value_a), abs(value_b), 1e-9) desc, region,
            indicator
        limit ?
    """, [first])


def checks_summary(con: duckdb.DuckDBPyConnection, first: int = 3) -> Result:
    """(status, count) of the consistency checks, then the first `first` mismatches' kind and
    message: two results in one, split by the caller on `kind is null`."""
    return run(con, """
        (select status, count(*) as n, null as kind, null as message, null as url
         from checks group by status order by status)
        union all
        (select status, null, kind, message, url from checks
         where status <> 'ok' order by published desc, check_id limit ?)
    """, [first])

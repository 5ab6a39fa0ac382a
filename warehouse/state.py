"""Pipeline state kept in the warehouse: known URLs, validators, retries, runs, cursors, pages."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from extractors.model import Page
from warehouse.owner import Owner, is_gone, this_process
from warehouse.stage import stage, utc

if TYPE_CHECKING:
    import duckdb

_PAGE_CHUNK = 100


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def known_urls(con: duckdb.DuckDBPyConnection, source: str) -> set[str]:
    """Canonical URLs of `source` already stored (articles, pages) or waiting in the retry queue."""
    rows = con.execute("""
        select url from stored_articles where source = ?
        union
        select url from raw_pages where source = ?
        union
        select url from retry_queue where source = ?
        union
        select url from frontier where source = ?
    """, [source, source, source, source]).fetchall()
    return {r[0] for r in rows}


def add_frontier(con: duckdb.DuckDBPyConnection, source: str, urls: list[str],
                 run_id: str | None = None) -> int:
    """Record discovered URLs before they are fetched (a killed run leaves them for the next)."""
    if not urls:
        return 0
    now = _now()
    # Discovery order is kept in the timestamps (newest first), one microsecond apart.
    rows = [(u, now + timedelta(microseconds=i)) for i, u in enumerate(dict.fromkeys(urls))]
    stage(con, "stg_frontier", {"url": "varchar", "discovered_at": "timestamp"}, rows)
    row = con.execute("""
        insert into frontier
        select url, ?, discovered_at, ?
        from stg_frontier
        where url not in (select url from frontier)
        returning url
    """, [source, run_id]).fetchall()
    return len(row)


def frontier_urls(con: duckdb.DuckDBPyConnection, source: str) -> list[str]:
    """URLs of `source` discovered by an earlier run and not loaded yet, in discovery order."""
    rows = con.execute("select url from frontier where source = ? order by discovered_at, url",
                       [source]).fetchall()
    return [r[0] for r in rows]


def validators(con: duckdb.DuckDBPyConnection, urls: list[str]
               ) -> dict[str, tuple[str | None, str | None]]:
    """url -> (etag, last_modified) of stored pages, for conditional GETs."""
    rows = con.execute("select url, etag, last_modified from raw_pages "
                       "where url in (select unnest(?::varchar[]))", [list(urls)]).fetchall()
    return {u: (e, lm) for u, e, lm in rows}


def due_retries(con: duckdb.DuckDBPyConnection, source: str, now: datetime | None = None,
                max_attempts: int = 5) -> list[str]:
    """Queued URLs of `source` whose next attempt is due, oldest first."""
    rows = con.execute("""
        select url from retry_queue
        where source = ?
            and not gave_up
            and attempts < ?
            and next_attempt <= ?
        order by next_attempt, url
    """, [source, max_attempts, utc(now) or _now()]).fetchall()
    return [r[0] for r in rows]


def start_run(con: duckdb.DuckDBPyConnection, run_id: str, kind: str, source: str | None,
              params: dict[str, Any]) -> None:
    """Record that a run started (a run id seen twice keeps its first start), by this process;
    runs whose process died without recording their end are marked interrupted first."""
    close_abandoned_runs(con, run_id)
    me = this_process()
    con.execute("""
        insert into run_log (run_id, kind, source, params, started_at, status, host, pid,
                             pid_started)
        values (?, ?, ?, ?, ?, 'running', ?, ?, ?)
        on conflict (run_id) do nothing
    """, [run_id, kind, source, json.dumps(params, default=str, ensure_ascii=False), _now(),
          me.host, me.pid, me.started])


def close_abandoned_runs(con: duckdb.DuckDBPyConnection, by_run: str | None = None) -> list[str]:
    """Mark as interrupted the runs still 'running' whose process on this host is gone (killed
    with SIGKILL, by the OOM killer, a reboot): they will never record their end. Runs of live
    processes and of other hosts are left alone. Returns the run ids marked."""
    rows = con.execute("""
        select run_id, host, pid, pid_started from run_log
        where status = 'running' and host is not null and pid is not null
    """).fetchall()
    owners = [(run_id, Owner(host, pid, started)) for run_id, host, pid, started in rows]
    gone = [(run_id, owner) for run_id, owner in owners if is_gone(owner)]
    for run_id, owner in gone:
        found = f" (found by run {by_run})" if by_run else ""
        con.execute("""
            update run_log set status = 'interrupted', error = ?
            where run_id = ? and status = 'running'
        """, [f"its process (PID {owner.pid} on {owner.host}) ended without recording the end "
              f"of the run{found}; when it ended is not known", run_id])
    return [run_id for run_id, _o in gone]


def finish_run(con: duckdb.DuckDBPyConnection, run_id: str, status: str,
               counts: dict[str, Any], error: str | None = None,
               notes: list[str] | None = None) -> None:
    """Record how a run ended, with its counts, error and notes (one per line)."""
    con.execute("""
        update run_log
        set finished_at = ?, status = ?, counts = ?, error = ?, notes = ?
        where run_id = ?
    """, [_now(), status, json.dumps(counts, default=str, ensure_ascii=False), error,
          "\n".join(notes) if notes else None, run_id])


def get_cursor(con: duckdb.DuckDBPyConnection, key: str) -> dict[str, Any] | None:
    """The stored backfill state under `key`, or None."""
    row = con.execute("select value from cursors where key = ?", [key]).fetchone()
    return json.loads(row[0]) if row else None


def set_cursor(con: duckdb.DuckDBPyConnection, key: str, value: dict[str, Any]) -> None:
    """Store the backfill state under `key` (replacing it)."""
    con.execute("insert or replace into cursors values (?, ?, ?)",
                [key, json.dumps(value, default=str, ensure_ascii=False), _now()])


def _page(row: tuple) -> tuple[str, Page]:
    url, source, final_url, status, headers, body, encoding, fetched_at = row
    raw = zlib.decompress(body) if body is not None else b""
    text = raw.decode(encoding or "utf-8", errors="replace")
    page = Page(url=url, final_url=final_url, status=status, headers=json.loads(headers or "{}"),
                body=raw, fetched_at=fetched_at.replace(tzinfo=UTC), text=text, encoding=encoding)
    return source, page


def raw_pages(con: duckdb.DuckDBPyConnection, since: date | None = None
              ) -> Iterator[tuple[str, Page]]:
    """(source, Page) of stored pages, optionally only articles published on/after `since`."""
    urls = [r[0] for r in con.execute("""
        select p.url
        from raw_pages as p
        left join stored_articles as a
            on a.url = p.url
        where p.status < 300
            and (?::date is null or coalesce(a.published_date, p.fetched_at::date) >= ?::date)
        order by p.url
    """, [since, since]).fetchall()]
    for i in range(0, len(urls), _PAGE_CHUNK):
        rows = con.execute("""
            select url, source, final_url, status, headers, body, encoding, fetched_at
            from raw_pages
            where url in (select unnest(?::varchar[]))
            order by url
        """, [urls[i:i + _PAGE_CHUNK]]).fetchall()
        yield from (_page(r) for r in rows)

"""Pipeline state in the warehouse: known URLs, validators, due retries, runs, cursors, pages."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pytest

from tests.helpers import sample
from warehouse import db, load, state
from warehouse.batch import Batch, Failure


@pytest.fixture()
def con(tmp_path: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    with db.connect(tmp_path / "w.duckdb", wait_s=5) as c:
        load.load_batch(c, sample.first_batch())
        yield c


def test_known_urls_include_articles_and_queued(con: duckdb.DuckDBPyConnection) -> None:
    known = state.known_urls(con, "kdpt")
    assert "https://kdpt.vn/lang-son-xnk-6-thang" in known
    assert {"https://kdpt.vn/flaky", "https://kdpt.vn/missing"} <= known
    assert state.known_urls(con, "other-source") == set()


def test_validators_come_from_stored_headers(con: duckdb.DuckDBPyConnection) -> None:
    url = "https://kdpt.vn/hoi-nghi"
    got = state.validators(con, [url, "https://kdpt.vn/never"])
    assert set(got) == {url}
    assert got[url][0] and got[url][0].startswith('"') and got[url][1] is None


def test_due_retries_respect_next_attempt(con: duckdb.DuckDBPyConnection) -> None:
    assert state.due_retries(con, "kdpt", datetime(2024, 6, 30, 10, 5)) == []
    assert state.due_retries(con, "kdpt", datetime(2024, 6, 30, 10, 15)) == [
        "https://kdpt.vn/flaky"]  # the 404 gave up at once


def test_due_retries_stop_at_max_attempts(con: duckdb.DuckDBPyConnection) -> None:
    at = datetime(2024, 7, 1, tzinfo=UTC)
    fail = Failure("https://kdpt.vn/flaky", "kdpt", "fetch", "HTTP 503", 503, True, at)
    load.load_batch(con, Batch(run_id="r2", source="kdpt", failures=[fail], at=at))
    assert state.due_retries(con, "kdpt", datetime(2024, 8, 1), max_attempts=2) == []


def test_runs_are_recorded(con: duckdb.DuckDBPyConnection) -> None:
    state.start_run(con, "run-9", "monitor", "kdpt", {"since": date(2024, 1, 1)})
    state.start_run(con, "run-9", "monitor", "kdpt", {})
    state.finish_run(con, "run-9", "completed", {"articles_new": 3})
    row = con.execute("select kind, status, counts->>'articles_new', params->>'since', "
                      "duration_s >= 0 from runs").fetchone()
    assert row == ("monitor", "completed", "3", "2024-01-01", True)


def test_cursors_round_trip(con: duckdb.DuckDBPyConnection) -> None:
    assert state.get_cursor(con, "kdpt:backfill") is None
    state.set_cursor(con, "kdpt:backfill", {"page": 3, "shard": "2024-05"})
    state.set_cursor(con, "kdpt:backfill", {"page": 4, "shard": "2024-05"})
    assert state.get_cursor(con, "kdpt:backfill") == {"page": 4, "shard": "2024-05"}


def test_raw_pages_come_back_decompressed(con: duckdb.DuckDBPyConnection) -> None:
    pages = list(state.raw_pages(con))
    assert len(pages) == 4
    source, page = pages[0]
    assert source == "kdpt" and page.status == 200 and page.body.startswith(b"<html>")
    assert page.text and "Lạng Sơn" in "".join(p.text or "" for _, p in pages)
    assert page.fetched_at == datetime(2024, 6, 30, 10, tzinfo=UTC)


def test_raw_pages_since_filters_on_published(con: duckdb.DuckDBPyConnection) -> None:
    urls = [p.url for _, p in state.raw_pages(con, since=date(2024, 6, 28))]
    assert urls == ["https://kdpt.vn/lang-son-xnk-6-thang-copy",
                    "https://other.vn/syndicated-lang-son"]


def _dead_pid() -> int:
    """The PID of a process that has ended (and been reaped)."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _running_row(con: duckdb.DuckDBPyConnection, run_id: str, host: str, pid: int,
                 started: str | None) -> None:
    con.execute("""
        insert into run_log (run_id, kind, source, params, started_at, status, host, pid,
                             pid_started)
        values (?, 'monitor', 'kdpt', '{}', now()::timestamp, 'running', ?, ?, ?)
    """, [run_id, host, pid, started])


def test_a_run_whose_process_died_is_marked_interrupted(
        con: duckdb.DuckDBPyConnection) -> None:
    from warehouse.owner import this_process

    me = this_process()
    _running_row(con, "killed", me.host, _dead_pid(), None)
    _running_row(con, "alive", me.host, me.pid, me.started)
    _running_row(con, "elsewhere", "another-host.example", _dead_pid(), None)
    if me.started is not None:  # the PID lives on in another process (started at another time)
        _running_row(con, "reused-pid", me.host, me.pid, "1")
    state.start_run(con, "next", "monitor", "kdpt", {})
    got = dict(con.execute("select run_id, status from runs").fetchall())
    assert got["killed"] == "interrupted"
    assert (got["alive"], got["elsewhere"], got["next"]) == ("running", "running", "running")
    if me.started is not None:
        assert got["reused-pid"] == "interrupted"
    error, finished = con.execute(
        "select error, finished_at from runs where run_id = 'killed'").fetchone()
    assert "ended without recording the end of the run (found by run next)" in error
    assert finished is None  # when it ended is not known
    host, pid = con.execute("select host, pid from runs where run_id = 'next'").fetchone()
    assert (host, pid) == (me.host, me.pid)


def test_rows_of_runs_from_before_the_owner_was_recorded_are_left_alone(
        con: duckdb.DuckDBPyConnection) -> None:
    con.execute("""
        insert into run_log (run_id, kind, source, params, started_at, status)
        values ('old', 'monitor', 'kdpt', '{}', now()::timestamp, 'running')
    """)
    assert state.close_abandoned_runs(con) == []

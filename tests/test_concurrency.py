"""Concurrency (issue 7, point 5): a monitor and a backfill started together as two processes on
one warehouse both finish; `tradewatch sql` during them answers or waits with a message; the
warehouse is consistent after (its data tests pass, no duplicated rows) and holds what one clean
run would.
"""

from __future__ import annotations

import logging
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from replay import ReplaySite
from tests.helpers.cli import describe, fast_http, replay_sources, tw, write_config
from tests.helpers.procs import Proc, wait_until
from tests.helpers.warehouse_state import (
    assert_same_data,
    duplicates,
    failing_data_tests,
    rows,
)

logger = logging.getLogger(__name__)

RUN_TIMEOUT_S = 300.0
QUERY_TIMEOUT_S = 60.0
READ_WAIT_S = 20.0  # a reader waits this long for a load, then says it gave up
BACKFILL = ("backfill", "--since", "2000-01-01", "--until", "2100-01-01")
WAIT_WORDS = ("waiting", "busy", "gave up")


@pytest.fixture(scope="module")
def site() -> Iterator[Any]:
    with ReplaySite(synthetic=300, seed=23).serve(host="127.0.0.1") as srv:
        yield srv


def config(srv: Any, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    return write_config(directory / "tradewatch.toml",
                        {"warehouse": {"path": str(directory / "tw.duckdb"),
                                       "lock_timeout_s": 120.0, "read_timeout_s": READ_WAIT_S},
                         "http": fast_http(), "run": {"batch_size": 50}},
                        replay_sources(srv))


def query_while(procs: list[Proc], cfg: Path, deadline: float) -> list[subprocess.CompletedProcess]:
    """`tradewatch sql` over and over while any of `procs` runs; every answer kept."""
    answers = []
    # before the first run creates the warehouse, `sql` rightly says there is none
    wait_until(lambda: (cfg.parent / "tw.duckdb").exists(), 60)
    while any(p.alive() for p in procs) and time.monotonic() < deadline:
        answers.append(tw(["sql", "select count(*) as n from stored_articles", "--format", "csv",
                           "--config", str(cfg)], cwd=cfg.parent, timeout=QUERY_TIMEOUT_S))
        time.sleep(0.3)
    return answers


def judge_query(res: subprocess.CompletedProcess) -> str:
    """'answered', or 'waited' (gave up with a message); anything else fails the test."""
    assert "Traceback" not in res.stderr, describe(res)
    if res.returncode == 0:
        assert res.stdout.splitlines()[0] == "n" and res.stdout.splitlines()[1].isdigit(), \
            describe(res)
        return "answered after waiting" if "waiting" in res.stderr else "answered"
    assert any(w in res.stderr.lower() for w in WAIT_WORDS), describe(res)
    return "waited"


@pytest.mark.slow
def test_monitor_and_backfill_together(site: Any, tmp_path: Path) -> None:
    site.set_faults(None)
    cfg = config(site, tmp_path / "shared")
    procs: list[Proc] = []
    try:
        procs.append(Proc(["run", "--config", str(cfg)], cfg.parent, "monitor"))
        procs.append(Proc([*BACKFILL, "--config", str(cfg)], cfg.parent, "backfill"))
        answers = query_while(procs, cfg, time.monotonic() + RUN_TIMEOUT_S)
        codes = [p.wait(RUN_TIMEOUT_S) for p in procs]
    finally:
        for p in procs:
            p.kill()
    for p, code in zip(procs, codes, strict=True):
        assert code == 0, f"{p.args[0]} exited {code}\n{p.stderr()[-3000:]}"
        assert "Traceback" not in p.stderr()
    verdicts = [judge_query(a) for a in answers]
    logger.info("queries during the runs: %s", {v: verdicts.count(v) for v in set(verdicts)})
    assert any(v.startswith("answered") for v in verdicts), "no query answered during the runs"

    warehouse = cfg.parent / "tw.duckdb"
    assert failing_data_tests(warehouse) == {}
    assert set(duplicates(warehouse).values()) == {0}, duplicates(warehouse)
    statuses = rows(warehouse, "select kind, status from run_log order by kind")
    assert statuses == [("backfill", "completed"), ("monitor", "completed")]
    overlap = rows(warehouse, """
        select max(started_at) < min(finished_at) from run_log""")
    assert overlap == [(True,)], "the two runs did not overlap: the test proved nothing"

    clean_cfg = config(site, tmp_path / "clean")
    clean = Proc(["run", "--config", str(clean_cfg)], clean_cfg.parent, "clean")
    try:
        assert clean.wait(RUN_TIMEOUT_S) == 0, clean.stderr()[-3000:]
    finally:
        clean.kill()
    assert_same_data(clean_cfg.parent / "tw.duckdb", warehouse)


# ---------------------------------------------------------------- one writer, waiting readers


@pytest.fixture()
def small_warehouse(tmp_path: Path) -> Path:
    from tests.helpers import sample
    from warehouse import db, load

    path = tmp_path / "tw.duckdb"
    with db.connect(path, wait_s=10) as con:
        load.load_batch(con, sample.first_batch())
    return path


def small_config(path: Path, lock_s: float, read_s: float) -> Path:
    return write_config(path.parent / "tradewatch.toml",
                        {"warehouse": {"path": str(path), "lock_timeout_s": lock_s,
                                       "read_timeout_s": read_s}},
                        [{"name": "dead", "kind": "generic", "base_url": "http://127.0.0.1:9",
                          "feeds": ["http://127.0.0.1:9/feed/"]}])


def test_query_waits_for_a_load_then_answers(small_warehouse: Path) -> None:
    from warehouse import db

    cfg = small_config(small_warehouse, 5, 60)
    with db.connect(small_warehouse, wait_s=10):  # a load holds the file
        proc = Proc(["sql", "select count(*) as n from stored_articles", "--format", "csv",
                     "--config", str(cfg)], cfg.parent, "reader")
        try:
            assert wait_until(lambda: "waiting" in proc.stderr() or not proc.alive(), 30)
            assert proc.alive(), proc.stderr()
        except BaseException:
            proc.kill()
            raise
    try:
        assert proc.wait(60) == 0, proc.stderr()
    finally:
        proc.kill()
    assert "Traceback" not in proc.stderr()
    assert proc.stdout().splitlines()[0] == "n"
    assert "waiting" in proc.stderr() and str(os.getpid()) in proc.stderr()


@pytest.mark.parametrize("args", [["sql", "select 1"], ["run"]], ids=["reader", "writer"])
def test_gives_up_with_one_line_when_held_too_long(small_warehouse: Path,
                                                   args: list[str]) -> None:
    from warehouse import db

    cfg = small_config(small_warehouse, 1, 1)
    with db.connect(small_warehouse, wait_s=10):
        res = tw([*args, "--config", str(cfg)], cwd=cfg.parent, timeout=QUERY_TIMEOUT_S)
    assert "Traceback" not in res.stderr, describe(res)
    assert res.returncode != 0, describe(res)
    last = res.stderr.strip().splitlines()[-1]
    assert last.startswith("tradewatch:") and "gave up" in last, describe(res)
    assert str(os.getpid()) in res.stderr, "the message does not name who holds the warehouse"


@pytest.mark.slow
def test_monitor_and_backfill_together_through_prefect(tmp_path: Path) -> None:
    """The default mode: each command starts Prefect's temporary API on one fresh PREFECT_HOME
    (so both migrate its database at once); both finish, one line of trouble at most."""
    env = {"TRADEWATCH_PREFECT": "on", "PREFECT_HOME": str(tmp_path / "prefect_home"),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    with ReplaySite(synthetic=50, seed=29).serve(host="127.0.0.1") as srv:
        cfg = config(srv, tmp_path / "shared")
        procs: list[Proc] = []
        try:
            procs.append(Proc(["run", "--config", str(cfg)], cfg.parent, "monitor", env))
            procs.append(Proc([*BACKFILL, "--config", str(cfg)], cfg.parent, "backfill", env))
            codes = [p.wait(RUN_TIMEOUT_S) for p in procs]
        finally:
            for p in procs:
                p.kill()
        expected = {a.url for a in srv.articles}
    for p, code in zip(procs, codes, strict=True):
        assert code == 0 and "Traceback" not in p.stderr(), p.stderr()[-3000:]
    warehouse = cfg.parent / "tw.duckdb"
    assert failing_data_tests(warehouse) == {}
    assert set(duplicates(warehouse).values()) == {0}, duplicates(warehouse)
    stored = {r[0] for r in rows(warehouse, "select url from stored_articles")}
    assert stored == expected

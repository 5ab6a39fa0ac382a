"""Crash safety (issue 7, point 4): `tradewatch run` and `tradewatch backfill` killed with SIGKILL
at random points (during fetch, during load), rerun each time; the warehouse ends equal to a
clean run's, and after every kill it holds whole batches only.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from replay import ReplaySite
from tests.helpers.cli import fast_http, replay_sources, write_config
from tests.helpers.procs import Proc, wait_until, writer_holds_lock
from tests.helpers.warehouse_state import (
    assert_same_data,
    duplicates,
    failing_data_tests,
    rows,
)

logger = logging.getLogger(__name__)

BATCH = 40
RUN_TIMEOUT_S = 240.0
KILLS = ("fetch", "load", "fetch", "load", "anywhere")
BACKFILL = ("backfill", "--since", "2000-01-01", "--until", "2100-01-01")

# Rows that a half-loaded batch would leave: a page without its article (or its recorded
# failure), an article without its figures' observations, mentions without vintages.
PARTIAL_BATCH_SQL = {
    "page without article or failure": """
        select count(*) from raw_pages as p
        where p.status < 300
            and not exists (select 1 from stored_articles as a where a.url = p.url)
            and not exists (select 1 from retry_queue as q where q.url = p.url)""",
    "article without page": """
        select count(*) from stored_articles as a
        where not exists (select 1 from raw_pages as p where p.url = a.url)""",
    "mention without observation": """
        select count(*) from figure_mentions as m
        where not exists (select 1 from observations as o where o.obs_id = m.obs_id)""",
}


@pytest.fixture(scope="module")
def site() -> Iterator[Any]:
    """A few hundred synthetic articles (plus the hand-written corpus) on 127.0.0.1."""
    with ReplaySite(synthetic=300, seed=11).serve(host="127.0.0.1") as srv:
        yield srv


def config(srv: Any, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    return write_config(directory / "tradewatch.toml",
                        {"warehouse": {"path": str(directory / "tw.duckdb"),
                                       "lock_timeout_s": 60.0},
                         "http": fast_http(), "run": {"batch_size": BATCH}},
                        replay_sources(srv))


def article_requests(srv: Any) -> int:
    """How many article pages the replay site has answered so far."""
    paths = {a.path for a in srv.articles}
    return sum(1 for entry in list(srv.log) if entry[2] in paths)


def run_to_end(args: tuple[str, ...], cfg: Path, name: str) -> Proc:
    proc = Proc([*args, "--config", str(cfg)], cfg.parent, name)
    try:
        code = proc.wait(RUN_TIMEOUT_S)
    finally:
        proc.kill()
    assert code == 0, f"{name} exited {code}\n{proc.stderr()[-3000:]}"
    return proc


def kill_at(srv: Any, proc: Proc, where: str, warehouse: Path, rng: random.Random,
            batches_first: int) -> str:
    """SIGKILL `proc` at a point of kind `where`, after about `batches_first` whole batches;
    returns what it was doing when killed."""
    start = article_requests(srv)
    if where == "anywhere":
        time.sleep(rng.uniform(0.5, 4.0))
    else:
        n = batches_first * BATCH + rng.randint(1, BATCH - 1)
        wait_until(lambda: article_requests(srv) - start >= n or not proc.alive(), 60)
        if where == "load":  # the batch's fetch is over when the writer lock is taken
            wait_until(lambda: writer_holds_lock(warehouse, proc.pid) or not proc.alive(), 60,
                       poll_s=0.002)
            time.sleep(rng.uniform(0.0, 0.05))
    doing = "load" if writer_holds_lock(warehouse, proc.pid) else "fetch or discovery"
    return doing if proc.kill() else "finished before the kill"


def assert_whole_batches(warehouse: Path) -> None:
    """After a kill the warehouse opens, passes its data tests and holds no partial batch."""
    if not warehouse.exists():
        return
    assert failing_data_tests(warehouse) == {}
    assert set(duplicates(warehouse).values()) == {0}, duplicates(warehouse)
    for name, sql in PARTIAL_BATCH_SQL.items():
        assert rows(warehouse, sql) == [(0,)], name


@pytest.mark.slow
@pytest.mark.parametrize("args", [("run",), BACKFILL], ids=["run", "backfill"])
def test_sigkill_five_times_then_rerun_equals_clean(site: Any, tmp_path: Path,
                                                   args: tuple[str, ...]) -> None:
    site.set_faults(None)
    clean_cfg = config(site, tmp_path / "clean")
    run_to_end(args, clean_cfg, "clean")
    clean = clean_cfg.parent / "tw.duckdb"
    assert rows(clean, "select count(*) from stored_articles")[0][0] >= 300

    cfg = config(site, tmp_path / "crashy")
    warehouse = cfg.parent / "tw.duckdb"
    rng = random.Random(2024)
    hits: list[str] = []
    for i, where in enumerate(KILLS):
        proc = Proc([*args, "--config", str(cfg)], cfg.parent, f"killed-{i}")
        try:
            # kill i lands in batch i + 1 (or so) of its run: earlier batches are committed
            hits.append(f"{where}: {kill_at(site, proc, where, warehouse, rng, i % 3)}")
        finally:
            proc.kill()
        assert "Traceback" not in proc.stderr()
        assert_whole_batches(warehouse)
    logger.info("kills: %s", hits)
    assert sum("finished" not in h for h in hits) >= 4, f"most kills came too late: {hits}"
    assert any(h.endswith(": load") for h in hits), f"no kill landed during a load: {hits}"

    run_to_end(args, cfg, "rerun")
    assert_whole_batches(warehouse)
    assert rows(warehouse, "select count(*) from retry_queue") == [(0,)]
    assert_same_data(clean, warehouse)
    # the killed runs never recorded their end: the rerun found their processes gone
    statuses = dict(rows(warehouse, "select status, count(*) from runs group by 1"))
    assert "running" not in statuses, statuses
    assert statuses.get("interrupted", 0) >= 1, statuses
    assert rows(warehouse, "select count(*) from runs where status = 'interrupted' and "
                           "error not like '%ended without recording the end of the run%'") \
        == [(0,)]


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_the_rerun_completes(site: Any, tmp_path: Path) -> None:
    """SIGINT (Ctrl-C) mid-fetch: exit 130 with one line, the run recorded as interrupted,
    whole batches only; the next run completes."""
    import signal

    site.set_faults(None)
    cfg = config(site, tmp_path / "int")
    warehouse = cfg.parent / "tw.duckdb"
    proc = Proc(["run", "--config", str(cfg)], cfg.parent, "interrupted")
    try:
        start = article_requests(site)
        assert wait_until(lambda: article_requests(site) - start > BATCH + 5, 120)
        proc.popen.send_signal(signal.SIGINT)
        code = proc.wait(60)
    finally:
        proc.kill()
    err = proc.stderr()
    assert code == 130, err[-2000:]
    assert "Traceback" not in err, err[-3000:]
    assert "interrupted" in err.strip().splitlines()[-1]
    assert rows(warehouse, "select status from run_log") == [("interrupted",)]
    assert_whole_batches(warehouse)
    run_to_end(("run",), cfg, "after-interrupt")
    assert rows(warehouse, "select count(*) from retry_queue") == [(0,)]
    stored = {r[0] for r in rows(warehouse, "select url from stored_articles")}
    lost = {a.url for a in site.articles} - stored
    assert not lost, f"{len(lost)} articles never loaded after the interrupt: {sorted(lost)[:3]}"


def children(pid: int) -> list[int]:
    """The PIDs of a process's children (from /proc: no extra tools needed)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


@pytest.mark.slow
def test_sigkill_through_prefect_leaves_no_process_behind(site: Any, tmp_path: Path) -> None:
    """In the default mode each run starts Prefect's temporary API as a child process; a run
    killed with SIGKILL (the OOM killer, `kill -9`) must not leave that server running (the
    child asks Linux for SIGTERM when its parent dies: flows/prefect_env.py)."""
    import os
    import signal

    env = {"TRADEWATCH_PREFECT": "on", "PREFECT_HOME": str(tmp_path / "prefect_home"),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    cfg = config(site, tmp_path / "prefect")
    proc = Proc(["run", "--config", str(cfg)], cfg.parent, "prefect-killed", env)
    kids: list[int] = []
    try:
        start = article_requests(site)
        assert wait_until(lambda: article_requests(site) > start or not proc.alive(), 240, 0.05)
        kids = children(proc.pid)
        assert kids, "the run started no child process: nothing to check"
        proc.kill()
        wait_until(lambda: not any(Path(f"/proc/{k}").exists() for k in kids), 10, 0.1)
        orphans = [k for k in kids if Path(f"/proc/{k}").exists()]
        lines = [Path(f"/proc/{k}/cmdline").read_bytes()[:100] for k in orphans]
        assert orphans == [], f"SIGKILL left {len(orphans)} process(es) running: {lines}"
    finally:
        proc.kill()
        for k in kids:  # the orphaned server was started by our run: ours to end
            try:
                os.kill(k, signal.SIGKILL)
            except ProcessLookupError:
                pass


@pytest.mark.slow
def test_sigkill_during_reprocess_then_rerun_equals_clean(site: Any, tmp_path: Path) -> None:
    """`tradewatch reprocess` killed three times while it rewrites figures, then rerun: the
    warehouse equals one reprocessed without interruption."""
    import shutil

    site.set_faults(None)
    base = config(site, tmp_path / "base")
    run_to_end(("run",), base, "base")
    copies = []
    for name in ("clean", "crashy"):
        cfg = config(site, tmp_path / name)
        shutil.copyfile(base.parent / "tw.duckdb", cfg.parent / "tw.duckdb")
        copies.append(cfg)
    clean_cfg, cfg = copies
    started = time.monotonic()
    run_to_end(("reprocess",), clean_cfg, "clean-reprocess")
    whole_s = time.monotonic() - started
    warehouse = cfg.parent / "tw.duckdb"
    rng = random.Random(7)
    hits = []
    for i in range(3):
        proc = Proc(["reprocess", "--config", str(cfg)], cfg.parent, f"reprocess-killed-{i}")
        try:
            wait_until(lambda p=proc: writer_holds_lock(warehouse, p.pid) or not p.alive(), 60)
            time.sleep(rng.uniform(0.2, max(0.3, whole_s * 0.6)))
            hits.append(proc.kill())
        finally:
            proc.kill()
        assert_whole_batches(warehouse)
    assert any(hits), "every reprocess finished before its kill"
    run_to_end(("reprocess",), cfg, "reprocess-rerun")
    assert_same_data(clean_cfg.parent / "tw.duckdb", warehouse)

"""Fault soak (issue 7, point 3): monitor runs against 1,000 synthetic articles with 10% of
article requests faulted, rerun until the retry queue drains; the warehouse must end equal to a
fault-free run's.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from flows import report, run_loop
from flows.config import Settings
from replay import FaultPlan, ReplaySite
from tests.helpers.cli import fast_http, replay_sources
from tests.helpers.warehouse_state import (
    ARTICLES_SQL,
    assert_same_data,
    duplicates,
    failing_data_tests,
    rows,
)
from warehouse import db

logger = logging.getLogger(__name__)

SITE_SEED = 5
FAULT_SEED = 3
FAULT_RATE = 0.1
MAX_RERUNS = 8  # with 10% faults and 2 attempts a run, 2-3 reruns drain the queue


@pytest.fixture(scope="module")
def site() -> Iterator[Any]:
    """1,000 synthetic articles (plus the hand-written corpus) on both replay sites."""
    with ReplaySite(synthetic=1000, seed=SITE_SEED).serve(host="127.0.0.1") as srv:
        yield srv


def settings_for(srv: Any, path: Path) -> Settings:
    """Both replay sites, politeness off, tiny backoffs, a warehouse at `path`."""
    return Settings(warehouse={"path": str(path), "lock_timeout_s": 60},
                    http=fast_http(), run={"batch_size": 200}, sources=replay_sources(srv))


def make_retries_due(path: Path) -> int:
    """Let the retry queue's backoff pass (15 min and more): every scheduled retry is due now."""
    with db.connect(path, wait_s=60) as con:
        con.execute("update retry_queue set next_attempt = timestamp '2000-01-01' "
                    "where next_attempt is not null")
        return int(con.execute("select count(*) from retry_queue where not gave_up")
                   .fetchone()[0])


def queued(path: Path) -> list[tuple]:
    return rows(path, "select url, stage, status, error, attempts, gave_up from retry_queue "
                      "order by url")


def soak(srv: Any, path: Path, plan: FaultPlan) -> list[report.RunReport]:
    """Monitor under `plan`, then reruns (retries made due) until nothing is queued."""
    srv.set_faults(plan)
    try:
        reports = [run_loop.run_monitor(settings_for(srv, path))]
        for _ in range(MAX_RERUNS):
            if make_retries_due(path) == 0:
                break
            reports.append(run_loop.run_monitor(settings_for(srv, path)))
    finally:
        srv.set_faults(None)
    return reports


@pytest.mark.slow
def test_fault_soak_ends_equal_to_a_clean_run(site: Any, tmp_path: Path) -> None:
    clean = tmp_path / "clean.duckdb"
    site.set_faults(None)
    first = run_loop.run_monitor(settings_for(site, clean))
    assert first.failed == 0 and first.articles >= 1000, first.counts()
    assert rows(clean, "select count(*) from series_history")[0][0] > 1000

    site.reset_stats()
    faulty = tmp_path / "faulty.duckdb"
    reports = soak(site, faulty, FaultPlan(rate=FAULT_RATE, seed=FAULT_SEED))
    by_status = site.stats()["by_status"]
    faulted = sum(n for status, n in by_status.items() if int(status) in (429, 500, 503))
    assert faulted >= 50, f"the fault plan hardly fired: {by_status}"
    assert reports[0].failed > 0, "no URL needed a later run: the soak proved nothing"

    left = queued(faulty)
    assert left == [], f"after {len(reports)} runs the retry queue still holds {left[:5]}"
    assert rows(faulty, "select * from failures") == []
    assert_same_data(clean, faulty)
    assert set(duplicates(faulty).values()) == {0}, duplicates(faulty)
    assert failing_data_tests(faulty) == {}
    assert [r.status for r in reports] == ["completed"] * len(reports)

    # once drained, one more monitor finds nothing and changes no data
    again = run_loop.run_monitor(settings_for(site, faulty))
    assert (again.discovered, again.retried, again.fetched, again.failed) == (0, 0, 0, 0)
    assert_same_data(clean, faulty)
    logger.info("soak: %d runs, first failed %d, faulted responses %d", len(reports),
                reports[0].failed, faulted)



# Every fault mode that acts on an article request (huge bodies are left to the fetch tests: a
# 20 MB body per faulted request would make this a benchmark).
ALL_ARTICLE_FAULTS = ("status_429", "status_500", "status_503", "reset", "slow", "truncate",
                      "charset_wrong", "charset_missing", "redirect_loop", "redirect_offsite",
                      "not_found")


@pytest.mark.slow
def test_every_fault_mode_loses_nothing_unexplained(tmp_path: Path) -> None:
    """With every article fault mode at 10%: each article of a clean run is loaded unchanged
    or listed in `failures` with its reason; no observation appears that a clean run lacks."""
    with ReplaySite(synthetic=300, seed=SITE_SEED).serve(host="127.0.0.1") as srv:
        clean = tmp_path / "clean.duckdb"
        run_loop.run_monitor(settings_for(srv, clean))
        faulty = tmp_path / "faulty.duckdb"
        reports = soak(srv, faulty, FaultPlan(rate=FAULT_RATE, seed=FAULT_SEED,
                                              faults=ALL_ARTICLE_FAULTS))
    assert reports[0].failed > 0
    assert rows(faulty, "select count(*) from retry_queue where not gave_up") == [(0,)]
    want = {r[0]: r for r in rows(clean, ARTICLES_SQL)}
    got = {r[0]: r for r in rows(faulty, ARTICLES_SQL)}
    failed = {url: reason for url, reason in rows(faulty, "select url, reason from failures")}
    assert all(reason for reason in failed.values()), failed
    changed = [u for u in got if u in want and got[u] != want[u]]
    assert changed == [], f"articles loaded differently under faults: {changed[:5]}"
    unexplained = [u for u in want if u not in got and u not in failed]
    assert unexplained == [], f"articles neither loaded nor in failures: {unexplained[:5]}"
    # a missing article can change a vintage's rank or sources, never its value
    values = "select obs_id, vintage_id, value, unit, estimate from series_history"
    invented = set(rows(faulty, values)) - set(rows(clean, values))
    assert not invented, f"vintages a clean run does not have: {sorted(invented)[:3]}"
    assert failing_data_tests(faulty) == {}

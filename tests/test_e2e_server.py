"""End to end on a real Prefect server (issue 6, points 5 and 6): deploy from
deployments/prefect.yaml, run workers of the process pool, trigger runs through the REST API
against the replay sites, and check the warehouse. Every process started here is killed in a
`finally`, and every wait is bounded."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from flows import run_loop
from flows.config import load_settings
from replay.faults import FaultPlan, FaultRule
from warehouse import db

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
PREFECT = str(Path(sys.executable).with_name("prefect"))
SERVER_START_S = 150
RUN_WAIT_S = 240
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Stop a process we started (and its session's children): TERM, then KILL."""
    if proc.poll() is not None:
        return
    for sig, wait_s in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait_s)
            return
        except subprocess.TimeoutExpired:
            continue


@contextmanager
def started(args: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen]:
    """A background process in its own session, logging to `log`; stopped on exit."""
    with log.open("wb") as out:
        proc = subprocess.Popen(args, env=env, stdout=out, stderr=subprocess.STDOUT,
                                cwd=REPO, start_new_session=True)
        try:
            yield proc
        finally:
            stop(proc)


def cli(env: dict[str, str], *args: str, timeout: float = 120) -> str:
    """Run a `prefect` command to completion; its output, or a failure with that output."""
    done = subprocess.run([PREFECT, *args], env=env, cwd=REPO, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"prefect {' '.join(args)}:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def wait_healthy(api: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"prefect server exited {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(f"{api}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"prefect server not healthy after {SERVER_START_S} s:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """A real `prefect server start` on 127.0.0.1 with a temporary PREFECT_HOME."""
    home = tmp_path_factory.mktemp("prefect")
    port = free_port()
    api = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(home / "home"), PREFECT_API_URL=api, DO_NOT_TRACK="1",
               PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_UI_ENABLED="false")
    log = home / "server.log"
    with started([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                 env, log) as proc:
        wait_healthy(api, proc, log)
        yield {"env": env, "api": api, "home": home}


@pytest.fixture(scope="module")
def deployed(server: dict[str, Any], replay_server: Any,
             tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The pool, the writer limit and the deployments of deployments/prefect.yaml."""
    from tests.conftest import replay_toml

    where = tmp_path_factory.mktemp("e2e")
    config = where / "tradewatch.toml"
    config.write_text(replay_toml(replay_server, where / "tw.duckdb", 20), encoding="utf-8")
    env = server["env"]
    cli(env, "work-pool", "create", "tradewatch", "--type", "process")
    cli(env, "gcl", "create", "warehouse-writer", "--limit", "1")
    cli({**env, "TRADEWATCH_HOME": str(REPO), "TRADEWATCH_CONFIG": str(config)},
        "--no-prompt", "deploy", "--all", "--prefect-file", "deployments/prefect.yaml")
    return {**server, "config": config, "dir": where}


@contextmanager
def workers(env: dict[str, str], n: int, logdir: Path) -> Iterator[None]:
    """`n` process workers of the tradewatch pool, one flow run at a time each."""
    with _workers(env, n, logdir, []):
        yield


@contextmanager
def _workers(env: dict[str, str], n: int, logdir: Path, procs: list) -> Iterator[None]:
    if n == 0:
        yield
        return
    args = [PREFECT, "worker", "start", "--pool", "tradewatch", "--limit", "1"]
    env = {**env, "PREFECT_WORKER_QUERY_SECONDS": "1"}  # pick runs up at once
    with started(args, env, logdir / f"worker{n}.log"), _workers(env, n - 1, logdir, procs):
        yield


def trigger(api: str, deployment: str, parameters: dict[str, Any]) -> str:
    """Create a flow run of a deployment through the REST API; its id."""
    dep = httpx.get(f"{api}/deployments/name/{deployment}", timeout=10).raise_for_status()
    run = httpx.post(f"{api}/deployments/{dep.json()['id']}/create_flow_run",
                     json={"parameters": parameters}, timeout=10).raise_for_status()
    return run.json()["id"]


def wait_final(api: str, run_ids: list[str], logdir: Path) -> dict[str, dict[str, Any]]:
    """The flow runs once all are final (bounded wait)."""
    deadline = time.monotonic() + RUN_WAIT_S
    runs: dict[str, dict[str, Any]] = {}
    while time.monotonic() < deadline:
        runs = {r: httpx.get(f"{api}/flow_runs/{r}", timeout=10).json() for r in run_ids}
        if all(r["state_type"] in FINAL for r in runs.values()):
            return runs
        time.sleep(1)
    logs = "\n".join(p.read_text()[-2000:] for p in sorted(logdir.glob("worker*.log")))
    pytest.fail(f"flow runs not final after {RUN_WAIT_S} s: "
                f"{ {k: v['state_type'] for k, v in runs.items()} }\n{logs}")


def artifact_keys(api: str, run_id: str) -> list[str]:
    found = httpx.post(f"{api}/artifacts/filter", timeout=10,
                       json={"artifacts": {"flow_run_id": {"any_": [run_id]}}}).json()
    return [a["key"] for a in found if a["key"]]


def warehouse_rows(path: Path, sql: str, params: list[Any] | None = None) -> list[tuple]:
    with db.connect(path, read_only=True, wait_s=30) as con:
        return con.execute(sql, params or []).fetchall()


def test_monitor_deployment_runs_on_a_worker_and_loads(deployed: dict[str, Any]) -> None:
    api, config = deployed["api"], deployed["config"]
    run_id = trigger(api, "monitor/every-30-minutes", {"config": str(config)})
    with workers(deployed["env"], 1, deployed["dir"]):
        run = wait_final(api, [run_id], deployed["dir"])[run_id]
    assert run["state_type"] == "COMPLETED", run["state"]
    path = load_settings(config).warehouse.path
    assert warehouse_rows(path, "select status from run_log where run_id = ?",
                          [f"monitor-{run_id}"]) == [("completed",)]
    assert warehouse_rows(path, "select count(*) > 0 from stored_articles") == [(True,)]
    assert warehouse_rows(path, "select count(*) > 0 from series") == [(True,)]
    assert artifact_keys(api, run_id) == ["tradewatch-monitor"]


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> bool:
    def t(s: str) -> datetime:
        return datetime.fromisoformat(s.replace("Z", "+00:00"))
    return t(a["start_time"]) < t(b["end_time"]) and t(b["start_time"]) < t(a["end_time"])


def test_two_workers_run_two_sources_at_once_without_losing_rows(
        deployed: dict[str, Any], replay_server: Any, tmp_path: Path) -> None:
    from tests.conftest import replay_toml

    api = deployed["api"]
    shared = tmp_path / "shared"
    shared.mkdir()
    config = shared / "tradewatch.toml"
    config.write_text(replay_toml(replay_server, shared / "tw.duckdb", 5), encoding="utf-8")
    # Both runs wait in the pool before the workers start, so each worker takes one at once;
    # each run's robots.txt arrives over 6 s, so that the runs overlap even when one worker
    # starts a few seconds after the other on a busy machine
    ids = [trigger(api, "monitor/every-30-minutes", {"config": str(config), "sources": [name]})
           for name in ("kdpt", "tin")]
    replay_server.set_faults(FaultPlan(rules=[FaultRule("slow", path="/robots.txt", chunks=4,
                                                        delay_s=1.5)]))
    try:
        with workers(deployed["env"], 2, tmp_path):
            runs = wait_final(api, ids, tmp_path)
    finally:
        replay_server.set_faults(None)
    assert [r["state_type"] for r in runs.values()] == ["COMPLETED", "COMPLETED"]
    assert _overlap(*runs.values()), "the two runs did not run at the same time"
    # The same work done one source after the other, without Prefect, must give the same rows.
    alone = tmp_path / "alone"
    alone.mkdir()
    (alone / "tradewatch.toml").write_text(
        replay_toml(replay_server, alone / "tw.duckdb", 5), encoding="utf-8")
    plain = load_settings(alone / "tradewatch.toml")
    for name in ("kdpt", "tin"):
        run_loop.run_monitor(plain, [name])
    # (Which of two syndicated copies counts as the first may differ with load order.)
    fingerprint = ("select count(*), count(distinct url), md5(string_agg(url, ',' order by url))"
                   " from stored_articles")
    series = ("select count(*), md5(string_agg(k, ',' order by k)) from (select concat_ws('|', "
              "region, indicator, scope, metric, period_start, period_end, value, unit) as k "
              "from series)")
    both = load_settings(config).warehouse.path
    assert warehouse_rows(both, fingerprint) == warehouse_rows(plain.warehouse.path, fingerprint)
    assert warehouse_rows(both, series) == warehouse_rows(plain.warehouse.path, series)
    limit = httpx.get(f"{api}/v2/concurrency_limits/warehouse-writer", timeout=10).json()
    assert limit["limit"] == 1 and limit["active_slots"] == 0
    # Every load of both runs held the writer slot, and no two holds overlapped.
    batches = {r: warehouse_rows(both, "select (counts->>'batches')::int from run_log "
                                       "where run_id = ?", [f"monitor-{r}"])[0][0] for r in ids}
    holds = writer_holds(api, ids, sum(batches.values()))
    assert {r: sum(h[0] == r for h in holds) for r in ids} == batches
    # Events are stamped just after the acquire returns and just after the release returns, so
    # a release and the next acquire can be stamped in either order within a round trip.
    slack = timedelta(seconds=0.1)
    spans = sorted((start, end) for _, start, end in holds)
    assert all(end - slack <= nxt for (_, end), (nxt, _) in zip(spans, spans[1:], strict=False))


def _events(api: str, names: list[str]) -> list[dict[str, Any]]:
    """Every event with one of these names (following the API's pages)."""
    page = httpx.post(f"{api}/events/filter", timeout=10,
                      json={"filter": {"event": {"name": names}}, "limit": 50}).json()
    events = list(page["events"])
    while page.get("next_page"):
        page = httpx.get(page["next_page"], timeout=10).json()
        events += page["events"]
    return events


def writer_holds(api: str, run_ids: list[str], expected: int) -> list[tuple[str, datetime,
                                                                          datetime]]:
    """(flow run, acquired at, released at) of each warehouse-writer hold by these runs.

    Events reach the server's database a few seconds after they happen: poll (bounded).
    """
    acquire, release = "prefect.concurrency-limit.acquired", "prefect.concurrency-limit.released"
    deadline = time.monotonic() + 60
    while True:
        by_task: dict[str, dict[str, Any]] = {}
        for e in _events(api, [acquire, release]):
            rel = {r["prefect.resource.role"]: r["prefect.resource.id"].rsplit(".", 1)[1]
                   for r in e["related"]}
            if e["resource"].get("prefect.resource.name") != "warehouse-writer" or \
                    rel.get("flow-run") not in run_ids:
                continue
            hold = by_task.setdefault(rel["task-run"], {"run": rel["flow-run"]})
            hold[e["event"]] = datetime.fromisoformat(e["occurred"].replace("Z", "+00:00"))
        holds = [(h["run"], h[acquire], h[release]) for h in by_task.values()
                 if acquire in h and release in h]
        if len(holds) >= expected or time.monotonic() > deadline:
            return holds
        time.sleep(1)


def test_the_cli_records_its_runs_on_the_server_when_one_is_set(
        deployed: dict[str, Any], replay_server: Any, tmp_path: Path) -> None:
    from tests.conftest import replay_toml

    config = tmp_path / "tradewatch.toml"
    config.write_text(replay_toml(replay_server, tmp_path / "tw.duckdb"), encoding="utf-8")
    env = {**deployed["env"], "TRADEWATCH_PREFECT": "on"}
    done = subprocess.run([sys.executable, "-m", "flows", "run", "--config", str(config)],
                          cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "temporary local API" not in done.stderr and "Traceback" not in done.stderr
    run_id = warehouse_rows(tmp_path / "tw.duckdb", "select run_id from run_log")[0][0]
    flow_run = httpx.get(f"{deployed['api']}/flow_runs/{run_id.removeprefix('monitor-')}",
                         timeout=10).json()
    assert flow_run["state_type"] == "COMPLETED"
    assert artifact_keys(deployed["api"], flow_run["id"]) == ["tradewatch-monitor"]

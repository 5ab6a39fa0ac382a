"""The run, backfill, reprocess and demo commands as a user runs them (subprocesses)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from replay import FaultPlan, FaultRule
from warehouse import db

NOISE = ("Traceback", "Error flushing", "CancelledError", "telemetry", "| ERROR")
SMALL = datetime(2023, 7, 1, tzinfo=timezone(timedelta(hours=7)))


def env_for(tmp_path: Path, prefect: bool) -> dict[str, str]:
    """The user's environment: no Prefect server, a fresh PREFECT_HOME, Prefect on or off."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PREFECT_", "TRADEWATCH_"))}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    env["TRADEWATCH_PREFECT"] = "on" if prefect else "off"
    env["COLUMNS"] = "160"
    return env


def tradewatch(args: list[str], cwd: Path, env: dict[str, str],
               timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flows", *args], cwd=cwd, env=env, text=True,
                          capture_output=True, timeout=timeout)


def assert_quiet(done: subprocess.CompletedProcess[str]) -> None:
    both = done.stdout + done.stderr
    found = [n for n in NOISE if n in both]
    assert not found, f"noise {found} on screen:\n{done.stderr[-3000:]}"


def check_demo(directory: Path, done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 0, done.stderr[-3000:]
    assert "series: " in done.stdout and "chart of " in done.stdout
    assert "tradewatch sql" in done.stdout and "tradewatch catalog" in done.stdout
    assert "conflicts: " in done.stdout and "checks: " in done.stdout
    png = directory / "chart.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with db.connect(directory / "tradewatch.duckdb", read_only=True) as con:
        n_series = con.execute("select count(*) from series").fetchone()[0]
        runs = con.execute("select kind, status from runs order by started_at").fetchall()
    assert n_series > 0 and f"{n_series} observations" in done.stdout
    assert runs == [("monitor", "completed"), ("backfill", "completed")]


def test_demo_without_prefect_in_a_fresh_directory(tmp_path: Path) -> None:
    done = tradewatch(["demo"], tmp_path, env_for(tmp_path, prefect=False))
    check_demo(tmp_path / "data" / "demo", done)
    assert_quiet(done)
    again = tradewatch(["sql", "select count(*) as n from runs", "--config",
                        "data/demo/tradewatch.toml"], tmp_path, env_for(tmp_path, False))
    assert again.returncode == 0 and "2" in again.stdout


@pytest.mark.slow
def test_demo_with_prefect_is_quiet_and_well_under_two_minutes(tmp_path: Path) -> None:
    started = time.monotonic()
    done = tradewatch(["demo", "--dir", "out"], tmp_path, env_for(tmp_path, prefect=True),
                      timeout=180)
    seconds = time.monotonic() - started
    check_demo(tmp_path / "out", done)
    assert_quiet(done)
    assert seconds < 100, f"demo took {seconds:.0f} s"


@pytest.mark.slow  # four subprocesses, each importing the project
def test_run_backfill_reprocess_commands(replay: Any, replay_config: Any,
                                         tmp_path: Path) -> None:
    replay.set_clock(SMALL)
    config = str(replay_config(batch_size=5))
    env = env_for(tmp_path, prefect=False)
    first = tradewatch(["run", "--config", config], tmp_path, env)
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("monitor: ") and " 0 new URLs" not in first.stdout
    second = tradewatch(["run", "--config", config, "--source", "kdpt"], tmp_path, env)
    assert "monitor: 0 new URLs" in second.stdout
    back = tradewatch(["backfill", "--since", "2022-01-01", "--until", "2023-01-01",
                       "--config", config], tmp_path, env)
    assert back.returncode == 0 and back.stdout.startswith("backfill: ")
    again = tradewatch(["reprocess", "--config", config], tmp_path, env)
    assert again.returncode == 0 and "0 changed" in again.stdout
    for done in (first, second, back, again):
        assert_quiet(done)


def test_unknown_source_is_a_one_line_error(replay_config: Any, tmp_path: Path) -> None:
    done = tradewatch(["run", "--config", str(replay_config()), "--source", "nope"], tmp_path,
                      env_for(tmp_path, prefect=False))
    assert done.returncode == 2 and "no source named 'nope'" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_a_rerun_finishes(replay: Any, replay_config: Any,
                                                    tmp_path: Path) -> None:
    replay.set_clock(SMALL)
    replay.set_faults(FaultPlan([FaultRule("slow", path="*.html", delay_s=0.4)]))
    config = str(replay_config(batch_size=2))
    env = env_for(tmp_path, prefect=False)
    proc = subprocess.Popen([sys.executable, "-m", "flows", "run", "--config", config],
                            cwd=tmp_path, env=env, text=True, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        time.sleep(4)
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)
    assert proc.returncode == 130, err[-2000:]
    assert "interrupted" in err and "Traceback" not in err + out
    replay.set_faults(None)
    with db.connect(tmp_path / "tw.duckdb", read_only=True) as con:
        assert con.execute("select status from runs").fetchall() == [("interrupted",)]
    done = tradewatch(["run", "--config", config], tmp_path, env)
    assert done.returncode == 0, done.stderr
    with db.connect(tmp_path / "tw.duckdb", read_only=True) as con:
        dupes = con.execute("select count(*) - count(distinct url) from stored_articles")
        assert dupes.fetchone() == (0,)


@pytest.mark.slow
def test_demo_twice_in_one_directory_gives_the_same_series(tmp_path: Path) -> None:
    env = env_for(tmp_path, prefect=False)
    counts = []
    for _ in range(2):
        done = tradewatch(["demo"], tmp_path, env)
        check_demo(tmp_path / "data" / "demo", done)
        with db.connect(tmp_path / "data" / "demo" / "tradewatch.duckdb", read_only=True) as con:
            counts.append(con.execute("select count(*), count(distinct url) from articles")
                          .fetchone())
    assert counts[0] == counts[1] and counts[0][0] == counts[0][1]


def test_demo_refuses_a_directory_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "tradewatch.duckdb").write_bytes(b"not the demo's")
    done = tradewatch(["demo", "--dir", "mine"], tmp_path, env_for(tmp_path, prefect=False))
    assert done.returncode == 2 and "did not write" in done.stderr
    assert (tmp_path / "mine" / "tradewatch.duckdb").read_bytes() == b"not the demo's"


def test_an_unreachable_prefect_server_is_a_one_line_error(replay_config: Any,
                                                           tmp_path: Path) -> None:
    env = {**env_for(tmp_path, prefect=True), "PREFECT_API_URL": "http://127.0.0.1:9/api"}
    done = tradewatch(["run", "--config", str(replay_config())], tmp_path, env)
    assert done.returncode == 2 and "PREFECT_API_URL=http://127.0.0.1:9/api" in done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1

"""Issue 14, point 6: `tradewatch sql` is bounded: a statement timeout, a memory cap, Ctrl-C
stops the query; a load waits for a reader as long as a reader may take, and says so."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows import writer
from flows.config import Settings
from tests.helpers import sample
from tests.helpers.cli import base_env, command, tw
from warehouse import db, load

LONG = "select count(*) from range(100000000000) as a, range(10) as b"


@pytest.fixture()
def cfg(tmp_path: Path) -> Path:
    wh = tmp_path / "tw.duckdb"
    with db.connect(wh, wait_s=10) as con:
        load.load_batch(con, sample.first_batch())
    path = tmp_path / "tradewatch.toml"
    path.write_text(f'[warehouse]\npath = "{wh}"\n', encoding="utf-8")
    return path


def test_a_long_query_stops_at_its_timeout(tmp_path: Path, cfg: Path) -> None:
    started = time.monotonic()
    res = tw(["sql", LONG, "--timeout", "1", "-c", str(cfg)], cwd=tmp_path)
    assert time.monotonic() - started < 20
    assert res.returncode == 2 and "Traceback" not in res.stderr
    assert "tradewatch: error: the query was stopped after 1 s (--timeout" in res.stderr


def test_the_default_timeout_and_memory_cap_apply(tmp_path: Path, cfg: Path) -> None:
    cfg.write_text(cfg.read_text(encoding="utf-8") + "sql_timeout_s = 1\nreader_memory_mb = 512\n",
                   encoding="utf-8")
    res = tw(["sql", LONG, "-c", str(cfg)], cwd=tmp_path)
    assert "stopped after 1 s" in res.stderr
    res = tw(["sql", "select current_setting('memory_limit') as m, "
                     "current_setting('max_temp_directory_size') as t", "-f", "csv",
              "-c", str(cfg)], cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    memory, temp = res.stdout.splitlines()[1].split(",")
    assert memory.startswith(("488", "512")) and temp.startswith(("488", "512"))
    res = tw(["sql", "set memory_limit = '20GB'", "-c", str(cfg)], cwd=tmp_path)
    assert res.returncode == 2  # the cap cannot be lifted from inside the query


def test_ctrl_c_interrupts_the_query(tmp_path: Path, cfg: Path) -> None:
    proc = subprocess.Popen([*command(), "sql", LONG, "--timeout", "0", "-c", str(cfg)],
                            cwd=tmp_path, env=base_env(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    time.sleep(3)  # the command starts, opens the warehouse and runs the query
    proc.send_signal(signal.SIGINT)
    stopped = time.monotonic()
    _out, err = proc.communicate(timeout=30)
    assert time.monotonic() - stopped < 10
    assert proc.returncode == 130 and "Traceback" not in err


def test_a_load_waits_for_a_reader_within_its_timeout_and_says_so(tmp_path: Path) -> None:
    settings = Settings(warehouse={"path": str(tmp_path / "tw.duckdb"), "lock_timeout_s": 0.5,
                                   "sql_timeout_s": 2})
    with writer.connect_writer(settings):
        pass
    # another process reads for 2 s (a `tradewatch sql` obeying a 2 s timeout)
    reader = subprocess.Popen([sys.executable, "-c", (
        "import duckdb, sys, time\n"
        f"con = duckdb.connect({str(settings.warehouse.path)!r}, read_only=True)\n"
        "print('open', flush=True)\ntime.sleep(2)\ncon.close()\n")], stdout=subprocess.PIPE,
        text=True)
    assert reader.stdout is not None and reader.stdout.readline().strip() == "open"
    said: list[str] = []
    started = time.monotonic()
    with writer.connect_writer(settings, on_wait=said.append) as con:
        con.execute("select 1")
    assert 1.5 < time.monotonic() - started < 30
    assert said and said[0].startswith("waiting for a reader")
    reader.wait(timeout=30)

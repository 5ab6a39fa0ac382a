"""Opening the warehouse: writer lock and read-only readers across real processes, SIGKILL."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from extractors.errors import UserError
from tests.helpers import sample
from warehouse import db, load
from warehouse.errors import WarehouseBusy, WarehouseError

HOLD = """
import sys, time
from warehouse import db
with db.connect(sys.argv[1], read_only=sys.argv[3] == "r", wait_s=10) as con:
    print("holding", flush=True)
    time.sleep(float(sys.argv[2]))
"""

# Loads one batch, then a second whose transaction stops just before its commit (the vintage
# rebuild announces itself and sleeps) so the parent can SIGKILL it mid-batch.
KILLED = """
import sys, time
from warehouse import db, load, vintages
from tests.helpers import sample
with db.connect(sys.argv[1]) as con:
    load.load_batch(con, sample.first_batch())
    real = vintages.rebuild
    def rebuild(c):
        changes = real(c)
        print("mid-batch", flush=True)
        time.sleep(60)
        return changes
    vintages.rebuild = rebuild
    load.load_batch(con, sample.history_batch())
"""


@pytest.fixture()
def path(tmp_path: Path) -> Path:
    p = tmp_path / "w.duckdb"
    with db.connect(p, wait_s=5):
        pass
    return p


def _child(code: str, *args: str) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline() if proc.stdout else ""
    assert line.strip() in ("holding", "mid-batch"), proc.stderr.read() if proc.stderr else ""
    return proc


@pytest.fixture()
def holder(path: Path) -> Iterator:
    procs: list[subprocess.Popen] = []

    def start(seconds: float, mode: str = "w") -> subprocess.Popen:
        procs.append(_child(HOLD, str(path), str(seconds), mode))
        return procs[-1]

    yield start
    for p in procs:
        p.kill()
        p.wait()


def test_second_writer_waits_with_a_message_then_gets_in(path: Path, holder) -> None:
    child = holder(1.5)
    messages: list[str] = []
    started = time.monotonic()
    with db.connect(path, wait_s=20, on_wait=messages.append) as con:
        assert con.execute("select count(*) from series").fetchone() == (0,)
    assert time.monotonic() - started > 0.5
    assert f"waiting for the warehouse lock held by PID {child.pid} since" in messages[0]


def test_second_writer_gives_up_after_wait_s(path: Path, holder) -> None:
    child = holder(30)
    with pytest.raises(WarehouseBusy, match=f"PID {child.pid}.*gave up after 0.5 s"):
        with db.connect(path, wait_s=0.5):
            pass


def test_reader_waits_for_a_load_then_reads(path: Path, holder) -> None:
    child = holder(1.5)
    messages: list[str] = []
    with db.connect(path, read_only=True, wait_s=20, on_wait=messages.append) as con:
        assert con.execute("select count(*) from articles").fetchone() == (0,)
    assert f"waiting for a load (PID {child.pid} since" in messages[0]


def test_reader_gives_up_with_warehouse_busy(path: Path, holder) -> None:
    holder(30)
    with pytest.raises(WarehouseBusy, match="gave up"):
        with db.connect(path, read_only=True, wait_s=0.5):
            pass


def test_writer_waits_for_a_reader(path: Path, holder) -> None:
    child = holder(1.5, "r")
    messages: list[str] = []
    with db.connect(path, wait_s=20, on_wait=messages.append):
        pass
    assert f"waiting for a reader (PID {child.pid})" in messages[0]


def test_two_readers_read_together(path: Path, holder) -> None:
    holder(30, "r")
    with db.connect(path, read_only=True, wait_s=2) as con:
        assert con.execute("select 1").fetchone() == (1,)


def test_reader_cannot_write(path: Path) -> None:
    with db.connect(path, read_only=True, wait_s=1) as con, pytest.raises(Exception,
                                                                         match="read-only"):
        con.execute("delete from raw_pages")


def test_missing_warehouse_for_a_reader(tmp_path: Path) -> None:
    with pytest.raises(db.WarehouseMissing, match="no warehouse at"):
        with db.connect(tmp_path / "none.duckdb", read_only=True):
            pass
    assert not (tmp_path / "none.duckdb").exists()


def test_corrupt_file_is_a_one_line_warehouse_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a database" * 500)
    for read_only in (False, True):
        with pytest.raises(WarehouseError) as err:
            with db.connect(bad, read_only=read_only, wait_s=1):
                pass
        assert "\n" not in str(err.value) and str(bad) in str(err.value)
        assert isinstance(err.value, UserError)  # the CLI shows it as one line, exit 2


def test_unwritable_place_is_a_warehouse_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(WarehouseError, match="cannot create"):
        with db.connect(blocker / "w.duckdb", wait_s=1):
            pass


def test_lock_released_after_an_error_inside(path: Path) -> None:
    with pytest.raises(RuntimeError), db.connect(path, wait_s=1):
        raise RuntimeError("boom")
    with db.connect(path, wait_s=1):
        pass


@pytest.mark.slow
def test_sigkill_mid_batch_leaves_no_partial_batch(path: Path) -> None:
    child = _child(KILLED, str(path))
    child.send_signal(signal.SIGKILL)
    child.wait()
    with db.connect(path, wait_s=10) as con:
        counts = con.execute("select (select count(*) from stored_articles), "
                             "(select count(*) from figure_mentions), "
                             "(select count(*) from vintages)").fetchone()
    with db.connect(path.with_name("fresh.duckdb"), wait_s=10) as fresh:
        load.load_batch(fresh, sample.first_batch())
        expected = fresh.execute("select (select count(*) from stored_articles), "
                                 "(select count(*) from figure_mentions), "
                                 "(select count(*) from vintages)").fetchone()
    assert counts == expected == (4, 15, 5)

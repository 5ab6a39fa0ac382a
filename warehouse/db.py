"""Open the DuckDB warehouse: one writer at a time (a lock file), readers read-only, both wait.

DuckDB lets one process hold the file read-write and then no other process may open it, not even
read-only. So writers first take an exclusive `fcntl.flock` on `<file>.lock` (and write their PID
and start time into it, for the message others see), then open the file; readers open it
read-only and retry while DuckDB reports the lock. Both give up with WarehouseBusy after wait_s.
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from extractors.errors import ConfigError, UserError
from warehouse import migrate
from warehouse.errors import WarehouseBusy, WarehouseError

if TYPE_CHECKING:
    import duckdb

logger = logging.getLogger(__name__)

OnWait = Callable[[str], None]
_POLL_S = 0.1
_ANNOUNCE_EVERY_S = 10.0


class WarehouseMissing(WarehouseError):
    """There is no warehouse file yet (nothing has been loaded)."""


class WarehouseUnusable(WarehouseError, UserError):
    """The configured path cannot hold a warehouse (a corrupt file, a directory, no permission):
    the user's to fix, so the CLI shows it as a user error (one line, exit code 2)."""


def lock_path(path: Path) -> Path:
    """The lock file that writers hold beside the DuckDB file."""
    return path.with_name(path.name + ".lock")


def _holder(path: Path) -> str:
    """Who holds the writer lock, as the holder wrote it ("PID n since …")."""
    try:
        text = lock_path(path).read_text().strip()
    except OSError:
        text = ""
    return text or "another process"


class _Waiter:
    """Says why we wait: at once, then every few seconds; raises WarehouseBusy past the deadline."""

    def __init__(self, wait_s: float, on_wait: OnWait | None) -> None:
        self.deadline = time.monotonic() + wait_s
        self.wait_s = wait_s
        self.on_wait = on_wait
        self.next_say = 0.0
        self.waited = False

    def tick(self, message: str) -> None:
        now = time.monotonic()
        if now >= self.deadline:
            raise WarehouseBusy(f"{message}; gave up after {self.wait_s:g} s")
        if now >= self.next_say:
            if self.on_wait is None:
                logger.warning(message)
            else:  # the caller shows it; a warning too would print it twice on a bare logger
                logger.info(message)
                self.on_wait(message)
            self.next_say = now + _ANNOUNCE_EVERY_S
        self.waited = True
        time.sleep(_POLL_S)


def _take_writer_lock(path: Path, waiter: _Waiter) -> int:
    """Take the exclusive lock file; returns its descriptor (closing it releases the lock)."""
    if not lock_path(path).exists():
        _created_locks.add(lock_path(path))
    try:
        fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise WarehouseUnusable(f"cannot create the lock file beside {path}: {e.strerror}"
                                ) from None
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            waiter.tick(f"waiting for the warehouse lock held by {_holder(path)} ({path})")
    since = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    os.ftruncate(fd, 0)
    os.pwrite(fd, f"PID {os.getpid()} since {since}".encode(), 0)
    return fd


_created_locks: set[Path] = set()  # lock files this process created (removed if unusable)


def _release(fd: int, path: Path | None = None) -> None:
    """Release the writer lock; with `path`, also remove the lock file when this process
    created it for a warehouse that turned out unusable (nothing is left beside a stray file)."""
    os.ftruncate(fd, 0)
    if path is not None and lock_path(path) in _created_locks:
        lock_path(path).unlink(missing_ok=True)
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


def _duckdb_holder(path: Path, err: Exception) -> str:
    """The process DuckDB names as holding the file, with its start time when it is ours."""
    match = re.search(r"PID (\d+)", str(err))
    if not match:
        return _holder(path)
    ours = _holder(path)
    return ours if ours.startswith(f"PID {match.group(1)} ") else f"PID {match.group(1)}"


def _is_lock_conflict(err: Exception) -> bool:
    return "Could not set lock" in str(err) or "Conflicting lock" in str(err)


def _one_line(err: Exception) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


# DuckDB's memory cap for loads (it spills to a temp file past it). Its default, 80% of RAM,
# let a 5,000-article backfill peak at ~500 MB; 128MB and batches of 100 articles, ~360 MB;
# 64MB, ~30 MB less again (the checkpoint at each load's close is the peak), so the run stays
# under 400 MB through Prefect too (bench/bench_backfill.py). A load raises it for the bytes
# it carries (warehouse/load.py). Readers: see `reader_config`.
DEFAULT_WRITER_MEMORY_MB = 64
MEMORY_ENV = "TRADEWATCH_DUCKDB_MEMORY_MB"


def writer_memory_mb() -> int:
    """The writer's memory cap in MB: TRADEWATCH_DUCKDB_MEMORY_MB, else 64 (ConfigError when
    the variable is not a whole number of at least 16)."""
    raw = os.environ.get(MEMORY_ENV, "").strip()
    if not raw:
        return DEFAULT_WRITER_MEMORY_MB
    try:
        mb = int(raw)
    except ValueError:
        mb = 0
    if mb < 16:
        raise ConfigError(f"{MEMORY_ENV}={raw[:40]!r}: must be a whole number of megabytes, "
                          "16 or more (default 64)")
    return mb


WRITER_MEMORY_MB = DEFAULT_WRITER_MEMORY_MB  # the default; writer_memory_mb() is what applies


def _open(path: Path, read_only: bool, waiter: _Waiter) -> duckdb.DuckDBPyConnection:
    """duckdb.connect, retried while another process holds the file."""
    import duckdb

    while True:
        try:
            config = {} if read_only else {"memory_limit": f"{writer_memory_mb()}MB"}
            return duckdb.connect(str(path), read_only=read_only, config=config)
        except duckdb.Error as e:
            if not _is_lock_conflict(e):
                raise WarehouseUnusable(f"cannot open the warehouse {path}: {_one_line(e)}"
                                        ) from None
            who = "a load" if read_only else "a reader"
            waiter.tick(f"waiting for {who} ({_duckdb_holder(path, e)}) to release the warehouse "
                        f"{path}")


def _prepare_dir(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise WarehouseUnusable(f"cannot create {path.parent}: {e.strerror}") from None
    if not os.access(path.parent, os.W_OK):
        raise WarehouseUnusable(f"cannot write the warehouse: {path.parent} is not writable")


@contextmanager
def connect(
    path: str | Path,
    read_only: bool = False,
    wait_s: float = 300.0,
    on_wait: OnWait | None = None,
    reader_wait_s: float = 0.0,
) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the warehouse at `path`, migrated when writable; closed on exit. A
    writer waits `wait_s` for another writer, and at least `reader_wait_s` for readers (a
    `tradewatch sql` reader is bounded by its statement timeout: a load outlasts it)."""
    path = Path(path)
    waiter = _Waiter(wait_s, on_wait)
    if read_only:
        if not path.exists():
            raise WarehouseMissing(f"no warehouse at {path}")
        con = _open(path, True, waiter)
        if _version(con, path) < migrate.latest_version():
            con.close()  # an older warehouse: migrate it once as a writer, then read
            logger.info("migrating %s before reading it", path)
            with connect(path, False, max(waiter.deadline - time.monotonic(), 0), on_wait):
                pass
            con = _open(path, True, waiter)
        try:
            migrate.check_current(con, path)
            yield con
        finally:
            _close(con, path)
        return
    _prepare_dir(path)
    fd = _take_writer_lock(path, waiter)
    unusable = False
    try:
        try:
            con = _open(path, False, _Waiter(max(wait_s, reader_wait_s), on_wait))
            _migrate(con, path)
        except WarehouseUnusable:
            unusable = True
            raise
        try:
            yield con
        except duckdb_error() as e:
            raise WarehouseError(f"warehouse {path}: {_one_line(e)}") from e
        finally:
            _close(con, path)
    finally:
        _release(fd, path if unusable else None)
        _created_locks.discard(lock_path(path))


def duckdb_error() -> type[Exception]:
    """duckdb.Error (imported lazily: the CLI's help must not pay for duckdb)."""
    import duckdb

    return duckdb.Error


def _version(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    """The schema version of a file opened read-only; a damaged file is a one-line error."""
    try:
        return migrate.current_version(con)
    except duckdb_error() as e:
        con.close()
        raise WarehouseUnusable(f"cannot read the warehouse {path} (damaged or truncated?): "
                                f"{_one_line(e)}") from None


def _migrate(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Apply pending migrations; a file DuckDB cannot read through is a one-line error."""
    try:
        migrate.apply(con)
    except duckdb_error() as e:
        con.close()
        raise WarehouseUnusable(f"cannot read the warehouse {path} (damaged or truncated?): "
                                f"{_one_line(e)}") from None


def _close(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Close (DuckDB checkpoints here: a full disk shows now), as a WarehouseError."""
    try:
        con.close()
    except duckdb_error() as e:
        raise WarehouseError(f"closing the warehouse {path} failed: {_one_line(e)}") from None

"""The warehouse opened for writing by a run, and the load stage: one batch, in parts.

A run opens the warehouse only to record its start and read every source's state, to load
each batch, and to record its end; each opening is `connect_writer`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING

from flows import loading
from flows.config import Settings
from flows.loading import LoadTotals
from warehouse import db, load, threshold
from warehouse.batch import Batch

if TYPE_CHECKING:
    import duckdb

logger = logging.getLogger(__name__)

READER_SLACK_S = 30.0  # beyond a reader's statement timeout: its start-up and output
OnWait = Callable[[str], None]


@contextmanager
def connect_writer(settings: Settings, on_wait: OnWait | None = None
                   ) -> Iterator[duckdb.DuckDBPyConnection]:
    """The warehouse opened for writing, waiting for another writer up to lock_timeout_s (and
    for a `tradewatch sql` reader at least as long as its statement timeout allows it), with
    the configured confidence threshold recorded (a changed one rebuilds the vintages once)."""
    w = settings.warehouse
    readers = w.sql_timeout_s + READER_SLACK_S if w.sql_timeout_s else 0.0
    with db.connect(w.path, wait_s=w.lock_timeout_s, on_wait=on_wait,
                    reader_wait_s=readers) as con:
        threshold.record(con, settings.extract.min_confidence)
        yield con


class Loader:
    """Loads parts of one batch over one writer connection, reopened after a failed load."""

    def __init__(self, settings: Settings, on_wait: OnWait | None) -> None:
        self.settings, self.on_wait = settings, on_wait
        self.stack: ExitStack | None = None
        self.con: duckdb.DuckDBPyConnection | None = None
        self.memory_mb: int | None = None  # a raised cap for the next loads (boost)

    def boost(self, memory_mb: int) -> None:
        """Give the next loads `memory_mb` of DuckDB memory (a load that ran out of it)."""
        self.memory_mb = memory_mb

    def __call__(self, part: Batch) -> LoadTotals:
        con = self._open() if self.con is None else self.con
        try:
            stats = load.load_batch(con, part, max_attempts=self.settings.run.retry_max_attempts)
        except BaseException:
            self.close()
            raise
        self._checkpoint(con)
        return stats.as_dict()

    def _open(self) -> duckdb.DuckDBPyConnection:
        self.stack = ExitStack()
        self.con = self.stack.enter_context(connect_writer(self.settings, self.on_wait))
        if self.memory_mb:
            db.set_memory_limit(self.con, self.memory_mb)
        return self.con

    def _checkpoint(self, con: duckdb.DuckDBPyConnection) -> None:
        """Write committed rows to the file now, so the next part of a big batch starts with
        the writer's memory free; the rows are committed already, so a failure here is only
        logged (the close checkpoints again)."""
        try:
            db.checkpoint(con)
        except Exception as e:  # noqa: BLE001 - committed data is safe in the WAL
            logger.warning("checkpoint after a load failed (%s); the data is committed",
                           str(e).splitlines()[0][:200])
            self.close()

    def close(self) -> None:
        """Close the writer connection, if open."""
        if self.stack is not None:
            stack, self.stack, self.con = self.stack, None, None
            stack.close()


def load_into_warehouse(settings: Settings, batch: Batch,
                        on_wait: OnWait | None = None) -> LoadTotals:
    """Load one batch, in parts of at most loading.LOAD_PART_BYTES (one transaction each);
    an article whose load fails is recorded as a `load` failure and the rest loads
    (flows/loading.py). Returns the summed LoadStats."""
    loader = Loader(settings, on_wait)
    totals: LoadTotals = {}
    opened = False
    try:
        for part in loading.by_bytes(loading.units(batch)):
            opened = True
            loading.load_isolating(batch, part, loader, totals)
    finally:
        loader.close()
    if not opened:  # nothing to load: the writer still records the configured threshold
        with connect_writer(settings, on_wait):
            pass
    return totals

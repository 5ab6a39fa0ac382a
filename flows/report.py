"""What one run did (RunReport), and the new and revised observations it shows."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from extractors.errors import SourceError
from warehouse import changes, load
from warehouse.batch import Failure

if TYPE_CHECKING:
    import duckdb

logger = logging.getLogger(__name__)

SHOWN_ROWS = 200  # observations kept in a report for display; the warehouse holds them all
Row = dict[str, object]  # one observation (or reprocess change) by column name, for display


def new_run_id(kind: str) -> str:
    """A run id that sorts by time and says what ran."""
    return f"{kind}-{datetime.now(UTC):%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"


@dataclass
class RunReport:
    """What one run did: counts, the new and revised observations, and the failures."""

    run_id: str
    kind: str  # monitor | backfill | reprocess
    sources: list[str]
    started_at: datetime
    finished_at: datetime | None = None
    status: str = "running"  # running | completed | failed | interrupted
    error: str | None = None
    discovered: int = 0
    retried: int = 0
    fetched: int = 0
    not_modified: int = 0
    failed: int = 0
    deferred: int = 0  # URLs left queued because their host's robots.txt was unreachable
    articles: int = 0
    figures: int = 0
    batches: int = 0
    load: dict[str, int] = field(default_factory=dict)  # summed LoadStats
    diff: dict[str, int] = field(default_factory=dict)  # reprocess: added/removed/changed
    new_observations: list[Row] = field(default_factory=list)
    revised_observations: list[Row] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    source_errors: list[str] = field(default_factory=list)  # one line per failed source
    notes: list[str] = field(default_factory=list)  # deadline reached, Crawl-delay capped, …

    def counts(self) -> dict[str, int]:
        """The run's counters as one flat dict (for `runs`, artifacts and the CLI)."""
        base = {k: getattr(self, k) for k in ("discovered", "retried", "fetched", "not_modified",
                                               "failed", "deferred", "articles", "figures",
                                               "batches")}
        return {**base, **self.load, **{f"diff_{k}": v for k, v in self.diff.items()}}

    def note(self, message: str) -> None:
        """Add a note the run reports (and log it)."""
        logger.warning(message)
        self.notes.append(message)

    def raise_for_status(self) -> None:
        """Raise SourceError when a source failed (after the run was recorded); the error
        carries the report (`.report`), so what the other sources loaded can be shown."""
        if self.status == "failed":
            error = SourceError(self.error or "a source failed")
            error.report = self  # type: ignore[attr-defined]
            raise error

    def add_load(self, stats: Mapping[str, int | float]) -> None:
        """Sum one batch's load counts (LoadStats.as_dict(), or summed ones) into the report;
        only whole counts (seconds are not summed)."""
        for key, value in stats.items():
            if isinstance(value, int) and not isinstance(value, bool):
                self.load[key] = self.load.get(key, 0) + value


def list_changes(con: duckdb.DuckDBPyConnection, report: RunReport) -> None:
    """Fill the report's new and revised observations (for display); if even a raised memory
    cap is not enough, the run is still recorded, with a note instead of the lists."""
    load.fit_memory(con, changes.mentions_of_run(con, report.run_id))
    try:
        report.new_observations, report.revised_observations = changes.run_changes(
            con, report.run_id, SHOWN_ROWS)
    except Exception as e:  # noqa: BLE001 - the listing is for display; the run's end is not
        report.note(f"new and revised observations not listed: {str(e).splitlines()[0][:200]}")

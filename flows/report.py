"""What one run did (RunReport), and the new and revised observations it shows."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from extractors.errors import SourceError
from warehouse import load
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
    row = con.execute("select count(*) from figure_mentions where run_id = ?",
                      [report.run_id]).fetchone()
    load.fit_memory(con, int(row[0]) if row else 0)
    try:
        report.new_observations, report.revised_observations = run_changes(con, report.run_id)
    except Exception as e:  # noqa: BLE001 - the listing is for display; the run's end is not
        report.note(f"new and revised observations not listed: {str(e).splitlines()[0][:200]}")


_CHANGES_SQL = """
with mine as (
    select distinct obs_id, vintage_id from accepted_mentions where run_id = ?
),
other as (
    select distinct obs_id, vintage_id from accepted_mentions where run_id is distinct from ?
)
select
    v.region, v.indicator, v.scope, v.metric, v.period_start, v.period_end,
    v.value, v.unit, v.estimate, v.n_sources,
    v.obs_id in (select obs_id from other) as revised,
    (select b.value from vintages as b
     where b.obs_id = v.obs_id and b.vintage_id <> v.vintage_id
     order by b.last_reported desc limit 1) as previous_value
from vintages as v
where v.vintage_id in (select vintage_id from mine)
    and v.vintage_id not in (select vintage_id from other)
order by v.region, v.indicator, v.scope, v.metric, v.period_start
limit ?
"""


def run_changes(con: duckdb.DuckDBPyConnection, run_id: str) -> tuple[list[Row], list[Row]]:
    """(new, revised) observation values first reported by this run, SHOWN_ROWS at most each."""
    cur = con.execute(_CHANGES_SQL, [run_id, run_id, 2 * SHOWN_ROWS])
    cols = [d[0] for d in cur.description]
    rows: list[Row] = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    new = [r for r in rows if not r["revised"]][:SHOWN_ROWS]
    revised = [r for r in rows if r["revised"]][:SHOWN_ROWS]
    for r in rows:
        if not r.pop("revised"):
            r.pop("previous_value")
    return new, revised

"""The confidence threshold recorded in the warehouse (warehouse_settings, migration 007).

Views and the vintage rebuild read it from there, so `series` in the duckdb shell is what the
pipeline built. Every writing run records the configured value; when it changed, every
observation and vintage is rebuilt from the mentions accepted under the new one.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from warehouse import vintages
from warehouse.load import transaction

if TYPE_CHECKING:
    import duckdb

logger = logging.getLogger(__name__)


def recorded(con: duckdb.DuckDBPyConnection) -> float:
    """The threshold the warehouse's views use now."""
    return float(con.execute("select min_confidence from warehouse_settings").fetchone()[0])


def record(con: duckdb.DuckDBPyConnection, min_confidence: float
           ) -> vintages.VintageChanges | None:
    """Record the threshold; when it differs from the recorded one, rebuild observations and
    vintages in the same transaction and return what changed (None when it is the same)."""
    before = recorded(con)
    if before == min_confidence:
        return None
    with transaction(con):
        con.execute("update warehouse_settings set min_confidence = ?, "
                    "updated_at = current_timestamp", [min_confidence])
        changes = vintages.rebuild_all(con)
    logger.warning("confidence threshold %g -> %g: observations and vintages rebuilt (%d new "
                   "and %d removed values)", before, min_confidence, changes.vintages_new,
                   changes.vintages_removed)
    return changes

"""The warehouse's as-of date, which charts and the report print beside their figures."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb


def as_of(con: duckdb.DuckDBPyConnection) -> date | None:
    """The day the warehouse was last brought up to date: the end of its last completed run,
    else (figures loaded without a run) the newest day a figure was reported; None if empty."""
    row = con.execute("""
        select coalesce(
            (select max(finished_at)::date from runs where status = 'completed'),
            (select max(reported_on) from figure_mentions)
        )
    """).fetchone()
    return row[0] if row else None

"""sql, series, export and chart commands (issue 5)."""

from __future__ import annotations

from extractors.errors import NotLandedError

_MSG = "has not landed yet (issue 5: DuckDB warehouse)"


def sql_command(*args: object) -> None:
    """Run a read-only query."""
    raise NotLandedError(f"`sql` {_MSG}")


def series_command(*args: object) -> None:
    """Show series."""
    raise NotLandedError(f"`series` {_MSG}")


def export_command(*args: object) -> None:
    """Export views."""
    raise NotLandedError(f"`export` {_MSG}")


def chart_command(*args: object) -> None:
    """Draw a chart."""
    raise NotLandedError(f"`chart` {_MSG}")

"""run, backfill, reprocess and demo commands (issue 6)."""

from __future__ import annotations

from extractors.errors import NotLandedError


def run_command(*args: object) -> None:
    """Run the monitor flow once."""
    raise NotLandedError("`run` has not landed yet (issue 6: Prefect flows)")


def backfill_command(*args: object) -> None:
    """Backfill a date window."""
    raise NotLandedError("`backfill` has not landed yet (issue 6: Prefect flows)")


def reprocess_command(*args: object) -> None:
    """Re-extract stored pages."""
    raise NotLandedError("`reprocess` has not landed yet (issue 6: Prefect flows)")


def demo_command(*args: object) -> None:
    """Run the demo."""
    raise NotLandedError("`demo` has not landed yet (issue 6: Prefect flows)")

"""The extract command (issue 3)."""

from __future__ import annotations

from extractors.errors import NotLandedError


def extract_command(*args: object) -> None:
    """Print an article's figures."""
    raise NotLandedError("`extract` has not landed yet (issue 3: figure extraction)")

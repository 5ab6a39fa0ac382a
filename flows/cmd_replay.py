"""The replay-site command (issue 2)."""

from __future__ import annotations

from extractors.errors import NotLandedError


def replay_command(*args: object) -> None:
    """Serve the replay sites."""
    raise NotLandedError("`replay-site` has not landed yet (issue 2: replay site)")

"""A run's progress events, and the one process-wide hook the CLI's progress bar listens on.

`progress(event, amount)`: event is "discovered", "fetched", "failed", "figures" or "batch".

Runs take a `progress` callback, and the plain runs are handed the CLI's bar that way. The
Prefect flows cannot be: a flow's parameters must be plain values (Prefect validates them and
stores them with the flow run), so a callable cannot be one. For them, and only for them, the
CLI installs its bar here for the length of the flow call (`reporting_to`); a run given no
callback reports to this hook. This is the only progress state kept outside a run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Progress = Callable[[str, int], None]


def no_progress(event: str, amount: int) -> None:
    """The default progress callback: nothing to show."""


_hook: Progress = no_progress


def current() -> Progress:
    """Where a run given no callback reports: the hook installed, else nowhere."""
    return _hook


@contextmanager
def reporting_to(hook: Progress) -> Iterator[None]:
    """Runs in this process that were given no callback report to `hook` while inside."""
    global _hook
    saved, _hook = _hook, hook
    try:
        yield
    finally:
        _hook = saved

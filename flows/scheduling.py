"""When a run stops (Deadline) and whose batch comes next (Turns)."""

from __future__ import annotations

import asyncio
import time as clock
from collections import deque
from collections.abc import Awaitable
from typing import Generic, Protocol, TypeVar

from flows.config import RunSettings
from flows.report import RunReport

T = TypeVar("T")


class Deadline:
    """A run's time limit ([run] max_minutes); None: no limit."""

    def __init__(self, minutes: float | None) -> None:
        self.minutes = minutes
        self.at = clock.monotonic() + minutes * 60 if minutes else None

    @classmethod
    def of(cls, run: RunSettings, kind: str) -> Deadline:
        """The deadline of a run of `kind` (monitor: max_minutes; backfill: its own key)."""
        return cls(run.backfill_max_minutes if kind == "backfill" else run.max_minutes)

    def expired(self) -> bool:
        """Whether the time is up."""
        return self.at is not None and clock.monotonic() >= self.at

    async def bound(self, work: Awaitable[T]) -> T:
        """`work`, cancelled with TimeoutError when the deadline passes."""
        if self.at is None:
            return await work
        async with asyncio.timeout_at(asyncio.get_running_loop().time()
                                      + max(self.at - clock.monotonic(), 0)):
            return await work

    def reached(self, report: RunReport, left: int, where: str) -> None:
        """Note that the deadline stopped the run (`left` URLs stay queued)."""
        report.note(f"deadline of {self.minutes:g} min ([run] max_minutes) reached {where}: "
                    f"{left} URLs left queued for the next run")


class Queued(Protocol):
    """One source's work as Turns sees it: its URLs, and whether it has failed."""

    urls: list[str]
    failed: bool


W = TypeVar("W", bound=Queued)


class Turns(Generic[W]):
    """Which source's batch comes next: sources in turn (A1, B1, A2, B2, …), so no source
    waits for all of another's and a deadline cuts all of them alike. URLs a batch did not
    start (its byte budget was reached) go back to the front of their source's queue."""

    def __init__(self, work: list[W], size: int) -> None:
        self.queues = {id(w): deque(w.urls) for w in work}
        self.work, self.size, self.next = work, size, 0

    def take(self) -> tuple[W, list[str]] | None:
        """The next source with URLs left and its next batch; None when all are done."""
        for k in range(len(self.work)):
            w = self.work[(self.next + k) % len(self.work)]
            queue = self.queues[id(w)]
            if queue and not w.failed:
                self.next = (self.next + k + 1) % len(self.work)
                return w, [queue.popleft() for _ in range(min(self.size, len(queue)))]
        return None

    def put_back(self, w: W, urls: list[str]) -> None:
        """URLs of `w` not fetched yet: first in its next batch."""
        self.queues[id(w)].extendleft(reversed(urls))

    def left(self) -> int:
        """URLs not taken yet, of sources that have not failed."""
        return sum(len(self.queues[id(w)]) for w in self.work if not w.failed)

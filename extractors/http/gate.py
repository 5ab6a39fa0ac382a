"""Per-host politeness: at most N requests in flight and one start every 1/rate s (+ jitter)."""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

Sleep = Callable[[float], Awaitable[None]]


class HostGate:
    """Spaces the starts of requests to one host and caps how many run at once."""

    def __init__(self, concurrency: int, sleep: Sleep = asyncio.sleep,
                 rng: random.Random | None = None) -> None:
        self._sem = asyncio.Semaphore(concurrency)
        self._lock = asyncio.Lock()
        self._next_start = 0.0
        self._paused_until = 0.0
        self._sleep = sleep
        self._rng = rng or random.Random()

    async def _wait_turn(self, interval_s: float, jitter_s: float) -> None:
        # Reserve a start time under the lock, then sleep outside it so others can queue.
        async with self._lock:
            now = time.monotonic()
            start = max(now, self._next_start)
            self._next_start = start + interval_s + self._rng.uniform(0, jitter_s)
        if start > now:
            await self._sleep(start - now)

    def pause(self, seconds: float) -> None:
        """Start no request to this host for `seconds` (the host said Retry-After)."""
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    @asynccontextmanager
    async def slot(self, interval_s: float, jitter_s: float) -> AsyncIterator[None]:
        """Hold one of the host's slots for one request, started no sooner than allowed."""
        async with self._sem:
            paused = self._paused_until - time.monotonic()
            if paused > 0:
                await self._sleep(paused)
            if interval_s > 0 or jitter_s > 0:
                await self._wait_turn(interval_s, jitter_s)
            yield

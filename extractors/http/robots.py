"""robots.txt per host: fetched once, cached, parsed with protego."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from protego import Protego

logger = logging.getLogger(__name__)

# (status, text) of GET /robots.txt; raises on network errors and timeouts.
RobotsFetcher = Callable[[str], Awaitable[tuple[int, str]]]


@dataclass(frozen=True, slots=True)
class Robots:
    """One host's rules; `rules=None` means allow-all (no file, or it could not be read)."""

    rules: Protego | None
    note: str  # why: "ok", "404", "unreachable: ..."

    def allows(self, url: str, user_agent: str) -> bool:
        """Whether `user_agent` may fetch `url`."""
        return self.rules is None or self.rules.can_fetch(url, user_agent)

    def crawl_delay(self, user_agent: str) -> float | None:
        """The Crawl-delay for `user_agent` in seconds, when the file sets one."""
        if self.rules is None:
            return None
        delay = self.rules.crawl_delay(user_agent)
        return float(delay) if delay is not None else None

    def sitemaps(self) -> list[str]:
        """The Sitemap: lines of the file."""
        return list(self.rules.sitemaps) if self.rules is not None else []


class RobotsCache:
    """robots.txt of each origin, fetched at most once per client (concurrent callers wait)."""

    def __init__(self, fetch: RobotsFetcher) -> None:
        self._fetch = fetch
        self._cache: dict[str, Robots] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def get(self, origin: str) -> Robots:
        """The rules of `origin` ("scheme://host[:port]")."""
        if origin in self._cache:
            return self._cache[origin]
        lock = self._locks.setdefault(origin, asyncio.Lock())
        async with lock:
            if origin not in self._cache:
                self._cache[origin] = await self._load(origin)
        return self._cache[origin]

    async def _load(self, origin: str) -> Robots:
        url = origin + "/robots.txt"
        try:
            status, text = await self._fetch(url)
        except Exception as e:  # noqa: BLE001 - any failure to read robots means allow-all
            logger.warning("robots.txt unreachable, treating as allow-all: %s: %r", url, e)
            return Robots(None, f"unreachable: {type(e).__name__}")
        if status >= 400:
            # 4xx: no robots file (allow-all, RFC 9309); 5xx: unreachable, allow-all and say so.
            log = logger.warning if status >= 500 else logger.info
            log("robots.txt answered %d, treating as allow-all: %s", status, url)
            return Robots(None, str(status))
        return Robots(Protego.parse(text), "ok")

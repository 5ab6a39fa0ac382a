"""robots.txt per host: fetched once per run, cached, parsed with protego (RFC 9309).

2xx: the file's rules. 4xx: no rules, everything allowed. 5xx, a network error, a timeout or
a redirect off the site: unreachable, so everything is disallowed for this run
(`RobotsUnreachable`) and the host is tried again at the next run.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from protego import Protego

logger = logging.getLogger(__name__)

# what getaddrinfo says when a name does not resolve (glibc, musl, macOS): no network, or no
# such host; either way another attempt within the same run cannot help
_NO_NAME = ("name resolution", "name or service not known", "nodename nor servname",
            "no address associated", "errno -2]", "errno -3]", "errno -5]", "errno 8]")


NO_NAME_REASON = "host name does not resolve: no network or DNS?"


def name_unresolved(e: BaseException) -> bool:
    """Whether a connection failed because the host's name did not resolve."""
    return any(s in str(e).lower() for s in _NO_NAME)


def unreachable_reason(e: BaseException) -> str:
    """Why a host could not be reached, for people: NO_NAME_REASON for a failed lookup, else
    the exception's type."""
    return NO_NAME_REASON if name_unresolved(e) else type(e).__name__


class RobotsRedirect(Exception):  # noqa: N818 - a reason, raised by the fetcher
    """robots.txt redirected where it may not be followed (another host, not http)."""


# (status, text) of GET /robots.txt; raises on network errors, timeouts, RobotsRedirect.
RobotsFetcher = Callable[[str], Awaitable[tuple[int, str]]]


@dataclass(frozen=True, slots=True)
class Robots:
    """One host's rules; `rules=None` means allow-all (no file) unless `unreachable`."""

    rules: Protego | None
    note: str  # why: "ok", "404", "unreachable: ..."
    unreachable: bool = False  # RFC 9309: 5xx or no answer means disallow all, retry later

    def allows(self, url: str, user_agent: str) -> bool:
        """Whether `user_agent` may fetch `url` (never while the file is unreachable)."""
        if self.unreachable:
            return False
        try:
            return self.rules is None or self.rules.can_fetch(url, user_agent)
        except Exception as e:  # noqa: BLE001 - a hostile file must not stop the fetch
            logger.info("robots.txt rules unusable for %s (%r): allowed", url, e)
            return True

    def crawl_delay(self, user_agent: str) -> float | None:
        """The Crawl-delay for `user_agent` in seconds, when the file sets one."""
        if self.rules is None:
            return None
        try:
            delay = self.rules.crawl_delay(user_agent)
            return float(delay) if delay is not None and float(delay) >= 0 else None
        except (TypeError, ValueError, OverflowError):
            return None

    def sitemaps(self) -> list[str]:
        """The Sitemap: lines of the file."""
        try:
            return list(self.rules.sitemaps) if self.rules is not None else []
        except Exception:  # noqa: BLE001 - a hostile file gives no sitemaps, nothing worse
            return []


def parse_robots(text: str) -> Robots:
    """The rules of a robots.txt body; any text gives a Robots (an unparseable one: allow-all,
    said in its note), never an exception."""
    try:
        return Robots(Protego.parse(text), "ok")
    except Exception as e:  # noqa: BLE001 - RFC 9309: parse what can be parsed
        logger.warning("robots.txt unparseable (%s), treating as allow-all", type(e).__name__)
        return Robots(None, f"unparseable: {type(e).__name__}")


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
        except Exception as e:  # noqa: BLE001 - any failure to read robots: unreachable
            why = str(e) if isinstance(e, RobotsRedirect) else unreachable_reason(e)
            # info: the client notes it once per host for the run's report (a warning then)
            logger.info("robots.txt unreachable, host disallowed until the next run: %s: %s",
                        url, why)
            return Robots(None, f"unreachable: {why}", unreachable=True)
        if status >= 500:
            logger.warning("robots.txt answered %d, host disallowed until the next run: %s",
                           status, url)
            return Robots(None, f"unreachable: HTTP {status}", unreachable=True)
        if status >= 400:  # no robots file: everything allowed (RFC 9309)
            logger.info("robots.txt answered %d, treating as allow-all: %s", status, url)
            return Robots(None, str(status))
        if status >= 300:
            return Robots(None, f"unreachable: HTTP {status} redirect not followed",
                          unreachable=True)
        return parse_robots(text)

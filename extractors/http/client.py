"""The polite HTTP client: one per run, built once and passed in (see FETCH_API.md)."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from extractors.http.charset import decode, decode_body
from extractors.http.errors import FetchError, OutOfScope, RobotsDisallowed, RobotsUnreachable
from extractors.http.gate import HostGate, Sleep
from extractors.http.retry import backoff_s, parse_retry_after, retryable_status
from extractors.http.robots import (
    NO_NAME_REASON,
    Robots,
    RobotsCache,
    RobotsRedirect,
    name_unresolved,
)
from extractors.http.scope import AddressGuard, Resolver, Scope, robots_scope, system_resolve
from extractors.model import Page
from extractors.settings import HttpSettings
from extractors.urls import netloc_of

logger = logging.getLogger(__name__)

MAX_REDIRECTS = 10
ROBOTS_MAX_REDIRECTS = 5  # RFC 9309: follow at least five
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 512_000
TEXT_TYPES = ("html", "xml", "text/", "rss", "atom", "json")
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
try:  # HTTP/2 to https sites when the h2 package is there (loopback http stays HTTP/1.1)
    import h2  # noqa: F401

    HTTP2 = True
except ImportError:
    HTTP2 = False


class _TooLarge(Exception):
    """A body went over one of the caps while streaming."""


@dataclass(slots=True)
class _Raw:
    """One HTTP exchange, before redirects and decoding."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""
    attempts: int = 1
    extra: dict[str, Any] = field(default_factory=dict)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{netloc_of(url)}"


def _is_text(content_type: str) -> bool:
    ct = content_type.lower()
    return not ct or any(t in ct for t in TEXT_TYPES)


def _network_reason(e: Exception) -> str:
    if isinstance(e, (httpx.TimeoutException, TimeoutError)):
        return f"timeout ({type(e).__name__})"
    return f"network error ({type(e).__name__}: {e})"[:200]


class PoliteClient:
    """httpx.AsyncClient with per-host politeness, robots.txt, retries, caps and charset."""

    def __init__(self, settings: HttpSettings, transport: httpx.AsyncBaseTransport | None = None,
                 *, sleep: Sleep = asyncio.sleep, rng: random.Random | None = None,
                 resolve: Resolver | None = None) -> None:
        self.settings = settings
        self.notes: list[str] = []  # what the run should report (a Crawl-delay capped, …)
        self._noted: set[str] = set()
        self._guard = AddressGuard(resolve or system_resolve)
        self._sleep = sleep
        self._rng = rng or random.Random()
        timeout = httpx.Timeout(settings.read_timeout_s, connect=settings.connect_timeout_s)
        self._http = httpx.AsyncClient(
            transport=transport, timeout=timeout, follow_redirects=False, http2=HTTP2,
            headers={"User-Agent": settings.user_agent, "Accept": ACCEPT,
                     "Accept-Language": "vi,en;q=0.5"},
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50))
        self._robots = RobotsCache(self._fetch_robots)
        self._gates: dict[str, HostGate] = {}

    async def __aenter__(self) -> PoliteClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._http.aclose()

    async def robots(self, url: str) -> Robots:
        """The robots.txt rules of `url`'s origin (cached)."""
        return await self._robots.get(_origin(url))

    async def fetch(self, url: str, scope: Scope, etag: str | None = None,
                    last_modified: str | None = None) -> Page:
        """GET `url` politely, within `scope` (the source's hosts and pacing, as its Source
        worked them out); a Page, or FetchError / RobotsDisallowed / OutOfScope with the
        reason."""
        if urlsplit(url).scheme.lower() not in ("http", "https") or not netloc_of(url):
            raise FetchError(url, "not an http(s) URL", None, retryable=False)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, hops = url, [url]
        for _ in range(MAX_REDIRECTS + 1):
            await self._check_scope(url, current, scope)
            raw = await self._fetch_one(current, scope, headers)
            if raw.status not in REDIRECT_STATUSES:
                return self._page(url, raw, hops)
            current = self._redirect_target(url, raw, scope, hops)
            hops.append(current)
        raise FetchError(url, f"more than {MAX_REDIRECTS} redirects", None, retryable=False)

    async def _check_scope(self, url: str, current: str, scope: Scope) -> None:
        """OutOfScope (for `url`, the URL asked for) when `current` may not be requested."""
        try:
            scope.check_host(current)
            await self._guard.check(current, scope.named)
        except OutOfScope as e:
            raise OutOfScope(url, e.reason) from None

    def note(self, key: str, message: str) -> None:
        """Remember something the run should report, once per key."""
        if key not in self._noted:
            self._noted.add(key)
            self.notes.append(message)
            logger.warning(message)

    def _redirect_target(self, url: str, raw: _Raw, scope: Scope, hops: list[str]) -> str:
        location = raw.headers.get("location")
        if not location:
            raise FetchError(url, f"HTTP {raw.status} without Location", raw.status, False)
        target = urljoin(raw.url, location)
        if not scope.allows(target):
            raise FetchError(url, f"off-site redirect to {target} refused", raw.status, False)
        if target in hops:
            raise FetchError(url, f"redirect loop via {target}", raw.status, retryable=False)
        return target

    def _page(self, url: str, raw: _Raw, hops: list[str]) -> Page:
        extra = {"attempts": raw.attempts, **raw.extra}
        if len(hops) > 1:
            extra["redirects"] = hops[1:]
        now = datetime.now(UTC)
        if raw.status == 304:
            return Page(url, raw.url, 304, raw.headers, b"", now, not_modified=True, extra=extra)
        text = encoding = None
        ctype = raw.headers.get("content-type", "")
        if _is_text(ctype):
            found = decode(raw.body, ctype)
            text, encoding = found.text, found.encoding
            if found.replaced:
                extra["replaced_bytes"] = found.replaced
            if "html" in ctype and "</html" not in text[-2048:].lower():
                # Complete by HTTP, cut by the server: the pipeline decides (kept, flagged).
                logger.info("%s: HTML without </html>: probably truncated", url)
                extra["truncated"] = True
        return Page(url, raw.url, raw.status, raw.headers, raw.body, now, text, encoding,
                    extra=extra)

    async def _check_robots(self, url: str) -> Robots:
        robots = await self.robots(url)
        if self.settings.obey_robots and robots.unreachable:
            why = robots.note.removeprefix("unreachable: ")
            origin = _origin(url)
            self.note(f"robots:{origin}", f"{origin}/robots.txt unreachable ({why}): nothing "
                      "fetched from that host in this run; its URLs wait for the next run")
            raise RobotsUnreachable(url, why)
        if self.settings.obey_robots and not robots.allows(url, self.settings.user_agent):
            logger.info("robots.txt disallows %s", url)
            raise RobotsDisallowed(url)
        return robots

    def _spacing(self, url: str, scope: Scope, robots: Robots) -> tuple[float, float]:
        if not self.settings.polite:
            return 0.0, 0.0
        interval = 1.0 / scope.rate_limit_per_s
        delay = robots.crawl_delay(self.settings.user_agent) if self.settings.obey_robots else None
        cap = self.settings.max_crawl_delay_s
        if delay is not None and delay > cap:
            host = netloc_of(url)
            self.note(f"crawl-delay:{host}", f"{host}: robots.txt Crawl-delay {delay:g} s capped "
                                             f"at {cap:g} s ([http] max_crawl_delay_s)")
            delay = cap
        return max(interval, delay or 0.0), scope.delay_jitter_s

    def _gate(self, url: str, scope: Scope) -> HostGate:
        key = netloc_of(url)
        if key not in self._gates:
            self._gates[key] = HostGate(scope.max_concurrency, self._sleep, self._rng)
        return self._gates[key]

    async def _fetch_one(self, url: str, scope: Scope, headers: dict[str, str]) -> _Raw:
        """One URL without redirects: robots, politeness, retries with backoff."""
        robots = await self._check_robots(url)
        interval, jitter = self._spacing(url, scope, robots)
        gate = self._gate(url, scope)
        s = self.settings
        reason, status = "no attempt made", None
        for attempt in range(s.max_retries + 1):
            retry_after = None
            try:
                async with gate.slot(interval, jitter):
                    raw = await self._get(url, headers)
            except _TooLarge as e:
                raise FetchError(url, str(e), 200, retryable=False) from None
            except httpx.InvalidURL as e:
                raise FetchError(url, f"invalid URL: {e}", None, retryable=False) from None
            except (httpx.LocalProtocolError, httpx.UnsupportedProtocol) as e:
                # our request is wrong (a header value, a scheme): another attempt cannot help
                raise FetchError(url, f"invalid request: {e}"[:200], None, retryable=False
                                 ) from None
            except TimeoutError:
                # the whole answer took longer than connect + read timeout (a body trickling
                # in byte by byte): not retried in this run, queued for a later one
                raise FetchError(url, f"timeout: no complete answer within "
                                 f"{self._deadline_s():g} s (slow or endless body)", None,
                                 retryable=True) from None
            except httpx.RequestError as e:
                if isinstance(e, httpx.ConnectError) and name_unresolved(e):
                    # the name does not resolve: no network, or no such host; another attempt
                    # in this run would fail alike, so the URL waits for the next run
                    raise FetchError(url, NO_NAME_REASON, None, retryable=True) from None
                reason, status = _network_reason(e), None
            else:
                raw.attempts = attempt + 1
                if not retryable_status(raw.status):
                    return self._check_status(url, raw)
                reason, status = f"HTTP {raw.status}", raw.status
                retry_after = parse_retry_after(raw.headers.get("retry-after"))
            if attempt == s.max_retries:
                break
            await self._wait_retry(url, gate, attempt, reason, status, retry_after)
        attempts = s.max_retries + 1
        raise FetchError(url, f"{reason} after {attempts} attempts", status, retryable=True)

    async def _wait_retry(self, url: str, gate: HostGate, attempt: int, reason: str,
                          status: int | None, retry_after: float | None) -> None:
        s = self.settings
        if retry_after is not None and retry_after > s.max_retry_after_s:
            raise FetchError(url, f"{reason} with Retry-After {retry_after:.0f} s over the "
                             f"{s.max_retry_after_s:.0f} s cap", status, retryable=True)
        if retry_after:
            gate.pause(retry_after)  # the whole host waits; the next slot sleeps it out
        wait = backoff_s(attempt, s.backoff_base_s, s.backoff_max_s, self._rng)
        logger.info("%s: %s, retry %d in %.2f s", url, reason, attempt + 1,
                    max(wait, retry_after or 0.0))
        await self._sleep(wait)

    def _check_status(self, url: str, raw: _Raw) -> _Raw:
        if raw.status < 400 or raw.status in REDIRECT_STATUSES:
            return raw
        raise FetchError(url, f"HTTP {raw.status}", raw.status, retryable=False)

    async def _get(self, url: str, headers: dict[str, str]) -> _Raw:
        """One GET, body streamed under the caps and the total deadline."""
        started = time.monotonic()
        async with asyncio.timeout(self._deadline_s()):
            response = await self._http.send(self._http.build_request("GET", url, headers=headers),
                                             stream=True)
            try:
                raw = _Raw(str(response.url), response.status_code, dict(response.headers.items()))
                if 200 <= raw.status < 300:
                    raw.body = await self._read_capped(response)
                    raw.extra["wire_bytes"] = response.num_bytes_downloaded
            finally:
                await response.aclose()
        raw.extra["elapsed_s"] = round(time.monotonic() - started, 4)
        return raw

    def _deadline_s(self) -> float:
        """The most one request may take, body included."""
        return self.settings.connect_timeout_s + self.settings.read_timeout_s

    async def _read_capped(self, response: httpx.Response) -> bytes:
        s = self.settings
        encoded = response.headers.get("content-encoding", "identity").lower() != "identity"
        wire_cap = s.max_compressed_bytes if encoded else s.max_body_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > wire_cap:
            raise _TooLarge(f"body over {wire_cap} bytes (Content-Length {declared})")
        chunks: list[bytes] = []
        total = 0
        async for chunk in response.aiter_bytes():
            total += len(chunk)
            if total > s.max_body_bytes:
                raise _TooLarge(f"body over {s.max_body_bytes} bytes")
            if response.num_bytes_downloaded > wire_cap:
                raise _TooLarge(f"body over {wire_cap} bytes (compressed)")
            chunks.append(chunk)
        return b"".join(chunks)

    async def _fetch_robots(self, url: str) -> tuple[int, str]:
        """GET robots.txt once, capped; redirects followed within the site only (RobotsRedirect
        otherwise); raises on network errors and timeouts."""
        scope = robots_scope(url)
        current = url
        async with asyncio.timeout(self._deadline_s()):
            for _ in range(ROBOTS_MAX_REDIRECTS + 1):
                status, headers, body = await self._get_robots(current)
                if status not in REDIRECT_STATUSES:
                    text, _ = decode_body(body, headers.get("content-type"))
                    return status, text
                target = urljoin(current, headers.get("location") or "")
                if not headers.get("location") or not scope.allows(target):
                    raise RobotsRedirect(f"redirect to {target[:100]} not followed")
                try:
                    await self._guard.check(target, scope.named)
                except OutOfScope as e:
                    raise RobotsRedirect(e.reason) from None
                current = target
        raise RobotsRedirect(f"more than {ROBOTS_MAX_REDIRECTS} redirects")

    async def _get_robots(self, url: str) -> tuple[int, httpx.Headers, bytes]:
        async with self._http.stream("GET", url) as response:
            chunks, size = [], 0
            async for chunk in response.aiter_bytes():
                chunks.append(chunk)
                size += len(chunk)
                if size > ROBOTS_MAX_BYTES:
                    break
            return response.status_code, response.headers, b"".join(chunks)[:ROBOTS_MAX_BYTES]

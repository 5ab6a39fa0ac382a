"""Fetching many URLs of one source: concurrent within politeness, never raising for one URL."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from extractors.http.errors import FetchError
from extractors.model import Page

if TYPE_CHECKING:
    from extractors.http import PoliteClient
    from extractors.http.scope import Scope

logger = logging.getLogger(__name__)

Validators = Mapping[str, tuple[str | None, str | None]]  # url -> (etag, last_modified)


@dataclass(frozen=True, slots=True)
class Candidate:
    """An article URL found by discovery (canonical), with what the listing said of it."""

    url: str
    published: datetime | None
    via: str  # "rss" | "sitemap" | "listing"
    title: str | None = None


@dataclass(frozen=True, slots=True)
class FetchOutcome:
    """One URL's result: exactly one of `page` and `error` is set."""

    url: str
    page: Page | None
    error: FetchError | None

    @property
    def ok(self) -> bool:
        """Whether a page (possibly not-modified) came back."""
        return self.page is not None


async def fetch_one(client: PoliteClient, scope: Scope, url: str,
                    validators: Validators | None = None) -> FetchOutcome:
    """Fetch one URL within its source's scope; any failure comes back as a FetchError with
    its reason."""
    etag, last_modified = (validators or {}).get(url, (None, None))
    try:
        page = await client.fetch(url, scope, etag=etag, last_modified=last_modified)
    except FetchError as e:
        logger.info("fetch failed: %s: %s", url, e.reason)
        return FetchOutcome(url, None, e)
    except Exception as e:  # noqa: BLE001 - one URL must never sink the batch; recorded below
        logger.warning("unexpected error fetching %s: %s: %s", url, type(e).__name__, e)
        logger.debug("unexpected error fetching %s", url, exc_info=e)  # the trace, for debug
        return FetchOutcome(url, None, FetchError(url, f"unexpected {type(e).__name__}: {e}"))
    return FetchOutcome(url, page, None)


async def fetch_many(client: PoliteClient, scope: Scope, urls: Iterable[str],
                     validators: Validators | None = None,
                     max_bytes: int | None = None) -> list[FetchOutcome]:
    """Fetch `urls` concurrently (the client enforces per-host politeness); one outcome per
    URL given, in order; a URL given twice is fetched once. With `max_bytes`, no fetch starts
    once the bodies fetched so far reach it: the URLs not started get no outcome (the caller
    keeps them for its next batch), so a batch of big pages stays small in memory."""
    given = list(urls)
    order = list(dict.fromkeys(given))
    # Bound the tasks in flight; the client's per-host gate does the politeness.
    limit = asyncio.Semaphore(max(4, scope.max_concurrency * 2))
    fetched = [0]

    async def one(url: str) -> FetchOutcome | None:
        async with limit:
            if max_bytes is not None and fetched[0] >= max_bytes:
                return None
            out = await fetch_one(client, scope, url, validators)
            fetched[0] += len(out.page.body) if out.page is not None else 0
            return out

    results = await asyncio.gather(*(one(u) for u in order))
    by_url = {u: r for u, r in zip(order, results, strict=True) if r is not None}
    if len(by_url) < len(order):
        logger.info("%s: batch stopped at %d of %d URLs (%d bytes fetched)", scope.source,
                    len(by_url), len(order), fetched[0])
    return [by_url[u] for u in given if u in by_url]

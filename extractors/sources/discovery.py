"""Discovery walks over feeds, sitemaps and listing pages, newest first, bounded.

Incremental (since is None): each walk stops at the first run of KNOWN_RUN known URLs.
Backfill (since set): sitemap shards and listing pages are walked back to `since`; only
candidates in [since, until) are yielded (undated ones too: the article date decides later);
`state` records finished shards and the next listing page so a killed backfill resumes.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from extractors.errors import ParseError
from extractors.fetching import Candidate
from extractors.http.errors import FetchError
from extractors.model import Page
from extractors.sources.feeds import parse_feed
from extractors.sources.listings import ListingItem, listing_url, parse_listing
from extractors.sources.sitemaps import Sitemap, SitemapEntry, parse_sitemap, shard_month
from extractors.urls import canonical_url

if TYPE_CHECKING:
    from extractors.http import PoliteClient
    from extractors.sources.base import Source

logger = logging.getLogger(__name__)

KNOWN_RUN = 3  # consecutive known URLs that end an incremental walk (pinned stories vary)
_EPOCH = datetime.min.replace(tzinfo=UTC)


class DocumentError(NamedTuple):
    """A discovery document (feed, sitemap, listing page) that could not be read, and why."""

    what: str  # "feed" | "sitemap" | "listing"
    error: FetchError


@dataclass
class Discovered:
    """What one discover() call found: article candidates, newest first, and the discovery
    documents it could not read (the run reports them; they are not queued as articles)."""

    candidates: list[Candidate]
    errors: list[DocumentError]


@dataclass
class Walk:
    """One discover() call: its bounds, what was seen, what failed."""

    source: Source
    client: PoliteClient
    known: Callable[[str], bool] | None
    since: datetime | None
    until: datetime | None
    state: dict[str, Any]
    sitemaps: list[str]  # the source's, or robots.txt's when it configures none
    errors: list[DocumentError] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)
    visited: set[str] = field(default_factory=set)  # discovery documents asked for
    documents_ok: int = 0  # fetched
    documents_read: int = 0  # fetched and readable (or answered 304: as read before)
    sitemaps_ok: int = 0
    yielded: int = 0

    @property
    def backfill(self) -> bool:
        """Whether this walk covers a date window rather than what is new."""
        return self.since is not None

    def in_window(self, when: datetime | None) -> bool:
        """Whether a candidate dated `when` belongs to [since, until) (undated: yes)."""
        if when is None:
            return True
        return (self.since is None or when >= self.since) and \
            (self.until is None or when < self.until)

    def is_known(self, url: str) -> bool:
        """Whether the pipeline already holds `url`."""
        return self.known is not None and self.known(url)

    def full(self) -> bool:
        """Whether max_articles candidates have been yielded."""
        return self.yielded >= self.source.settings.max_articles

    def stopped_early(self, what: str) -> None:
        """Record in the backfill state that a walk ended before its end (not done: resume)."""
        if self.backfill:
            logger.warning("%s: %s; the backfill is not complete, run it again to go on",
                           self.source.name, what)
            self.state["incomplete"] = what

    def record(self, error: FetchError, what: str) -> None:
        """Remember (and log) a discovery document that failed; one on a host deferred to the
        next run is logged at info (the host was reported once, not once per document)."""
        level = logging.INFO if getattr(error, "deferred", False) else logging.WARNING
        logger.log(level, "%s: %s %s: %s", self.source.name, what, error.url, error.reason)
        self.errors.append(DocumentError(what, error))

    async def get(self, url: str, what: str) -> Page | None:
        """A discovery document, or None after recording why it could not be had; a document
        already asked for in this walk is not asked for again (a sitemap index listing itself)."""
        key = canonical_url(url)
        if key in self.visited:
            logger.info("%s: %s %s already read in this run; not fetched again",
                        self.source.name, what, url)
            return None
        self.visited.add(key)
        try:
            page = await self.client.fetch(url, self.source.scope)
        except FetchError as e:
            self.record(e, what)
            return None
        except Exception as e:  # noqa: BLE001 - one document must never stop the walk
            logger.debug("%s: %s %s", self.source.name, what, url, exc_info=e)
            self.record(FetchError(url, f"unexpected {type(e).__name__}: {e}"[:200]), what)
            return None
        self.documents_ok += 1
        return page

    def offer(self, url: str, when: datetime | None, via: str,
              title: str | None = None) -> Candidate | None:
        """A candidate to yield, or None when seen, known or out of the window."""
        url = canonical_url(url)
        if url in self.seen or not self.source.accepts(url, via):
            return None
        self.seen.add(url)
        if not self.in_window(when) or self.is_known(url):
            return None
        self.yielded += 1
        return Candidate(url, when, via, title)


class KnownRun:
    """Counts consecutive known URLs; says when an incremental walk should stop."""

    def __init__(self, walk: Walk) -> None:
        self.walk, self.run = walk, 0

    def stop(self, url: str) -> bool:
        """Feed the next URL; True once KNOWN_RUN known ones came in a row (incremental only)."""
        if self.walk.backfill:
            return False
        self.run = self.run + 1 if self.walk.is_known(canonical_url(url)) else 0
        return self.hit

    @property
    def hit(self) -> bool:
        """Whether the run of known URLs is long enough to stop."""
        return self.run >= KNOWN_RUN


async def _offer_all(walk: Walk, items: Iterable[tuple[str, datetime | None, str | None]],
                     via: str, run: KnownRun | None = None) -> AsyncIterator[Candidate]:
    run = run or KnownRun(walk)
    for url, when, title in items:
        if walk.full() or run.stop(url):
            return
        cand = walk.offer(url, when, via, title)
        if cand is not None:
            yield cand


async def from_feeds(walk: Walk) -> AsyncIterator[Candidate]:
    """Candidates from the source's RSS/Atom feeds."""
    for url in walk.source.feeds:
        page = await walk.get(url, "feed")
        if page is None or page.not_modified:
            walk.documents_read += page is not None
            continue
        try:
            feed = parse_feed(page.body)
        except ParseError as e:
            walk.record(FetchError(url, str(e), page.status), "feed")
            continue
        walk.documents_read += 1
        if feed.problem:
            walk.record(FetchError(url, feed.problem, page.status), "feed")
        items = ((e.url, e.published, e.title) for e in feed.entries)
        async for cand in _offer_all(walk, items, "rss"):
            yield cand


def _sitemap_of(walk: Walk, url: str, page: Page) -> Sitemap | None:
    try:
        sitemap = parse_sitemap(page.body)
    except ParseError as e:
        walk.record(FetchError(url, str(e), page.status), "sitemap")
        return None
    walk.documents_read += 1
    if sitemap.problem:
        walk.record(FetchError(url, sitemap.problem, page.status), "sitemap")
    return sitemap


def _shard_wanted(walk: Walk, entry: SitemapEntry) -> bool:
    if not walk.backfill:
        return True
    if entry.lastmod is not None and entry.lastmod < walk.since:
        return False  # lastmod bounds every item's date from above
    month = shard_month(entry.url)  # a shard named by month holds that month's articles
    if month is None:
        return True
    after_since = month >= (walk.since.year, walk.since.month)
    return after_since and (walk.until is None or month <= (walk.until.year, walk.until.month))


def _newest_first(entries: list[SitemapEntry]) -> list[SitemapEntry]:
    return sorted(entries, key=lambda e: (e.when or _EPOCH, shard_month(e.url) or (0, 0),
                                          e.url), reverse=True)


async def from_sitemaps(walk: Walk) -> AsyncIterator[Candidate]:
    """Candidates from sitemaps: URL sets directly, indexes through their shards."""
    done: list[str] = walk.state.setdefault("sitemaps_done", []) if walk.backfill else []
    budget = walk.source.settings.max_sitemaps
    queue = [(u, False) for u in walk.sitemaps if u not in done]
    while queue and budget > 0 and not walk.full():
        url, is_shard = queue.pop(0)
        budget -= 1
        page = await walk.get(url, "sitemap")
        walk.documents_read += bool(page and page.not_modified)
        sitemap = _sitemap_of(walk, url, page) if page and not page.not_modified else None
        if sitemap is None:
            continue
        walk.sitemaps_ok += 1
        if sitemap.is_index:
            shards = [e.url for e in _newest_first(sitemap.entries) if _shard_wanted(walk, e)]
            queued = {u for u, _ in queue}
            queue[:0] = [(u, True) for u in shards if u not in done and u not in queued]
            continue
        run = KnownRun(walk)
        items = ((e.url, e.when, e.title) for e in _newest_first(sitemap.entries))
        async for cand in _offer_all(walk, items, "sitemap", run):
            yield cand
        if walk.backfill and not walk.full():
            done.append(url)
        if is_shard and run.hit:
            queue = [(u, shard) for u, shard in queue if not shard]  # older shards: known too
    if queue:
        walk.stopped_early(f"{len(queue)} sitemap(s) left unread (max_sitemaps or max_articles)")


def _older_than_window(walk: Walk, items: list[ListingItem]) -> bool:
    dated = [i.published for i in items if i.published is not None]
    return walk.backfill and bool(dated) and max(dated) < walk.since


async def _listing_page(walk: Walk, template: str, n: int) -> list[ListingItem] | None:
    """The items of page `n`; [] past the last page; None when it failed (recorded)."""
    url = listing_url(template, n)
    try:
        page = await walk.client.fetch(url, walk.source.scope)
    except FetchError as e:
        if e.status == 404 and n > 1:
            return []
        walk.record(e, "listing")
        return None
    walk.documents_ok += 1
    try:
        items = parse_listing(page.text or "", page.final_url, walk.source.is_article_url,
                              walk.source.links_selector)
    except ParseError as e:
        walk.record(FetchError(url, f"listing page unreadable: {e}", page.status), "listing")
        return None
    walk.documents_read += 1
    return items


LISTING_DONE = 0  # in state["listings"]: this backfill has walked the template to the end


async def from_listing(walk: Walk, template: str) -> AsyncIterator[Candidate]:
    """Candidates from one paginated listing, page after page, newest first."""
    pages = walk.state.setdefault("listings", {}) if walk.backfill else {}
    first = pages.get(template, 1)
    if first == LISTING_DONE:
        return
    run = KnownRun(walk)
    for n in range(first, first + walk.source.settings.max_pages):
        items = await _listing_page(walk, template, n)
        if items is None:
            return
        for item in items:
            if walk.full():
                walk.stopped_early(f"max_articles reached in listing {template}")
                return
            if run.stop(item.url):
                return
            cand = walk.offer(item.url, item.published, "listing", item.title)
            if cand is not None:
                yield cand
        if not items or _older_than_window(walk, items) or "{page}" not in template:
            pages[template] = LISTING_DONE
            return
        pages[template] = n + 1
    walk.stopped_early(f"max_pages listing pages read from {template}")

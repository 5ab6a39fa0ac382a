"""The Source: a site's hosts, discovery URLs, article URL pattern and layout, bound to its
configuration. Built-in sources subclass it with class attributes (data, not code).

A run builds each of its sources once (flows/stages.py) and hands the same Source to every
stage; the Source works out once, when built, the Scope its requests may reach, and passes it
to the client with each fetch.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any, ClassVar

from extractors.article import parse_article
from extractors.errors import ParseError, SourceError
from extractors.fetching import Candidate
from extractors.http.charset import decode
from extractors.http.scope import Scope, source_scope
from extractors.layout import COMMON, Layout
from extractors.model import Article, Page
from extractors.settings import SourceSettings
from extractors.sources import discovery
from extractors.urls import netloc_of, same_site

if TYPE_CHECKING:
    from extractors.http import PoliteClient

logger = logging.getLogger(__name__)


class Source:
    """One configured news source: discovery and parsing; built once, then never changed."""

    kind: ClassVar[str] = "base"
    default_base_url: ClassVar[str | None] = None
    feed_paths: ClassVar[tuple[str, ...]] = ()  # relative to base_url
    sitemap_paths: ClassVar[tuple[str, ...]] = ()
    listing_paths: ClassVar[tuple[str, ...]] = ()  # templates with {page}
    article_path: ClassVar[str | None] = None  # regex an article URL's path must match
    listing_links: ClassVar[str | None] = None  # CSS of story links on listing pages
    own_layout: ClassVar[Layout] = Layout()
    text_fallback: ClassVar[bool] = True
    date_fallback: ClassVar[bool] = False
    robots_sitemaps: ClassVar[bool] = False  # no sitemaps configured: use robots.txt's

    def __init__(self, settings: SourceSettings) -> None:
        self.settings = settings
        self.name = settings.name
        base = settings.base_url or self.default_base_url or _origin_of(
            [*settings.feeds, *settings.sitemaps, *settings.listings])
        if not base:
            raise SourceError(f"source {settings.name!r}: no base_url, feed, sitemap or "
                              "listing configured")
        self.base_url = base.rstrip("/")
        self.feeds = settings.feeds or [self.base_url + p for p in self.feed_paths]
        self.sitemaps = settings.sitemaps or [self.base_url + p for p in self.sitemap_paths]
        self.listings = settings.listings or [self.base_url + p for p in self.listing_paths]
        self.scope: Scope = source_scope(settings, [self.base_url, *self.feeds,
                                                    *self.sitemaps, *self.listings])
        self.hosts = self.scope.hosts  # the netlocs its pages live on
        self.layout = self._layout()
        self._article_re = re.compile(self.article_path) if self.article_path else None
        self.links_selector = settings.selectors.get("links") or self.listing_links

    def _layout(self) -> Layout:
        return self.own_layout.then(COMMON)

    def is_article_url(self, url: str) -> bool:
        """Whether a canonical URL on this site looks like an article page."""
        if not same_site(url, self.hosts):
            return False
        path = url.split("://", 1)[-1].partition("/")[2].partition("?")[0]
        return self._is_article_path("/" + path)

    def _is_article_path(self, path: str) -> bool:
        return bool(self._article_re.match(path)) if self._article_re else True

    def accepts(self, url: str, via: str) -> bool:
        """Whether a URL found `via` a feed, sitemap or listing is worth fetching as an article
        (listings mix in menus, so they always get the strict test)."""
        return self.is_article_url(url)

    def parse(self, page: Page) -> Article:
        """The Article of a fetched page (ParseError when it holds none); it says how many
        undecodable bytes of the page were replaced."""
        text, replaced = page.text, int(page.extra.get("replaced_bytes", 0) or 0)
        if text is None:
            if not page.body:
                raise ParseError(f"{page.url}: empty body")
            found = decode(page.body, page.headers.get("content-type"))
            text, replaced = found.text, found.replaced
        article = parse_article(text, page.final_url, self)
        return replace(article, replaced_bytes=replaced) if replaced else article

    async def discover(self, client: PoliteClient, known: Callable[[str], bool] | None = None,
                       since: datetime | None = None, until: datetime | None = None,
                       state: dict[str, Any] | None = None) -> discovery.Discovered:
        """Article candidates, newest first: what is new (since=None), or a date window; with
        the discovery documents that could not be read. SourceError when none could be."""
        sitemaps = list(self.sitemaps)
        if not sitemaps and self.robots_sitemaps:
            sitemaps = (await client.robots(self.base_url)).sitemaps()
        if not (self.feeds or sitemaps or self.listings):
            raise SourceError(f"source {self.name!r}: no feed, sitemap or listing to read "
                              "(configure feeds, sitemaps or listings)")
        walk = discovery.Walk(self, client, known, since, until,
                              state if state is not None else {}, sitemaps)
        found: list[Candidate] = []
        for channel in self._channels(walk):
            found += [cand async for cand in channel]
            if walk.full():
                break
        self._check(walk)
        return discovery.Discovered(found, walk.errors)

    def _channels(self, walk: discovery.Walk) -> list[AsyncIterator[Candidate]]:
        listings = [discovery.from_listing(walk, t) for t in self.listings]
        if walk.backfill:
            # Sitemaps reach back in few requests; listings only when there are none.
            return [discovery.from_sitemaps(walk), _unless_sitemaps(walk, listings)]
        return [discovery.from_feeds(walk), *listings, discovery.from_sitemaps(walk)]

    def _check(self, walk: discovery.Walk) -> None:
        if walk.documents_read == 0 and walk.errors:
            raise SourceError(f"source {self.name!r}: nothing could be read "
                              f"({_reasons(walk.errors)})")
        logger.info("%s: discovery read %d documents, %d candidates, %d problems", self.name,
                    walk.documents_ok, walk.yielded, len(walk.errors))


def _origin_of(urls: list[str]) -> str | None:
    """scheme://host[:port] of the first URL (a generic source configured by feeds alone)."""
    return f"{urls[0].split('://', 1)[0]}://{netloc_of(urls[0])}" if urls else None


async def _unless_sitemaps(walk: discovery.Walk,
                           channels: list[AsyncIterator[Candidate]]) -> AsyncIterator[Candidate]:
    """Run `channels` only when no sitemap could be read, now or in an earlier (resumed) run."""
    if walk.sitemaps_ok or walk.state.get("sitemaps_done"):
        for ch in channels:
            await ch.aclose()
        return
    for ch in channels:
        async for cand in ch:
            yield cand


def _reasons(errors: list[discovery.DocumentError]) -> str:
    """Why no discovery document could be read: each host deferred to the next run once
    (with how many documents wait), then up to three other failures."""
    deferred: dict[str, list[str]] = {}
    others = []
    for what, e in errors:
        if getattr(e, "deferred", False):
            deferred.setdefault(netloc_of(e.url), []).append(e.reason)
        else:
            others.append(f"{what} {e.url}: {e.reason}")
    said = [f"{host}: {reasons[0]}, {len(reasons)} discovery document"
            f"{'s' if len(reasons) != 1 else ''} waiting" for host, reasons in deferred.items()]
    return "; ".join(said + others[:3])

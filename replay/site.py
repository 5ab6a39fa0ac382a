"""ReplaySite: the articles of both sites, their indexes, and the routing of a request path
to a resource (article, listing, feed, sitemap, robots.txt) under a publication clock."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from replay.corpus import load_corpus
from replay.faults import FaultPlan
from replay.model import VN_TZ, ReplayArticle

KDPT_PER_PAGE = 15
TIN_PER_PAGE = 10
FEED_ITEMS = 30
NEWS_ITEMS = 50
SHARD_SIZE = 200
KDPT_CATEGORIES = ("kinh-te", "dia-phuong")


@dataclass
class Resource:
    """What a path resolves to, before faults and encoding."""

    status: int
    kind: str  # article | amp | listing | feed | sitemap | robots | page | error | redirect
    text: str = ""
    content_type: str = "text/html"
    last_modified: datetime | None = None
    location: str | None = None
    article: ReplayArticle | None = None


class _Timeline:
    """Articles in publication order with their times, for cut-offs by clock."""

    def __init__(self, articles: Sequence[ReplayArticle]) -> None:
        self.items = sorted(articles, key=lambda a: (a.published, a.id))
        self.times = [a.published for a in self.items]
        self.pos = {a.id: i for i, a in enumerate(self.items)}

    def visible(self, clock: datetime | None) -> list[ReplayArticle]:
        """Articles published before `clock`, oldest first."""
        return self.items if clock is None else self.items[:bisect.bisect_left(self.times, clock)]

    def newest(self, clock: datetime | None, n: int, skip: int = 0) -> list[ReplayArticle]:
        """The `n` newest visible articles after skipping `skip`, newest first."""
        end = len(self.items) if clock is None else bisect.bisect_left(self.times, clock)
        end -= skip
        return self.items[max(end - n, 0):max(end, 0)][::-1]

    def before(self, a: ReplayArticle, n: int) -> list[ReplayArticle]:
        """Up to `n` articles published just before `a`, newest first."""
        i = self.pos[a.id]
        return self.items[max(i - n, 0):i][::-1]


def as_clock(when: datetime | None) -> datetime | None:
    """A clock value: naive datetimes are read as Vietnam time."""
    if when is None or when.tzinfo is not None:
        return when
    return when.replace(tzinfo=VN_TZ)


class ReplaySite:
    """The replay news sites' content: the hand-written corpus plus `synthetic` generated ones."""

    def __init__(self, synthetic: int = 0, seed: int = 0, faults: FaultPlan | None = None,
                 articles: Sequence[ReplayArticle] | None = None) -> None:
        from replay.synthetic import generate  # heavy tables load only when used

        base = list(articles) if articles is not None else load_corpus()
        self.articles: list[ReplayArticle] = base + generate(synthetic, seed)
        self.faults = faults or FaultPlan()
        self._index()

    def _index(self) -> None:
        by_site: dict[str, list[ReplayArticle]] = defaultdict(list)
        by_cat: dict[tuple[str, str], list[ReplayArticle]] = defaultdict(list)
        by_month: dict[tuple[int, int], list[ReplayArticle]] = defaultdict(list)
        for a in self.articles:
            by_site[a.site].append(a)
            by_cat[(a.site, a.category)].append(a)
            if a.site == "kdpt":
                by_month[(a.published.year, a.published.month)].append(a)
        self.timeline = {s: _Timeline(by_site[s]) for s in ("kdpt", "tin")}
        self.cat_timeline = {k: _Timeline(v) for k, v in by_cat.items()}
        self.month_timeline = {k: _Timeline(v) for k, v in sorted(by_month.items())}
        self.kdpt_by_id = {a.id: a for a in by_site["kdpt"]}
        self.tin_by_path = {a.path: a for a in by_site["tin"]}

    def serve(self, host: str = "127.0.0.1", port: int = 0, tin_port: int | None = None):  # noqa: ANN201
        """Start both sites in threads; a ReplayServer (a context manager) is returned."""
        from replay.server import ReplayServer

        return ReplayServer(self, host, port, tin_port).start()


def published_before(a: ReplayArticle, clock: datetime | None) -> bool:
    """Whether the article is out by `clock`."""
    return clock is None or a.published < clock


ARTICLE_RE = re.compile(r"^/(?:amp/)?([a-z0-9-]+)-(\d+)\.html$")
KDPT_LISTING_RE = re.compile(r"^/(kinh-te|dia-phuong)/(?:trang-(\d+)/)?$")
KDPT_SHARD_RE = re.compile(r"^/sitemaps/(\d{4})-(\d{2})\.xml$")
TIN_LISTING_RE = re.compile(r"^/chuyen-muc/kinh-te/(?:page/(\d+)/)?$")
TIN_SHARD_RE = re.compile(r"^/post-sitemap(\d*)\.xml$")
TIN_ARTICLE_RE = re.compile(r"^/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/?$")


def not_found(path: str) -> Resource:
    """The sites' 404 page."""
    return Resource(404, "error", f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>"
                                  f"Không tìm thấy trang</title></head><body><h1>404</h1><p>"
                                  f"Không tìm thấy trang {path}</p></body></html>")


def xml(kind: str, text: str, items: Sequence[ReplayArticle], ctype: str) -> Resource:
    """An XML resource whose Last-Modified is its newest item's."""
    last = max((a.published for a in items), default=None)
    return Resource(200, kind, text, ctype, last_modified=last)

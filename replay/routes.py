"""Routing of request paths to resources on each site, at a given publication clock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from functools import lru_cache

from replay import feeds, pages_kdpt, pages_tin
from replay.model import ReplayArticle
from replay.site import (
    ARTICLE_RE,
    FEED_ITEMS,
    KDPT_CATEGORIES,
    KDPT_LISTING_RE,
    KDPT_PER_PAGE,
    KDPT_SHARD_RE,
    NEWS_ITEMS,
    SHARD_SIZE,
    TIN_ARTICLE_RE,
    TIN_LISTING_RE,
    TIN_PER_PAGE,
    TIN_SHARD_RE,
    ReplaySite,
    Resource,
    not_found,
    published_before,
    xml,
)

RSS_TYPE = "application/rss+xml"
ATOM_TYPE = "application/atom+xml"
XML_TYPE = "application/xml"
PAGE_CACHE = 64  # rendered article pages kept (each ~10-100 KB): retries and re-GETs hit it


class Router:
    """Resolves (site, path, clock) to a Resource for one running pair of servers."""

    def __init__(self, site: ReplaySite, kdpt_base: str, tin_base: str) -> None:
        self.site = site
        self.base = {"kdpt": kdpt_base, "tin": tin_base}
        self.article_html = lru_cache(maxsize=PAGE_CACHE)(self._article_html)

    def resolve(self, site: str, path: str, clock: datetime | None,
                disallow: Sequence[str] = ()) -> Resource:
        """The resource at `path` (query string ignored) on `site`."""
        path = path.split("?", 1)[0].split("#", 1)[0]
        if path == "/robots.txt":
            return self._robots(site, disallow)
        handler = self._kdpt if site == "kdpt" else self._tin
        return handler(path, clock) or not_found(path)

    def _robots(self, site: str, disallow: Sequence[str]) -> Resource:
        fixed = "/tim-kiem" if site == "kdpt" else "/wp-admin/"
        sitemap = "/sitemap.xml" if site == "kdpt" else "/sitemap_index.xml"
        lines = ["User-agent: *", f"Disallow: {fixed}", *(f"Disallow: {d}" for d in disallow),
                 "", f"Sitemap: {self.base[site]}{sitemap}", ""]
        return Resource(200, "robots", "\n".join(lines), "text/plain")

    def _article_html(self, a: ReplayArticle, amp: bool) -> str:
        if amp:
            return pages_kdpt.amp_page(a, self.base["kdpt"])
        if a.site == "kdpt":
            related = self.site.cat_timeline[("kdpt", a.category)].before(a, 5)
            return pages_kdpt.article_page(a, self.base["kdpt"], related, heavy=a.synthetic)
        recent = self.site.timeline["tin"].before(a, 5)
        return pages_tin.article_page(a, self.base["tin"], recent, heavy=a.synthetic)

    def _article(self, a: ReplayArticle, clock: datetime | None, amp: bool = False) -> Resource:
        if not published_before(a, clock):
            return not_found(a.path)
        return Resource(200, "amp" if amp else "article", self.article_html(a, amp),
                        last_modified=a.published, article=a)

    # --- KDPT -------------------------------------------------------------------------------

    def _kdpt(self, path: str, clock: datetime | None) -> Resource | None:
        if m := ARTICLE_RE.match(path):
            return self._kdpt_article(path, int(m.group(2)), clock)
        if m := KDPT_LISTING_RE.match(path):
            return self._kdpt_listing(m.group(1), int(m.group(2) or 1), clock)
        if path.startswith("/rss/") and path.endswith(".rss"):
            return self._kdpt_rss(path[5:-4], clock)
        if path == "/sitemap.xml":
            return self._kdpt_index(clock)
        if m := KDPT_SHARD_RE.match(path):
            return self._kdpt_shard(int(m.group(1)), int(m.group(2)), clock)
        if path == "/sitemap-news.xml":
            items = self.site.timeline["kdpt"].newest(clock, NEWS_ITEMS)
            text = feeds.news_sitemap(self.base["kdpt"], pages_kdpt.SITE_NAME, items)
            return xml("sitemap", text, items, XML_TYPE)
        if path == "/":
            items = self.site.timeline["kdpt"].newest(clock, KDPT_PER_PAGE)
            return Resource(200, "listing", pages_kdpt.listing_page("Trang chủ", items, None))
        if path.startswith("/tim-kiem"):
            return Resource(200, "page", pages_kdpt.listing_page("Tìm kiếm", [], None))
        return None

    def _kdpt_article(self, path: str, art_id: int, clock: datetime | None) -> Resource | None:
        a = self.site.kdpt_by_id.get(art_id)
        if a is None:
            return None
        amp = path.startswith("/amp/")
        wanted = a.amp_path if amp else a.path
        if path != wanted:  # a stale slug: the magazine redirects to the current one
            return Resource(301, "redirect", location=self.base["kdpt"] + wanted)
        return self._article(a, clock, amp)

    def _kdpt_listing(self, cat: str, page: int, clock: datetime | None) -> Resource | None:
        tl = self.site.cat_timeline.get(("kdpt", cat))
        total = len(tl.visible(clock)) if tl else 0
        if page < 1 or (page > 1 and (page - 1) * KDPT_PER_PAGE >= total):
            return None
        items = tl.newest(clock, KDPT_PER_PAGE, (page - 1) * KDPT_PER_PAGE) if tl else []
        nxt = f"/{cat}/trang-{page + 1}/" if page * KDPT_PER_PAGE < total else None
        title = pages_kdpt.chrome.CATEGORY_NAMES[cat] + (f" - Trang {page}" if page > 1 else "")
        return Resource(200, "listing", pages_kdpt.listing_page(title, items, nxt))

    def _kdpt_rss(self, name: str, clock: datetime | None) -> Resource | None:
        if name == "home":
            tl, title = self.site.timeline["kdpt"], "Kinh doanh và Phát triển - Trang chủ"
        elif name in KDPT_CATEGORIES and ("kdpt", name) in self.site.cat_timeline:
            tl = self.site.cat_timeline[("kdpt", name)]
            title = f"Kinh doanh và Phát triển - {pages_kdpt.chrome.CATEGORY_NAMES[name]}"
        else:
            return None
        items = tl.newest(clock, FEED_ITEMS)
        base = self.base["kdpt"]
        link = f"{base}/" if name == "home" else f"{base}/{name}/"
        return xml("feed", feeds.rss(title, link, base, items), items, RSS_TYPE)

    def _kdpt_index(self, clock: datetime | None) -> Resource:
        rows, newest = [], []
        for (y, m), tl in self.site.month_timeline.items():
            vis = tl.visible(clock)
            if vis:
                rows.append((f"{self.base['kdpt']}/sitemaps/{y}-{m:02d}.xml", vis[-1].published))
                newest.append(vis[-1])
        return xml("sitemap", feeds.sitemap_index(rows), newest, XML_TYPE)

    def _kdpt_shard(self, year: int, month: int, clock: datetime | None) -> Resource | None:
        tl = self.site.month_timeline.get((year, month))
        items = tl.visible(clock) if tl else []
        if not items:
            return None
        return xml("sitemap", feeds.urlset(self.base["kdpt"], items), items, XML_TYPE)

    # --- tin --------------------------------------------------------------------------------

    def _tin(self, path: str, clock: datetime | None) -> Resource | None:
        if TIN_ARTICLE_RE.match(path):
            return self._tin_article(path, clock)
        if m := TIN_LISTING_RE.match(path):
            return self._tin_listing(int(m.group(1) or 1), clock)
        tl = self.site.timeline["tin"]
        base = self.base["tin"]
        if path in ("/feed/", "/feed"):
            items = tl.newest(clock, FEED_ITEMS)
            text = feeds.rss(pages_tin.SITE_NAME, f"{base}/", base, items)
            return xml("feed", text, items, RSS_TYPE)
        if path in ("/feed/atom/", "/feed/atom"):
            items = tl.newest(clock, FEED_ITEMS)
            return xml("feed", feeds.atom(pages_tin.SITE_NAME, base, items), items, ATOM_TYPE)
        if path == "/sitemap_index.xml":
            return self._tin_index(clock)
        if m := TIN_SHARD_RE.match(path):
            return self._tin_shard(int(m.group(1) or 1), clock)
        if path == "/news-sitemap.xml":
            items = tl.newest(clock, NEWS_ITEMS)
            return xml("sitemap", feeds.news_sitemap(base, pages_tin.SITE_NAME, items), items,
                       XML_TYPE)
        if path == "/":
            return self._tin_listing(1, clock)
        return None

    def _tin_article(self, path: str, clock: datetime | None) -> Resource | None:
        if not path.endswith("/"):  # WordPress adds the trailing slash
            return Resource(301, "redirect", location=self.base["tin"] + path + "/")
        a = self.site.tin_by_path.get(path)
        return self._article(a, clock) if a else None

    def _tin_listing(self, page: int, clock: datetime | None) -> Resource | None:
        tl = self.site.timeline["tin"]
        total = len(tl.visible(clock))
        if page < 1 or (page > 1 and (page - 1) * TIN_PER_PAGE >= total):
            return None
        items = tl.newest(clock, TIN_PER_PAGE, (page - 1) * TIN_PER_PAGE)
        has_next = page * TIN_PER_PAGE < total
        return Resource(200, "listing", pages_tin.listing_page(items, page, has_next))

    def _tin_shards(self, clock: datetime | None) -> list[list[ReplayArticle]]:
        vis = self.site.timeline["tin"].visible(clock)
        return [vis[i:i + SHARD_SIZE] for i in range(0, len(vis), SHARD_SIZE)]

    def _tin_index(self, clock: datetime | None) -> Resource:
        shards = self._tin_shards(clock)
        base = self.base["tin"]
        rows = [(f"{base}/post-sitemap{'' if i == 0 else i + 1}.xml", s[-1].published)
                for i, s in enumerate(shards)]
        newest = self.site.timeline["tin"].newest(clock, 1)
        if newest:
            rows.append((f"{base}/news-sitemap.xml", newest[0].published))
        return xml("sitemap", feeds.sitemap_index(rows), newest, XML_TYPE)

    def _tin_shard(self, number: int, clock: datetime | None) -> Resource | None:
        shards = self._tin_shards(clock)
        if not 1 <= number <= len(shards):
            return None
        return xml("sitemap", feeds.urlset(self.base["tin"], shards[number - 1]),
                   shards[number - 1], XML_TYPE)

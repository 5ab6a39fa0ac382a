"""Any site from configuration alone: feeds, sitemaps, optional listings and selectors.

Selectors (CSS) from the config come first, then COMMON; with no body match the text comes
from trafilatura, and a page with no date in metadata or a dateline gets one from htmldate.
"""

from __future__ import annotations

import re

from extractors.layout import Layout
from extractors.sources.base import Source
from extractors.urls import same_site

# Paths that are never articles on news and WordPress sites.
_NOT_ARTICLE = re.compile(
    r"^/(?:$|(?:tag|tags|chuyen-muc|category|author|tac-gia|page|trang|search|tim-kiem|feed|"
    r"rss|wp-admin|wp-content|wp-json|login|lien-he|gioi-thieu)(?:/|$))|\.(?:xml|rss|jpg|png|"
    r"gif|pdf|css|js)$", re.I)
# An article path: a date folder, a numeric id, an .html page, or a long slug.
_ARTICLE_HINT = re.compile(r"/\d{4}/\d{1,2}/|\d{4,}|\.s?html?$|/[^/]*-[^/]*-[^/]*-[^/]+/?$")


class GenericSource(Source):
    """A site the code has never seen, described in tradewatch.toml."""

    kind = "generic"
    text_fallback = True
    date_fallback = True
    robots_sitemaps = True

    def _layout(self) -> Layout:
        sel = self.settings.selectors
        mine = Layout(title=_one(sel.get("title")), body=_one(sel.get("text")),
                      dateline=_one(sel.get("published")), author=_one(sel.get("author")))
        return mine.then(super()._layout())

    def _is_article_path(self, path: str) -> bool:
        return not _NOT_ARTICLE.search(path) and bool(_ARTICLE_HINT.search(path))

    def accepts(self, url: str, via: str) -> bool:
        """Feeds and sitemaps list articles by intent: only obvious non-articles are dropped;
        listing links must also look like articles."""
        if via == "listing":
            return self.is_article_url(url)
        path = "/" + url.split("://", 1)[-1].partition("/")[2].partition("?")[0]
        return same_site(url, self.hosts) and not _NOT_ARTICLE.search(path)


def _one(selector: str | None) -> tuple[str, ...]:
    return (selector,) if selector else ()

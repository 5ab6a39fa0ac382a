"""Category listing pages: URL templates with pagination, and the article links on a page."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from lxml import etree

from extractors.article import clean, parse_html
from extractors.dates import parse_any, parse_dateline
from extractors.errors import ConfigError, ParseError
from extractors.layout import compiled
from extractors.urls import canonical_url

# The pagination part of a template, removed to get page 1: "trang-{page}/", "page/{page}/",
# "p{page}", "page={page}".
_PAGE_PART = re.compile(r"(?:trang-|page/|page=|p-?)\{page\}/?")
_LINKS = etree.XPath("//a[@href]")
_ITEM_TAGS = frozenset({"article", "li", "div", "section"})
_TIME = etree.XPath(".//time")


@dataclass(frozen=True, slots=True)
class ListingItem:
    """One story linked from a listing page."""

    url: str  # canonical
    published: datetime | None
    title: str | None


def listing_url(template: str, page: int) -> str:
    """The URL of page `page` (1-based) of a listing template with `{page}`."""
    if "{page}" not in template:
        return template
    if page == 1 and _PAGE_PART.search(template):
        return _PAGE_PART.sub("", template).rstrip("?&")
    return template.replace("{page}", str(page))


def _item_date(link: etree._Element) -> datetime | None:
    el = link
    for _ in range(4):  # the story block is a few levels up from its link
        el = el.getparent()
        if el is None:
            return None
        if el.tag in _ITEM_TAGS:
            for t in _TIME(el):
                when = parse_any(t.get("datetime")) or parse_dateline(t.text_content())
                if when:
                    return when
    return None


def parse_listing(html: str, url: str, is_article: Callable[[str], bool],
                  links_selector: str | None = None) -> list[ListingItem]:
    """The article links of a listing page in page order (newest first on news sites); with
    `links_selector`, only the links it selects (all links when it selects none). ParseError
    for a page that cannot be read, never another exception."""
    try:
        return _parse(html, url, is_article, links_selector)
    except (ParseError, ConfigError):
        raise
    except Exception as e:  # noqa: BLE001 - one hostile page must not stop discovery
        raise ParseError(f"unreadable listing page: {type(e).__name__}: {e}"[:200]) from None


def _parse(html: str, url: str, is_article: Callable[[str], bool],
           links_selector: str | None) -> list[ListingItem]:
    tree = parse_html(html)
    links = (compiled(links_selector)(tree) if links_selector else None) or _LINKS(tree)
    seen: set[str] = set()
    items = []
    for a in links:
        href = a.get("href")
        if not href:
            continue
        target = canonical_url(href, base=url)
        if target in seen or not is_article(target):
            continue
        seen.add(target)
        items.append(ListingItem(target, _item_date(a), clean(a.text_content()) or None))
    return items

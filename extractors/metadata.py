"""Standard page metadata from a parsed HTML tree: canonical link, OpenGraph, article:*,
JSON-LD NewsArticle, itemprop and <time>. Read before any site-specific layout."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from typing import Any

from lxml import etree

logger = logging.getLogger(__name__)

ARTICLE_TYPES = frozenset({"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle",
                           "BlogPosting", "WebPage", "LiveBlogPosting"})

# (attribute, value) pairs of <meta> whose content is wanted, by field; first found wins.
META_KEYS: dict[str, tuple[str, ...]] = {
    "title": ("og:title", "twitter:title", "dc.title"),
    "url": ("og:url",),
    "published": ("article:published_time", "og:published_time", "datepublished", "pubdate",
                  "publishdate", "dc.date.issued", "dc.date", "date", "sailthru.date",
                  "parsely-pub-date", "cxenseparse:recs:publishtime"),
    "author": ("article:author", "author", "dc.creator", "parsely-author"),
    "section": ("article:section", "category"),
    "description": ("og:description", "description"),
}

_META = etree.XPath("//head//meta[@content]|//meta[@itemprop][@content]")
_CANONICAL = etree.XPath("//link[@rel][@href]")
_JSONLD = etree.XPath("//script[@type='application/ld+json']/text()")
_ITEMPROP_DATE = etree.XPath("//*[@itemprop='datePublished']")
_TIME_PUB = etree.XPath("//time[@datetime][contains(concat(' ', @class, ' '), ' published ') "
                        "or @pubdate or @itemprop='datePublished']/@datetime")
_TITLE = etree.XPath("string(//head/title)")
_LANG = etree.XPath("string(/html/@lang)")


@dataclass(frozen=True, slots=True)
class Metadata:
    """What the page says about itself in machine-readable form (strings as written)."""

    canonical: str | None = None
    url: str | None = None  # og:url or JSON-LD url
    title: str | None = None
    head_title: str | None = None  # <title>, usually with the site name appended
    published: str | None = None
    author: str | None = None
    section: str | None = None
    description: str | None = None
    language: str | None = None


def _meta_tags(tree: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for el in _META(tree):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        if key:
            found.setdefault(key.strip().lower(), el.get("content", "").strip())
    return found


def _canonical(tree: etree._Element) -> str | None:
    for el in _CANONICAL(tree):
        if "canonical" in el.get("rel", "").lower().split():
            return el.get("href").strip() or None
    return None


def _ld_objects(tree: etree._Element) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for raw in _JSONLD(tree):
        try:
            data = json.loads(raw)
        except ValueError:
            logger.debug("JSON-LD block not valid JSON; skipped")
            continue
        stack = data if isinstance(data, list) else [data]
        for obj in stack:
            if isinstance(obj, dict):
                out.append(obj)
                out.extend(o for o in obj.get("@graph", []) if isinstance(o, dict))
    return out


def _is_article(obj: dict[str, Any]) -> bool:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(k in ARTICLE_TYPES for k in kinds if isinstance(k, str))


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() else None


def _json_ld(tree: etree._Element) -> dict[str, str | None]:
    for obj in _ld_objects(tree):
        if _is_article(obj):
            page = obj.get("mainEntityOfPage")
            page_url = page.get("@id") if isinstance(page, dict) else page
            return {"title": _name(obj.get("headline")),
                    "published": _name(obj.get("datePublished")),
                    "author": _name(obj.get("author")),
                    "section": _name(obj.get("articleSection")),
                    "url": _name(obj.get("url")) or _name(page_url)}
    return {}


def _first(*values: str | None) -> str | None:
    return next((v for v in values if v), None)


def _published_fallback(tree: etree._Element) -> str | None:
    for el in _ITEMPROP_DATE(tree):
        value = el.get("content") or el.get("datetime") or (el.text or "").strip()
        if value:
            return value
    times = _TIME_PUB(tree)
    return times[0] if times else None


def read_metadata(tree: etree._Element) -> Metadata:
    """The page's canonical link, OpenGraph / article:* / JSON-LD / itemprop metadata."""
    tags = _meta_tags(tree)
    ld = _json_ld(tree)

    def meta(field: str) -> str | None:
        return _first(*(tags.get(k) for k in META_KEYS[field]))

    published = _first(meta("published"), ld.get("published")) or _published_fallback(tree)
    return Metadata(
        canonical=_canonical(tree), url=_first(meta("url"), ld.get("url")),
        title=_first(meta("title"), ld.get("title")), head_title=_TITLE(tree).strip() or None,
        published=published, author=_first(ld.get("author"), meta("author")),
        section=_first(meta("section"), ld.get("section")), description=meta("description"),
        language=_LANG(tree).strip() or None,
    )

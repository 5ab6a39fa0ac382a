"""HTML -> Article: pure (no network), lxml on the hot path, one parse per page. The one
HTML reader: the pipeline reads a source's pages with `parse_article`, `tradewatch extract`
reads a page of any site with `read_page` (a generic source's reading, without selectors).

Order: standard metadata first (canonical, OpenGraph, article:*, JSON-LD), then the source's
visible layout, then generic fallbacks (trafilatura for text, htmldate for dates) when the
source allows them. The text is the lead then the body paragraphs, one blank line between
paragraphs (the figure extractor inherits periods by paragraph); title, captions and related
boxes are left out.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

import lxml.html
from lxml import etree

from extractors.dates import parse_any, parse_dateline
from extractors.errors import ConfigError, ParseError
from extractors.hygiene import clean_field, strip_controls
from extractors.layout import COMMON, Layout, compiled_union, first
from extractors.metadata import Metadata, read_metadata
from extractors.model import Article
from extractors.urls import canonical_url, netloc_of, same_site, site_hosts

logger = logging.getLogger(__name__)

BLOCK_TAGS = frozenset({"p", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"})
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*>")
MIN_FALLBACK_CHARS = 100  # shorter trafilatura output is menu crumbs, not a story
MIN_DIV_CHARS = 30  # a <div>'s own text shorter than this is a label ("Chia sẻ"), not a paragraph
_SITE_SUFFIX = re.compile(r"\s+[|\-–—]\s+[^|\-–—]{2,60}$")


class ArticleSource(Protocol):
    """What parse_article needs to know about the page's source (sources.Source has it)."""

    name: str
    hosts: frozenset[str]
    layout: Layout
    text_fallback: bool  # trafilatura when the layout finds no body
    date_fallback: bool  # htmldate when metadata and datelines give no date


@dataclass(frozen=True, slots=True)
class AnySite:
    """A page no source describes: the common layout, then trafilatura and htmldate, as a
    generic source without configured selectors reads it."""

    name: str = "page"
    hosts: frozenset[str] = frozenset()
    layout: Layout = COMMON
    text_fallback: bool = True
    date_fallback: bool = True


ANY_SITE = AnySite()
PAGE_URL = "file:///page.html"  # a page read from a file or stdin has no address of its own


def parse_html(html: str | bytes) -> etree._Element:
    """The lxml tree of a page; ParseError when there is no document at all."""
    if not html or not html.strip():
        raise ParseError("empty page")
    if isinstance(html, str) and html.lstrip().startswith("<?xml"):
        html = _XML_DECL.sub("", html, count=1)  # lxml refuses str with an encoding declaration
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as e:
        raise ParseError(f"not HTML: {e}") from None


def clean(text: str | None) -> str:
    """Whitespace collapsed to single spaces (non-breaking spaces included)."""
    return " ".join(text.split()) if text else ""


def _has_block_ancestor(el: etree._Element, stop: etree._Element) -> bool:
    parent = el.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in BLOCK_TAGS:
            return True
        parent = parent.getparent()
    return False


def _holders(container: etree._Element) -> set[etree._Element]:
    """The elements of a container that hold a block or a <div> somewhere inside (each
    ancestor chain walked once, so deep nesting stays linear)."""
    holders: set[etree._Element] = set()
    for el in container.iter(*BLOCK_TAGS, "div"):
        parent = el.getparent()
        while parent is not None and parent is not container and parent not in holders:
            holders.add(parent)
            parent = parent.getparent()
    return holders


def _own_text(el: etree._Element) -> int:
    """How many characters of text an element holds outside its child elements."""
    return len((el.text or "").strip()) + sum(len((c.tail or "").strip()) for c in el)


def _is_paragraph(el: etree._Element, container: etree._Element,
                  holders: set[etree._Element]) -> bool:
    """A block (<p>, <li>, …) or a <div> written as a paragraph, as many Vietnamese CMSs write
    a lead or body paragraph: text of its own (over MIN_DIV_CHARS) and no block inside."""
    if el.tag == "div" and (el in holders or _own_text(el) <= MIN_DIV_CHARS):
        return False
    return not _has_block_ancestor(el, container)


def _text_of(el: etree._Element) -> str:
    """A paragraph's text; a <div>'s pieces spaced apart, as its lines are often split by
    <br> rather than by blocks."""
    if el.tag == "div":
        return " ".join(t for t in (clean(s) for s in el.itertext()) if t)
    return clean(el.text_content())


def paragraphs(container: etree._Element, drop: tuple[str, ...]) -> list[str]:
    """The paragraph texts of a container, after dropping captions, boxes and scripts."""
    dropper = compiled_union(drop)
    for el in dropper(container) if dropper is not None else ():
        if el is not container and el.getparent() is not None:
            el.drop_tree()
    holders = _holders(container)
    out = [_text_of(el) for el in container.iter(*BLOCK_TAGS, "div")
           if el is not container and _is_paragraph(el, container, holders)]
    out = [t for t in out if t]
    if not out:  # a body of bare text and <br>s
        out = [t for t in (clean(s) for s in container.itertext()) if t]
        out = [" ".join(out)] if out else []
    return out


def _scope(tree: etree._Element, layout: Layout) -> etree._Element:
    """The story's own block (the <article> around its headline) or the whole page: datelines
    and bylines are searched there first, not in sidebars listing other stories."""
    el = first(tree, layout.title)
    while el is not None and el.tag != "article":
        el = el.getparent()
    return el if el is not None else tree


def _first_in(scope: etree._Element, tree: etree._Element,
              selectors: tuple[str, ...]) -> etree._Element | None:
    found = first(scope, selectors) if scope is not tree else None
    return found if found is not None else first(tree, selectors)


def _title(tree: etree._Element, meta: Metadata, layout: Layout) -> str | None:
    el = first(tree, layout.title)
    visible = clean(el.text_content()) if el is not None else ""
    head = _SITE_SUFFIX.sub("", clean(meta.head_title)) if meta.head_title else ""
    return clean(meta.title) or visible or head or None


def _text_from_layout(tree: etree._Element, layout: Layout) -> str:
    lead_el = first(tree, layout.lead)
    lead = paragraphs(lead_el, layout.drop) if lead_el is not None else []
    body_el = first(tree, layout.body)
    if body_el is None:
        return ""
    body = [p for p in paragraphs(body_el, layout.drop) if p not in lead]
    return "\n\n".join(lead + body) if body else ""


def _text_fallback(tree: etree._Element, url: str) -> str:
    import trafilatura  # slow import, only for pages no selector matches

    text = trafilatura.extract(tree, url=url, include_comments=False, include_tables=False,
                               include_images=False, deduplicate=False) or ""
    text = "\n\n".join(clean(line) for line in text.splitlines() if clean(line))
    return text if len(text) >= MIN_FALLBACK_CHARS else ""


def _published(tree: etree._Element, scope: etree._Element, meta: Metadata,
               source: ArticleSource) -> datetime | None:
    when = parse_any(meta.published)
    if when is None:
        el = _first_in(scope, tree, source.layout.dateline)
        if el is not None:
            when = parse_any(el.get("datetime")) or parse_dateline(el.text_content())
    if when is None and source.date_fallback:
        when = _date_fallback(tree)
    return when


def _date_fallback(tree: etree._Element) -> datetime | None:
    from htmldate import find_date  # slow import, last resort

    found = find_date(tree, extensive_search=True, original_date=True,
                      outputformat="%Y-%m-%dT%H:%M:%S")
    return parse_any(found) if found else None


def _author(tree: etree._Element, scope: etree._Element, meta: Metadata,
            layout: Layout) -> str | None:
    el = _first_in(scope, tree, layout.author)
    visible = clean(el.text_content()) if el is not None else ""
    from_meta = meta.author if meta.author and "://" not in meta.author else None
    return visible or from_meta or None


def _canonical(url: str, meta: Metadata, source: ArticleSource) -> str:
    hosts = source.hosts | site_hosts(netloc_of(url))
    for candidate in (meta.canonical, meta.url):
        if candidate:
            full = canonical_url(candidate, base=url)
            if same_site(full, hosts):
                return full
    return canonical_url(url)


def parse_article(html: str, url: str, source: ArticleSource) -> Article:
    """The Article of an HTML page fetched from `url`; ParseError when it holds no text, never
    another exception. Control characters are stripped from its fields (extractors/hygiene)."""
    try:
        return _parse_article(html, url, source)
    except (ParseError, ConfigError):
        raise
    except Exception as e:  # noqa: BLE001 - one hostile page is one failure, recorded
        raise ParseError(f"{url}: unreadable page: {type(e).__name__}: {e}"[:300]) from None


def _parse_article(html: str, url: str, source: ArticleSource) -> Article:
    tree = parse_html(html)
    meta = read_metadata(tree)
    title = _title(tree, meta, source.layout)
    scope = _scope(tree, source.layout)
    published = _published(tree, scope, meta, source)
    author = _author(tree, scope, meta, source.layout)
    canonical = _canonical(url, meta, source)
    text = _text_from_layout(tree, source.layout)
    if not text and source.text_fallback:
        logger.debug("%s: no body selector matched; trafilatura fallback", url)
        text = _text_fallback(tree, url)
    text = strip_controls(text)
    if not text.strip():
        raise ParseError(f"{url}: no article text found")
    return Article(url=canonical, source=source.name, title=clean_field(title),
                   published=published, text=text, author=clean_field(author),
                   fetched_url=url if url != canonical else None,
                   section=clean_field(clean(meta.section)), language=clean_field(meta.language))


def read_page(html: str, url: str = PAGE_URL) -> Article:
    """The Article of an HTML page of any site, read as the pipeline reads a generic source's
    page (text without the headline, which is the title); ParseError when it holds no text."""
    return parse_article(html, url, ANY_SITE)

"""Where the visible parts of an article sit on a page: selectors as data.

A Layout lists CSS selectors (translated once to XPath by cssselect) for the title, the lead
(sapo), the body, the dateline and the author, and the furniture to drop inside the body
(captions, related boxes, ads, scripts). Sources combine their own selectors with COMMON.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from cssselect import HTMLTranslator, SelectorError
from lxml import etree

from extractors.errors import ConfigError

_TRANSLATOR = HTMLTranslator()


@dataclass(frozen=True, slots=True)
class Layout:
    """CSS selectors per article part; the first that matches wins."""

    title: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    dateline: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()

    def then(self, other: Layout) -> Layout:
        """This layout's selectors followed by `other`'s (as fallbacks)."""
        return Layout(*(getattr(self, f) + tuple(s for s in getattr(other, f)
                                                  if s not in getattr(self, f))
                        for f in Layout.__slots__))


# What many Vietnamese and WordPress news pages use; tried after a source's own selectors.
COMMON = Layout(
    title=("h1.article__title", "h1.entry-title", "h1.title-detail", "h1.detail-title",
           "h1.article-title", "h1.title_news_detail", "article h1", "h1"),
    lead=(".article__sapo", ".sapo", ".article-sapo", ".detail-sapo", ".singular-sapo",
          ".article__lead", ".lead", "h2.description", ".entry-summary"),
    body=("[itemprop=articleBody]", ".article__body", ".entry-content", ".article-body",
          ".article-content", ".detail-content", ".content-detail", ".detail__content",
          ".singular-content", ".fck_detail", ".post-content", ".td-post-content",
          ".news-content", "#main-detail-body"),
    dateline=(".article__dateline", ".article__date", ".date-time", ".detail-time", ".datetime",
              ".publish-date", ".post-date", ".entry-date", ".date", ".time", "time"),
    author=(".article__author", ".author-name", ".author", ".byline", "[rel=author]",
            ".detail-author"),
    drop=("figure", "figcaption", "script", "style", "noscript", "iframe", "form", "table",
          "[class*=related]", "[class*=ads]", "[class*=advert]", "[class*=banner]",
          "[class*=share]", "[class*=social]", "[class*=comment]", "[class*=caption]",
          "[class*=newsletter]", ".tags", ".tag-list", "[id*=ads]", "[id*=gpt]"),
)


@cache
def compiled(selector: str) -> etree.XPath:
    """The XPath of a CSS selector, searched from the element it is applied to."""
    try:
        return etree.XPath(_TRANSLATOR.css_to_xpath(selector, prefix="descendant-or-self::"))
    except (SelectorError, etree.XPathSyntaxError) as e:
        raise ConfigError(f"bad CSS selector {selector!r}: {e}") from None


@cache
def compiled_union(selectors: tuple[str, ...]) -> etree.XPath | None:
    """One XPath matching any of `selectors` (None when empty)."""
    if not selectors:
        return None
    parts = [_TRANSLATOR.css_to_xpath(s, prefix="descendant::") for s in selectors]
    return etree.XPath(" | ".join(parts))


def first(tree: etree._Element, selectors: tuple[str, ...]) -> etree._Element | None:
    """The first element matched by the first selector that matches anything."""
    for sel in selectors:
        found = compiled(sel)(tree)
        if found:
            return found[0]
    return None

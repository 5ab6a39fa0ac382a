"""What scraped text may carry into the warehouse: no control characters, bounded length.

Titles and texts come from sites that may be hostile. At ingestion, control characters other
than newline and tab (ESC sequences would reach terminals), lone surrogates (invalid in UTF-8:
DuckDB refuses them) and bidirectional overrides (text that displays other than it reads)
are removed, and the text handed to the figure extractor is cut at MAX_TEXT_CHARS (news
articles are under 100 KB of text; the extractor's cost grows with the text: a 4.7 MB page
of number-dense text took 51 s of CPU), with a flag on the article.
"""

from __future__ import annotations

import logging
from dataclasses import replace

from extractors.model import Article

logger = logging.getLogger(__name__)

MAX_TEXT_CHARS = 200_000  # twice the longest news article seen; what is past it is dropped
MAX_FIELD_CHARS = 1_000  # title, author, section
# Figures kept per article: news articles state tens (a long provincial round-up ~150); a
# page of nothing but numbers would otherwise bring thousands, and every load's vintage
# rebuild reads all mentions of the observations it touches.
MAX_FIGURES = 300

_BIDI = [*range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_DROP = {c: None for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *_BIDI,
                           *range(0xD800, 0xE000)] if c not in (0x09, 0x0A)}


def strip_controls(text: str) -> str:
    """`text` without control characters (newline and tab kept), surrogates or bidi overrides."""
    return text.translate(_DROP)


def clean_field(value: str | None) -> str | None:
    """A short field (title, author, section) without control characters, bounded."""
    if value is None:
        return None
    value = strip_controls(value).strip()
    return value[:MAX_FIELD_CHARS] or None


def cut(text: str, limit: int = MAX_TEXT_CHARS) -> str:
    """`text` cut at `limit` characters, at a paragraph end when one is in the last half."""
    if len(text) <= limit:
        return text
    end = text.rfind("\n\n", limit // 2, limit)
    return text[: end if end > 0 else limit]


def cut_text(article: Article, limit: int = MAX_TEXT_CHARS) -> Article:
    """The article with its text cut (see `cut`) and flagged `text_truncated`; unchanged when
    shorter."""
    if len(article.text) <= limit:
        return article
    text = cut(article.text, limit)
    logger.info("%s: text of %d characters cut at %d", article.url, len(article.text), len(text))
    return replace(article, text=text, text_truncated=True)


"""RSS and Atom feeds (feedparser): the newest articles of a site, newest first."""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass, field
from datetime import UTC, datetime

import feedparser

from extractors.dates import parse_any
from extractors.errors import ParseError

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """One feed item: its link, publication time and title."""

    url: str
    published: datetime | None
    title: str | None


@dataclass(slots=True)
class Feed:
    """A parsed feed; `problem` says what was wrong when entries were salvaged."""

    entries: list[FeedEntry] = field(default_factory=list)
    problem: str | None = None


def _when(entry: feedparser.FeedParserDict) -> datetime | None:
    for key in ("published", "updated"):
        when = parse_any(entry.get(key))
        if when is not None:
            return when
        parsed = entry.get(key + "_parsed")
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), UTC)
    return None


def _link(entry: feedparser.FeedParserDict) -> str | None:
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return entry.get("link") or None


def parse_feed(body: bytes) -> Feed:
    """The entries of an RSS/Atom document, newest first; salvages what it can of a malformed
    one (and says so); ParseError when nothing readable is there, never another exception."""
    try:
        return _parse(body)
    except ParseError:
        raise
    except Exception as e:  # noqa: BLE001 - one hostile document must not stop discovery
        raise ParseError(f"unreadable feed: {type(e).__name__}: {e}"[:200]) from None


def _parse(body: bytes) -> Feed:
    parsed = feedparser.parse(body)
    entries = [FeedEntry(link, _when(e), e.get("title"))
               for e in parsed.entries if (link := _link(e))]
    problem = None
    if parsed.bozo:
        problem = f"malformed feed: {parsed.get('bozo_exception')!s:.120}"
        if not entries:
            raise ParseError(problem)
        logger.warning("%s; %d entries salvaged", problem, len(entries))
    elif not parsed.get("version") and not entries:
        raise ParseError("not a feed")
    entries.sort(key=lambda e: e.published or datetime.min.replace(tzinfo=UTC), reverse=True)
    return Feed(entries, problem)

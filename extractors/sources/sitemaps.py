"""XML sitemaps: indexes of shards, URL sets with lastmod, Google News sitemaps (lxml)."""

from __future__ import annotations

import gzip
import io
import logging
import re
import zlib
from dataclasses import dataclass, field
from datetime import datetime

from lxml import etree

from extractors.dates import parse_any
from extractors.errors import ParseError

logger = logging.getLogger(__name__)

MAX_XML_BYTES = 50_000_000  # the sitemap protocol's own limit, uncompressed
_MONTH = re.compile(r"(?<!\d)(20\d{2})[-_/]?(0[1-9]|1[0-2])(?!\d)")
_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
_RECOVER = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)


@dataclass(frozen=True, slots=True)
class SitemapEntry:
    """One <url> or <sitemap>: its location, lastmod and (news sitemaps) publication."""

    url: str
    lastmod: datetime | None = None
    published: datetime | None = None
    title: str | None = None

    @property
    def when(self) -> datetime | None:
        """The best date known: the news publication date, else lastmod."""
        return self.published or self.lastmod


@dataclass(slots=True)
class Sitemap:
    """A parsed sitemap document; `problem` says what was wrong when it was salvaged."""

    is_index: bool
    entries: list[SitemapEntry] = field(default_factory=list)
    problem: str | None = None


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _entry(el: etree._Element) -> SitemapEntry | None:
    fields: dict[str, str] = {}
    for child in el.iter():
        name = _local(child.tag)
        if name in ("loc", "lastmod", "publication_date", "title") and child.text:
            fields.setdefault(name, child.text.strip())
    if not fields.get("loc"):
        return None
    return SitemapEntry(fields["loc"], parse_any(fields.get("lastmod")),
                        parse_any(fields.get("publication_date")), fields.get("title"))


def _unzip(body: bytes) -> bytes:
    if body[:2] != b"\x1f\x8b":
        return body
    try:
        return gzip.GzipFile(fileobj=io.BytesIO(body)).read(MAX_XML_BYTES)
    except (OSError, EOFError, zlib.error) as e:
        raise ParseError(f"malformed sitemap: bad gzip ({e})") from None


def _root(body: bytes) -> tuple[etree._Element, str | None]:
    try:
        return etree.fromstring(body, _STRICT), None
    except etree.XMLSyntaxError as e:
        problem = f"malformed sitemap: {e}"[:160]
    try:  # the recovering parser still refuses some bodies ("Document is empty" for b"\x00")
        root = etree.fromstring(body, _RECOVER) if body.strip() else None
    except etree.XMLSyntaxError:
        root = None
    if root is None:
        raise ParseError(problem)
    return root, problem


def parse_sitemap(body: bytes) -> Sitemap:
    """A sitemap index or URL set; salvages what it can of a malformed one (and says so).
    Any body gives a Sitemap or a ParseError with the reason, never another exception."""
    try:
        return _parse(body)
    except ParseError:
        raise
    except Exception as e:  # noqa: BLE001 - one hostile document must not stop discovery
        raise ParseError(f"unreadable sitemap: {type(e).__name__}: {e}"[:200]) from None


def _parse(body: bytes) -> Sitemap:
    root, problem = _root(_unzip(body))
    kind = _local(root.tag)
    if kind not in ("sitemapindex", "urlset"):
        raise ParseError(problem or f"not a sitemap (root <{kind}>)")
    child = "sitemap" if kind == "sitemapindex" else "url"
    entries = [e for el in root if _local(el.tag) == child and (e := _entry(el))]
    if problem:
        logger.warning("%s; %d entries salvaged", problem, len(entries))
    return Sitemap(kind == "sitemapindex", entries, problem)


def shard_month(url: str) -> tuple[int, int] | None:
    """(year, month) named in a shard's URL ('/sitemaps/2024-06.xml'), if any."""
    m = _MONTH.search(url.rsplit("/", 1)[-1]) or _MONTH.search(url)
    return (int(m.group(1)), int(m.group(2))) if m else None

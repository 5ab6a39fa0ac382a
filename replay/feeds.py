"""XML documents of both sites: RSS 2.0, Atom, sitemap indexes, URL sets, news sitemaps."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from replay.model import ReplayArticle

XML_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n'
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_NS = "http://www.google.com/schemas/sitemap-news/0.9"


def rss(title: str, link: str, base: str, items: Sequence[ReplayArticle],
        now: datetime | None = None) -> str:
    """An RSS 2.0 channel, pubDate in RFC 822 form."""
    entries = "".join(
        f"<item><title>{escape(a.title)}</title><link>{base}{a.path}</link>"
        f'<guid isPermaLink="true">{base}{a.path}</guid>'
        f"<pubDate>{format_datetime(a.published)}</pubDate>"
        f"<dc:creator>{escape(a.author)}</dc:creator>"
        f"<description><![CDATA[{a.sapo}]]></description></item>\n" for a in items)
    built = now or (items[0].published if items else None)
    last = f"<lastBuildDate>{format_datetime(built)}</lastBuildDate>" if built else ""
    return (f'{XML_HEAD}<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
            f"<channel><title>{escape(title)}</title><link>{link}</link>"
            f"<description>{escape(title)}</description><language>vi</language>{last}\n"
            f"{entries}</channel></rss>\n")


def atom(title: str, base: str, items: Sequence[ReplayArticle]) -> str:
    """An Atom 1.0 feed (WordPress's /feed/atom/)."""
    updated = items[0].published.isoformat() if items else "2019-01-01T00:00:00+07:00"
    entries = "".join(
        f"<entry><title>{escape(a.title)}</title>"
        f'<link rel="alternate" type="text/html" href="{base}{a.path}"/>'
        f"<id>{base}/?p={a.id}</id><published>{a.published.isoformat()}</published>"
        f"<updated>{a.published.isoformat()}</updated>"
        f"<author><name>{escape(a.author)}</name></author>"
        f'<summary type="html">{escape(a.sapo)}</summary></entry>\n' for a in items)
    return (f'{XML_HEAD}<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">\n'
            f"<title>{escape(title)}</title><id>{base}/feed/atom/</id>"
            f'<link rel="self" href="{base}/feed/atom/"/><updated>{updated}</updated>\n'
            f"{entries}</feed>\n")


def sitemap_index(entries: Sequence[tuple[str, datetime]]) -> str:
    """A sitemap index: (absolute URL, lastmod) per child sitemap."""
    rows = "".join(f"<sitemap><loc>{escape(u)}</loc><lastmod>{m.isoformat()}</lastmod></sitemap>\n"
                   for u, m in entries)
    return f'{XML_HEAD}<sitemapindex xmlns="{SITEMAP_NS}">\n{rows}</sitemapindex>\n'


def urlset(base: str, items: Sequence[ReplayArticle]) -> str:
    """A sitemap URL set with lastmod."""
    rows = "".join(f"<url><loc>{escape(base + a.path)}</loc>"
                   f"<lastmod>{a.published.isoformat()}</lastmod></url>\n" for a in items)
    return f'{XML_HEAD}<urlset xmlns="{SITEMAP_NS}">\n{rows}</urlset>\n'


def news_sitemap(base: str, publication: str, items: Sequence[ReplayArticle]) -> str:
    """A Google News sitemap with news:publication_date."""
    rows = "".join(
        f"<url><loc>{escape(base + a.path)}</loc><news:news><news:publication>"
        f"<news:name>{escape(publication)}</news:name><news:language>vi</news:language>"
        f"</news:publication><news:publication_date>{a.published.isoformat()}"
        f"</news:publication_date><news:title>{escape(a.title)}</news:title></news:news></url>\n"
        for a in items)
    return (f'{XML_HEAD}<urlset xmlns="{SITEMAP_NS}" xmlns:news="{NEWS_NS}">\n'
            f"{rows}</urlset>\n")


def malformed(xml: str) -> str:
    """A broken copy of an XML document: cut mid-element, with a stray unescaped entity."""
    cut = max(len(xml) * 3 // 5, 1)
    return xml[:cut] + " & <item><title>Hỏng <b></channel"

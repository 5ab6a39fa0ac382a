"""Sources: feed, sitemap and listing parsing; discovery (incremental, backfill, resume) over a
tiny static site on 127.0.0.1; the registry."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from extractors.errors import ConfigError, ParseError, SourceError
from extractors.http import PoliteClient
from extractors.settings import HttpSettings, SourceSettings
from extractors.sources import REGISTRY, get_source
from extractors.sources.feeds import parse_feed
from extractors.sources.listings import listing_url, parse_listing
from extractors.sources.sitemaps import parse_sitemap, shard_month

VN = timezone(timedelta(hours=7))
HTTP = HttpSettings(polite=False, max_retries=0, connect_timeout_s=2, read_timeout_s=2)
SM = 'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"'


def day(n: int) -> datetime:
    """Article n's publication: one a day from 2024-01-01 09:00 +07:00."""
    return datetime(2024, 1, 1, 9, tzinfo=VN) + timedelta(days=n)


Routes = dict[str, tuple[int, str, bytes]]


@contextmanager
def static_site(routes: Routes) -> Iterator[tuple[str, list[str]]]:
    """Serve `routes` (path -> status, content type, body) on 127.0.0.1; yields (base, log)."""
    log: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            log.append(self.path)
            status, ctype, body = routes.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", log
    finally:
        server.shutdown()
        server.server_close()


def kdpt_routes(n_articles: int = 40) -> Routes:
    """A KDPT-shaped site: article i on day i; RSS of the newest 10; listing 5 per page;
    monthly sitemap shards."""
    ids = list(range(n_articles - 1, -1, -1))  # newest first
    path = {i: f"/tin-so-{i}-{1000 + i}.html" for i in ids}
    rss = "".join(f"<item><title>Tin {i}</title><link>BASE{path[i]}</link>"
                  f"<pubDate>{format_datetime(day(i))}</pubDate></item>" for i in ids[:10])
    routes: Routes = {
        "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /tim-kiem\n"),
        "/rss/home.rss": (200, "application/rss+xml",
                          f'<?xml version="1.0"?><rss version="2.0"><channel><title>K</title>'
                          f"{rss}</channel></rss>".encode()),
    }
    for page in range(1, n_articles // 5 + 1):
        chunk = ids[(page - 1) * 5: page * 5]
        items = "".join(f'<article class="story"><h3><a href="{path[i]}">Tin {i}</a></h3>'
                        f'<time datetime="{day(i).isoformat()}">x</time></article>' for i in chunk)
        url = "/kinh-te/" if page == 1 else f"/kinh-te/trang-{page}/"
        menu = '<a href="/kinh-te/">Kinh tế</a><a href="/amp/tin-so-1-1001.html">amp</a>'
        routes[url] = (200, "text/html; charset=utf-8",
                       f"<html><body>{menu}{items}</body></html>".encode())
    months: dict[str, list[int]] = {}
    for i in ids:
        months.setdefault(f"{day(i):%Y-%m}", []).append(i)
    index = "".join(f"<sitemap><loc>BASE/sitemaps/{m}.xml</loc></sitemap>" for m in months)
    routes["/sitemap-news.xml"] = (200, "application/xml", f"<urlset {SM}></urlset>".encode())
    routes["/sitemap.xml"] = (200, "application/xml",
                              f"<sitemapindex {SM}>{index}</sitemapindex>".encode())
    for m, members in months.items():
        urls = "".join(f"<url><loc>BASE{path[i]}</loc><lastmod>{day(i).isoformat()}</lastmod>"
                       f"</url>" for i in members)
        routes[f"/sitemaps/{m}.xml"] = (200, "application/xml",
                                        f"<urlset {SM}>{urls}</urlset>".encode())
    return routes


def with_base(routes: Routes, base: str) -> Routes:
    return {p: (s, c, b.replace(b"BASE", base.encode())) for p, (s, c, b) in routes.items()}


@contextmanager
def kdpt_site(n_articles: int = 40) -> Iterator[tuple[str, list[str]]]:
    routes: Routes = {}
    with static_site(routes) as (base, log):
        routes.update(with_base(kdpt_routes(n_articles), base))
        yield base, log


def discover(settings: SourceSettings, **kw):
    """(candidates, discovery documents that could not be read) of one discover() call."""
    source = get_source(settings)

    async def go():
        async with PoliteClient(HTTP) as client:
            return await source.discover(client, **kw)

    found = asyncio.run(go())
    return found.candidates, found.errors


def test_incremental_first_run_finds_all_newest_first_once() -> None:
    with kdpt_site() as (base, _):
        cands, errors = discover(SourceSettings(name="k", kind="kdpt", base_url=base,
                                                listings=[base + "/kinh-te/trang-{page}/"]))
    urls = [c.url for c in cands]
    assert len(urls) == len(set(urls)) == 40 and errors == []
    assert [c.via for c in cands[:10]] == ["rss"] * 10
    assert cands[0].published == day(39) and cands[0].url.endswith("/tin-so-39-1039.html")
    assert not any("/amp/" in u for u in urls)


def test_incremental_stops_at_known_run() -> None:
    with kdpt_site() as (base, log):
        known_ids = set(range(0, 37))  # everything but the newest three is known
        cands, _ = discover(SourceSettings(name="k", kind="kdpt", base_url=base,
                                           listings=[base + "/kinh-te/trang-{page}/"]),
                            known=lambda u: int(u.split("-")[-1][:-5]) - 1000 in known_ids)
    assert sorted(c.url.split("-")[-1] for c in cands) == ["1037.html", "1038.html", "1039.html"]
    # page 1: 39 38 37 new, 36 35 known; page 2: 34 known makes a run of three: stop there
    assert "/kinh-te/trang-2/" in log and "/kinh-te/trang-3/" not in log
    assert sum(p.startswith("/sitemaps/") for p in log) == 1  # newest shard only


def test_backfill_window_and_resume() -> None:
    since, until = day(10), day(20)
    with kdpt_site() as (base, log):
        settings = SourceSettings(name="k", kind="kdpt", base_url=base)
        state: dict = {}
        cands, _ = discover(settings, since=since, until=until, state=state)
        assert sorted(c.published for c in cands) == [day(i) for i in range(10, 20)]
        assert all(c.via == "sitemap" for c in cands)
        assert "/sitemaps/2024-02.xml" not in log  # after the window: skipped by its name
        assert base + "/sitemaps/2024-01.xml" in state["sitemaps_done"]
        log.clear()
        again, _ = discover(settings, since=since, until=until, state=state)
        assert again == [] and not any(p.startswith("/sitemaps/2024-01") for p in log)


def test_backfill_skips_shards_before_the_window() -> None:
    with kdpt_site() as (base, log):
        cands, _ = discover(SourceSettings(name="k", kind="kdpt", base_url=base),
                            since=day(35), until=day(38), state={})
    assert sorted(c.published for c in cands) == [day(i) for i in range(35, 38)]
    assert "/sitemaps/2024-01.xml" not in log and "/sitemaps/2024-02.xml" in log


def test_backfill_by_listing_when_no_sitemap() -> None:
    with kdpt_site() as (base, log):
        settings = SourceSettings(name="k", kind="kdpt", base_url=base,
                                  sitemaps=[base + "/nothing.xml"],
                                  listings=[base + "/kinh-te/trang-{page}/"])
        state: dict = {}
        cands, errors = discover(settings, since=day(30), until=day(35), state=state)
    assert sorted(c.published for c in cands) == [day(i) for i in range(30, 35)]
    assert {c.via for c in cands} == {"listing"} and "/kinh-te/trang-3/" in log
    assert "/kinh-te/trang-4/" not in log  # page 3 reached before `since`: stop
    assert state["listings"] == {base + "/kinh-te/trang-{page}/": 0}
    assert [what for what, _ in errors] == ["sitemap"]


def test_max_pages_and_max_articles_bound_the_walk() -> None:
    with kdpt_site() as (base, log):
        settings = SourceSettings(name="k", kind="kdpt", base_url=base, feeds=[base + "/no.rss"],
                                  sitemaps=[base + "/none.xml"], max_pages=2,
                                  listings=[base + "/kinh-te/trang-{page}/"])
        cands, _ = discover(settings)
        assert len(cands) == 10 and "/kinh-te/trang-3/" not in log
        cands, _ = discover(settings.model_copy(update={"max_articles": 4}))
        assert len(cands) == 4


def test_source_that_reads_nothing_fails_loudly() -> None:
    with static_site({}) as (base, _):
        with pytest.raises(SourceError, match="nothing could be read"):
            discover(SourceSettings(name="k", kind="kdpt", base_url=base))


def test_generic_source_feed_and_sitemap() -> None:
    routes: Routes = {}
    with static_site(routes) as (base, _):
        atom = (f'<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
                f'<entry><title>A</title><link rel="alternate" href="{base}/2024/07/02/a/"/>'
                f"<published>2024-07-02T08:00:00+07:00</published></entry></feed>")
        news = (f'<urlset {SM} xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
                f"<url><loc>{base}/2024/07/01/b/</loc><news:news><news:publication_date>"
                f"2024-07-01T08:00:00+07:00</news:publication_date><news:title>B</news:title>"
                f"</news:news></url><url><loc>{base}/chuyen-muc/kinh-te/</loc></url></urlset>")
        routes.update({"/feed/atom/": (200, "application/atom+xml", atom.encode()),
                       "/news-sitemap.xml": (200, "application/xml", news.encode())})
        cands, _ = discover(SourceSettings(name="t", kind="generic", base_url=base,
                                           feeds=[base + "/feed/atom/"],
                                           sitemaps=[base + "/news-sitemap.xml"]))
    assert [(c.url[len(base):], c.via, c.title) for c in cands] == [
        ("/2024/07/02/a/", "rss", "A"), ("/2024/07/01/b/", "sitemap", "B")]
    assert cands[1].published == datetime(2024, 7, 1, 8, tzinfo=VN)


def test_generic_source_finds_sitemaps_in_robots_txt() -> None:
    routes: Routes = {}
    with static_site(routes) as (base, log):
        urls = f"<urlset {SM}><url><loc>{base}/2024/07/01/b/</loc></url></urlset>"
        routes.update({
            "/robots.txt": (200, "text/plain", f"User-agent: *\nSitemap: {base}/sm.xml\n".encode()),
            "/sm.xml": (200, "application/xml", urls.encode())})
        cands, _ = discover(SourceSettings(name="t", kind="generic", base_url=base))
    assert [c.url for c in cands] == [base + "/2024/07/01/b/"]
    with static_site({}) as (base, _):
        with pytest.raises(SourceError, match="no feed, sitemap or listing"):
            discover(SourceSettings(name="t", kind="generic", base_url=base))


def test_parse_feed_rss_and_malformed() -> None:
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><item><link>http://a.vn/1.html'
           b"</link><pubDate>Thu, 27 Jun 2024 03:56:00 GMT</pubDate></item></channel></rss>")
    [entry] = parse_feed(rss).entries
    assert entry.url == "http://a.vn/1.html" and entry.published == day(0).replace(
        year=2024, month=6, day=27, hour=10, minute=56)
    with pytest.raises(ParseError, match="malformed feed|not a feed"):
        parse_feed(b"<html><body>oops</body></html>")


def test_parse_sitemap_index_urlset_and_salvage() -> None:
    index = parse_sitemap(f"<sitemapindex {SM}><sitemap><loc>http://a.vn/s/2024-06.xml</loc>"
                          f"<lastmod>2024-06-30</lastmod></sitemap></sitemapindex>".encode())
    assert index.is_index and index.entries[0].url == "http://a.vn/s/2024-06.xml"
    broken = parse_sitemap(f"<urlset {SM}><url><loc>http://a.vn/1.html</loc></url>"
                           f"<url><loc>http://a.vn/2.html</loc></url><url><loc>http://a".encode())
    assert broken.problem and broken.problem.startswith("malformed sitemap")
    assert [e.url for e in broken.entries][:2] == ["http://a.vn/1.html", "http://a.vn/2.html"]
    with pytest.raises(ParseError):
        parse_sitemap(b"")
    assert shard_month("http://a.vn/sitemaps/2024-06.xml") == (2024, 6)
    assert shard_month("http://a.vn/post-sitemap2.xml") is None


def test_listing_templates() -> None:
    assert listing_url("http://a.vn/kinh-te/trang-{page}/", 1) == "http://a.vn/kinh-te/"
    assert listing_url("http://a.vn/kinh-te/trang-{page}/", 3) == "http://a.vn/kinh-te/trang-3/"
    assert listing_url("http://a.vn/cm/kt/page/{page}/", 1) == "http://a.vn/cm/kt/"
    assert listing_url("http://a.vn/kt?page={page}", 1) == "http://a.vn/kt"
    assert listing_url("http://a.vn/kt.htm", 5) == "http://a.vn/kt.htm"


def test_parse_listing_links_and_dates() -> None:
    html = ('<ul><li><a href="/a-1.html">A</a><time datetime="2024-06-27T10:56:00+07:00">'
            '</time></li><li><div><a href="/b-2.html?utm_source=x">B</a></div>'
            '<span>27/06/2024</span></li></ul><a href="/kinh-te/">menu</a>')
    items = parse_listing(html, "http://a.vn/kinh-te/", lambda u: u.endswith(".html"))
    assert [(i.url, i.title) for i in items] == [("http://a.vn/a-1.html", "A"),
                                                 ("http://a.vn/b-2.html", "B")]
    assert items[0].published == datetime(2024, 6, 27, 10, 56, tzinfo=VN)


def test_registry_and_url_patterns() -> None:
    assert set(REGISTRY) == {"kdpt", "generic"}
    kdpt = get_source(SourceSettings(name="kdpt", kind="kdpt"))
    assert kdpt.base_url == "https://kinhdoanhvaphattrien.vn"
    assert kdpt.feeds == ["https://kinhdoanhvaphattrien.vn/rss/home.rss"]
    assert kdpt.is_article_url("https://kinhdoanhvaphattrien.vn/lang-son-dat-5-ty-12345.html")
    assert not kdpt.is_article_url("https://kinhdoanhvaphattrien.vn/amp/x-12345.html")
    assert not kdpt.is_article_url("https://other.vn/lang-son-12345.html")
    generic = get_source(SourceSettings(name="g", kind="generic", base_url="https://t.vn"))
    assert generic.is_article_url("https://t.vn/2024/07/02/bac-ninh/")
    assert not generic.is_article_url("https://t.vn/chuyen-muc/kinh-te/page/2/")
    assert not generic.is_article_url("https://t.vn/wp-admin/x-y-z-w/")
    assert generic.accepts("https://t.vn/tin-tuc/abc", "rss")  # a feed lists articles
    assert not generic.accepts("https://t.vn/tin-tuc/abc", "listing")  # a menu link, maybe
    assert not generic.accepts("https://t.vn/tag/abc/", "sitemap")
    with pytest.raises(ConfigError):
        get_source(SourceSettings.model_construct(name="x", kind="nope"))
    feed_only = get_source(SourceSettings(name="f", kind="generic",
                                          feeds=["http://127.0.0.1:8001/feed/"]))
    assert feed_only.base_url == "http://127.0.0.1:8001"
    with pytest.raises(SourceError):
        get_source(SourceSettings(name="n", kind="generic"))


def test_a_host_deferred_to_the_next_run_is_named_once() -> None:
    from extractors.http.errors import FetchError, RobotsUnreachable
    from extractors.sources.base import _reasons
    from extractors.sources.discovery import DocumentError

    why = "host name does not resolve: no network or DNS?"
    errors = [DocumentError(what, RobotsUnreachable(f"https://a.vn/{n}", why))
              for n, what in enumerate(("feed", "listing", "sitemap"))]
    errors.append(DocumentError("sitemap", FetchError("https://b.vn/s.xml", "HTTP 404", 404)))
    assert _reasons(errors) == (f"a.vn: robots.txt unreachable ({why}): host deferred to the "
                                "next run, 3 discovery documents waiting; sitemap "
                                "https://b.vn/s.xml: HTTP 404")

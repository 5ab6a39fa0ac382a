"""The replay sites' layouts over real HTTP: listings, feeds, sitemaps, robots, pages, caching."""

from __future__ import annotations

import gzip
import re
import time
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from email.utils import parsedate_to_datetime

import httpx
import pytest

from replay import ReplayServer, ReplaySite
from replay.encoding import from_cp1258
from replay.model import VN_TZ

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


@pytest.fixture(scope="module")
def srv() -> Iterator[ReplayServer]:
    with ReplaySite().serve() as server:
        yield server


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=10) as c:
        yield c


def _paths(srv: ReplayServer, site: str) -> set[str]:
    return {a.path for a in srv.articles if a.site == site}


def _walk(client: httpx.Client, url: str, link_re: str, next_re: str) -> tuple[set[str], int]:
    found, pages = set(), 0
    while url and pages < 100:
        r = client.get(url)
        assert r.status_code == 200, url
        found |= set(re.findall(link_re, r.text))
        nxt = re.search(next_re, r.text)
        url = httpx.URL(url).join(nxt.group(1)) if nxt else None
        pages += 1
    return found, pages


def test_kdpt_listing_pagination_reaches_every_article(srv: ReplayServer,
                                                       client: httpx.Client) -> None:
    found: set[str] = set()
    for cat in ("kinh-te", "dia-phuong"):
        got, pages = _walk(client, f"{srv.kdpt_url}/{cat}/",
                           r'<h3 class="story__title"><a href="([^"]+)"',
                           r'<a class="pagination__next" href="([^"]+)"')
        found |= got
        in_cat = [a for a in srv.articles if a.site == "kdpt" and a.category == cat]
        assert pages == -(-len(in_cat) // 15)
    assert found == _paths(srv, "kdpt")


def test_kdpt_listing_is_newest_first_with_datetimes(srv: ReplayServer,
                                                     client: httpx.Client) -> None:
    html = client.get(f"{srv.kdpt_url}/dia-phuong/").text
    stamps = [datetime.fromisoformat(s) for s in re.findall(r'datetime="([^"]+)"', html)]
    in_cat = sum(1 for a in srv.articles if a.site == "kdpt" and a.category == "dia-phuong")
    assert stamps == sorted(stamps, reverse=True) and len(stamps) == min(15, in_cat)
    assert client.get(f"{srv.kdpt_url}/dia-phuong/trang-999/").status_code == 404


def test_tin_listing_pagination_reaches_every_article(srv: ReplayServer,
                                                      client: httpx.Client) -> None:
    found, _ = _walk(client, f"{srv.tin_url}/chuyen-muc/kinh-te/",
                     r'<h2 class="entry-title"><a href="([^"]+)"',
                     r'<a class="next page-numbers" href="([^"]+)"')
    assert found == _paths(srv, "tin")


@pytest.mark.parametrize("path", ["/rss/home.rss", "/rss/kinh-te.rss", "/rss/dia-phuong.rss"])
def test_kdpt_rss_parses_newest_first(srv: ReplayServer, client: httpx.Client, path: str) -> None:
    root = ET.fromstring(client.get(srv.kdpt_url + path).content)
    items = root.findall("./channel/item")
    assert 0 < len(items) <= 30
    dates = [parsedate_to_datetime(i.findtext("pubDate")) for i in items]
    assert dates == sorted(dates, reverse=True)
    assert all(i.findtext("link").startswith(srv.kdpt_url + "/") for i in items)


def test_tin_rss_and_atom_parse(srv: ReplayServer, client: httpx.Client) -> None:
    rss = ET.fromstring(client.get(f"{srv.tin_url}/feed/").content)
    links = {i.findtext("link") for i in rss.findall("./channel/item")}
    atom = ET.fromstring(client.get(f"{srv.tin_url}/feed/atom/").content)
    ns = "{http://www.w3.org/2005/Atom}"
    hrefs = {e.find(f"{ns}link").get("href") for e in atom.findall(f"{ns}entry")}
    expected = {a.url for a in srv.articles if a.site == "tin"}
    assert links == hrefs and links <= expected and len(links) == min(30, len(expected))


def _sitemap_urls(client: httpx.Client, index_url: str) -> set[str]:
    index = ET.fromstring(client.get(index_url).content)
    assert index.tag == f"{SM}sitemapindex"
    urls: set[str] = set()
    for loc in index.iter(f"{SM}loc"):
        shard = ET.fromstring(client.get(loc.text).content)
        if "news" not in loc.text:  # Google News sitemaps carry publication dates instead
            assert all(u.find(f"{SM}lastmod") is not None for u in shard.iter(f"{SM}url"))
        urls |= {u.text for u in shard.iter(f"{SM}loc")}
    return urls


def test_sitemap_index_shards_list_every_article(srv: ReplayServer, client: httpx.Client) -> None:
    assert _sitemap_urls(client, f"{srv.kdpt_url}/sitemap.xml") == {
        a.url for a in srv.articles if a.site == "kdpt"}
    assert _sitemap_urls(client, f"{srv.tin_url}/sitemap_index.xml") == {
        a.url for a in srv.articles if a.site == "tin"}


def test_news_sitemap_has_publication_dates(srv: ReplayServer, client: httpx.Client) -> None:
    root = ET.fromstring(client.get(f"{srv.kdpt_url}/sitemap-news.xml").content)
    ns = "{http://www.google.com/schemas/sitemap-news/0.9}"
    dates = [datetime.fromisoformat(d.text) for d in root.iter(f"{ns}publication_date")]
    assert 0 < len(dates) <= 50 and dates == sorted(dates, reverse=True)


def test_robots_txt(srv: ReplayServer, client: httpx.Client) -> None:
    kdpt = client.get(f"{srv.kdpt_url}/robots.txt").text
    assert "User-agent: *" in kdpt and "Disallow: /tim-kiem" in kdpt
    assert f"Sitemap: {srv.kdpt_url}/sitemap.xml" in kdpt
    tin = client.get(f"{srv.tin_url}/robots.txt").text
    assert "Disallow: /wp-admin/" in tin and f"Sitemap: {srv.tin_url}/sitemap_index.xml" in tin


def test_kdpt_article_markup_and_head(srv: ReplayServer, client: httpx.Client) -> None:
    a = next(x for x in srv.articles if x.site == "kdpt" and x.meta == "jsonld")
    html = client.get(a.url).text
    assert f'<link rel="canonical" href="{a.url}">' in html
    assert f'content="{a.published.isoformat()}"' in html and '"@type": "NewsArticle"' in html
    for css in ("article__title", "article__dateline", "article__sapo", "article__body",
                "box-related", "site-footer", "main-menu"):
        assert f'class="{css}' in html
    dl = a.published.strftime("%Hh%M %d/%m/%Y")
    assert re.search(r'<span class="article__dateline">Th[^,]+, ' + dl + "</span>", html)


def test_some_kdpt_articles_have_only_the_visible_dateline(srv: ReplayServer,
                                                            client: httpx.Client) -> None:
    bare = [a for a in srv.articles if a.site == "kdpt" and a.meta == "none"]
    assert bare
    html = client.get(bare[0].url).text
    head = html.split("</head>")[0]
    assert "canonical" not in head and "og:" not in head and "published_time" not in head
    assert bare[0].published.strftime("%d/%m/%Y") in html


def test_tin_article_markup(srv: ReplayServer, client: httpx.Client) -> None:
    a = next(x for x in srv.articles if x.site == "tin")
    html = client.get(a.url).text
    assert '<h1 class="entry-title">' in html and 'class="entry-content"' in html
    assert f'datetime="{a.published.isoformat()}"' in html and 'id="comments"' in html
    assert re.match(r"^/\d{4}/\d{2}/\d{2}/[a-z0-9-]+/$", a.path)
    r = client.get(a.url.rstrip("/"))
    assert r.status_code == 301 and r.headers["location"] == a.url


def test_amp_copy_points_to_canonical(srv: ReplayServer, client: httpx.Client) -> None:
    a = next(x for x in srv.articles if x.site == "kdpt")
    html = client.get(srv.kdpt_url + a.amp_path).text
    assert f'<link rel="canonical" href="{a.url}">' in html and "<html ⚡" in html


def test_stale_slug_redirects(srv: ReplayServer, client: httpx.Client) -> None:
    a = next(x for x in srv.articles if x.site == "kdpt")
    r = client.get(f"{srv.kdpt_url}/tieu-de-cu-{a.id}.html")
    assert r.status_code == 301 and r.headers["location"] == a.url


def test_conditional_get_answers_304(srv: ReplayServer, client: httpx.Client) -> None:
    a = srv.articles[0]
    first = client.get(a.url)
    etag, last_modified = first.headers["etag"], first.headers["last-modified"]
    assert parsedate_to_datetime(last_modified) == a.published
    assert client.get(a.url, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(a.url, headers={"If-Modified-Since": last_modified}).status_code == 304
    assert client.get(a.url, headers={"If-None-Match": '"other"'}).status_code == 200
    feed_url = f"{srv.kdpt_url}/rss/home.rss"
    again = client.get(feed_url, headers={"If-None-Match": client.get(feed_url).headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_gzip_when_asked(srv: ReplayServer, client: httpx.Client) -> None:
    a = srv.articles[0]
    with client.stream("GET", a.url, headers={"Accept-Encoding": "gzip"}) as r:
        raw = b"".join(r.iter_raw())
        assert r.headers["content-encoding"] == "gzip"
    plain = client.get(a.url, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert gzip.decompress(raw) == plain.content and len(raw) < len(plain.content) / 2


def test_windows_1258_articles_decode(srv: ReplayServer, client: httpx.Client) -> None:
    a = next(x for x in srv.articles if x.charset == "windows-1258")
    r = client.get(a.url)
    assert r.headers["content-type"].endswith("charset=windows-1258")
    assert b'<meta charset="windows-1258">' in r.content
    with pytest.raises(UnicodeDecodeError):
        r.content.decode("utf-8")
    text = from_cp1258(r.content)
    assert unicodedata.normalize("NFC", a.title) in text and a.paragraphs[0][:60] in text


def test_clock_hides_then_publishes(srv: ReplayServer, client: httpx.Client) -> None:
    kdpt = sorted((a for a in srv.articles if a.site == "kdpt"), key=lambda a: a.published)
    cut = kdpt[len(kdpt) // 2].published
    later = [a for a in kdpt if a.published >= cut]
    try:
        srv.set_clock(cut.astimezone(VN_TZ).replace(tzinfo=None))
        urls = _sitemap_urls(client, f"{srv.kdpt_url}/sitemap.xml")
        feed = client.get(f"{srv.kdpt_url}/rss/home.rss").text
        assert not any(a.url in urls or a.url in feed for a in later)
        assert client.get(later[0].url).status_code == 404
        srv.set_clock(None)
        assert later[0].url in _sitemap_urls(client, f"{srv.kdpt_url}/sitemap.xml")
        assert client.get(later[0].url).status_code == 200
    finally:
        srv.set_clock(None)


def test_stats_and_log_count_requests(srv: ReplayServer, client: httpx.Client) -> None:
    srv.reset_stats()
    client.get(f"{srv.kdpt_url}/robots.txt")
    client.get(f"{srv.tin_url}/no-such-page/")
    # the server's thread records a request after its last byte is written, which the client
    # may have read already: wait (bounded) for the second record
    deadline = time.monotonic() + 5
    while srv.stats()["requests"] < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    stats = srv.stats()
    assert stats["requests"] == 2 and stats["by_status"] == {200: 1, 404: 1}
    assert stats["bytes_sent"] == sum(entry[4] for entry in srv.log) > 0
    assert [e[:4] for e in srv.log] == [("kdpt", "GET", "/robots.txt", 200),
                                        ("tin", "GET", "/no-such-page/", 404)]

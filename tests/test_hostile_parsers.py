"""Issue 14: every parser turns any input into a result or a ParseError of that document
(property tests over random bytes), and the fetch scope refuses non-public addresses."""

from __future__ import annotations

import asyncio
import gzip
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.errors import ParseError
from extractors.http import PoliteClient, decode_body
from extractors.http.errors import OutOfScope
from extractors.http.robots import parse_robots
from extractors.http.scope import AddressGuard, is_public
from extractors.model import Page
from extractors.settings import HttpSettings, SourceSettings
from extractors.sources import get_source
from extractors.sources.feeds import parse_feed
from extractors.sources.listings import parse_listing
from extractors.sources.sitemaps import parse_sitemap
from extractors.urls import canonical_url, netloc_of
from tests.helpers.hostile import Answer, HostileSite

GENERIC = get_source(SourceSettings(name="g", kind="generic", base_url="http://news.test"))
KDPT = get_source(SourceSettings(name="k", kind="kdpt", base_url="http://kdpt.test"))

# Random bytes, and random bytes around the starts of real documents (deeper into parsers).
PREFIXES = [b"", b"<?xml version='1.0'?>", b"<urlset>", b"<sitemapindex><sitemap><loc>",
            b"<rss><channel><item><link>", b"<feed xmlns='http://www.w3.org/2005/Atom'>",
            b"<html><head><meta charset='", b"<!doctype html><html><body><p>", b"\x1f\x8b",
            b"\xef\xbb\xbf", b"\xff\xfe", b"User-agent: *\nDisallow: "]
hostile = st.builds(lambda p, b: p + b, st.sampled_from(PREFIXES), st.binary(max_size=400))
FAST = settings(max_examples=300, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])


def only_parse_errors(fn, *args) -> None:  # noqa: ANN001 - any parser
    try:
        fn(*args)
    except ParseError:
        pass


@FAST
@given(hostile)
def test_sitemap_parser_never_raises_anything_else(body: bytes) -> None:
    only_parse_errors(parse_sitemap, body)
    only_parse_errors(parse_sitemap, gzip.compress(body))


@FAST
@given(hostile)
def test_feed_parser_never_raises_anything_else(body: bytes) -> None:
    only_parse_errors(parse_feed, body)


@FAST
@given(hostile)
def test_listing_parser_never_raises_anything_else(body: bytes) -> None:
    text, _ = decode_body(body)
    only_parse_errors(parse_listing, text, "http://news.test/", GENERIC.is_article_url, "a.x")


@FAST
@given(hostile)
def test_robots_parser_never_raises(body: bytes) -> None:
    robots = parse_robots(decode_body(body)[0])
    assert isinstance(robots.allows("http://news.test/a.html", "tradewatch"), bool)
    robots.crawl_delay("tradewatch")
    robots.sitemaps()


@FAST
@given(hostile, st.sampled_from([None, "text/html", "text/html; charset=utf-7",
                                 "text/html; charset=rot13", "text/html; charset=hex",
                                 "text/xml; charset=x-unknown", "text/html; charset=utf-16"]))
def test_charset_decoder_never_raises(body: bytes, content_type: str | None) -> None:
    text, encoding = decode_body(body, content_type)
    assert isinstance(text, str) and encoding


@FAST
@given(hostile)
def test_article_parser_never_raises_anything_else(body: bytes) -> None:
    page = Page("http://news.test/a-b-c-d.html", "http://news.test/a-b-c-d.html", 200,
                {"content-type": "text/html"}, body, datetime.now(UTC))
    for source in (GENERIC, KDPT):
        try:
            article = source.parse(page)
        except ParseError:
            continue
        assert "\x1b" not in article.text and "\x00" not in (article.title or "")


@FAST
@given(st.text(max_size=80))
def test_url_helpers_never_raise(text: str) -> None:
    for url in (text, "http://" + text, "http://[" + text):
        assert isinstance(canonical_url(url, base="http://news.test/"), str)
        assert isinstance(netloc_of(url), str)
        assert isinstance(GENERIC.is_article_url(canonical_url(url)), bool)


def test_one_nul_byte_is_a_parse_error_for_every_discovery_parser() -> None:
    for body in (b"\x00", gzip.compress(b"\x00" * 100), b""):
        with pytest.raises(ParseError):
            parse_sitemap(body)
        with pytest.raises(ParseError):
            parse_feed(body)


# ---------------------------------------------------------------- addresses

@pytest.mark.parametrize(("address", "public"), [
    ("127.0.0.1", False), ("10.1.2.3", False), ("172.16.0.1", False), ("192.168.1.1", False),
    ("169.254.169.254", False), ("100.64.0.1", False), ("0.0.0.0", False), ("::1", False),
    ("fe80::1", False), ("fd00::1", False), ("::ffff:127.0.0.1", False), ("224.0.0.1", False),
    ("8.8.8.8", True), ("2001:4860:4860::8888", True), ("not an address", False)])
def test_public_addresses(address: str, public: bool) -> None:
    assert is_public(address) is public


def test_a_twin_host_resolving_to_loopback_is_refused_over_http() -> None:
    """The configuration names `localhost`; a redirect to its twin `www.localhost` is on the
    source's hosts but not named, and it resolves to loopback: refused before any request."""
    asked: list[str] = []

    async def resolve(host: str) -> list[str]:
        asked.append(host)
        return ["127.0.0.1"]

    with HostileSite() as site:
        site.routes["/robots.txt"] = Answer(404)
        site.routes["/a-b-c.html"] = Answer(302, headers={
            "Location": f"http://www.localhost:{site.port}/x-y-z.html"})
        source = SourceSettings(name="s", kind="generic", base_url=f"http://localhost:{site.port}")

        async def go() -> None:
            async with PoliteClient(HttpSettings(polite=False), resolve=resolve) as client:
                await client.fetch(f"http://localhost:{site.port}/a-b-c.html",
                                   get_source(source).scope)

        with pytest.raises(OutOfScope, match="www.localhost resolves to non-public address "
                                             "127.0.0.1 and is not named"):
            asyncio.run(go())
    assert asked == ["www.localhost"]
    assert site.hits == ["/robots.txt", "/a-b-c.html"]


def test_address_guard_lets_named_hosts_and_public_addresses_through() -> None:
    async def resolve(host: str) -> list[str]:
        return {"public.test": ["93.184.216.34"], "inner.test": ["10.0.0.5"]}.get(host, [])

    guard = AddressGuard(resolve)

    async def go() -> None:
        await guard.check("http://127.0.0.1:8000/x", frozenset({"127.0.0.1"}))
        await guard.check("http://public.test/x", frozenset())
        with pytest.raises(OutOfScope):
            await guard.check("http://inner.test/x", frozenset())
        with pytest.raises(OutOfScope):
            await guard.check("http://169.254.169.254/latest/meta-data/", frozenset())
        await guard.check("http://inner.test/x", frozenset({"inner.test"}))

    asyncio.run(go())

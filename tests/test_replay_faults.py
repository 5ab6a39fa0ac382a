"""Every fault mode of the replay site does what REPLAY.md says, over real HTTP."""

from __future__ import annotations

import gzip
import socket
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator

import httpx
import pytest

from extractors.errors import UserError
from replay import FaultPlan, FaultRule, ReplayArticle, ReplayServer, ReplaySite
from replay.encoding import from_cp1258
from replay.faults import parse_fault_spec


@pytest.fixture(scope="module")
def srv() -> Iterator[ReplayServer]:
    with ReplaySite().serve() as server:
        yield server


@pytest.fixture()
def faults(srv: ReplayServer) -> Iterator[ReplayServer]:
    """The server, with its fault plan cleared after the test."""
    yield srv
    srv.set_faults(None)


@pytest.fixture()
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5) as c:
        yield c


def _utf8_article(srv: ReplayServer) -> ReplayArticle:
    return next(a for a in srv.articles if a.site == "kdpt" and a.charset == "utf-8")


def test_status_429_with_retry_after(faults: ReplayServer, client: httpx.Client) -> None:
    a = _utf8_article(faults)
    faults.set_faults(FaultPlan([FaultRule("status_429", a.path, retry_after=7)]))
    r = client.get(a.url)
    assert r.status_code == 429 and r.headers["retry-after"] == "7"


@pytest.mark.parametrize("fault,status", [("status_500", 500), ("status_503", 503),
                                          ("not_found", 404)])
def test_status_faults(faults: ReplayServer, client: httpx.Client, fault: str,
                       status: int) -> None:
    faults.set_faults(FaultPlan([FaultRule(fault, "/rss/*")]))
    assert client.get(f"{faults.kdpt_url}/rss/home.rss").status_code == status
    assert client.get(f"{faults.kdpt_url}/sitemap.xml").status_code == 200


def test_rule_with_times_then_recovers(faults: ReplayServer, client: httpx.Client) -> None:
    a = _utf8_article(faults)
    faults.set_faults(FaultPlan([FaultRule("status_503", a.path, times=2)]))
    assert [client.get(a.url).status_code for _ in range(4)] == [503, 503, 200, 200]


def test_rule_for_one_site_only(faults: ReplayServer, client: httpx.Client) -> None:
    faults.set_faults(FaultPlan([FaultRule("status_500", "/robots.txt", site="tin")]))
    assert client.get(f"{faults.tin_url}/robots.txt").status_code == 500
    assert client.get(f"{faults.kdpt_url}/robots.txt").status_code == 200


@pytest.mark.parametrize("when", ["before", "after"])
def test_reset(faults: ReplayServer, client: httpx.Client, when: str) -> None:
    a = _utf8_article(faults)
    faults.set_faults(FaultPlan([FaultRule("reset", a.path, times=1, when=when)]))
    with pytest.raises((httpx.RemoteProtocolError, httpx.ReadError)):
        client.get(a.url)
    assert client.get(a.url).status_code == 200  # the retry gets through


def test_slow_body_trickles(faults: ReplayServer) -> None:
    a = _utf8_article(faults)
    faults.set_faults(FaultPlan([FaultRule("slow", a.path, delay_s=0.3, chunks=3)]))
    with httpx.Client(timeout=httpx.Timeout(5, read=0.15)) as impatient:
        with pytest.raises(httpx.ReadTimeout):
            impatient.get(a.url)
    start = time.monotonic()
    with httpx.Client(timeout=5) as patient:
        r = patient.get(a.url, headers={"Accept-Encoding": "identity"})
    assert r.status_code == 200 and r.text.rstrip().endswith("</html>")
    assert time.monotonic() - start >= 0.85


def test_truncate_cuts_html_with_honest_length(faults: ReplayServer, client: httpx.Client) -> None:
    a = _utf8_article(faults)
    full = client.get(a.url, headers={"Accept-Encoding": "identity"}).content
    faults.set_faults(FaultPlan([FaultRule("truncate", a.path)]))
    r = client.get(a.url, headers={"Accept-Encoding": "identity"})
    assert int(r.headers["content-length"]) == len(r.content) == len(full) // 2
    assert full.startswith(r.content) and b"</html>" not in r.content


def test_charset_wrong(faults: ReplayServer, client: httpx.Client) -> None:
    a = _utf8_article(faults)
    faults.set_faults(FaultPlan([FaultRule("charset_wrong", a.path)]))
    r = client.get(a.url)
    assert r.headers["content-type"].endswith("charset=utf-8")
    assert b'<meta charset="utf-8">' in r.content
    with pytest.raises(UnicodeDecodeError):
        r.content.decode("utf-8")
    assert a.title in from_cp1258(r.content)


def test_charset_wrong_the_reverse(faults: ReplayServer, client: httpx.Client) -> None:
    a = next(x for x in faults.articles if x.charset == "windows-1258")
    faults.set_faults(FaultPlan([FaultRule("charset_wrong", a.path)]))
    r = client.get(a.url)
    assert r.headers["content-type"].endswith("charset=windows-1258")
    assert a.title in r.content.decode("utf-8")


def test_charset_missing(faults: ReplayServer, client: httpx.Client) -> None:
    a = _utf8_article(faults)
    faults.set_faults(FaultPlan([FaultRule("charset_missing", a.path)]))
    r = client.get(a.url)
    assert r.headers["content-type"] == "text/html" and b"charset" not in r.content.lower()
    assert a.title in from_cp1258(r.content)


def test_huge_body(faults: ReplayServer) -> None:
    a = _utf8_article(faults)
    faults.set_faults(FaultPlan([FaultRule("huge", a.path, size_mb=3)]))
    with httpx.Client(timeout=5) as c, c.stream("GET", a.url) as r:
        assert int(r.headers["content-length"]) == 3 * 1024 * 1024
        got = 0
        for chunk in r.iter_bytes():
            got += len(chunk)
            if got > 1_000_000:  # a client with a 1 MB cap stops here
                break
    assert got > 1_000_000


def test_huge_compressed_and_chunked(faults: ReplayServer) -> None:
    a = _utf8_article(faults)
    faults.set_faults(FaultPlan([FaultRule("huge", a.path, size_mb=4, compressed=True,
                                           chunked=True)]))
    with httpx.Client(timeout=5) as c, c.stream("GET", a.url,
                                                 headers={"Accept-Encoding": "gzip"}) as r:
        assert "content-length" not in r.headers and r.headers["content-encoding"] == "gzip"
        raw = b"".join(r.iter_raw())
    assert len(raw) < 200_000 and len(gzip.decompress(raw)) >= 4 * 1024 * 1024


def test_redirect_loop(faults: ReplayServer, client: httpx.Client) -> None:
    a = _utf8_article(faults)
    faults.set_faults(FaultPlan([FaultRule("redirect_loop", a.path)]))
    with httpx.Client(timeout=5, follow_redirects=True, max_redirects=6) as c:
        with pytest.raises(httpx.TooManyRedirects):
            c.get(a.url)
    r = client.get(a.url)
    assert r.status_code == 302 and r.headers["location"] == a.url + "?loop=1"


def test_redirect_offsite(faults: ReplayServer, client: httpx.Client) -> None:
    a = _utf8_article(faults)
    faults.set_faults(FaultPlan([FaultRule("redirect_offsite", a.path)]))
    location = httpx.URL(client.get(a.url).headers["location"])
    assert location.host == "localhost" and location.port == httpx.URL(faults.tin_url).port
    faults.set_faults(FaultPlan([FaultRule("redirect_offsite", a.path, to="http://evil.test/x")]))
    assert client.get(a.url).headers["location"] == "http://evil.test/x"


def test_robots_disallow(faults: ReplayServer, client: httpx.Client) -> None:
    a = _utf8_article(faults)
    faults.set_faults(FaultPlan([FaultRule("robots_disallow", a.path, site="kdpt")]))
    assert f"Disallow: {a.path}" in client.get(f"{faults.kdpt_url}/robots.txt").text
    assert a.path not in client.get(f"{faults.tin_url}/robots.txt").text
    assert client.get(a.url).status_code == 200  # the server itself does not enforce it


def test_malformed_feed_and_sitemap(faults: ReplayServer, client: httpx.Client) -> None:
    faults.set_faults(FaultPlan([FaultRule("malformed_feed"), FaultRule("malformed_sitemap")]))
    for url in (f"{faults.kdpt_url}/rss/home.rss", f"{faults.tin_url}/feed/atom/",
                f"{faults.kdpt_url}/sitemap.xml", f"{faults.tin_url}/post-sitemap.xml"):
        r = client.get(url)
        assert r.status_code == 200
        with pytest.raises(ET.ParseError):
            ET.fromstring(r.content)
    assert client.get(faults.articles[0].url).status_code == 200  # pages are untouched


def _statuses(srv: ReplayServer, plan: FaultPlan, client: httpx.Client) -> list[int | str]:
    srv.set_faults(plan)
    out: list[int | str] = []
    for a in srv.articles:
        try:
            out.append(client.get(a.url).status_code)
        except httpx.TransportError:
            out.append("reset")
    return out


def test_rate_and_seed_are_deterministic(faults: ReplayServer, client: httpx.Client) -> None:
    plan = FaultPlan(rate=0.5, seed=7)
    first = _statuses(faults, plan, client)
    assert first == _statuses(faults, plan, client)
    assert first != _statuses(faults, FaultPlan(rate=0.5, seed=8), client)
    faulted = [s for s in first if s != 200]
    assert 0 < len(faulted) < len(first)
    assert set(faulted) <= {429, 500, 503, "reset"}
    assert client.get(f"{faults.kdpt_url}/rss/home.rss").status_code == 200  # pages only


def test_set_faults_at_run_time(faults: ReplayServer, client: httpx.Client) -> None:
    a = _utf8_article(faults)
    assert client.get(a.url).status_code == 200
    faults.set_faults(parse_fault_spec(f"path={a.path}:status_500"))
    assert client.get(a.url).status_code == 500
    faults.set_faults(None)
    assert client.get(a.url).status_code == 200


def test_fault_spec_cli_form() -> None:
    plan = parse_fault_spec("rate=0.1,seed=7;path=/rss/*:status_429,times=2,retry_after=3;"
                            "path=/amp/*:reset,site=kdpt,when=after")
    assert (plan.rate, plan.seed) == (0.1, 7)
    first, second = plan.rules
    assert (first.fault, first.path, first.times, first.params) == (
        "status_429", "/rss/*", 2, {"retry_after": 3})
    assert (second.site, second.params) == ("kdpt", {"when": "after"})
    assert parse_fault_spec("rate=0.2,faults=slow|huge").faults == ("slow", "huge")
    for bad in ("path=/x:no_such_fault", "rate=2", "colour=red", "path=/x"):
        with pytest.raises(UserError):
            parse_fault_spec(bad)


def test_unknown_fault_or_site_is_refused() -> None:
    with pytest.raises(ValueError):
        FaultRule("explode")
    with pytest.raises(ValueError):
        FaultRule("status_500", site="other")


def test_server_survives_faults(faults: ReplayServer) -> None:
    """After resets and huge bodies abandoned mid-way, plain requests still work."""
    a = _utf8_article(faults)
    faults.set_faults(FaultPlan([FaultRule("reset", a.path)]))
    for _ in range(3):
        with socket.create_connection(("127.0.0.1", httpx.URL(faults.kdpt_url).port)) as s:
            s.sendall(f"GET {a.path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
            try:
                data = s.recv(100)
            except ConnectionResetError:
                data = b""
            assert data == b""  # not a byte of a response
    faults.set_faults(None)
    with httpx.Client(timeout=5) as c:
        assert c.get(a.url).status_code == 200


def test_status_503_with_retry_after_when_asked(faults: ReplayServer,
                                                 client: httpx.Client) -> None:
    a = _utf8_article(faults)
    faults.set_faults(FaultPlan([FaultRule("status_503", a.path, retry_after=2)]))
    r = client.get(a.url)
    assert r.status_code == 503 and r.headers["retry-after"] == "2"

"""PoliteClient, one response at a time (httpx.MockTransport): retries, robots, redirects, caps."""

from __future__ import annotations

import asyncio
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from extractors.http import PoliteClient
from extractors.http.errors import FetchError, RobotsDisallowed, RobotsUnreachable
from extractors.http.retry import backoff_s, parse_retry_after
from extractors.settings import HttpSettings, SourceSettings
from extractors.sources import get_source

SITE = "http://news.test"
SRC = SourceSettings(name="t", kind="generic", base_url=SITE, rate_limit_per_s=1000,
                     delay_jitter_s=0, max_concurrency=4)
FAST = HttpSettings(backoff_base_s=0.01, backoff_max_s=0.05, connect_timeout_s=1,
                    read_timeout_s=1, polite=False)
POLITE = FAST.model_copy(update={"polite": True})
ROBOTS = "User-agent: *\nDisallow: /private\n"

Handler = Callable[[httpx.Request], httpx.Response]


class Recorder:
    """A fake sleep that records each wait and returns at once."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


def site(pages: Handler, robots: httpx.Response | None = None) -> tuple[Handler, list[str]]:
    """A handler serving robots.txt and delegating the rest; records every path asked for."""
    seen: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.path)
        if request.url.path == "/robots.txt":
            return robots or httpx.Response(200, text=ROBOTS)
        return pages(request)

    return handle, seen


def fetch(handler: Handler, url: str = SITE + "/a.html", settings: HttpSettings = FAST,
          source: SourceSettings = SRC, sleep: Recorder | None = None, **kw: str):
    async def go():
        async with PoliteClient(settings, httpx.MockTransport(handler), sleep=sleep or Recorder(),
                                rng=random.Random(1)) as client:
            return await client.fetch(url, get_source(source).scope, **kw)
    return asyncio.run(go())


def ok(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, headers={"content-type": "text/html; charset=utf-8"},
                          text="<html><body><p>Xuất khẩu</p></body></html>")


def test_ok_page_and_user_agent() -> None:
    agents: list[str] = []

    def pages(request: httpx.Request) -> httpx.Response:
        agents.append(request.headers["user-agent"])
        return ok(request)

    handler, seen = site(pages)
    page = fetch(handler)
    assert page.status == 200 and "Xuất khẩu" in page.text and page.encoding == "utf-8"
    assert agents == [FAST.user_agent] and "tradewatch" in agents[0]
    assert seen == ["/robots.txt", "/a.html"]
    assert page.headers["content-type"].startswith("text/html")


def flaky(status: int, times: int, headers: dict[str, str] | None = None) -> Handler:
    calls = {"n": 0}

    def pages(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] <= times:
            return httpx.Response(status, headers=headers or {})
        return ok(request)

    return pages


def test_429_honours_retry_after_seconds() -> None:
    sleep = Recorder()
    handler, _ = site(flaky(429, 1, {"retry-after": "3"}))
    page = fetch(handler, sleep=sleep)
    assert page.status == 200 and page.extra["attempts"] == 2
    assert max(sleep.waits) == pytest.approx(3.0, abs=0.05)  # the host pauses for Retry-After
    assert len(sleep.waits) == 2  # the backoff, then the rest of the pause


def test_retry_after_http_date() -> None:
    now = datetime(2024, 6, 27, 3, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=7), usegmt=True)
    assert parse_retry_after(later, now) == pytest.approx(7.0)
    assert parse_retry_after("soon") is None and parse_retry_after(None) is None


def test_retry_after_over_cap_gives_up_without_waiting() -> None:
    sleep = Recorder()
    handler, _ = site(flaky(429, 5, {"retry-after": "3600"}))
    with pytest.raises(FetchError) as e:
        fetch(handler, sleep=sleep)
    assert e.value.retryable and e.value.status == 429 and "cap" in e.value.reason
    assert sleep.waits == []


def test_5xx_retried_with_exponential_backoff_then_given_up() -> None:
    sleep = Recorder()
    handler, seen = site(flaky(503, 99))
    settings = HttpSettings(max_retries=3, backoff_base_s=1, backoff_max_s=100, polite=False)
    with pytest.raises(FetchError) as e:
        fetch(handler, settings=settings, sleep=sleep)
    assert e.value.reason == "HTTP 503 after 4 attempts" and e.value.retryable
    assert seen.count("/a.html") == 4 and len(sleep.waits) == 3
    for i, wait in enumerate(sleep.waits):
        assert 0.5 * 2**i <= wait <= 2**i


def test_backoff_capped() -> None:
    assert backoff_s(20, 1.0, 60.0, random.Random(0)) <= 60.0


def test_500_then_ok() -> None:
    handler, _ = site(flaky(500, 2))
    assert fetch(handler).extra["attempts"] == 3


def test_retry_after_pauses_the_whole_host() -> None:
    calls = {"n": 0}

    def pages(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            return httpx.Response(503, headers={"retry-after": "2"})
        return ok(request)

    sleep = Recorder()
    handler, _ = site(pages)
    one_at_a_time = SRC.model_copy(update={"max_concurrency": 1})
    many(handler, [SITE + "/a.html", SITE + "/b.html"], FAST, one_at_a_time, sleep)
    assert sum(w > 1.5 for w in sleep.waits) == 2  # both URLs waited out the pause


def test_not_http_url_refused() -> None:
    handler, seen = site(ok)
    with pytest.raises(FetchError) as e:
        fetch(handler, url="ftp://news.test/a.html")
    assert e.value.reason == "not an http(s) URL" and seen == []


def test_404_is_not_retried() -> None:
    handler, seen = site(lambda r: httpx.Response(404))
    with pytest.raises(FetchError) as e:
        fetch(handler)
    assert (e.value.status, e.value.retryable, e.value.reason) == (404, False, "HTTP 404")
    assert seen.count("/a.html") == 1


def test_network_error_retried() -> None:
    calls = {"n": 0}

    def pages(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        if calls["n"] == 1:
            raise httpx.ConnectError("connection refused", request=request)
        return ok(request)

    handler, _ = site(pages)
    assert fetch(handler).extra["attempts"] == 2


def test_network_error_gives_reason() -> None:
    def pages(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    handler, _ = site(pages)
    with pytest.raises(FetchError) as e:
        fetch(handler)
    assert e.value.reason.startswith("timeout (ReadTimeout)") and e.value.retryable


def test_conditional_get_304() -> None:
    def pages(request: httpx.Request) -> httpx.Response:
        if request.headers.get("if-none-match") == '"v1"':
            return httpx.Response(304, headers={"etag": '"v1"'})
        return ok(request)

    handler, _ = site(pages)
    page = fetch(handler, etag='"v1"', last_modified="Thu, 27 Jun 2024 03:56:00 GMT")
    assert page.not_modified and page.status == 304 and page.body == b"" and page.text is None
    assert not fetch(handler).not_modified


def redirects(location: Callable[[str], str | None]) -> Handler:
    def pages(request: httpx.Request) -> httpx.Response:
        target = location(request.url.path)
        return httpx.Response(301, headers={"location": target}) if target else ok(request)
    return pages


def test_redirect_within_site_followed() -> None:
    handler, _ = site(redirects(lambda p: "/b.html" if p == "/a.html" else None))
    page = fetch(handler)
    assert page.final_url == SITE + "/b.html" and page.url == SITE + "/a.html"
    assert page.extra["redirects"] == [SITE + "/b.html"]


def test_redirect_to_configured_host_followed() -> None:
    source = SRC.model_copy(update={"hosts": ["cdn.news.test"]})
    handler, _ = site(redirects(
        lambda p: "http://cdn.news.test/b.html" if p == "/a.html" else None))
    assert fetch(handler, source=source).final_url == "http://cdn.news.test/b.html"


def test_offsite_redirect_refused() -> None:
    handler, _ = site(redirects(lambda p: "http://evil.test/x" if p == "/a.html" else None))
    with pytest.raises(FetchError) as e:
        fetch(handler)
    assert "off-site redirect" in e.value.reason and not e.value.retryable


def test_redirect_loop_detected() -> None:
    handler, _ = site(redirects(lambda p: "/b.html" if p == "/a.html" else "/a.html"))
    with pytest.raises(FetchError) as e:
        fetch(handler)
    assert "redirect loop" in e.value.reason and not e.value.retryable


def test_robots_disallow_obeyed() -> None:
    handler, seen = site(ok)
    with pytest.raises(RobotsDisallowed):
        fetch(handler, url=SITE + "/private/x.html")
    assert "/private/x.html" not in seen
    no_robots = FAST.model_copy(update={"obey_robots": False})
    assert fetch(handler, url=SITE + "/private/x.html", settings=no_robots).status == 200


@pytest.mark.parametrize("robots", [httpx.Response(404), httpx.Response(410)])
def test_robots_missing_means_allow_all(robots: httpx.Response) -> None:
    handler, _ = site(ok, robots=robots)
    assert fetch(handler, url=SITE + "/private/x.html").status == 200


def test_robots_5xx_means_disallow_all_until_next_run() -> None:
    handler, seen = site(ok, robots=httpx.Response(503))
    with pytest.raises(RobotsUnreachable) as e:
        fetch(handler, url=SITE + "/a.html")
    assert "HTTP 503" in e.value.reason and e.value.retryable and e.value.deferred
    assert seen == ["/robots.txt"]


def test_robots_unreachable_means_disallow_all() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            raise httpx.ConnectTimeout("down", request=request)
        return ok(request)

    with pytest.raises(RobotsUnreachable, match="ConnectTimeout"):
        fetch(handle, url=SITE + "/a.html")


NO_NAME = "[Errno -3] Temporary failure in name resolution"


def test_a_name_that_does_not_resolve_is_not_retried_in_the_run() -> None:
    calls = {"n": 0}

    def pages(request: httpx.Request) -> httpx.Response:
        calls["n"] += 1
        raise httpx.ConnectError(NO_NAME, request=request)

    handler, _ = site(pages)
    sleep = Recorder()
    with pytest.raises(FetchError) as e:
        fetch(handler, sleep=sleep)
    assert calls["n"] == 1 and sleep.waits == []  # no retries, no backoff: offline is offline
    assert e.value.reason == "host name does not resolve: no network or DNS?"
    assert e.value.retryable  # the URL waits for the next run


def test_robots_unreachable_for_a_name_that_does_not_resolve_says_so() -> None:
    def handle(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(NO_NAME, request=request)

    with pytest.raises(RobotsUnreachable, match="host name does not resolve"):
        fetch(handle, url=SITE + "/a.html")


def test_body_cap_from_content_length() -> None:
    big = HttpSettings(max_body_bytes=1000)
    handler, _ = site(lambda r: httpx.Response(200, content=b"x" * 5000))
    with pytest.raises(FetchError) as e:
        fetch(handler, settings=big)
    assert e.value.reason.startswith("body over 1000 bytes") and not e.value.retryable


def test_body_cap_while_streaming() -> None:
    async def chunks():
        for _ in range(100):
            yield b"y" * 100

    big = HttpSettings(max_body_bytes=1000)
    handler, _ = site(lambda r: httpx.Response(200, content=chunks()))
    with pytest.raises(FetchError) as e:
        fetch(handler, settings=big)
    assert e.value.reason == "body over 1000 bytes"


def many(handler: Handler, urls: list[str], settings: HttpSettings, source: SourceSettings,
         sleep: Recorder) -> None:
    async def go() -> None:
        async with PoliteClient(settings, httpx.MockTransport(handler), sleep=sleep,
                                rng=random.Random(1)) as client:
            scope = get_source(source).scope
            await asyncio.gather(*(client.fetch(u, scope) for u in urls))
    asyncio.run(go())


def test_rate_limit_spaces_requests() -> None:
    sleep = Recorder()
    handler, _ = site(ok)
    source = SRC.model_copy(update={"rate_limit_per_s": 2.0, "delay_jitter_s": 0.0})
    many(handler, [f"{SITE}/{i}.html" for i in range(4)], POLITE, source, sleep)
    assert sorted(round(w, 1) for w in sleep.waits) == [0.5, 1.0, 1.5]


def test_crawl_delay_obeyed_and_polite_off() -> None:
    sleep = Recorder()
    handler, _ = site(ok, robots=httpx.Response(200, text="User-agent: *\nCrawl-delay: 3\n"))
    many(handler, [f"{SITE}/{i}.html" for i in range(3)], POLITE, SRC, sleep)
    assert sorted(round(w) for w in sleep.waits) == [3, 6]
    sleep = Recorder()
    many(handler, [f"{SITE}/{i}.html" for i in range(3)], FAST, SRC, sleep)
    assert sleep.waits == []


def test_concurrency_capped_per_host() -> None:
    state = {"now": 0, "max": 0}

    async def pages(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        state["now"] += 1
        state["max"] = max(state["max"], state["now"])
        await asyncio.sleep(0.01)
        state["now"] -= 1
        return ok(request)

    source = SRC.model_copy(update={"max_concurrency": 2})
    many(pages, [f"{SITE}/{i}.html" for i in range(8)], FAST, source, Recorder())
    assert state["max"] == 2

"""fetch_many: one outcome per URL given, in order, never raising (httpx.MockTransport)."""

from __future__ import annotations

import asyncio

import httpx

from extractors.fetching import FetchOutcome, fetch_many
from extractors.http import PoliteClient
from extractors.settings import HttpSettings, SourceSettings
from extractors.sources import get_source

SRC = SourceSettings(name="t", kind="generic", base_url="http://news.test", max_concurrency=3)
HTTP = HttpSettings(polite=False, max_retries=0)


def handler(request: httpx.Request) -> httpx.Response:
    path = request.url.path
    if path == "/robots.txt":
        return httpx.Response(404)
    if path == "/bug.html":
        raise ValueError("a bug in a transport")
    if path == "/gone.html":
        return httpx.Response(410)
    if request.headers.get("if-none-match") == '"v1"':
        return httpx.Response(304)
    return httpx.Response(200, headers={"etag": '"v1"', "content-type": "text/html"},
                          text=f"<html><body><p>{path}</p></body></html>")


def run(urls: list[str], validators: dict | None = None) -> list[FetchOutcome]:
    async def go() -> list[FetchOutcome]:
        async with PoliteClient(HTTP, httpx.MockTransport(handler)) as client:
            return await fetch_many(client, get_source(SRC).scope, urls, validators)
    return asyncio.run(go())


def test_every_url_comes_back_in_order() -> None:
    base = "http://news.test"
    urls = [f"{base}/a.html", f"{base}/bug.html", f"{base}/gone.html", "not a url",
            f"{base}/a.html", f"{base}/b.html"]
    out = run(urls)
    assert [o.url for o in out] == urls
    assert [o.ok for o in out] == [True, False, False, False, True, True]
    assert out[0] is out[4]  # the same URL twice is fetched once
    assert out[1].error.reason.startswith("unexpected ValueError")
    assert (out[2].error.status, out[2].error.retryable) == (410, False)
    assert out[3].error.reason == "not an http(s) URL"
    assert "/b.html" in out[5].page.text


def test_validators_used_per_url() -> None:
    url = "http://news.test/a.html"
    [o] = run([url], {url: ('"v1"', None)})
    assert o.page.not_modified and o.page.status == 304

"""Both sources end to end against the replay site: discover, fetch, parse; the generic source
reads a site it has never seen from its feed and sitemaps alone."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import Any

from extractors.fetching import fetch_many
from extractors.http import PoliteClient
from extractors.model import Article
from extractors.settings import HttpSettings, SourceSettings
from extractors.sources import Source, get_source
from extractors.sources.discovery import Discovered

HTTP = HttpSettings(polite=False, max_retries=1, backoff_base_s=0.01, read_timeout_s=2)


def sources(srv: Any) -> dict[str, Source]:
    return {
        "kdpt": get_source(SourceSettings(name="kdpt", kind="kdpt", base_url=srv.kdpt_url)),
        "tin": get_source(SourceSettings(name="tin", kind="generic", base_url=srv.tin_url,
                                         feeds=[srv.tin_url + "/feed/"],
                                         sitemaps=[srv.tin_url + "/sitemap_index.xml"])),
    }


def crawl(source: Source, **kw: Any) -> tuple[Discovered, list[Article]]:
    async def go() -> tuple[Discovered, list[Article]]:
        async with PoliteClient(HTTP) as client:
            found = await source.discover(client, **kw)
            outcomes = await fetch_many(client, source.scope, [c.url for c in found.candidates])
        assert all(o.ok for o in outcomes), [o.error for o in outcomes if not o.ok]
        return found, [source.parse(o.page) for o in outcomes]

    return asyncio.run(go())


def test_both_sites_discovered_and_parsed(replay: Any) -> None:
    for site, source in sources(replay).items():
        expected = {a.url: a for a in replay.articles if a.site == site}
        found, articles = crawl(source)
        assert {c.url for c in found.candidates} == set(expected) and found.errors == []
        for art in articles:
            want = expected[art.url]
            assert (art.title, art.published, art.source) == (want.title, want.published, site)
            assert art.text == "\n\n".join((want.sapo, *want.paragraphs))
            assert art.author == want.author
            if want.caption:
                assert want.caption not in art.text


def test_amp_copy_parses_to_the_main_url(replay: Any) -> None:
    source = sources(replay)["kdpt"]
    a = next(a for a in replay.articles if a.site == "kdpt")
    amp = replay.kdpt_url + a.amp_path

    async def go() -> Any:
        async with PoliteClient(HTTP) as client:
            return await client.fetch(amp, source.scope)

    art = source.parse(asyncio.run(go()))
    assert art.url == a.url and art.fetched_url == amp and art.published == a.published


def test_backfill_window_over_replay(replay: Any) -> None:
    kdpt = sorted((a for a in replay.articles if a.site == "kdpt"), key=lambda a: a.published)
    since = kdpt[2].published
    until = kdpt[-2].published
    state: dict = {}
    found, _ = crawl(sources(replay)["kdpt"], since=since, until=until, state=state)
    expected = {a.url for a in kdpt if since <= a.published < until}
    assert {c.url for c in found.candidates} == expected
    assert state["sitemaps_done"]


def test_incremental_after_clock_moves(replay: Any) -> None:
    kdpt = sorted((a for a in replay.articles if a.site == "kdpt"), key=lambda a: a.published)
    replay.set_clock(kdpt[-3].published)
    first = crawl(sources(replay)["kdpt"])[0].candidates
    assert {c.url for c in first} == {a.url for a in kdpt[:-3]}
    replay.set_clock(kdpt[-1].published + timedelta(seconds=1))
    seen = {c.url for c in first}
    second = crawl(sources(replay)["kdpt"], known=seen.__contains__)[0].candidates
    assert [c.url for c in second][:2] == [kdpt[-1].url, kdpt[-2].url]
    assert {c.url for c in second} == {kdpt[-1].url, kdpt[-2].url, kdpt[-3].url}
    assert all(isinstance(c.published, datetime) for c in second)

"""Fetching against the replay site over real HTTP, one test per fault mode: the batch always
completes, good pages come back, bad ones come back as FetchError with a clear reason."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import pytest

from extractors.fetching import FetchOutcome, fetch_many
from extractors.http import PoliteClient
from extractors.http.errors import RobotsDisallowed
from extractors.settings import HttpSettings, SourceSettings
from extractors.sources import get_source
from extractors.sources.discovery import Discovered
from replay import FaultPlan, FaultRule

HTTP = HttpSettings(polite=False, max_retries=2, backoff_base_s=0.01, backoff_max_s=0.05,
                    connect_timeout_s=1, read_timeout_s=0.3, max_retry_after_s=5,
                    max_body_bytes=2_000_000, max_compressed_bytes=1_000_000)


def kdpt(srv: Any) -> SourceSettings:
    return SourceSettings(name="kdpt", kind="kdpt", base_url=srv.kdpt_url, max_concurrency=4)


def kdpt_articles(srv: Any, charset: str = "utf-8") -> list[Any]:
    return [a for a in srv.articles if a.site == "kdpt" and a.charset == charset]


def run(srv: Any, urls: list[str], plan: FaultPlan | None = None, settings: HttpSettings = HTTP,
        validators: dict | None = None) -> list[FetchOutcome]:
    srv.set_faults(plan)

    async def go() -> list[FetchOutcome]:
        async with PoliteClient(settings) as client:
            return await fetch_many(client, get_source(kdpt(srv)).scope, urls, validators)

    return asyncio.run(go())


def one_bad(srv: Any, fault: str, times: int | None = None, **params: Any
            ) -> tuple[list[FetchOutcome], FetchOutcome]:
    """Fetch four articles with `fault` on the first; the other three must come back fine."""
    arts = kdpt_articles(srv)[:4]
    plan = FaultPlan([FaultRule(fault, path=arts[0].path, times=times, **params)])
    outcomes = run(srv, [a.url for a in arts], plan)
    assert len(outcomes) == 4
    for o, a in zip(outcomes[1:], arts[1:], strict=True):
        assert o.page is not None and o.error is None and a.title in o.page.text
    return outcomes, outcomes[0]


def test_429_retry_after_honoured(replay: Any) -> None:
    started = time.monotonic()
    _, first = one_bad(replay, "status_429", times=1, retry_after=1)
    assert first.page is not None and first.page.extra["attempts"] == 2
    assert time.monotonic() - started >= 1.0


def test_429_for_ever_gives_up_with_reason(replay: Any) -> None:
    _, first = one_bad(replay, "status_429", retry_after=0)
    assert first.error.reason == "HTTP 429 after 3 attempts" and first.error.retryable


@pytest.mark.parametrize(("fault", "status"), [("status_500", 500), ("status_503", 503)])
def test_5xx_recovered_then_given_up(replay: Any, fault: str, status: int) -> None:
    _, first = one_bad(replay, fault, times=2)
    assert first.page is not None and first.page.extra["attempts"] == 3
    _, first = one_bad(replay, fault)
    assert first.error.status == status and first.error.retryable
    assert first.error.reason == f"HTTP {status} after 3 attempts"


@pytest.mark.parametrize("when", ["before", "after"])
def test_connection_reset(replay: Any, when: str) -> None:
    _, first = one_bad(replay, "reset", times=1, when=when)
    assert first.page is not None
    _, first = one_bad(replay, "reset", when=when)
    assert first.error.reason.startswith("network error") and first.error.retryable


def test_slow_body_times_out(replay: Any) -> None:
    _, first = one_bad(replay, "slow", delay_s=0.5, chunks=2)
    assert first.error.reason.startswith("timeout") and first.error.retryable


def test_trickle_under_read_timeout_hits_total_deadline(replay: Any) -> None:
    # Each chunk arrives within the 0.3 s read timeout, but the whole body takes 2 s: the
    # deadline (connect + read timeout = 0.6 s) ends it.
    arts = kdpt_articles(replay)[:2]
    plan = FaultPlan([FaultRule("slow", path=arts[0].path, delay_s=0.2, chunks=10)])
    once = HTTP.model_copy(update={"max_retries": 0, "connect_timeout_s": 0.3})
    started = time.monotonic()
    first, second = run(replay, [a.url for a in arts], plan, settings=once)
    assert first.error.reason.startswith("timeout") and second.ok
    assert time.monotonic() - started < 1.9  # the whole trickle would take 2 s


def test_truncated_html_kept_and_flagged(replay: Any) -> None:
    _, first = one_bad(replay, "truncate", fraction=0.5)
    assert first.page is not None and first.page.extra.get("truncated") is True
    source = get_source(kdpt(replay))
    assert source.parse(first.page).title  # what arrived still parses


@pytest.mark.parametrize("fault", ["charset_wrong", "charset_missing"])
def test_wrong_or_missing_charset_decodes_right(replay: Any, fault: str) -> None:
    arts = kdpt_articles(replay) + kdpt_articles(replay, "windows-1258")
    plan = FaultPlan([FaultRule(fault, path="*")])
    outcomes = run(replay, [a.url for a in arts], plan)
    source = get_source(kdpt(replay))
    for o, a in zip(outcomes, arts, strict=True):
        article = source.parse(o.page)
        assert article.title == a.title and a.paragraphs[0] in article.text


@pytest.mark.parametrize("params", [{}, {"compressed": True}, {"chunked": True}])
def test_huge_body_capped(replay: Any, params: dict) -> None:
    _, first = one_bad(replay, "huge", size_mb=8, **params)
    assert first.error.reason.startswith("body over") and not first.error.retryable


def test_redirect_loop(replay: Any) -> None:
    _, first = one_bad(replay, "redirect_loop")
    assert first.error.reason.startswith("redirect loop") and not first.error.retryable


def test_offsite_redirect_refused(replay: Any) -> None:
    _, first = one_bad(replay, "redirect_offsite")
    assert "off-site redirect" in first.error.reason and not first.error.retryable
    assert not any(site == "tin" for site, *_ in replay.log)


def test_robots_disallow_obeyed(replay: Any) -> None:
    _, first = one_bad(replay, "robots_disallow")
    assert isinstance(first.error, RobotsDisallowed) and not first.error.retryable
    assert not any(path == kdpt_articles(replay)[0].path for _, _, path, *_ in replay.log)


def test_not_found(replay: Any) -> None:
    _, first = one_bad(replay, "not_found")
    assert first.error.status == 404 and not first.error.retryable


@pytest.mark.parametrize(("fault", "path", "what"), [
    ("malformed_feed", "/rss/*", "feed"), ("malformed_sitemap", "/sitemap*", "sitemap")])
def test_malformed_feed_or_sitemap(replay: Any, fault: str, path: str, what: str) -> None:
    replay.set_faults(FaultPlan([FaultRule(fault, path=path)]))
    source = get_source(kdpt(replay))

    async def go() -> Discovered:
        async with PoliteClient(HTTP) as client:
            return await source.discover(client)

    found = asyncio.run(go())
    assert {c.url for c in found.candidates} == {a.url for a in replay.articles
                                                 if a.site == "kdpt"}
    reasons = [e.reason for w, e in found.errors if w == what]
    assert reasons and all(r.startswith(f"malformed {what}") for r in reasons)


def test_second_pass_transfers_only_what_changed(replay: Any) -> None:
    arts = sorted((a for a in replay.articles if a.site == "kdpt"), key=lambda a: a.published)
    urls = [a.url for a in arts]
    first = run(replay, urls[:-3])
    validators = {o.url: (o.page.headers.get("etag"), o.page.headers.get("last-modified"))
                  for o in first}
    replay.reset_stats()
    second = run(replay, urls, validators=validators)
    assert [o.page.not_modified for o in second] == [True] * (len(urls) - 3) + [False] * 3
    sent = {path: nbytes for _, _, path, _, nbytes in replay.log}
    assert all(sent[a.path] == 0 for a in arts[:-3]) and all(sent[a.path] > 0 for a in arts[-3:])
    statuses = sorted(status for _, _, path, status, _ in replay.log if path != "/robots.txt")
    assert statuses == [200] * 3 + [304] * (len(urls) - 3)

"""The plain pipeline (no Prefect) against the replay sites over real HTTP and a real DuckDB."""

from __future__ import annotations

import asyncio
import math
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from typing import Any

import pytest

from extractors.errors import SourceError
from flows import reprocess, run_loop, stages, writer
from flows.config import Settings
from replay import FaultPlan, FaultRule
from warehouse import db
from warehouse.batch import Failure


def query(settings: Settings, sql: str, params: list[Any] | None = None) -> list[tuple]:
    with db.connect(settings.warehouse.path, read_only=True, wait_s=10) as con:
        return con.execute(sql, params or []).fetchall()


def stored_urls(settings: Settings) -> set[str]:
    return {r[0] for r in query(settings, "select url from stored_articles")}


def accounted_urls(settings: Settings) -> set[str]:
    """URLs stored as articles or recorded as failures (retry queue): nothing silently lost."""
    rows = query(settings, "select url from stored_articles union select url from retry_queue")
    return {r[0] for r in rows}


# Tests that need a few articles, not the whole corpus, list only those out before this.
SMALL = datetime(2023, 7, 1, tzinfo=timezone(timedelta(hours=7)))


def replay_urls(srv: Any, site: str | None = None) -> set[str]:
    """Article URLs the replay sites list now (under their clock)."""
    clock = srv.clock
    return {a.url for a in srv.articles if (site is None or a.site == site)
            and (clock is None or a.published < clock)}


def test_monitor_then_backfill_accounts_for_every_article(replay: Any,
                                                         replay_settings: Settings) -> None:
    events: dict[str, int] = {}

    def progress(event: str, n: int) -> None:
        events[event] = events.get(event, 0) + n

    report = run_loop.run_monitor(replay_settings, progress=progress)
    assert report.status == "completed" and report.articles > 0
    assert events["discovered"] == report.discovered + report.retried
    assert events["fetched"] + events["failed"] == report.fetched + report.failed
    run_loop.run_backfill(replay_settings, date(2000, 1, 1), date(2100, 1, 1))
    missing = replay_urls(replay) - accounted_urls(replay_settings)
    assert not missing, f"articles neither stored nor recorded as failures: {sorted(missing)}"
    assert replay_urls(replay) <= stored_urls(replay_settings) | {
        r[0] for r in query(replay_settings, "select url from retry_queue")}
    runs = query(replay_settings, "select kind, status from run_log order by started_at")
    assert runs == [("monitor", "completed"), ("backfill", "completed")]


def test_second_monitor_finds_nothing_and_changes_nothing(replay: Any,
                                                         replay_settings: Settings) -> None:
    replay.set_clock(SMALL)
    run_loop.run_monitor(replay_settings)
    before = query(replay_settings, "select count(*), count(distinct url) from stored_articles")
    replay.reset_stats()
    again = run_loop.run_monitor(replay_settings)
    assert (again.discovered, again.fetched, again.articles) == (0, 0, 0)
    assert query(replay_settings,
                 "select count(*), count(distinct url) from stored_articles") == before
    article_paths = {a.path for a in replay.articles}
    fetched = [p for _, _, p, _, _ in replay.log if p in article_paths]
    assert fetched == [], "a run with nothing new fetched article pages"


def test_one_call_per_batch_per_stage(replay: Any, replay_settings: Settings) -> None:
    replay.set_clock(SMALL)
    calls = {"discover": 0, "fetch": 0, "extract": 0, "load": 0}

    def counted(name: str, fn: Any) -> Any:
        def wrapper(*args: Any) -> Any:
            calls[name] += 1
            return fn(*args)
        return wrapper

    async def discover(*args: Any) -> Any:
        calls["discover"] += 1
        return await stages.discover_urls(*args)

    async def fetch(*args: Any) -> Any:
        calls["fetch"] += 1
        return await stages.fetch_batch(*args)

    wrapped = stages.Stages(discover=discover, fetch=fetch,
                             extract=counted("extract", stages.extract_batch),
                             load=counted("load", writer.load_into_warehouse))
    settings = replay_settings.model_copy(update={"run": replace_run(replay_settings, 2)})

    report = asyncio.run(run_loop.run_async(settings, "monitor", stages=wrapped))
    per_source = query(settings, """
        select source, count(*) from (
            select url, source from stored_articles
            union select url, source from retry_queue)
        group by source""")
    expected_batches = sum(math.ceil(n / 2) for _, n in per_source)
    assert calls["discover"] == 2
    assert calls["fetch"] == calls["extract"] == calls["load"] == report.batches
    assert report.batches == expected_batches > 2


def replace_run(settings: Settings, batch_size: int) -> Any:
    return settings.run.model_copy(update={"batch_size": batch_size})


def test_failed_fetch_is_queued_then_retried(replay: Any, replay_settings: Settings) -> None:
    replay.set_clock(SMALL)
    victim = sorted(replay_urls(replay, "kdpt"))[0]
    path = victim.split("://", 1)[1].partition("/")[2]
    settings = replay_settings.model_copy(
        update={"http": replay_settings.http.model_copy(update={"max_retries": 0})})
    replay.set_faults(FaultPlan([FaultRule("status_503", path="/" + path, times=1)]))
    first = run_loop.run_monitor(settings)
    run_loop.run_backfill(settings, date(2000, 1, 1), date(2100, 1, 1))
    assert victim in {f.url for f in first.failures}
    assert query(settings, "select retryable, attempts from retry_queue where url = ?",
                 [victim]) == [(True, 1)]
    assert victim not in stored_urls(settings)
    with db.connect(settings.warehouse.path, wait_s=10) as con:  # make the retry due now
        con.execute("update retry_queue set next_attempt = now() - interval 1 hour")
    again = run_loop.run_monitor(settings)
    assert again.retried >= 1
    assert victim in stored_urls(settings)
    assert query(settings, "select count(*) from retry_queue where url = ?", [victim]) == [(0,)]


def test_a_dead_source_fails_the_run_after_the_others_load(replay: Any,
                                                          replay_settings: Settings) -> None:
    replay.set_clock(SMALL)
    dead = {"name": "dead", "kind": "generic", "base_url": "http://127.0.0.1:9",
            "feeds": ["http://127.0.0.1:9/feed/"]}
    settings = Settings(**{**replay_settings.model_dump(mode="json"),
                           "sources": [*replay_settings.model_dump(mode="json")["sources"],
                                       dead]})
    settings = settings.model_copy(
        update={"http": settings.http.model_copy(update={"max_retries": 0})})
    with pytest.raises(SourceError, match="dead"):
        run_loop.run_monitor(settings)
    assert stored_urls(settings), "the healthy sources were not loaded"
    assert query(settings, "select status from run_log") == [("failed",)]


def test_interrupt_keeps_loaded_batches_and_a_rerun_completes(replay: Any,
                                                             replay_settings: Settings) -> None:
    replay.set_clock(SMALL)
    loads = {"n": 0}

    def load_then_stop(settings: Settings, batch: Any) -> Any:
        loads["n"] += 1
        if loads["n"] == 2:
            raise KeyboardInterrupt
        return writer.load_into_warehouse(settings, batch)

    settings = replay_settings.model_copy(update={"run": replace_run(replay_settings, 3)})
    wrapped = replace(stages.PLAIN, load=load_then_stop)

    with pytest.raises(KeyboardInterrupt):
        asyncio.run(run_loop.run_async(settings, "monitor", stages=wrapped))
    partial = stored_urls(settings)
    assert 0 < len(partial) <= 3
    assert query(settings, "select status from run_log") == [("interrupted",)]
    run_loop.run_monitor(settings)
    run_loop.run_backfill(settings, date(2000, 1, 1), date(2100, 1, 1))
    assert replay_urls(replay) <= accounted_urls(settings)
    dupes = query(settings, "select url, count(*) from stored_articles group by url "
                            "having count(*) > 1")
    assert dupes == []


def test_backfill_window_is_half_open_and_a_rerun_skips_it(replay: Any,
                                                          replay_settings: Settings) -> None:
    since, until = date(2023, 1, 1), date(2024, 1, 1)
    run_loop.run_backfill(replay_settings, since, until)
    inside = {a.url for a in replay.articles if since <= a.published.date() < until}
    later = {a.url for a in replay.articles if a.published.date() >= until}
    stored = stored_urls(replay_settings)
    assert inside <= accounted_urls(replay_settings)
    assert not (later & stored), "articles after `until` were loaded"
    replay.reset_stats()
    again = run_loop.run_backfill(replay_settings, since, until)
    assert (again.discovered, again.fetched) == (0, 0)
    assert replay.stats()["requests"] == 0


def test_reprocess_with_the_same_extractor_changes_nothing(replay: Any,
                                                          replay_settings: Settings) -> None:
    replay.set_clock(SMALL)
    run_loop.run_monitor(replay_settings)
    before = query(replay_settings, "select count(*) from figure_mentions")
    report = reprocess.run_reprocess(replay_settings)
    assert report.articles == len(stored_urls(replay_settings))
    assert report.diff == {"added": 0, "removed": 0, "changed": 0}
    assert query(replay_settings, "select count(*) from figure_mentions") == before
    kinds = query(replay_settings, "select kind, status from run_log order by started_at")
    assert kinds[-1] == ("reprocess", "completed")


def test_reprocess_loads_a_page_whose_parse_failed_before(replay: Any,
                                                         replay_settings: Settings) -> None:
    replay.set_clock(SMALL)
    def extract_but_lose_one(run_id: str, src: Any, outcomes: Any) -> Any:
        batch = stages.extract_batch(run_id, src, outcomes)
        if batch.source == "kdpt" and batch.articles:  # as if the parser had failed on it
            lost = batch.articles.pop(0)
            batch.failures.append(Failure(lost.article.url, "kdpt", "parse",
                                                   "no article text", None, False))
        return batch

    wrapped = replace(stages.PLAIN, extract=extract_but_lose_one)
    asyncio.run(run_loop.run_async(replay_settings, "monitor", stages=wrapped))
    lost = query(replay_settings, "select url from retry_queue where stage = 'parse'")
    assert len(lost) == 1 and lost[0][0] not in stored_urls(replay_settings)
    report = reprocess.run_reprocess(replay_settings)
    assert lost[0][0] in stored_urls(replay_settings)
    assert report.diff["added"] == query(
        replay_settings, "select count(*) from figure_mentions m join stored_articles a "
                         "using (article_id) where a.url = ?", [lost[0][0]])[0][0]
    assert query(replay_settings, "select count(*) from retry_queue") == [(0,)]


def test_a_later_final_figure_is_reported_as_a_revision(replay: Any,
                                                       replay_settings: Settings) -> None:
    revising = next(a for a in replay.articles if a.revises)
    replay.set_clock(revising.published)  # the estimate is out, its revision not yet
    first = run_loop.run_monitor(replay_settings)
    assert first.new_observations and not first.revised_observations
    replay.set_clock(None)
    later = run_loop.run_monitor(replay_settings, ["kdpt"])
    assert later.revised_observations, "the final figure was not reported as a revision"
    revised = {(r["region"], r["indicator"], r["period_start"].year)
               for r in later.revised_observations}
    assert any((e["region"], e["indicator"]) in {(r, i) for r, i, _ in revised}
               for e in revising.expected)
    assert all(r["previous_value"] != r["value"] for r in later.revised_observations)
    assert later.counts()["vintages_revised"] >= len(later.revised_observations) > 0

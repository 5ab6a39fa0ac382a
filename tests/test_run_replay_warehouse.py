"""A run against the replay sites (real HTTP, the real extractor, a real DuckDB file) loads
each syndicated copy once, as a duplicate of its original, and keeps a revised estimate as two
vintages (issue 5, "done when")."""

from __future__ import annotations

from typing import Any

import pytest

from flows import run_loop
from flows.config import Settings
from warehouse import db


@pytest.fixture()
def loaded(replay: Any, replay_settings: Settings) -> Settings:
    report = run_loop.run_monitor(replay_settings)
    assert report.status == "completed"
    return replay_settings


def rows(settings: Settings, sql: str, params: list[Any] | None = None) -> list[tuple]:
    with db.connect(settings.warehouse.path, read_only=True, wait_s=10) as con:
        return con.execute(sql, params or []).fetchall()


def test_syndicated_copies_are_duplicates_not_new_observations(replay: Any,
                                                               loaded: Settings) -> None:
    by_id = {a.id: a for a in replay.articles}
    copies = [a for a in replay.articles if a.syndicated_of]
    assert copies
    for copy in copies:
        original = by_id[copy.syndicated_of]
        got = rows(loaded, "select duplicate_of_url from articles where url = ?", [copy.url])
        assert got == [(original.url,)], f"{copy.url} not linked to {original.url}: {got}"
    # every observation has at least one source that is not a duplicate
    orphans = rows(loaded, """
        select count(*) from series
        where obs_id not in (
            select f.obs_id from figures as f
            join articles as a on a.url = f.url
            where a.duplicate_of is null)
    """)
    assert orphans == [(0,)]
    assert rows(loaded, "select count(*) from articles") == [(len(replay.articles),)]


def test_revised_estimate_is_two_vintages(replay: Any, loaded: Settings) -> None:
    by_id = {a.id: a for a in replay.articles}
    for final in (a for a in replay.articles if a.revises):
        early = by_id[final.revises]
        estimates = {(f["region"], f["indicator"], f["scope"], f["metric"], f["period_start"],
                      f["period_end"]): f["value"] for f in early.expected if f["estimate"]}
        revised = [f for f in final.expected if not f["estimate"] and f["value"] != estimates.get(
            (f["region"], f["indicator"], f["scope"], f["metric"], f["period_start"],
             f["period_end"]), f["value"])]
        assert revised
        for f in revised:
            key = [f["region"], f["indicator"], f["scope"], f["metric"], f["period_start"],
                   f["period_end"]]
            history = rows(loaded, """
                select value, estimate from series_history
                where region = ? and indicator = ? and scope = ? and metric = ?
                  and period_start = ?::date and period_end = ?::date
                order by first_reported""", key)
            assert len(history) == 2, history
            (v_old, est_old), (v_new, est_new) = history
            assert est_old and not est_new
            assert v_new == pytest.approx(f["value"], rel=1e-6)
            best = rows(loaded, """
                select value, estimate from series
                where region = ? and indicator = ? and scope = ? and metric = ?
                  and period_start = ?::date and period_end = ?::date""", key)
            assert best == [(pytest.approx(f["value"], rel=1e-6), False)]

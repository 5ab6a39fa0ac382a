"""A backfill cut short by its budget says so and is resumed, never marked done early."""

from __future__ import annotations

from datetime import date
from typing import Any

from flows import run_loop, stages
from flows.config import Settings
from warehouse import db, state


def _with_budget(settings: Settings, **limits: int) -> Settings:
    sources = [s.model_copy(update=limits) if s.name == "kdpt" else s for s in settings.sources]
    return settings.model_copy(update={"sources": sources})


def _cursor(settings: Settings, window: stages.Window) -> dict[str, Any] | None:
    with db.connect(settings.warehouse.path, read_only=True, wait_s=10) as con:
        return state.get_cursor(con, window.cursor_key("kdpt"))


def _stored(settings: Settings) -> set[str]:
    with db.connect(settings.warehouse.path, read_only=True, wait_s=10) as con:
        return {r[0] for r in con.execute(
            "select url from stored_articles where source = 'kdpt' "
            "union select url from retry_queue where source = 'kdpt'").fetchall()}


def test_backfill_over_budget_resumes_until_done(replay: Any, replay_settings: Settings) -> None:
    settings = _with_budget(replay_settings, max_sitemaps=4, max_pages=1)
    since, until = date(2000, 1, 1), date(2100, 1, 1)
    window = stages.Window(since, until)
    run_loop.run_backfill(settings, since, until, sources=["kdpt"])
    first = _cursor(settings, window)
    assert first is not None and first["done"] is False and first.get("incomplete")
    for _ in range(30):  # each rerun reads a few more shards; bounded
        if (_cursor(settings, window) or {}).get("done"):
            break
        run_loop.run_backfill(settings, since, until, sources=["kdpt"])
    assert (_cursor(settings, window) or {}).get("done") is True
    expected = {a.url for a in replay.articles if a.site == "kdpt"}
    assert expected <= _stored(settings), sorted(expected - _stored(settings))[:5]

"""`reprocess` gives every stored article the current rules' version and confidences."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from extractors.figures import EXTRACTOR_VERSION
from flows import reprocess, run_loop, stages
from flows.config import Settings
from warehouse import data_tests, db

SMALL = datetime(2023, 7, 1, tzinfo=timezone(timedelta(hours=7)))  # a few replay articles


def _one(settings: Settings, sql: str, params: list[Any] | None = None) -> tuple:
    with db.connect(settings.warehouse.path, read_only=True, wait_s=10) as con:
        return con.execute(sql, params or []).fetchone()


def _as_if_read_by_older_rules(settings: Settings) -> None:
    """What a warehouse loaded before confidences (migration 007) holds."""
    with db.connect(settings.warehouse.path, wait_s=10) as con:
        con.execute("update figure_mentions set confidence = null, confidence_reasons = null, "
                    "extractor_version = 'figures-1.6'")
        con.execute("update stored_articles set extractor_version = 'figures-1.6'")


def _doubtful_growth(real: Any) -> Any:
    """The real extractor, but every growth rate comes out with confidence 0.2."""
    def extract(*args: Any, **kwargs: Any) -> list:
        return [replace(f, confidence=0.2, confidence_reasons=("test",))
                if f.metric == "yoy_pct" else f for f in real(*args, **kwargs)]
    return extract


def test_reprocess_loads_confidences_and_the_new_version(
        replay: Any, replay_settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    replay.set_clock(SMALL)
    run_loop.run_monitor(replay_settings)
    _as_if_read_by_older_rules(replay_settings)
    n_mentions, n_growth = _one(replay_settings, "select count(*), count(*) filter "
                                                 "(metric = 'yoy_pct') from figure_mentions")
    assert n_growth > 0
    assert _one(replay_settings, "select count(*) from series where metric = 'yoy_pct'")[0] > 0
    monkeypatch.setattr(stages, "extract_figures", _doubtful_growth(stages.extract_figures))

    report = reprocess.run_reprocess(replay_settings)

    assert report.status == "completed"
    assert _one(replay_settings, "select count(*) from stored_articles "
                                 "where extractor_version is distinct from ?",
                [EXTRACTOR_VERSION]) == (0,)
    assert _one(replay_settings, "select count(*), count(confidence) from figure_mentions") == (
        n_mentions, n_mentions)
    assert _one(replay_settings, "select count(*) from review") == (n_growth,)
    assert _one(replay_settings, "select count(*) from series where metric = 'yoy_pct'") == (0,)
    assert _one(replay_settings, "select count(*) from figures where accepted") == (
        n_mentions - n_growth,)
    with db.connect(replay_settings.warehouse.path, read_only=True, wait_s=10) as con:
        assert data_tests.failing(con) == {}

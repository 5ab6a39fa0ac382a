"""A run killed after discovery loses nothing: discovered URLs wait in the frontier."""

from __future__ import annotations

from typing import Any

from flows import run_loop, stages, writer
from flows.config import Settings
from warehouse import db, state


def test_killed_after_discovery_next_monitor_fetches_the_rest(
        replay: Any, replay_settings: Settings, monkeypatch: Any) -> None:
    """Discovery is recorded, the run dies before its second batch; the next run completes."""
    settings = replay_settings.model_copy(update={"run": replay_settings.run.model_copy(
        update={"batch_size": 10})})
    loads = {"n": 0}
    real_load = writer.load_into_warehouse

    def dying_load(s: Settings, batch: Any, on_wait: Any = None) -> dict[str, Any]:
        loads["n"] += 1
        if loads["n"] == 2:
            raise KeyboardInterrupt  # as if killed between batches
        return real_load(s, batch, on_wait)

    monkeypatch.setattr(run_loop, "PLAIN", stages.Stages(load=dying_load))
    try:
        run_loop.run_monitor(settings, sources=["kdpt"])
    except KeyboardInterrupt:
        pass
    else:  # pragma: no cover - the stage above always interrupts
        raise AssertionError("the run was not interrupted")
    with db.connect(settings.warehouse.path, read_only=True, wait_s=10) as con:
        waiting = state.frontier_urls(con, "kdpt")
        stored = con.execute("select count(*) from stored_articles").fetchone()[0]
    assert stored == 10 and len(waiting) > 10

    monkeypatch.setattr(run_loop, "PLAIN", stages.Stages())
    report = run_loop.run_monitor(settings, sources=["kdpt"])
    assert report.status == "completed"
    with db.connect(settings.warehouse.path, read_only=True, wait_s=10) as con:
        left = con.execute("select count(*) from frontier").fetchone()[0]
        urls = {r[0] for r in con.execute("select url from stored_articles union "
                                          "select url from retry_queue").fetchall()}
    assert left == 0
    assert set(waiting) <= urls, "URLs discovered by the killed run were never fetched"

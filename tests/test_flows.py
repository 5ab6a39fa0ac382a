"""The Prefect flows under one session-scoped test harness (its start costs 20+ s: slow)."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from flows import prefect_env

prefect_env.configure(quiet=False)

from flows.config import Settings, load_settings  # noqa: E402
from warehouse import db  # noqa: E402

pytestmark = pytest.mark.slow
SMALL = datetime(2023, 7, 1, tzinfo=timezone(timedelta(hours=7)))


@pytest.fixture(scope="module")
def harness() -> Iterator[None]:
    """A temporary Prefect API and database for this module's flow runs."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield


def flow_run_facts(flow_run_id: Any) -> tuple[list[str], list[Any]]:
    """(task run names, artifacts) of one flow run, read back through the Prefect API."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        FlowRunFilter,
        FlowRunFilterId,
    )

    async def read() -> tuple[list[str], list[Any]]:
        async with get_client() as client:
            runs = await client.read_task_runs(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
            arts = await client.read_artifacts(
                artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(
                    any_=[flow_run_id])))
            # a failed run also stores its exception as an (unkeyed) result artifact
            return [r.name for r in runs], [a for a in arts if a.key]

    return asyncio.run(read())


def settings_for(replay_config: Any, batch_size: int) -> tuple[Settings, Path]:
    toml = replay_config(batch_size)
    return load_settings(toml), toml


def test_monitor_flow_runs_one_task_per_batch_and_publishes(harness: None,
                                                             replay_config: Any) -> None:
    from flows import prefect_flows

    settings, toml = settings_for(replay_config, batch_size=4)
    state = asyncio.run(prefect_flows.monitor(config=str(toml), return_state=True))
    assert state.is_completed(), state.message
    report = state.result()
    names, artifacts = flow_run_facts(state.state_details.flow_run_id)
    stages = {n.rsplit("-", 1)[0] for n in names}
    assert stages == {"discover", "fetch", "extract", "load"}
    assert len(names) == len(settings.sources) + 3 * report.batches
    assert report.batches >= math.ceil(report.fetched / 4)
    assert [a.key for a in artifacts] == ["tradewatch-monitor"]
    assert "## Counts" in artifacts[0].data and f"| batches | {report.batches} |" in \
        artifacts[0].data
    assert report.new_observations and "| region | indicator | scope | metric |" in \
        artifacts[0].data
    with db.connect(settings.warehouse.path, read_only=True) as con:
        row = con.execute("select status from run_log where run_id = ?",
                          [f"monitor-{state.state_details.flow_run_id}"]).fetchone()
    assert row == ("completed",)


def test_backfill_flow_takes_string_parameters_and_reruns_empty(harness: None,
                                                                replay_config: Any) -> None:
    from flows import prefect_flows

    settings, toml = settings_for(replay_config, batch_size=50)
    first = asyncio.run(prefect_flows.backfill(since="2023-01-01", until="2024-01-01",
                                               config=str(toml)))
    again = asyncio.run(prefect_flows.backfill(since="2023-01-01", until="2024-01-01",
                                               config=str(toml)))
    assert first.articles > 0 and (again.discovered, again.fetched) == (0, 0)
    with db.connect(settings.warehouse.path, read_only=True) as con:
        years = con.execute("select distinct year(published_date) from stored_articles "
                            "where published_date is not null").fetchall()
    assert years == [(2023,)]


def test_reprocess_flow_reports_an_empty_diff(harness: None, replay: Any,
                                              replay_config: Any) -> None:
    from flows import prefect_flows

    replay.set_clock(SMALL)  # replace_figures rebuilds vintages per article: keep it small
    _, toml = settings_for(replay_config, batch_size=10)
    asyncio.run(prefect_flows.monitor(config=str(toml)))
    state = prefect_flows.reprocess(config=str(toml), return_state=True)
    report = state.result()
    names, artifacts = flow_run_facts(state.state_details.flow_run_id)
    assert report.diff == {"added": 0, "removed": 0, "changed": 0} and report.articles > 0
    assert len(names) == report.batches == math.ceil(report.articles / 10)
    assert "diff_changed" in artifacts[0].data


def test_a_failed_source_fails_the_flow_after_publishing(harness: None, replay_config: Any,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from flows import prefect_flows

    settings, toml = settings_for(replay_config, batch_size=50)
    dead = settings.model_dump(mode="json")
    dead["sources"].append({"name": "dead", "kind": "generic", "base_url": "http://127.0.0.1:9",
                            "feeds": ["http://127.0.0.1:9/feed/"]})
    dead["http"]["max_retries"] = 0
    # The discover task's retry (after 10 s) is right in production, only slow here.
    monkeypatch.setattr(prefect_flows, "_discover", prefect_flows._discover.with_options(retries=0))
    state = asyncio.run(prefect_flows.monitor(settings=dead, return_state=True))
    assert state.is_failed()
    _, artifacts = flow_run_facts(state.state_details.flow_run_id)
    assert "failed" in artifacts[0].data and "dead" in artifacts[0].data

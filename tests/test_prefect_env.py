"""The temporary Prefect API started before Prefect's import, and the malloc arena cap."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from flows import malloc, prefect_env


def test_has_server_is_false_for_the_temporary_api(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_API_URL", raising=False)
    monkeypatch.delenv(prefect_env.TEMPORARY_API_ENV, raising=False)
    assert not prefect_env.has_server()
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    assert prefect_env.has_server()
    monkeypatch.setenv(prefect_env.TEMPORARY_API_ENV, "http://127.0.0.1:8123/api")
    assert prefect_env.has_server()  # a server the user set, not the temporary one
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:8123/api")
    assert not prefect_env.has_server()


def test_no_temporary_api_when_a_server_is_set_or_prefect_is_imported(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_API_URL", "http://127.0.0.1:4200/api")
    assert prefect_env.start_temporary_api() is None
    monkeypatch.delenv("PREFECT_API_URL")
    monkeypatch.setitem(sys.modules, "prefect", sys)  # too late: Prefect read its settings
    assert prefect_env.start_temporary_api() is None
    assert "PREFECT_API_URL" not in os.environ


def test_limit_malloc_arenas_is_harmless() -> None:
    assert malloc.limit_malloc_arenas() in (True, False)
    assert malloc.limit_malloc_arenas() in (True, False)  # idempotent


SCRIPT = """
import os, sys
from flows import prefect_env
prefect_env.configure(quiet=True)
url = prefect_env.start_temporary_api()
from prefect import flow

@flow
def one() -> int:
    return 1

assert one() == 1
assert url and os.environ["PREFECT_API_URL"] == url, url
assert not prefect_env.has_server()
print("server app imported:", "prefect.server.api.server" in sys.modules)
"""


@pytest.mark.slow
def test_flow_runs_on_the_temporary_api_without_importing_the_server_app(
        tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PREFECT_API_URL", prefect_env.TEMPORARY_API_ENV)}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                          text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "server app imported: False" in done.stdout

"""Quiet, offline-safe Prefect settings, set in the environment before prefect is imported.

Prefect reads its settings and its logging configuration once, when it is first imported, and
passes the environment on to the temporary API server it starts in a subprocess when no
PREFECT_API_URL is set. So `configure()` must run before any `import prefect`. Every value is a
default: a variable the user already set wins.

What each one is for (measured with Prefect 3.9.1 on this machine):
- PREFECT_SERVER_ANALYTICS_ENABLED / DO_NOT_TRACK: no telemetry calls; offline, the server
  logs "Failed to send telemetry" otherwise.
- PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL=CRITICAL: the temporary server's shutdown prints
  sqlalchemy "Exception during reset" and "Error flushing events" CancelledError tracebacks
  through the console handler (the server subprocess inherits our environment). The CLI
  prints its own progress and summary, so Prefect's console lines are off for it; the logs
  still reach the Prefect API (and its UI). `PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL=INFO`
  brings them back.
- PREFECT_SERVER_LOGGING_LEVEL=CRITICAL: the same, for the server's own loggers.
- PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS=120: the temporary server's first start on
  an empty PREFECT_HOME takes ~26 s on a busy 2-core machine, past Prefect's default of 20 s.
"""

from __future__ import annotations

import atexit
import importlib.util
import logging
import os
import random
import socket
import subprocess
import sys
import time
from pathlib import Path

logger = logging.getLogger(__name__)

ALWAYS = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "120",
}
QUIET = {
    "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "CRITICAL",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
}


# PREFECT_API_URL of the temporary API that start_temporary_api() started for this process
TEMPORARY_API_ENV = "TRADEWATCH_TEMPORARY_API_URL"
_PORTS = range(8000, 9000)  # where Prefect looks for a free port for its temporary API


def has_server() -> bool:
    """Whether runs go to a Prefect server (PREFECT_API_URL set) rather than a temporary API."""
    api = os.environ.get("PREFECT_API_URL", "").strip()
    return bool(api) and api != os.environ.get(TEMPORARY_API_ENV)


def configure(quiet: bool = True) -> dict[str, str]:
    """Set the defaults above in os.environ (existing values win); returns what was set."""
    if "prefect" in sys.modules:
        # Too late for logging and settings of this process; still useful for subprocesses.
        logger.debug("prefect already imported; environment defaults apply to subprocesses only")
    wanted = {**ALWAYS, **(QUIET if quiet else {})}
    applied = {k: v for k, v in wanted.items() if k not in os.environ}
    os.environ.update(applied)
    return applied


def start_temporary_api() -> str | None:
    """Start Prefect's temporary local API for this process; its PREFECT_API_URL, or None.

    Without PREFECT_API_URL Prefect starts the same server itself (a uvicorn subprocess running
    `prefect.server.api.server:create_app`) on the first flow run, but to do so it imports its
    whole server application (FastAPI, SQLAlchemy, the database and event layers) into the
    flow's own process: ~80 MB resident for the life of the run (bench/bench_backfill.py),
    for code that only ever runs in the subprocess. Started from here, by the same command
    and environment, that import happens in the subprocess only; PREFECT_API_URL then points
    at it (TEMPORARY_API_ENV marks it as temporary: `has_server()` stays false) and the server
    is stopped when this process exits, as Prefect's own one is.

    Must run before `import prefect` (Prefect reads PREFECT_API_URL once, at import); does
    nothing and returns None when prefect is already imported, a server is configured, or
    Prefect's ephemeral mode is turned off — Prefect then behaves as it always does.
    """
    if "prefect" in sys.modules or os.environ.get("PREFECT_API_URL", "").strip():
        return None
    if os.environ.get("PREFECT_SERVER_ALLOW_EPHEMERAL_MODE", "true").strip().lower() in (
            "0", "false", "no", "off"):
        return None
    spec = importlib.util.find_spec("prefect")
    if spec is None or spec.origin is None:
        return None
    app_dir = Path(spec.origin).parent.parent
    timeout = float(os.environ.get("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "20"))
    proc, url = _start_uvicorn(app_dir, timeout)
    atexit.register(_stop, proc)  # before any Prefect service: those drain first at exit
    os.environ["PREFECT_API_URL"] = url
    os.environ[TEMPORARY_API_ENV] = url
    logger.info("started Prefect's temporary API on %s", url)
    return url


def _free_port() -> int:
    for _ in range(10):
        port = random.choice(_PORTS)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                time.sleep(random.uniform(0.1, 0.5))
                continue
            return port
    raise RuntimeError("Unable to find an available port for Prefect's temporary API")


def _start_uvicorn(app_dir: Path, timeout: float) -> tuple[subprocess.Popen[bytes], str]:
    """The server process as Prefect's SubprocessASGIServer starts it, once it answers."""
    import httpx

    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1",
           "PREFECT__SERVER_FINAL": "1"}
    deadline = time.monotonic() + timeout
    while True:
        port = _free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "uvicorn", "--app-dir", str(app_dir), "--factory",
             "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "error", "--lifespan", "on"], env=env,
            preexec_fn=_die_with_parent)  # a prctl call only: safe before exec
        url = f"http://127.0.0.1:{port}/api"
        with httpx.Client() as client:
            while time.monotonic() < deadline:
                if proc.poll() is not None:
                    break  # exit 3: the port was taken meanwhile; any other: give up below
                try:
                    if client.get(f"{url}/health").status_code == 200:
                        return proc, url
                except httpx.TransportError:
                    pass
                time.sleep(0.1)
        if proc.poll() == 3 and time.monotonic() < deadline:
            continue
        _stop(proc)
        raise RuntimeError("Timed out while attempting to connect to Prefect's temporary API "
                           f"server (exit code {proc.returncode}).")


def _die_with_parent() -> None:
    """In the server child, before it runs: ask Linux to send it SIGTERM when the process that
    started it dies, so a run killed with SIGKILL (the OOM killer, `kill -9`), which runs no
    exit handler, does not leave the server behind. Elsewhere nothing is done (the server is
    then stopped at exit only, as Prefect's own one is). Linux sends the signal when the
    *thread* that started the server ends: start_temporary_api runs on the main thread."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM, 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent died before the prctl: nobody would stop us
        os.kill(os.getpid(), signal.SIGTERM)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()

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

import logging
import os
import sys

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


def has_server() -> bool:
    """Whether runs go to a Prefect server (PREFECT_API_URL set) rather than a temporary API."""
    return bool(os.environ.get("PREFECT_API_URL", "").strip())


def configure(quiet: bool = True) -> dict[str, str]:
    """Set the defaults above in os.environ (existing values win); returns what was set."""
    if "prefect" in sys.modules:
        # Too late for logging and settings of this process; still useful for subprocesses.
        logger.debug("prefect already imported; environment defaults apply to subprocesses only")
    wanted = {**ALWAYS, **(QUIET if quiet else {})}
    applied = {k: v for k, v in wanted.items() if k not in os.environ}
    os.environ.update(applied)
    return applied

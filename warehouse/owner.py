"""The process that runs a run, and whether it still exists (for runs killed without a word)."""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Owner:
    """A process on a host; `started` tells a reused PID apart (None where /proc is missing)."""

    host: str
    pid: int
    started: str | None


def _started(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (Linux /proc), or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # the command name (field 2) may hold spaces and parentheses: fields count from the last ")"
    fields = stat[stat.rfind(")") + 2:].split()
    return fields[19] if len(fields) > 19 else None


def this_process() -> Owner:
    """The current process."""
    pid = os.getpid()
    return Owner(socket.gethostname(), pid, _started(pid))


def is_gone(owner: Owner) -> bool:
    """Whether the owner certainly no longer exists: on this host, no such PID, or the PID now
    belongs to a process started at another time. Another host's process is never gone here."""
    if owner.host != socket.gethostname():
        return False
    try:
        os.kill(owner.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # it exists, under another user
        pass
    if owner.started is None:
        return False
    now = _started(owner.pid)
    return now is not None and now != owner.started

"""Start `tradewatch` subprocesses, watch them, kill them: every wait bounded, nothing left over."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from tests.helpers.cli import base_env, command


class Proc:
    """One `tradewatch` subprocess with its output in files (no pipe can fill and block it)."""

    def __init__(self, args: Sequence[str], cwd: Path, name: str,
                 env: dict[str, str] | None = None) -> None:
        self.out_path = cwd / f"{name}.out"
        self.err_path = cwd / f"{name}.err"
        self.args = list(args)
        with self.out_path.open("wb") as out, self.err_path.open("wb") as err:
            self.popen = subprocess.Popen([*command(), *args], cwd=cwd, env=base_env(env),
                                          stdout=out, stderr=err, stdin=subprocess.DEVNULL)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def wait(self, timeout: float) -> int:
        """The exit code; kills the process and raises TimeoutError past `timeout`."""
        try:
            return self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise TimeoutError(f"tradewatch {' '.join(self.args)} ran over {timeout} s\n"
                               f"{self.stderr()[-2000:]}") from None

    def kill(self) -> bool:
        """SIGKILL it if it still runs and reap it; returns whether it was alive."""
        if self.popen.poll() is not None:
            return False
        os.kill(self.popen.pid, signal.SIGKILL)
        self.popen.wait(timeout=30)
        return True

    def stdout(self) -> str:
        return self.out_path.read_text(encoding="utf-8", errors="replace")

    def stderr(self) -> str:
        return self.err_path.read_text(encoding="utf-8", errors="replace")


def wait_until(condition: Callable[[], bool], timeout: float, poll_s: float = 0.01) -> bool:
    """Poll `condition` until true or `timeout` seconds pass; returns the last answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(poll_s)
    return condition()


def writer_holds_lock(warehouse: Path, pid: int) -> bool:
    """Whether process `pid` holds the warehouse's writer lock (the holder writes 'PID n since …'
    into the lock file and empties it on release; a killed holder leaves its line behind)."""
    try:
        text = warehouse.with_name(warehouse.name + ".lock").read_text()
    except OSError:
        return False
    return text.startswith(f"PID {pid} ")

"""Fewer glibc malloc arenas for a run's process (its memory peak, not its speed)."""

from __future__ import annotations

import ctypes
import os
import sys

M_ARENA_MAX = -8  # glibc mallopt parameter
MALLOC_ARENAS = 2


def limit_malloc_arenas() -> bool:
    """At most MALLOC_ARENAS glibc malloc arenas in this process (unless MALLOC_ARENA_MAX is set).

    A run allocates from the event loop's thread (fetch), a worker thread (extraction, load)
    and DuckDB's threads. glibc gives threads arenas of their own (up to 8 per core), and memory
    freed in one arena is not reused by a thread allocating from another: a 5,000-page backfill
    peaked ~20 MB higher for it (bench/bench_backfill.py), for no measurable speed. Idempotent;
    affects arenas created afterwards. False where it does not apply (not glibc).
    """
    if sys.platform != "linux" or "MALLOC_ARENA_MAX" in os.environ:
        return False
    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(M_ARENA_MAX, MALLOC_ARENAS))
    except (OSError, AttributeError):
        return False

"""When to retry and how long to wait: exponential backoff with jitter, Retry-After."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504, 507, 509, 520, 521, 522, 523,
                            524})


def retryable_status(status: int) -> bool:
    """Whether an HTTP status is worth another attempt (timeouts, throttling, server errors)."""
    return status in RETRY_STATUSES or 500 <= status < 600


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After value (delta-seconds or HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def backoff_s(attempt: int, base_s: float, max_s: float, rng: random.Random) -> float:
    """Wait before attempt `attempt`+1: base * 2^attempt, capped, times a jitter in [0.5, 1]."""
    return min(max_s, base_s * (2 ** attempt)) * rng.uniform(0.5, 1.0)

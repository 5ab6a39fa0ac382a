"""Generated articles for benchmarks (filled in below)."""

from __future__ import annotations

from flows.replay.model import ReplayArticle


def generate(count: int, seed: int = 0) -> list[ReplayArticle]:
    """`count` generated articles, the same for the same seed."""
    if count:
        raise NotImplementedError("synthetic articles are not generated yet")
    return []

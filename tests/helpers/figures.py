"""Figures as comparable keys, for tests that check what a text gives."""

from __future__ import annotations

from datetime import date

from extractors.figures import extract_figures


def figure_keys(text: str, published: date) -> set[tuple]:
    """(region, indicator, scope, metric, value, period start, period end) of each figure."""
    return {(f.region, f.indicator, f.scope, f.metric, f.value, f.period_start.isoformat(),
             f.period_end.isoformat()) for f in extract_figures(text, published)}

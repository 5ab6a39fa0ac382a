"""The confidence threshold: which figures `series` takes, and `tradewatch extract` prints.

Each Figure carries a confidence (0–1) from the evidence it rests on. Figures at or above the
threshold are accepted: `tradewatch extract` prints them and the warehouse's `series` (with
everything it is built from) uses them; the others stay in the warehouse's `figures` and
`review` views. The threshold is configured (`[extract] min_confidence`); this is its default.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

DEFAULT_MIN_CONFIDENCE = 0.5

F = TypeVar("F")


def parse_threshold(value: object) -> float:
    """A threshold from configuration (a TOML number, or the text of an environment variable)
    as a float; ValueError unless it is a number from 0 to 1."""
    if isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            raise ValueError(f"must be a number from 0 to 1, not {value!r}") from None
    elif isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
    else:
        raise ValueError(f"must be a number from 0 to 1, not {value!r}")
    if not 0.0 <= number <= 1.0:  # also refuses NaN
        raise ValueError(f"must be from 0 to 1, not {value!r}")
    return number


def is_accepted(confidence: float | None, min_confidence: float) -> bool:
    """A figure is accepted at or above the threshold; an unknown confidence counts as accepted
    (rows stored before confidences existed, until they are reprocessed)."""
    return confidence is None or confidence >= min_confidence


def accepted(figures: Iterable[F], min_confidence: float) -> list[F]:
    """The figures at or above the threshold, in order (0 keeps them all)."""
    return [f for f in figures if is_accepted(getattr(f, "confidence", None), min_confidence)]

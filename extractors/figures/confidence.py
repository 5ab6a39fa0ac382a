"""A figure's confidence (0–1) from the evidence it rests on, and the threshold that decides
which figures `series` takes and `tradewatch extract` prints.

The confidence is a logistic score: `1 / (1 + exp(-(BIAS + sum of weights)))`, one weight (in
log-odds) for each kind of weak evidence a figure rests on, each row below with the reason it
gives. The weights were fitted on real, labelled articles (the share of figures resting on that
evidence that were right) and rounded; implausible values weigh so much that such a figure is
always left for review.

Figures at or above the threshold are accepted: `tradewatch extract` prints them and the
warehouse's `series` (with everything it is built from) uses them; the others stay in the
warehouse's `figures` and `review` views. The threshold is configured (`[extract]
min_confidence`); `DEFAULT_MIN_CONFIDENCE` is its default.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import NamedTuple, TypeVar

from extractors.model import Figure

DEFAULT_MIN_CONFIDENCE = 0.5
NATIONAL = "Việt Nam"
BIAS = 2.2  # a figure whose period, year and region all stand in its own sentence: ~0.88
IMPLAUSIBLE = -6.0  # a value no statistics office publishes
ECONOMY_GROWTH = (-30.0, 40.0)  # an economy's year-on-year growth, %: sane bounds

# evidence -> (weight in log-odds, reason); "" reasons raise or keep the score
PERIOD_FROM: dict[str, tuple[float, str]] = {
    "sentence": (0.0, ""),
    "paragraph": (-0.25, "period from an earlier sentence of the paragraph"),
    "article": (-1.25, "period from an earlier paragraph"),
    "headline": (0.0, ""),
}
YEAR_FROM: dict[str, tuple[float, str]] = {
    "written": (0.0, ""),
    "published": (-1.4, "year from the publication date"),
    "implied": (0.0, ""),
    "text": (-0.6, "year guessed from other years in the text (no publication date)"),
}
REGION_FROM: dict[str, tuple[float, str]] = {
    "sentence": (0.0, ""),
    "gdp": (-0.2, "the country, from the word GDP (no place named)"),
    "paragraph": (0.3, ""),  # the paragraph's subject goes on: as good as named
    "section": (-0.2, "region from a subheading"),
    "headline": (-0.2, "region from the headline"),
    "lead": (-0.2, "region from the lead"),
    "after": (-0.8, "region named after the number"),
    "article": (-0.45, "region: the place the article names most"),
}
ENGLISH = (-1.9, "an English report, read through its rewriting")
PLAN_SHARE = (-0.4, "a share of plan")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a figure's period, its year and its region came from; the text's language."""

    period_from: str = "sentence"
    year_from: str = "written"
    region_from: str = "sentence"
    english: bool = False


def _implausible(f: Figure | Value, published: date | None) -> list[tuple[float, str]]:
    """Values and periods no statistics office publishes: (weight, reason) for each."""
    out: list[tuple[float, str]] = []
    economy = f.indicator.startswith(("grdp", "gdp"))
    if f.metric == "yoy_pct":
        low, high = ECONOMY_GROWTH if economy else (-95.0, 500.0)
        if not low <= f.value <= high:
            out.append((IMPLAUSIBLE, f"growth of {f.value:g}% is outside sane bounds"))
    elif f.metric == "plan_pct" and not 1.0 <= f.value <= 400.0:
        out.append((IMPLAUSIBLE, f"a plan share of {f.value:g}%"))
    elif f.metric == "level":
        out += _implausible_level(f)
    if published is not None and f.period_start > published:
        out.append((IMPLAUSIBLE, "period starts after publication"))
    return out


def _implausible_level(f: Figure | Value) -> list[tuple[float, str]]:
    national = f.region == NATIONAL
    if f.indicator.startswith(("grdp", "gdp")):
        if f.unit == "VND" and not 1e12 <= f.value <= (1e17 if national else 3e16):
            return [(IMPLAUSIBLE, "an economy's size out of range")]
        if f.unit == "USD" and not 1e8 <= f.value <= (2e12 if national else 1e12):
            return [(IMPLAUSIBLE, "an economy's size out of range")]
        return []
    if f.unit == "VND":
        return [(-2.0, "trade stated in đồng")]
    low, high = (1e7, 2e12) if national else (1e4, 5e11)
    if not low <= abs(f.value) <= high:
        return [(IMPLAUSIBLE, "a trade value out of range")]
    return []


def rate(f: Figure, ev: Evidence, published: date | None) -> Figure:
    """The figure with its confidence and the reasons that lowered it."""
    conf, reasons = score(f, ev, published)
    return replace(f, confidence=conf, confidence_reasons=reasons)


class Value(NamedTuple):
    """What plausibility looks at, before the figure is made."""

    region: str
    indicator: str
    metric: str
    value: float
    unit: str
    period_start: date


def score(f: Figure | Value, ev: Evidence,
          published: date | None) -> tuple[float, tuple[str, ...]]:
    """A figure's confidence and the reasons that lowered it."""
    return score_fields(f.region, f.indicator, f.metric, f.value, f.unit, f.period_start,
                        ev.period_from, ev.year_from, ev.region_from, ev.english, published)


def score_fields(region: str, indicator: str, metric: str, value: float, unit: str,
                 period_start: date, period_from: str, year_from: str, region_from: str,
                 english: bool, published: date | None) -> tuple[float, tuple[str, ...]]:
    """`score` from plain values (the extractor's hot path: no record is built for it)."""
    z, reasons = _evidence(period_from, year_from, region_from, english)
    if metric == "plan_pct":
        z += PLAN_SHARE[0]
        reasons += (PLAN_SHARE[1],)
    # the common plausible case, tested cheaply before the full list of checks
    glance = (published is None or period_start <= published) and (
        ECONOMY_GROWTH[0] <= value <= ECONOMY_GROWTH[1] if metric == "yoy_pct" else
        metric == "level" and unit == "USD" and 1e7 <= value <= 5e11 and
        not indicator.startswith(("grdp", "gdp")))
    if not glance:
        for w, r in _implausible(Value(region, indicator, metric, value, unit, period_start),
                                 published):
            z += w
            reasons += (r,)
    return _logistic(z), reasons


@lru_cache(maxsize=512)
def _evidence(period_from: str, year_from: str, region_from: str,
              english: bool) -> tuple[float, tuple[str, ...]]:
    """The score of where a figure's period, year and region came from (few combinations)."""
    parts = [PERIOD_FROM.get(period_from, (-0.8, f"period from {period_from}")),
             YEAR_FROM.get(year_from, (-0.9, f"year from {year_from}")),
             REGION_FROM.get(region_from, (-0.8, f"region from {region_from}"))]
    if english:
        parts.append(ENGLISH)
    return BIAS + sum(w for w, _r in parts), tuple(r for w, r in parts if r and w < 0)


@lru_cache(maxsize=512)
def _logistic(z: float) -> float:
    return round(1.0 / (1.0 + math.exp(-z)), 3)


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

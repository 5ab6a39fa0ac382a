"""A figure's confidence (0–1) from the evidence it rests on, with the reasons that lowered it.

Each row of the tables below is one kind of weak evidence and the factor it multiplies the
confidence by; the factors were set on real, labelled articles (the share of figures with that
evidence that were right). A figure below the threshold (`DEFAULT_MIN_CONFIDENCE`, or the
configured one) is kept for review but not taken into `series`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from extractors.model import Figure

DEFAULT_MIN_CONFIDENCE = 0.5
NATIONAL = "Việt Nam"

# where the period came from -> (factor, reason)
PERIOD_FROM: dict[str, tuple[float, str]] = {
    "sentence": (1.0, ""),
    "paragraph": (0.95, "period from an earlier sentence of the paragraph"),
    "article": (0.8, "period from an earlier paragraph"),
    "headline": (0.7, "period from the headline"),
}
# how the period's year is known -> (factor, reason)
YEAR_FROM: dict[str, tuple[float, str]] = {
    "written": (1.0, ""),
    "published": (0.95, "year from the publication date"),
    "implied": (0.9, "year implied by a comparison base ('so với cùng kỳ năm N')"),
    "text": (0.6, "year guessed from other years in the text (no publication date)"),
}
# where the region came from -> (factor, reason)
REGION_FROM: dict[str, tuple[float, str]] = {
    "sentence": (1.0, ""),
    "paragraph": (0.95, "region from an earlier sentence of the paragraph"),
    "section": (0.9, "region from a subheading"),
    "headline": (0.9, "region from the headline"),
    "lead": (0.85, "region from the lead"),
    "after": (0.8, "region named after the number"),
    "article": (0.7, "region: the place the article names most"),
}


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a figure's period, its year and its region came from."""

    period_from: str = "sentence"
    year_from: str = "written"
    region_from: str = "sentence"


def _implausible(f: Figure, published: date | None) -> list[tuple[float, str]]:
    """Values and periods no statistics office publishes: (factor, reason) for each."""
    out: list[tuple[float, str]] = []
    economy = f.indicator.startswith(("grdp", "gdp"))
    if f.metric == "yoy_pct":
        low, high = (-30.0, 40.0) if economy else (-95.0, 500.0)
        if not low <= f.value <= high:
            out.append((0.2, f"growth of {f.value:g}% is outside sane bounds"))
    elif f.metric == "plan_pct" and not 1.0 <= f.value <= 400.0:
        out.append((0.2, f"a plan share of {f.value:g}%"))
    elif f.metric == "level":
        out += _implausible_level(f)
    if published is not None and f.period_start > published:
        out.append((0.1, "period starts after publication"))
    return out


def _implausible_level(f: Figure) -> list[tuple[float, str]]:
    national = f.region == NATIONAL
    if f.indicator.startswith(("grdp", "gdp")):
        if f.unit == "VND" and not 1e12 <= f.value <= (1e17 if national else 3e16):
            return [(0.2, "an economy's size out of range")]
        if f.unit == "USD" and not 1e8 <= f.value <= (2e12 if national else 1e12):
            return [(0.2, "an economy's size out of range")]
        return []
    if f.unit == "VND":
        return [(0.5, "trade stated in đồng")]
    top = 2e12 if national else 5e11
    if not (1e4 if not national else 1e7) <= abs(f.value) <= top:
        return [(0.2, "a trade value out of range")]
    return []


def rate(f: Figure, ev: Evidence, published: date | None) -> Figure:
    """The figure with its confidence and the reasons that lowered it."""
    parts = [PERIOD_FROM.get(ev.period_from, (0.7, f"period from {ev.period_from}")),
             YEAR_FROM.get(ev.year_from, (0.8, f"year from {ev.year_from}")),
             REGION_FROM.get(ev.region_from, (0.7, f"region from {ev.region_from}"))]
    parts += _implausible(f, published)
    conf = 1.0
    reasons = []
    for factor, reason in parts:
        conf *= factor
        if reason:
            reasons.append(reason)
    return replace(f, confidence=round(conf, 3), confidence_reasons=tuple(reasons))

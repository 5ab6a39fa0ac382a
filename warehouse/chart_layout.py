"""What a chart of one series shows, decided without drawing (warehouse/chart.py draws it).

A line holds the values of one scope and one kind of period that follow each other: the full
years, the first halves (H1 2022, H1 2023, …), the quarters, the nine months to date. Two
values are joined only when no period of the line lies between them, so a missing year leaves
the line open. A value sits at the middle of its period: 2022 at the end of June 2022, not on
the tick of January 2023.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from warehouse.labels import (
    indicator_label,
    period_kind,
    period_label,
    scope_label,
    unit_scale,
    value_label,
)


@dataclass(frozen=True)
class Point:
    """One best current value of the series."""

    scope: str
    start: date
    end: date
    value: float
    unit: str
    estimate: bool


@dataclass(frozen=True)
class Line:
    """The values of one scope and kind of period; a segment per run without gaps."""

    scope: str
    kind: str
    label: str
    segments: tuple[tuple[Point, ...], ...]


@dataclass(frozen=True)
class Titles:
    """The words around a chart."""

    title: str
    subtitle: str
    ylabel: str
    note: str
    divisor: float


# the order lines are listed in, and the months between two periods that follow each other
_KINDS = ("year", "half", "ytd", "quarter", "month", "other")
_STEP = {"year": 12, "half": 6, "quarter": 3, "month": 1}
_KIND_WORDS = {"year": "years", "half": "half years", "quarter": "quarters", "month": "months"}
_SCOPE_TOTAL = "total"


def position(point: Point) -> date:
    """Where a value sits on a time axis: the middle of its period."""
    return point.start + (point.end - point.start) / 2


def _months(day: date) -> int:
    return day.year * 12 + day.month - 1


def _place_in_year(point: Point) -> tuple[int, int, int, int]:
    """Which period of its year a period is (H1 and H2, Q1 and Q3, 5M and 9M differ)."""
    return point.start.month, point.start.day, point.end.month, point.end.day


def scope_name(scope: str) -> str:
    """A scope in a legend: "total" for the whole region's figure."""
    return scope_label(scope) or _SCOPE_TOTAL


def scopes(points: list[Point]) -> list[str]:
    """The scopes of the points, "all" first: the order colours are given in."""
    return sorted({p.scope for p in points}, key=lambda s: (s != "all", s))


def _without_year(point: Point) -> str:
    return re.sub(r"\s*\b\d{4}\b", "", period_label(point.start, point.end)).strip()


def _segments(points: list[Point], step: int) -> tuple[tuple[Point, ...], ...]:
    """Runs of points whose periods follow each other `step` months apart."""
    runs: list[list[Point]] = []
    for p in sorted(points, key=lambda p: (p.start, p.end)):
        if runs and _months(p.start) - _months(runs[-1][-1].start) == step:
            runs[-1].append(p)
        else:
            runs.append([p])
    return tuple(tuple(r) for r in runs)


def lines(points: list[Point]) -> list[Line]:
    """The lines of a chart: per scope ("all" first) and kind of period (years first).

    Quarters that are all Q1 follow each other a year apart, Q1 to Q4 a quarter apart;
    cumulative periods of different lengths (5M, 9M) are different lines.
    """
    groups: dict[tuple[str, str], list[Point]] = {}
    for p in points:
        groups.setdefault((p.scope, period_kind(p.start, p.end)), []).append(p)
    order = scopes(points)
    show_scope = len(order) > 1
    out: list[Line] = []
    for scope, kind in sorted(groups, key=lambda k: (order.index(k[0]), _KINDS.index(k[1]))):
        members = groups[(scope, kind)]
        places = sorted({_place_in_year(p) for p in members})
        if kind in _STEP and len(places) > 1:
            parts = [(members, _STEP[kind], _KIND_WORDS[kind])]
        else:
            parts = []
            for place in places:
                same = [p for p in members if _place_in_year(p) == place]
                parts.append((same, 12, _without_year(same[0]) or "full years"))
        for part, step, words in parts:
            label = f"{scope_name(scope)} · {words}" if show_scope else words
            out.append(Line(scope, kind, label, _segments(part, step)))
    return out


def singles(chart_lines: list[Line]) -> list[Point]:
    """The points joined to no other: each is labelled with its value and period."""
    return [seg[0] for line in chart_lines for seg in line.segments if len(seg) == 1]


def single_label(point: Point, metric: str) -> str:
    """ "5.12 bn USD, May 2024" beside a point that stands alone."""
    return f"{value_label(point.value, point.unit, metric)}, {period_label(point.start, point.end)}"


_METRIC_AXIS = {"yoy_pct": "% change on a year earlier", "plan_pct": "% of the year's plan"}
_METRIC_TITLE = {"level": "", "yoy_pct": "change on a year earlier",
                 "plan_pct": "share of the year's plan"}


def titles(points: list[Point], region: str, indicator: str, metric: str, note: str
           ) -> Titles:
    """Title ("Lạng Sơn: Exports"), subtitle (the Vietnamese name, the metric, a lone scope),
    axis label in the analysts' unit and the divisor that gives it."""
    unit = points[0].unit if points else ""
    if metric == "level":
        divisor, ylabel = unit_scale(unit, max((abs(p.value) for p in points), default=0.0))
    else:
        divisor, ylabel = 1.0, _METRIC_AXIS.get(metric, unit)
    parts = [indicator_label(indicator, "vi")]
    if _METRIC_TITLE.get(metric, metric):
        parts.append(_METRIC_TITLE.get(metric, metric))
    lone = scopes(points)
    if len(lone) == 1 and lone[0] != "all":
        parts.append(scope_name(lone[0]))
    return Titles(f"{region}: {indicator_label(indicator)}", " · ".join(parts), ylabel, note,
                  divisor)


def source_note(n_articles: int, sites: list[str], as_of: date | None) -> str:
    """ "Source: 14 news articles (kdpt, tin), figures read by tradewatch; as of 8 Dec 2026." """
    words = "news article" if n_articles == 1 else "news articles"
    where = f" ({', '.join(sites)})" if sites else ""
    when = f"; as of {as_of.day} {calendar.month_abbr[as_of.month]} {as_of.year}" \
        if as_of else ""
    return f"Source: {n_articles} {words}{where}, figures read by tradewatch{when}. " \
        "Hollow markers: estimates."


# ---------------------------------------------------------------- year to date

def is_cumulative(point: Point) -> bool:
    """A period from 1 January to a day of the same year (Q1, H1, 9M, a year, to 13 Jun)."""
    return (point.start.month, point.start.day) == (1, 1) and point.end.year == point.start.year


def ytd_x(point: Point) -> float:
    """Months since 1 January at the period's last day (H1 -> 6.0, 9M -> 9.0, to 13 Jun ->
    5.43), the x of a year-to-date chart."""
    days = calendar.monthrange(point.end.year, point.end.month)[1]
    return point.end.month - 1 + point.end.day / days


def ytd_lines(points: list[Point], scope: str) -> dict[int, tuple[Point, ...]]:
    """The cumulative values of one scope, one line per year (oldest first), by end date."""
    years: dict[int, list[Point]] = {}
    for p in points:
        if p.scope == scope and is_cumulative(p):
            years.setdefault(p.start.year, []).append(p)
    return {y: tuple(sorted(ps, key=lambda p: p.end)) for y, ps in sorted(years.items())}


def ytd_scope(points: list[Point], wanted: str | None) -> str | None:
    """The scope a year-to-date chart draws: the one asked for, else "all", else the first
    scope with cumulative values; None when there is none."""
    have = [s for s in scopes(points) if any(p.scope == s and is_cumulative(p) for p in points)]
    if wanted is not None:
        return wanted if wanted in have else None
    return have[0] if have else None


def month_ticks() -> list[tuple[float, str]]:
    """Ticks of a year-to-date axis: the end of each month, named."""
    return [(m, calendar.month_abbr[m]) for m in range(1, 13)]


def year_span(points: list[Point]) -> tuple[date, date]:
    """The time axis's limits: whole years around the periods."""
    first = min(p.start for p in points)
    last = max(p.end for p in points)
    return date(first.year, 1, 1), date(last.year + 1, 1, 1)

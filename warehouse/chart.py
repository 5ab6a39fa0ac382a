"""Draw one series as a PNG: a colour per scope, a line style per kind of period, lines open
where a period is missing, values at the middle of their period, estimates hollow, a source
note. What is drawn is decided in warehouse/chart_layout.py; this module reads and draws."""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractors.errors import UserError
from warehouse import chart_layout as cl
from warehouse.asof import as_of

if TYPE_CHECKING:
    import duckdb


@dataclass(frozen=True)
class ChartData:
    """A series' best current values and where they came from."""

    points: tuple[cl.Point, ...]
    n_articles: int
    sites: tuple[str, ...]
    as_of: date | None

    def __len__(self) -> int:
        return len(self.points)

    def note(self) -> str:
        """The source and as-of line printed under the chart."""
        return cl.source_note(self.n_articles, list(self.sites), self.as_of)


def points(con: duckdb.DuckDBPyConnection, region: str, indicator: str, metric: str
           ) -> ChartData:
    """The best values of the series (every scope) with its articles' count and sites."""
    where = "where region = ? and indicator = ? and metric = ?"
    rows = con.execute(f"""
        select scope, period_start, period_end, value, unit, estimate
        from series {where}
        order by scope, period_start, period_end
    """, [region, indicator, metric]).fetchall()
    n_articles, sites = con.execute(f"""
        with urls as (
            select distinct unnest(source_urls) as url
            from series {where}
        )
        select
            count(distinct a.article_id),
            coalesce(list(distinct a.source order by a.source), [])
        from urls
        join articles as a
            on a.url = urls.url
    """, [region, indicator, metric]).fetchone()
    return ChartData(tuple(cl.Point(*r) for r in rows), int(n_articles), tuple(sites),
                     as_of(con))


# a line style per kind of period, a marker per line of one scope and kind
_STYLES = {"year": "-", "half": "--", "ytd": "-.", "quarter": ":", "month": (0, (3, 1, 1, 1, 1, 1)),
           "other": (0, (1, 2))}
_MARKERS = ("o", "s", "^", "D", "v", "P")


def pyplot() -> Any:
    """matplotlib.pyplot, drawing into files (Agg), imported on first use."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def _figure(plt: Any, titles: cl.Titles) -> tuple[Any, Any]:
    """A figure with its title and subtitle at the top left and the note at the bottom."""
    fig, ax = plt.subplots(figsize=(9, 5.4), dpi=110)
    fig.subplots_adjust(left=0.09, right=0.74, top=0.80, bottom=0.14)
    fig.text(0.012, 0.955, titles.title, fontsize=13, fontweight="bold", va="top")
    fig.text(0.012, 0.895, titles.subtitle, fontsize=9.5, color="#444444", va="top")
    fig.text(0.012, 0.015, textwrap.fill(titles.note, 150), fontsize=7.5, color="#555555",
             va="bottom")
    ax.set_title(titles.ylabel, loc="left", fontsize=9, color="#444444")  # the unit, on top
    ax.grid(True, axis="y", alpha=0.3)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig, ax


def _hollow(ax: Any, xy: list[tuple[Any, float]], color: Any, marker: str) -> None:
    """Estimates drawn hollow over the line's filled markers."""
    for x, y in xy:
        ax.plot([x], [y], marker, markersize=6, color=color, markeredgewidth=1.4,
                markerfacecolor="white", zorder=3)


def _y_ticks(ax: Any) -> None:
    """Thousands separated (10,200), as many decimals as the axis's range needs, all alike."""
    from matplotlib.ticker import StrMethodFormatter

    low, high = ax.get_ylim()
    span = high - low
    decimals = 0 if span >= 10 else 1 if span >= 1 else 2
    ax.yaxis.set_major_formatter(StrMethodFormatter(f"{{x:,.{decimals}f}}"))


def _zero_line(ax: Any) -> None:
    _y_ticks(ax)
    low, high = ax.get_ylim()
    if low < 0 < high:
        ax.axhline(0, color="#333333", linewidth=0.8, zorder=1)


def _legend(ax: Any) -> None:
    """The legend right of the plot, where it hides no value."""
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles, [textwrap.fill(t, 30) for t in labels], fontsize=8, frameon=False,
              loc="upper left", bbox_to_anchor=(1.01, 1.0))


def _save(fig: Any, plt: Any, out: Path) -> None:
    try:
        fig.savefig(out, metadata={"Software": None})
    except OSError as e:
        raise UserError(f"cannot write {out}: {e.strerror}") from None
    finally:
        plt.close(fig)


def _year_axis(ax: Any, data: list[cl.Point]) -> None:
    """Years named in the middle of their span, gridlines at each 1 January."""
    import matplotlib.dates as mdates

    first, last = cl.year_span(data)
    ax.set_xlim(first, last)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter(""))
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=7, bymonthday=2))
    ax.xaxis.set_minor_formatter(mdates.DateFormatter("%Y"))
    ax.tick_params(axis="x", which="minor", length=0)
    ax.grid(True, axis="x", which="major", alpha=0.3)


def _check(data: ChartData, region: str, indicator: str, metric: str) -> None:
    if not data.points:
        raise UserError(f"no values for {region} / {indicator} / {metric} in the warehouse "
                        "(see `tradewatch series`)")


def draw(data: ChartData, region: str, indicator: str, metric: str, out: Path) -> int:
    """Write the chart of `points(...)` to `out` (PNG); returns the number of points drawn."""
    _check(data, region, indicator, metric)
    plt = pyplot()
    pts = list(data.points)
    titles = cl.titles(pts, region, indicator, metric, data.note())
    fig, ax = _figure(plt, titles)
    order = cl.scopes(pts)
    seen: dict[tuple[str, str], int] = {}
    chart_lines = cl.lines(pts)
    for line in chart_lines:
        color = plt.get_cmap("tab10")(order.index(line.scope) % 10)
        marker = _MARKERS[seen.setdefault((line.scope, line.kind), 0) % len(_MARKERS)]
        seen[(line.scope, line.kind)] += 1
        for i, segment in enumerate(line.segments):
            xs = [cl.position(p) for p in segment]
            ys = [p.value / titles.divisor for p in segment]
            ax.plot(xs, ys, linestyle=_STYLES[line.kind], color=color, linewidth=1.8,
                    marker=marker, markersize=6, label=line.label if i == 0 else None)
            _hollow(ax, [(x, y) for x, y, p in zip(xs, ys, segment, strict=True)
                         if p.estimate], color, marker)
    for p in cl.singles(chart_lines):
        ax.annotate(cl.single_label(p, metric), (cl.position(p), p.value / titles.divisor),
                    xytext=(6, 5), textcoords="offset points", fontsize=7.5, color="#333333")
    _year_axis(ax, pts)
    _zero_line(ax)
    _legend(ax)
    _save(fig, plt, out)
    return len(pts)


def draw_ytd(data: ChartData, region: str, indicator: str, metric: str, out: Path,
             scope: str | None = None) -> int:
    """Write the year-to-date chart of a cumulative series to `out`: months on the x axis,
    one line per year; returns the number of points drawn."""
    _check(data, region, indicator, metric)
    pts = list(data.points)
    chosen = cl.ytd_scope(pts, scope)
    if chosen is None:
        raise UserError(f"no values from 1 January for {region} / {indicator} / {metric}"
                        f"{f' / {scope}' if scope else ''}: a year-to-date chart needs "
                        "cumulative periods (Q1, H1, 9M, a year)")
    years = cl.ytd_lines(pts, chosen)
    shown = [p for ps in years.values() for p in ps]
    plt = pyplot()
    titles = cl.titles(shown, region, indicator, metric, data.note())
    titles = cl.Titles(titles.title, f"{titles.subtitle} · year to date"
                       + ("" if chosen == "all" else f" · {cl.scope_name(chosen)}"),
                       titles.ylabel, titles.note, titles.divisor)
    fig, ax = _figure(plt, titles)
    cmap = plt.get_cmap("viridis")
    for i, (year, ps) in enumerate(years.items()):
        color = cmap(0.85 * (1 - i / max(len(years) - 1, 1)))  # the latest year darkest
        xs = [cl.ytd_x(p) for p in ps]
        ys = [p.value / titles.divisor for p in ps]
        ax.plot(xs, ys, "-", color=color, linewidth=2.4 if i == len(years) - 1 else 1.6,
                marker="o", markersize=6, label=str(year))
        _hollow(ax, [(x, y) for x, y, p in zip(xs, ys, ps, strict=True) if p.estimate],
                color, "o")
        label = str(year) if len(ps) > 1 else f"{year}: {cl.single_label(ps[0], metric)}"
        ax.annotate(label, (xs[-1], ys[-1]), xytext=(6, -3), textcoords="offset points",
                    fontsize=8, color=color)
    ticks = cl.month_ticks()
    ax.set_xticks([t for t, _ in ticks], [name for _, name in ticks])
    ax.set_xlim(0, 12.8)
    ax.set_xlabel("cumulative from 1 January to the end of")
    ax.grid(True, axis="x", alpha=0.3)
    _zero_line(ax)
    _legend(ax)
    _save(fig, plt, out)
    return len(shown)

"""Draw one series as a PNG: period on the x axis, a line per scope, estimates hollow."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from extractors.errors import UserError

if TYPE_CHECKING:
    import duckdb

# (threshold, divisor, name) per unit: "25.244,56 triệu USD" reads best as 25.2 billion USD.
_SCALES = {
    "USD": ((1e9, 1e9, "billion USD"), (1e6, 1e6, "million USD"), (0, 1, "USD")),
    "VND": ((1e12, 1e12, "trillion VND"), (1e9, 1e9, "billion VND"), (0, 1, "VND")),
}


_STYLES = ("-", "--", ":", "-.")


def _kind(start: date, end: date) -> str:
    """The length of a period in words, so that months and years are not drawn on one line."""
    if start.day == 1 and (end + timedelta(days=1)).day == 1:
        months = (end.year - start.year) * 12 + end.month - start.month + 1
        return {1: "month", 3: "quarter", 6: "half year", 12: "year"}.get(months,
                                                                        f"{months} months")
    if (start.month, start.day) == (1, 1):
        return "year to date"
    return f"{(end - start).days + 1} days"


def _scale(unit: str, values: list[float]) -> tuple[float, str]:
    peak = max((abs(v) for v in values), default=0.0)
    for threshold, divisor, name in _SCALES.get(unit, ((0, 1, unit),)):
        if peak >= threshold:
            return divisor, name
    return 1.0, unit


def points(con: duckdb.DuckDBPyConnection, region: str, indicator: str, metric: str
           ) -> list[tuple[Any, ...]]:
    """(scope, period_start, period_end, value, unit, estimate) of the series, best values."""
    return con.execute("""
        select scope, period_start, period_end, value, unit, estimate
        from series
        where region = ? and indicator = ? and metric = ?
        order by scope, period_end, period_start
    """, [region, indicator, metric]).fetchall()


def draw(rows: list[tuple[Any, ...]], region: str, indicator: str, metric: str,
         out: Path) -> int:
    """Write the chart of `points(...)` to `out`; returns the number of points drawn."""
    if not rows:
        raise UserError(f"no values for {region} / {indicator} / {metric} in the warehouse "
                        "(see `tradewatch series`)")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    divisor, unit_name = _scale(rows[0][4], [r[3] for r in rows])
    lines: dict[tuple[str, str], list[tuple]] = {}
    for scope, start, end, value, _unit, estimate in rows:
        lines.setdefault((scope, _kind(start, end)), []).append((end, value / divisor, estimate))
    scopes = sorted({scope for scope, _ in lines})
    kinds = sorted({kind for _, kind in lines})
    fig, ax = plt.subplots(figsize=(9, 5), dpi=110)
    for (scope, kind), line_points in lines.items():
        # A colour per scope, a line style per period length.
        style = _STYLES[kinds.index(kind) % len(_STYLES)]
        color = plt.get_cmap("tab10")(scopes.index(scope) % 10)
        _plot_line(ax, f"{scope} ({kind})", line_points, color, style)
    ax.set_title(f"{region} — {indicator} — {metric}")
    ax.set_xlabel("end of period")
    ax.set_ylabel(unit_name if metric == "level" else "%")
    ax.grid(True, alpha=0.3)
    ax.legend(title="scope (period); hollow = estimate", fontsize=8, title_fontsize=8)
    fig.autofmt_xdate()
    fig.tight_layout()
    try:
        fig.savefig(out)
    except OSError as e:
        raise UserError(f"cannot write {out}: {e.strerror}") from None
    finally:
        plt.close(fig)
    return len(rows)


def _plot_line(ax: Any, label: str, points: list[tuple], color: Any, style: str) -> None:
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    ax.plot(xs, ys, style, color=color, label=label, linewidth=1.5)
    for x, y, estimate in points:
        ax.plot([x], [y], "o", markersize=7, color=color, markeredgewidth=1.5,
                markerfacecolor="white" if estimate else color)

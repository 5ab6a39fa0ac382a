"""The tables people read: `series`, `catalog` and the demo's summary in the analyst's words
(labels.py) and fitted to the terminal (fit.py). The machine formats keep the raw rows."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from warehouse.fit import Column, fit, wrap
from warehouse.labels import METRICS, indicator_label, period_label, scope_label, value_label

REPORTS_NOTE = ("reports: how many distinct articles report the values; `tradewatch series "
                "--region R --indicator I` lists each period with its articles' URLs.")


@dataclass
class Shown:
    """A table for people: its columns, cells and the lines printed under it."""

    columns: list[Column]
    rows: list[list[str]] = field(default_factory=list)
    groups: list[str] = field(default_factory=list)  # a heading per row, printed on change
    notes: list[str] = field(default_factory=list)

    def lines(self, width: int | None = None, wide: bool = False) -> list[str]:
        """The table fitted to `width`, then its notes wrapped (a URL stays whole, on one
        line: a terminal folds it, a copy of it still works)."""
        out = fit(self.columns, self.rows, width, wide, self.groups or None)
        out.append(f"({len(self.rows)} row{'s' if len(self.rows) != 1 else ''})")
        for note in self.notes:
            out += [note] if "://" in note else wrap(note, width, indent="    ")
        return out


def _measure(metric: str) -> str:
    return METRICS.get(metric, (metric, metric))[1].lower()


def _record(row: Sequence[Any], columns: Sequence[str]) -> dict[str, Any]:
    return dict(zip(columns, row, strict=True))


def _series_title(r: dict[str, Any], lang: str) -> str:
    """ "Lạng Sơn · Trade turnover (exports + imports) · declared at the province's customs ·
    change y/y": the series a block of rows belongs to."""
    parts = [r["region"], indicator_label(r["indicator"], lang), scope_label(r["scope"]),
             _measure(r["metric"])]
    return " · ".join(p for p in parts if p)


def series_shown(columns: Sequence[str], rows: Sequence[Sequence[Any]],
                 lang: str = "en") -> Shown:
    """One line per series and period: labels, the value in analysts' units, whether it is an
    estimate, how many articles report it and which (numbered, their URLs listed below)."""
    shown = Shown([Column("period", nowrap=True), Column("value", right=True, nowrap=True),
                   Column("estimate", drop=2), Column("reports", drop=3, right=True),
                   Column("sources", drop=1)])
    urls: dict[str, int] = {}
    for raw in rows:
        r = _record(raw, columns)
        refs = [urls.setdefault(u, len(urls) + 1) for u in r.get("source_urls") or ()]
        shown.groups.append(_series_title(r, lang))
        shown.rows.append([
            period_label(r["period_start"], r["period_end"]),
            value_label(r["value"], r["unit"], r["metric"]), "est." if r["estimate"] else "",
            str(r["n_sources"]), " ".join(f"[{n}]" for n in refs)])
    if urls:
        shown.notes.append("sources:")
        shown.notes += [f"[{n}] {u}" for u, n in urls.items()]
    return shown


def catalog_shown(level: str, columns: Sequence[str], rows: Sequence[Sequence[Any]],
                  lang: str = "en") -> Shown:
    """The catalog (or the demo's summary): per series, region or indicator, its coverage
    from the first to the last period, the latest value and period, and its reports."""
    keys = {"series": [Column("indicator"), Column("scope", drop=3),
                       Column("measure", drop=2)],
            "regions": [Column("region"), Column("series", right=True)],
            "indicators": [Column("indicator"), Column("series", right=True)]}[level]
    tail = [Column("periods", drop=4, right=True), Column("first", drop=6, nowrap=True),
            Column("latest period", nowrap=True)]
    if level == "series":
        tail.append(Column("latest", right=True, nowrap=True))
    shown = Shown(keys + tail + [Column("reports", drop=5, right=True)], notes=[REPORTS_NOTE])
    for raw in rows:
        r = _record(raw, columns)
        cells = {"region": r.get("region"), "series": str(r.get("series")),
                 "indicator": indicator_label(r.get("indicator") or "", lang),
                 "scope": scope_label(r.get("scope") or ""),
                 "measure": _measure(r.get("metric") or ""), "periods": str(r["periods"]),
                 "first": period_label(r["first_start"], r["first_end"]),
                 "latest period": period_label(r["last_start"], r["last_end"]),
                 "reports": str(r["reports"] or 0)}
        if level == "series":
            cells["latest"] = value_label(r["latest_value"], r["unit"], r["metric"]) + (
                " (est.)" if r["latest_estimate"] else "")
        shown.rows.append([cells[c.name] or "" for c in shown.columns])
        if level == "series":
            shown.groups.append(r["region"])
    return shown

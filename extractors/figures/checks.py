"""Consistency checks over one article's figures: flags only, never a changed value."""

from __future__ import annotations

from collections import defaultdict

from extractors.model import Check, Figure

_SECTORS = ("grdp_agriculture", "grdp_industry_construction", "grdp_services",
            "grdp_product_taxes")
_TOLERANCE = 0.02  # 2 %: published parts are rounded


def check_figures(figures: list[Figure]) -> list[Check]:
    """Export + import against the total, a level and its plan share against the implied plan,
    sector growth against the whole; every check names the figures it used."""
    groups: dict[tuple, dict[tuple[str, str], int]] = defaultdict(dict)
    for i, f in enumerate(figures):
        key = (f.region, f.scope, f.period_start, f.period_end)
        groups[key].setdefault((f.indicator, f.metric), i)
    out: list[Check] = []
    for key, idx in groups.items():
        out += _components(figures, key, idx)
        out += _sectors(figures, key, idx)
    out += _plans(figures)
    return out


def _components(figures: list[Figure], key: tuple, idx: dict) -> list[Check]:
    """export + import ≈ trade_total, and export − import ≈ trade_balance."""
    out = []
    ex, im = idx.get(("export", "level")), idx.get(("import", "level"))
    if ex is None or im is None:
        return out
    e, m = figures[ex].value, figures[im].value
    for name, want, got in (("trade_total", e + m, idx.get(("trade_total", "level"))),
                            ("trade_balance", e - m, idx.get(("trade_balance", "level")))):
        if got is None:
            continue
        have = figures[got].value
        ok = abs(have - want) <= _TOLERANCE * max(abs(have), abs(e), abs(m))
        kind = "components_vs_total" if name == "trade_total" else "balance_vs_components"
        out.append(Check(kind, "ok" if ok else "mismatch",
                         f"{key[0]} {key[1]} {key[2]}..{key[3]}: {name} {have:,.0f} vs "
                         f"export/import {want:,.0f}", (ex, im, got)))
    return out


def _sectors(figures: list[Figure], key: tuple, idx: dict) -> list[Check]:
    """The whole's growth lies within the range of its sectors' growth."""
    whole = idx.get(("grdp", "yoy_pct"))
    if whole is None:
        whole = idx.get(("gdp", "yoy_pct"))
    parts = [idx[(s, "yoy_pct")] for s in _SECTORS if (s, "yoy_pct") in idx]
    if whole is None or len(parts) < 2:
        return []
    vals = [figures[p].value for p in parts]
    w = figures[whole].value
    ok = min(vals) - 0.05 <= w <= max(vals) + 0.05
    return [Check("sectors_vs_whole", "ok" if ok else "mismatch",
                  f"{key[0]} {key[2]}..{key[3]}: growth {w} vs sectors {min(vals)}..{max(vals)}",
                  (whole, *parts))]


def _plans(figures: list[Figure]) -> list[Check]:
    """A level and its plan share imply the plan; two periods must imply the same plan."""
    implied: dict[tuple, list[tuple[float, int, int]]] = defaultdict(list)
    levels = {}
    for i, f in enumerate(figures):
        k = (f.region, f.indicator, f.scope, f.period_start, f.period_end)
        if f.metric == "level":
            levels[k] = i
    for i, f in enumerate(figures):
        k = (f.region, f.indicator, f.scope, f.period_start, f.period_end)
        if f.metric == "plan_pct" and k in levels and f.value > 0:
            lv = levels[k]
            plan = figures[lv].value / (f.value / 100)
            implied[(f.region, f.indicator, f.scope, f.period_start.year)].append((plan, lv, i))
    out = []
    for key, plans in implied.items():
        values = [p for p, _l, _i in plans]
        used = tuple(x for _p, lv, i in plans for x in (lv, i))
        ok = max(values) - min(values) <= _TOLERANCE * max(values)
        status = "ok" if ok else "mismatch"
        out.append(Check("plan_implied", status,
                         f"{key[0]} {key[1]} {key[2]} {key[3]}: implied plan "
                         + ", ".join(f"{v:,.0f}" for v in values), used))
    return out

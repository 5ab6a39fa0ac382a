"""The analyst's words for what the warehouse stores: indicator names, values in the units
analysts use, period labels, and names as people type them (any case, with or without
diacritics, in either Unicode form, common aliases).

Stored values stay raw (base units, ISO dates, identifiers); these functions are for what
prints: `series`, the demo's summary, `catalog`, charts and the report. `sql` and the machine
formats (csv, json, xlsx) keep the raw values.
"""

from __future__ import annotations

import calendar
import difflib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from extractors.figures.gazetteer import NATIONAL, PROVINCES


@dataclass(frozen=True)
class Indicator:
    """An indicator's names: the identifier stored, Vietnamese and English labels."""

    key: str
    vi: str
    en: str


INDICATORS: dict[str, Indicator] = {i.key: i for i in (
    Indicator("trade_total", "Tổng kim ngạch xuất nhập khẩu", "Trade turnover (exports + imports)"),
    Indicator("export", "Kim ngạch xuất khẩu", "Exports"),
    Indicator("import", "Kim ngạch nhập khẩu", "Imports"),
    Indicator("trade_balance", "Cán cân thương mại", "Trade balance"),
    Indicator("grdp", "Tổng sản phẩm trên địa bàn (GRDP)", "GRDP (provincial GDP)"),
    Indicator("gdp", "Tổng sản phẩm trong nước (GDP)", "GDP"),
    Indicator("grdp_agriculture", "Nông, lâm nghiệp và thủy sản", "Agriculture, forestry, fishery"),
    Indicator("grdp_industry_construction", "Công nghiệp và xây dựng", "Industry and construction"),
    Indicator("grdp_services", "Dịch vụ", "Services"),
    Indicator("grdp_product_taxes", "Thuế sản phẩm trừ trợ cấp", "Product taxes less subsidies"),
)}

METRICS = {"level": ("Giá trị", "Level"), "yoy_pct": ("Tăng so với cùng kỳ", "Change y/y"),
           "plan_pct": ("So với kế hoạch", "Share of plan")}

# what people type for an indicator, besides its identifier and labels
_INDICATOR_ALIASES = {
    "trade_total": ("xuất nhập khẩu", "kim ngạch xuất nhập khẩu", "XNK", "trade", "turnover",
                    "total trade", "trade turnover", "import-export", "import export"),
    "export": ("xuất khẩu", "exports", "XK"),
    "import": ("nhập khẩu", "imports", "NK"),
    "trade_balance": ("cán cân", "xuất siêu", "nhập siêu", "balance", "trade surplus",
                      "surplus", "deficit"),
    "grdp": ("tổng sản phẩm trên địa bàn", "tăng trưởng kinh tế", "provincial GDP"),
    "gdp": ("tổng sản phẩm trong nước", "GDP cả nước", "national GDP"),
    "grdp_agriculture": ("nông nghiệp", "agriculture"),
    "grdp_industry_construction": ("công nghiệp", "industry", "construction"),
    "grdp_services": ("dịch vụ", "services"),
    "grdp_product_taxes": ("thuế sản phẩm", "product taxes", "taxes"),
}

# what people type for a place, besides its official name and the press's forms (gazetteer)
_REGION_ALIASES = {
    "Hồ Chí Minh": ("HCMC", "HCM", "Ho Chi Minh City", "Sài Gòn", "Saigon", "TP.HCM",
                    "Thành phố Hồ Chí Minh"),
    "Hà Nội": ("Hanoi",),
    "Đà Nẵng": ("Danang",),
    "Hải Phòng": ("Haiphong",),
    "Thừa Thiên Huế": ("Huế", "Hue"),
    NATIONAL: ("Vietnam", "Viet Nam", "cả nước", "toàn quốc", "national", "VN"),
}


def fold(text: str) -> str:
    """A name as compared: no diacritics, lower case, "đ" as "d", punctuation as spaces,
    single spaces ("Lạng Sơn", "lang son", NFD "Lạng Sơn" and "LANG-SON" fold alike)."""
    t = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[\W_]+", " ", t).split())


def _folded_names(names: dict[str, tuple[str, ...]]) -> dict[str, str]:
    out: dict[str, str] = {}
    for canonical, forms in names.items():
        for form in (canonical, *forms):
            out.setdefault(fold(form), canonical)
            out.setdefault(fold(form).replace(" ", ""), canonical)  # "TPHCM", "langson"
    return out


def _region_names() -> dict[str, str]:
    names: dict[str, tuple[str, ...]] = {}
    for official, (forms, _after) in PROVINCES.items():
        names[official] = forms + _REGION_ALIASES.get(official, ())
    names[NATIONAL] = _REGION_ALIASES[NATIONAL]
    return _folded_names(names)


def _indicator_names() -> dict[str, str]:
    return _folded_names({k: (i.vi, i.en, k.replace("_", " "), *_INDICATOR_ALIASES.get(k, ()))
                          for k, i in INDICATORS.items()})


_REGIONS = _region_names()
_INDICATOR_KEYS = _indicator_names()


@dataclass(frozen=True)
class Resolved:
    """What a typed name means: the stored value, or None with the closest names."""

    value: str | None
    suggestions: tuple[str, ...] = ()


def _resolve(typed: str, names: dict[str, str], known: list[str] | None) -> Resolved:
    key = fold(typed)
    value = names.get(key) or names.get(key.replace(" ", ""))
    if value is None and known is not None:  # a name stored that the tables do not hold
        value = next((k for k in known if fold(k) == key), None)
    if value is not None:
        return Resolved(value)
    pool = {**names, **{fold(k): k for k in known or ()}}
    close = difflib.get_close_matches(key, list(pool), n=6, cutoff=0.6)
    seen: list[str] = []
    for c in close:
        if pool[c] not in seen:
            seen.append(pool[c])
    return Resolved(None, tuple(seen[:3]))


def resolve_region(typed: str, known: list[str] | None = None) -> Resolved:
    """A place as typed ("lang son", "TP.HCM", "Sài Gòn", "Vietnam") -> its stored name."""
    return _resolve(typed, _REGIONS, known)


def resolve_indicator(typed: str, known: list[str] | None = None) -> Resolved:
    """An indicator as typed ("GRDP", "xuất khẩu", "exports", "trade_total") -> its key."""
    return _resolve(typed, _INDICATOR_KEYS, known)


_METRIC_ALIASES = {
    "level": ("value", "giá trị", "amount"),
    "yoy_pct": ("yoy", "y/y", "change", "growth", "tăng trưởng", "so với cùng kỳ", "change y/y"),
    "plan_pct": ("plan", "kế hoạch", "share of plan", "so với kế hoạch"),
}
_SCOPE_ALIASES = {
    "customs_declared": ("customs", "declared", "hải quan", "mở tờ khai"),
    "local_goods": ("local", "hàng địa phương"),
    "all": ("total", "tổng"),
}
_METRICS = _folded_names({k: (*v, METRICS[k][0], METRICS[k][1])
                          for k, v in _METRIC_ALIASES.items()})
_SCOPES = _folded_names(_SCOPE_ALIASES)


def resolve_metric(typed: str, known: list[str] | None = None) -> Resolved:
    """A measure as typed ("yoy", "growth", "plan", "level") -> its key."""
    return _resolve(typed, _METRICS, known)


def resolve_scope(typed: str, known: list[str] | None = None) -> Resolved:
    """A scope as typed ("customs", "border_gate:Hữu Nghị", "total") -> its stored value."""
    return _resolve(typed, _SCOPES, known)


def indicator_label(key: str, lang: str = "en") -> str:
    """The indicator's name for people ("Exports" / "Kim ngạch xuất khẩu"); unknown keys as is."""
    i = INDICATORS.get(key)
    if i is None:
        return key
    return i.vi if lang == "vi" else i.en


def scope_label(scope: str) -> str:
    """"all" -> "", "border_gate:Hữu Nghị" -> "Hữu Nghị border gate", …"""
    if scope == "all":
        return ""
    if scope.startswith("border_gate:"):
        return f"{scope.split(':', 1)[1]} border gate"
    return {"customs_declared": "declared at the province's customs",
            "local_goods": "local goods"}.get(scope, scope)


_MAGNITUDES = {"USD": ((1e9, "bn"), (1e6, "m"), (1e3, "k")),
               "VND": ((1e12, "trn"), (1e9, "bn"), (1e6, "m"))}


def unit_scale(unit: str, peak: float) -> tuple[float, str]:
    """The divisor and unit name for values up to `peak` in size, as an axis shows them:
    (1e9, "bn USD"), (1e12, "trn VND"); a unit without magnitudes stays as it is."""
    for size, word in _MAGNITUDES.get(unit, ()):
        if abs(peak) >= size:
            return size, f"{word} {unit}"
    return 1.0, unit


def value_label(value: float | None, unit: str | None, metric: str = "level") -> str:
    """A value in the units analysts use: "1.23 bn USD", "405.53 trn VND", "+6.42%",
    "53.3% of plan"; a trade balance keeps its sign ("-1.2 bn USD")."""
    if value is None:
        return ""
    if metric == "yoy_pct":
        return f"{value:+.2f}%".replace(".00%", "%")
    if metric == "plan_pct" or unit == "%":
        return f"{value:.2f}".rstrip("0").rstrip(".") + "% of plan" if metric == "plan_pct" \
            else f"{value:.2f}%"
    for size, word in _MAGNITUDES.get(unit or "", ()):
        if abs(value) >= size:
            scaled = value / size
            digits = 2 if abs(scaled) < 100 else 1
            return f"{scaled:,.{digits}f} {word} {unit}"
    return f"{value:,.0f} {unit or ''}".rstrip()


_MONTH = [calendar.month_abbr[m] for m in range(13)]


def period_label(start: date, end: date) -> str:
    """A period as analysts write it: "2024", "Q1 2024", "H1 2024", "9M 2024", "Jan 2024",
    "Jan–Feb 2024", "to 13 Jun 2024" (cumulative from 1 January), else "16 Dec 2020 –
    25 May 2021"."""
    month_end = end.day == calendar.monthrange(end.year, end.month)[1]
    if start.year == end.year and start.day == 1 and month_end:
        a, b, y = start.month, end.month, start.year
        if (a, b) == (1, 12):
            return str(y)
        if a == b:
            return f"{_MONTH[a]} {y}"
        if b - a == 2 and a % 3 == 1:
            return f"Q{(a + 2) // 3} {y}"
        if (a, b) == (7, 12):
            return f"H2 {y}"
        if a == 1:
            return f"H1 {y}" if b == 6 else f"{b}M {y}"
        return f"{_MONTH[a]}–{_MONTH[b]} {y}"
    if start.year == end.year and (start.month, start.day) == (1, 1):
        return f"to {end.day} {_MONTH[end.month]} {end.year}"
    return f"{start.day} {_MONTH[start.month]} {start.year} – {end.day} {_MONTH[end.month]} " \
        f"{end.year}"


def period_kind(start: date, end: date) -> str:
    """"year", "half", "quarter", "month", "ytd" (from 1 January, not a whole year) or "other":
    what a chart draws alike."""
    label = period_label(start, end)
    if label.isdigit():
        return "year"
    if label.startswith(("H1", "H2")):
        return "half"
    if label.startswith("Q"):
        return "quarter"
    if label[:3] in _MONTH[1:] and "–" not in label:
        return "month"
    if (start.month, start.day) == (1, 1) and start.year == end.year:
        return "ytd"
    return "other"


PERIOD_KINDS = ("year", "half", "quarter", "month", "ytd")


def period_filter(wanted: str) -> str:
    """A --period as typed, checked and folded: a kind ("year", "half", "quarter", "month",
    "ytd") or a label's first word ("H1", "Q3", "9M", "Jan"), any case; ValueError otherwise."""
    key = fold(wanted)
    aliases = {"annual": "year", "yearly": "year", "full year": "year", "fy": "year",
               "6m": "h1", "6 months": "h1", "half year": "half", "quarterly": "quarter",
               "monthly": "month", "year to date": "ytd"}
    key = aliases.get(key, key)
    months = [m.lower() for m in _MONTH[1:]]
    if key in PERIOD_KINDS or key in months or re.fullmatch(r"h[12]|q[1-4]|(?:[2-9]|1[01])m",
                                                           key):
        return key
    raise ValueError(f"--period {wanted!r}: not a period; use year, half, quarter, month, "
                     "ytd, or a label's first word such as H1, Q3, 9M or Jan")


def period_matches(start: date, end: date, wanted: str) -> bool:
    """Whether a period is of the kind or label `wanted` (as period_filter returns it):
    "h1" matches H1 2023 and H1 2024, "year" every whole year, "9m" the nine months."""
    if wanted in PERIOD_KINDS:
        return period_kind(start, end) == wanted
    return period_label(start, end).split()[0].lower() == wanted

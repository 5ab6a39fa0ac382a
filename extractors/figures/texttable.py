"""Growth tables written as text lines, one row a line and cells split by "|" or tabs:

    Chỉ tiêu | Đơn vị | Năm 2017 | Năm 2018
    Tốc độ tăng trưởng kinh tế (GRDP) | % | 10,7 | 13,3
    - Nông, lâm nghiệp và thủy sản | % | 3,5 | -1,3

Only growth rates are read (a row of GRDP / GDP or a sector, in "%", under a caption or label
that speaks of growth), one figure per column whose header names a period; levels, shares,
structure and per-capita rows are left alone.
"""

from __future__ import annotations

import re
from datetime import date

from extractors.figures.gazetteer import NATIONAL
from extractors.figures.periods import Period, find_periods, resolve
from extractors.figures.sentences import Paragraph
from extractors.figures.state import Context
from extractors.figures.vocab import INDICATORS, SECTORS
from extractors.model import Figure

_CELL_SPLIT_RE = re.compile(r"\s*(?:\||\t)\s*")
_GROWTH_RE = re.compile(r"tốc\s+độ\s+tăng|tăng\s+trưởng|\btăng\b", re.IGNORECASE)
_NOT_GROWTH_RE = re.compile(r"cơ\s+cấu|đóng\s+góp|tỷ\s+trọng|bình\s+quân|đầu\s+người|giá\s+trị|"
                            r"quy\s+mô|chỉ\s+số", re.IGNORECASE)
_NATIONAL_RE = re.compile(r"\bGDP\b|trong\s+nước|cả\s+nước|quốc\s+nội", re.IGNORECASE)
_TOTAL_LABEL_RE = re.compile(r"(?:tổng\s+số|tổng|toàn\s+nền\s+kinh\s+tế|chung)$", re.IGNORECASE)
_UNIT_HEAD_RE = re.compile(r"đơn\s+vị|ĐVT", re.IGNORECASE)
_PERCENT_RE = re.compile(r"[(,]\s*%\s*\)|^%$")
_ESTIMATE_RE = re.compile(r"\bước\b|sơ\s+bộ", re.IGNORECASE)
_VALUE_RE = re.compile(r"[-−–]?\s*\d{1,3}(?:[.,]\d{1,3})?")
_LEAD_MARK_RE = re.compile(r"^[-+*•–]\s*|^\d+[.)]\s*|^[IVX]+[.)]\s*")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in _CELL_SPLIT_RE.split(line.strip().strip("|"))]


def _is_row(par: Paragraph) -> bool:
    return len(_cells(par.text)) >= 3


def table_figures(ctx: Context, pars: list[Paragraph]) -> tuple[list[Figure], set[int]]:
    """Growth figures of the text tables among pars, and the indices of the rows read."""
    out: list[Figure] = []
    used: set[int] = set()
    i = 0
    while i < len(pars):
        if not _is_row(pars[i]):
            i += 1
            continue
        j = i
        while j < len(pars) and _is_row(pars[j]):
            j += 1
        if j - i >= 2:
            # the caption: the line before the table, and the title line before it when that
            # one holds the unit ("Tốc độ tăng GDP năm 2008 và 2009 (giá so sánh 1994, %)")
            caption = " ".join(p.text for p in pars[max(0, i - 2):i]
                               if not _is_row(p) and (p is pars[i - 1] or "%" in p.text))
            out += _table(ctx, caption, pars[i:j])
            used.update(range(i, j))
        i = j
    return out, used


def _table(ctx: Context, caption: str, rows: list[Paragraph]) -> list[Figure]:
    """The growth figures of one table: its header row, then its data rows."""
    head = _cells(rows[0].text)
    year = ctx.published.year if ctx.published else None
    columns = {}
    for k, cell in enumerate(head[1:], 1):
        ms = find_periods(cell)
        p = resolve(ms[0], ctx.published, year, None) if len(ms) == 1 else None
        if p is not None:
            columns[k] = (p, bool(_ESTIMATE_RE.search(cell)))
    unit_col = next((k for k, c in enumerate(head) if _UNIT_HEAD_RE.search(c)), None)
    national = bool(_NATIONAL_RE.search(caption))
    region = NATIONAL if national else next(
        (r for r in (ctx.head_region, ctx.lead_region, ctx.main_region) if r and r != NATIONAL),
        None)
    if not columns or region is None:
        return []
    out = []
    for row in rows[1:]:
        cells = _cells(row.text)
        quarter = _QUARTER_ROW_RE.fullmatch(_LEAD_MARK_RE.sub("", cells[0]).strip())
        # "Quý I | 7,49 | 3,14": the whole's growth in that quarter of each column's year
        indicator = _indicator("Tổng số", caption, national) if quarter else \
            _indicator(cells[0], caption, national)
        pct = _PERCENT_RE.search(caption) or _PERCENT_RE.search(cells[0]) or (
            unit_col is not None and unit_col < len(cells) and cells[unit_col] == "%")
        if indicator is None or not pct:
            continue
        for k, (period, est) in columns.items():
            if quarter:
                q = _QUARTERS.index(quarter.group(1).upper())
                if period.start.month != 1 or period.end.month != 12:
                    continue  # a quarter row under a column that is not a whole year
                period = Period(date(period.start.year, 3 * q + 1, 1),
                                _quarter_end(period.start.year, q), period.explicit_year)
            if k < len(cells) and _VALUE_RE.fullmatch(cells[k]):
                value = float(re.sub(r"\s", "", cells[k]).replace(",", ".").replace("−", "-")
                              .replace("–", "-"))
                start = row.start + row.text.find(cells[k])
                out.append(Figure(region, indicator, "all", "yoy_pct", value, "%", period.start,
                                  period.end, est, row.text, start, start + len(cells[k])))
    return out


_QUARTERS = ("I", "II", "III", "IV")
_QUARTER_ROW_RE = re.compile(r"qu[ýí]\s+(IV|III|II|I)", re.IGNORECASE)


def _quarter_end(year: int, q: int) -> date:
    return date(year, 3 * q + 3, 30 if q in (1, 2) else 31)


def _indicator(label: str, caption: str, national: bool) -> str | None:
    """The growth indicator a row label names, under the table's caption."""
    name = _LEAD_MARK_RE.sub("", label).strip()
    if _NOT_GROWTH_RE.search(name) or not (_GROWTH_RE.search(caption) or _GROWTH_RE.search(name)):
        return None
    sector = SECTORS.regex.match(name)
    if sector:
        return SECTORS.value(sector.group(0))
    m = INDICATORS.regex.search(name)
    value = INDICATORS.value(m.group(0)) if m else None
    if value and value[0] in ("grdp", "gdp") or _TOTAL_LABEL_RE.fullmatch(name) and \
            (_NATIONAL_RE.search(caption) or re.search(r"GRDP|tổng\s+sản\s+phẩm", caption)):
        return "gdp" if national else "grdp"
    return None

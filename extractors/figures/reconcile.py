"""An article's figures reconciled with each other: a comma read as a thousands mark when
the parts only add up that way, a rounded restatement dropped for the precise one, a headline
that restates the body."""

from __future__ import annotations

import re
from dataclasses import replace

from extractors.model import Figure

_NUMBER_RE = re.compile(r"\d[\d.,]*\d|\d")
_AMBIGUOUS_RE = re.compile(r"(?<![\d.,])\d{1,3},\d{3}(?![\d.,])\s*(?:triệu|nghìn|ngàn)")

# a short decimal number starting a token (digit first: the regex engine skips to digits)
_DECIMAL = r"\d(?<![\d.,]\d)\d{{0,2}}{}\d{{1,2}}(?![\d.,])\s*(?:%|tỷ|tỉ|triệu|nghìn|ngàn)"


_VI_DECIMAL_RE = re.compile(_DECIMAL.format(","))


_EN_DECIMAL_RE = re.compile(_DECIMAL.format(r"\."))


def _regroup(text: str, figures: list[Figure]) -> list[Figure]:
    """"hơn 2,938 triệu USD" is 2 938 million when the article's balance or total says so:
    a comma before three digits is read as a decimal comma unless export and import only add
    up (to the balance or the total stated beside them) with the comma as a thousands mark."""
    by_key: dict[tuple, dict[str, Figure]] = {}
    for f in figures:
        if f.metric == "level":
            k = (f.region, f.scope, f.period_start, f.period_end, f.unit)
            by_key.setdefault(k, {})[f.indicator] = f
    swap: dict[int, Figure] = {}
    for d in by_key.values():
        ex, im = d.get("export"), d.get("import")
        ref = d.get("trade_balance") or d.get("trade_total")
        if ex is None or im is None or ref is None:
            continue
        best = _adding_up(text, ex, im, ref)
        if best is not None:
            swap[id(ex)], swap[id(im)] = best
    return [swap.get(id(f), f) for f in figures]


def _drop_rounded(text: str, figures: list[Figure]) -> list[Figure]:
    """One series stated twice, once rounded ("tăng gần 19%" in the lead, "tăng 18,77%" below;
    "hơn 6,5 tỷ USD" and "6,53 tỷ USD"): the precise statement is kept (figures-schema.md)."""
    by_key: dict[tuple, list[Figure]] = {}
    for f in figures:
        by_key.setdefault(_series_key(f), []).append(f)
    drop: set[int] = set()
    for same in by_key.values():
        if len(same) < 2:
            continue
        for a in same:
            pa = _last_digit(text, a)
            if pa is not None and any(
                    b.value != a.value and abs(b.value - a.value) <= pa / 2 * (1 + 1e-9)
                    and (_last_digit(text, b) or pa) < pa for b in same):
                drop.add(id(a))
    return [f for f in figures if id(f) not in drop]


def _last_digit(text: str, f: Figure) -> float | None:
    """What the last written digit of a figure's number is worth ("6,5 tỷ": 0.1 billion), or
    None when the evidence is not one plain number."""
    numbers = _NUMBER_RE.findall(text, f.start, f.end)
    if len(numbers) != 1:
        return None
    digits = int(re.sub(r"\D", "", numbers[0]) or 0)
    return abs(f.value) / digits if digits else None


def _adding_up(text: str, ex: Figure, im: Figure, ref: Figure) -> tuple[Figure, Figure] | None:
    """The export and import readings (as read, or ×1000 where the text is ambiguous) that agree
    with the balance or total, when only the regrouped ones do."""
    def options(f: Figure) -> list[float]:
        amb = _AMBIGUOUS_RE.search(text, f.start, f.end)
        return [f.value, f.value * 1000] if amb else [f.value]

    def agrees(e: float, i: float) -> bool:
        want = ref.value
        got = e - i if ref.indicator == "trade_balance" else e + i
        return abs(got - want) <= 0.01 * abs(want)

    if agrees(ex.value, im.value):
        return None
    fits = [(e, i) for e in options(ex) for i in options(im) if agrees(e, i)]
    if len(fits) != 1:
        return None
    e, i = fits[0]
    return replace(ex, value=e), replace(im, value=i)


def _body_declined(f: Figure, text: str, body: str, figures: list[Figure]) -> bool:
    """The headline's number stands in the body, which read it as no figure ("GRDP không tính
    dầu khí tăng 2,41%"): the body's reading, with its context, wins."""
    said = text[f.start:f.end].strip()
    return len(said) >= 3 and said in body and not any(
        abs(g.value - f.value) <= 1e-9 * max(1.0, abs(f.value)) for g in figures)


def _series_key(f: Figure) -> tuple:
    return (f.region, f.indicator, f.scope, f.metric, f.period_start, f.period_end)

"""Numbers as Vietnamese newspapers write them: "25.244,56", "1,3", "13 tỷ 500 triệu".

Two formats: "vi" (dot groups thousands, comma is the decimal mark) and "en" (the reverse).
Values are returned in base units (USD or VND), never in millions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.figures.table import Table

# Magnitude words, longest first through the table helper; "13 tỷ 500 triệu" is handled by
# allowing a second, smaller magnitude after the first.
MAGNITUDES = Table([
    ("nghìn", 1e3), ("ngàn", 1e3),
    ("triệu", 1e6), ("tr", 1e6), ("tr.", 1e6),
    ("tỷ", 1e9), ("tỉ", 1e9),
    ("nghìn tỷ", 1e12), ("ngàn tỷ", 1e12), ("nghìn tỉ", 1e12), ("ngàn tỉ", 1e12),
    ("triệu tỷ", 1e15), ("triệu tỉ", 1e15),
])

CURRENCIES = Table([
    ("USD", "USD"), ("US$", "USD"), ("đô la Mỹ", "USD"), ("đô-la Mỹ", "USD"),
    ("đôla Mỹ", "USD"), ("đôla", "USD"), ("đô la", "USD"), ("đô", "USD"), ("Đô la Mỹ", "USD"),
    ("USD Mỹ", "USD"),
    ("đồng", "VND"), ("VNĐ", "VND"), ("VND", "VND"), ("đ", "VND"), ("Đồng", "VND"),
    ("nghìn đồng", "VND"),
])

NUM = r"\d+(?:[.,]\d+)*"
# a number that starts a token; the pattern opens with a digit so the regex engine can skip
# straight to digits (the check for a letter, dot or comma before it comes after)
_NUM_START = r"[0-9](?<![\w.,][0-9])[0-9]*(?:[.,][0-9]+)*"
_MAG = MAGNITUDES.pattern
_CUR = CURRENCIES.pattern
# number, magnitude, optional second number + magnitude ("13 tỷ 500 triệu"), currency
AMOUNT_RE = re.compile(
    rf"(?P<num>{_NUM_START})\s*(?P<mag>{_MAG})?"
    rf"(?:\s+(?P<num2>\d{{1,3}}(?:[.,]\d+)?)\s*(?P<mag2>{_MAG}))?"
    rf"\.?\s*(?P<cur>{_CUR})?",  # "470 tr.USD"
    re.IGNORECASE,
)
PERCENT_RE = re.compile(rf"(?P<num>{_NUM_START})\s*(?:%|phần trăm(?!\w))", re.IGNORECASE)
_SIGNS = "+-−–"
RANGE_BEFORE_RE = re.compile(rf"{NUM}\s*%?\s*(?:[-–—]|đến|tới)\s*$")


@dataclass(slots=True, unsafe_hash=True)  # never changed once made: see events.Event
class Amount:
    """A money amount found in text: value in base units and its currency."""

    start: int
    end: int
    value: float
    unit: str | None  # USD / VND, or None when the text gave only a magnitude ("5 tỷ")
    has_magnitude: bool


def parse_number(s: str, number_format: str = "vi", *, bare_amount: bool = False) -> float:
    """A written number as a float; `bare_amount` means no magnitude word follows it."""
    if "," in s and "." in s:  # both marks: the last one is the decimal mark, in any format
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        grp = "." if dec == "," else ","
        return float(s.replace(grp, "").replace(dec, "."))
    for mark in (",", "."):
        if mark in s:
            return _one_mark(s, mark, number_format, bare_amount)
    return float(s)


def _one_mark(s: str, mark: str, number_format: str, bare_amount: bool) -> float:
    """A number with one kind of separator: thousands or decimal, decided by format and shape."""
    parts = s.split(mark)
    if len(parts) > 2:  # "5.029.100" / "5,029,100": only thousands groups repeat
        return float("".join(parts))
    three = len(parts[1]) == 3
    decimal_mark = "," if number_format == "vi" else "."
    if mark == decimal_mark:
        # "162,190 triệu" is 162.19 million in vi; a bare "352,500 USD" is an en leak
        if three and bare_amount and number_format == "vi":
            return float("".join(parts))
        return float(f"{parts[0]}.{parts[1]}")
    # the grouping mark of the format: only a group of exactly three digits is thousands
    return float("".join(parts)) if three else float(f"{parts[0]}.{parts[1]}")


def find_amounts(text: str, number_format: str = "vi", pos: int = 0,
                 endpos: int | None = None) -> list[Amount]:
    """Money amounts in text[pos:endpos]: a number with a magnitude word and/or a currency."""
    out = []
    end = len(text) if endpos is None else endpos
    for m in AMOUNT_RE.finditer(text, pos, end):
        mag, cur = m.group("mag"), m.group("cur")
        if not mag and not cur:
            continue
        if cur and not mag and cur.lower() == "đ" and not text[m.end("num"):m.start("cur")]:
            continue  # "5đ" / unit-less oddities are not amounts
        tail = text[m.end():m.end() + 8]
        if tail.startswith(("/", " /")) or (mag and tail.lstrip().startswith("%")):
            continue  # "USD/tấn", "USD/người": prices and per-capita values
        try:
            value = _amount_value(m, number_format)
        except ValueError:  # "1,2.3,4": no number a newspaper writes; not an amount
            continue
        unit = CURRENCIES.value(cur) if cur else None
        out.append(Amount(m.start(), m.end(), value, unit, bool(mag)))
    return out


def _amount_value(m: re.Match[str], number_format: str) -> float:
    """The value of an AMOUNT_RE match in base units."""
    mag = MAGNITUDES.value(m.group("mag")) if m.group("mag") else 1.0
    value = parse_number(m.group("num"), number_format, bare_amount=not m.group("mag")) * mag
    if m.group("num2"):
        mag2 = MAGNITUDES.value(m.group("mag2")) or 1.0
        if mag2 < mag:  # "13 tỷ 500 triệu": the second part is smaller
            value += parse_number(m.group("num2"), number_format) * mag2
    return round(value, 6)


def percent_sign(text: str, m: re.Match[str]) -> str | None:
    """The sign written before a PERCENT_RE match ("(+5%)", "-2,1%"), if any."""
    i = m.start()
    if i and text[i - 1] in _SIGNS and (i < 2 or not text[i - 2].isalnum()):
        return text[i - 1]
    return None


def percent_value(m: re.Match[str], number_format: str = "vi", sign: str | None = None) -> float:
    """The signed value of a PERCENT_RE match."""
    v = parse_number(m.group("num"), number_format)
    return -v if sign in ("-", "−", "–") else v

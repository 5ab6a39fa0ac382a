"""A sentence as a sequence of events: indicator mentions, blockers, numbers, scopes, estimates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from extractors.figures import vocab
from extractors.figures.numbers import (
    PERCENT_RE,
    RANGE_BEFORE_RE,
    find_amounts,
    percent_sign,
    percent_value,
)
from extractors.figures.occurs import lowered
from extractors.figures.scan import PhraseScan
from extractors.figures.table import Table, normalize_key


def _merged(*kinds: tuple[str, Table]) -> Table:
    """The small tables as one (one scan, not seven); a phrase in two keeps the first kind."""
    rows: dict[str, tuple[str, tuple[str, Any]]] = {}
    for kind, table in kinds:
        for phrase, value in table.rows:
            rows.setdefault(normalize_key(phrase), (phrase, (kind, value)))
    return Table(rows.values())


_MISC = _merged(("neutral", vocab.NEUTRAL), ("scope", vocab.SCOPES), ("sector", vocab.SECTORS),
                ("est", vocab.ESTIMATES), ("target", vocab.TARGETS), ("trongdo", vocab.TRONG_DO),
                ("list", vocab.LAN_LUOT))
# table -> event kind ("" = the kind is in the value); order breaks ties between equal matches
_TABLES: tuple[tuple[str, Any], ...] = (
    ("", _MISC), ("ind", vocab.INDICATORS), ("block", vocab.BLOCKERS),
)
_SCAN = PhraseScan([table for _kind, table in _TABLES])
_BALANCE_SIGN_RE = re.compile(
    r"[\s,:]*(?:hàng\s+hóa\s+|hàng\s+hoá\s+)?(?:[^,;.\d]{0,40}?\s)?"
    r"(?P<w>thặng\s+dư|thâm\s+hụt|xuất\s+siêu|nhập\s+siêu)", re.IGNORECASE)
# a percentage immediately followed by a plan word is a plan share, so the word is no target
_PLAN_TAIL_RE = re.compile(
    r"(?:(?<!\w)(?:so\s+với|so|vượt)\s*|%\s*(?:(?:so\s+với|so|của|kế\s+hoạch|KH|năm|\d{4}|được|giao|đề\s+ra|đặt\s+ra|chỉ\s+tiêu|"
    r"mục\s+tiêu|cả|tỉnh|thành\s+phố|HĐND|UBND|Chính\s+phủ|,)\s*)*)$", re.IGNORECASE)
_RESULT_AHEAD = (r"(?=(?:ước|đến\s+nay|hiện|thực\s+hiện|thực\s+tế|nhưng|tuy\s+nhiên|"
                 r"song|kết\s+quả|trong\s+khi|đạt\s+được|lũy\s+kế|tính\s+đến|năm\s+\d{4})\b)")
# (and a comparison after it: "thấp hơn kế hoạch 7,5% và thấp hơn mức tăng 4,18% của năm 2020")
_TARGET_END_RE = re.compile(r";|\)|\btrong\s+đó\b|,\s*" + _RESULT_AHEAD +
                            r"|\s(?:và|nhưng|song)\s+(?=(?:cao|thấp|nhanh|chậm)\s+hơn\s)",
                            re.IGNORECASE)
# "Năm 2025, tỉnh phấn đấu GRDP tăng 10%; xuất khẩu đạt 3,5 tỷ USD; …": a list of targets opened
# by the sentence's verb runs on across ";" until a clause of results
_TARGET_LIST_END_RE = re.compile(r"[;,]\s*" + _RESULT_AHEAD + r"|\)|\btrong\s+đó\b",
                                 re.IGNORECASE)
_THEN_RE = re.compile(r"\bthì\b|[,;]", re.IGNORECASE)
_LIST_TARGET_RE = re.compile(r"phấn\s+đấu|(?:đặt\s+)?mục\s+tiêu", re.IGNORECASE)
_FIGURE_BEFORE_RE = re.compile(r"\d\s*(?:%|tỷ|tỉ|triệu|nghìn|ngàn)|\d[.,]\d")  # not a year


# The extractor's small value classes (Event, Mention, Period, Sentence, Amount, Reading …) are
# never changed once made, but are not frozen dataclasses: a frozen __init__ sets each field
# through object.__setattr__ and costs 2.5 times as much (670 against 275 ns), and an article
# makes about 180 of them. Hashing and equality stay by value.
@dataclass(slots=True, unsafe_hash=True)
class Event:
    """One thing found in a sentence; offsets are relative to the sentence."""

    start: int
    end: int
    kind: str  # ind, sector, block, scope, est, target, trongdo, list, amount, pct, neutral
    value: Any = None
    extra: Any = None  # amount: (unit, has_magnitude); pct: the explicit sign or None


def vocab_events(s: str) -> list[Event]:
    """Vocabulary events of a sentence, overlaps resolved: the longest phrase wins."""
    # the tables are searched in the lower-cased sentence (the same matches where lowering
    # keeps the sentence's length), in one pass (scan.py) unless its spacing needs the regexes
    low = lowered(s)
    same_length = len(low) == len(s)
    hits = _SCAN.matches(low) if same_length else None
    if hits is None:
        hits = [(rank, m.start(), m.end(), table.value(m.group(0)))
                for rank, (_kind, table) in enumerate(_TABLES)
                for m in (table.lower_regex.finditer(low) if same_length
                          else table.regex.finditer(s))]
    # longest first, then leftmost, then table order: never two equal up to the value
    found = sorted((a - b, a, rank, b, value) for rank, a, b, value in hits)
    taken = bytearray(len(s) + 1)
    out: list[Event] = []
    for _l, a, rank, b, value in found:
        if not any(taken[a:b]):
            taken[a:b] = b"\x01" * (b - a)
            kind = _TABLES[rank][0]
            if not kind:
                kind, value = value
            if kind != "neutral":
                out.append(Event(a, b, kind, value))
    out.sort(key=_start)
    return [_balance_sign(s, e) if e.kind == "ind" else e for e in out]


def _start(e: Event) -> int:
    return e.start


def _balance_sign(s: str, ev: Event) -> Event:
    """"cán cân thương mại … thặng dư / thâm hụt": the sign comes from the word after."""
    if ev.value != ("trade_balance", "balance"):
        return ev
    m = _BALANCE_SIGN_RE.match(s, ev.end)
    if not m:
        return ev
    pos = m.group("w").lower().split()[0] in ("thặng", "xuất")
    return Event(ev.start, m.end(), "ind", ("trade_balance", "pos" if pos else "neg"))


_RANGE_ENDS = ("-", "–", "—", "đến", "tới")  # what RANGE_BEFORE_RE ends with


def number_events(s: str, number_format: str) -> list[Event]:
    """Amounts and percentages of a sentence (ranges such as "7-7,5%" are left out)."""
    out = []
    for a in find_amounts(s, number_format):
        out.append(Event(a.start, a.end, "amount", a.value, (a.unit, a.has_magnitude)))
    if "%" not in s and "phần trăm" not in s:
        return _drop_overlaps(out)
    for m in PERCENT_RE.finditer(s):
        if s[max(0, m.start() - 16):m.start()].rstrip().endswith(_RANGE_ENDS) and \
                RANGE_BEFORE_RE.search(s, max(0, m.start() - 16), m.start()):
            continue  # (the cheap test first: the pattern is tried at every position)
        sign = percent_sign(s, m)
        try:
            value = percent_value(m, number_format, sign)
        except ValueError:  # malformed digits ("1,2.3,4%"): not a percentage
            continue
        out.append(Event(m.start(), m.end(), "pct", value, sign))
    return _drop_overlaps(out)


def _drop_overlaps(evs: list[Event]) -> list[Event]:
    """Numbers overlapping an earlier number (an amount inside a percentage) are dropped."""
    evs.sort(key=lambda e: (e.start, -e.end))
    out: list[Event] = []
    for e in evs:
        if not out or e.start >= out[-1].end:
            out.append(e)
    return out


def target_spans(s: str, events: list[Event]) -> list[tuple[int, int]]:
    """Stretches of a sentence governed by a target word ("mục tiêu", "phấn đấu" …)."""
    spans = []
    for e in events:
        if e.kind != "target" or _PLAN_TAIL_RE.search(s, max(0, e.start - 60), e.start):
            continue
        inside = s.count("(", 0, e.start) > s.count(")", 0, e.start)
        end = len(s)
        if s[e.start:e.end].lower() == "nếu" and not s[:e.start].strip(" -–(\"'") and \
                _THEN_RE.search(s, e.end):
            spans.append((e.start, end))  # "Nếu …, … thì …": the whole of it is a supposition
            continue
        listed = _LIST_TARGET_RE.fullmatch(s, e.start, e.end) and \
            not _FIGURE_BEFORE_RE.search(s, 0, e.start)
        for m in (_TARGET_LIST_END_RE if listed else _TARGET_END_RE).finditer(s, e.end):
            if m.group(0) != ")" or inside:
                end = m.start()
                break
        spans.append((e.start, end))
    return spans

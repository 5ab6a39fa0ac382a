"""What is not a figure: the checks that turn a number down before it is read as one.

Each row of NOT_A_FIGURE is one rule a reader of Vietnamese news would state, with the reason
it gives and the kinds of number it applies to ("amount", "pct"). The walk (walk.py) asks
`rejection` about every number it would otherwise read against the indicator in force; the
first row that holds turns the number down. Every test is pure: the order of the rows only
decides which reason is reported. (Rules that need the figure's period, a forecast or a base
year, are extract.py's: they come after the number is dated.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from extractors.figures.events import Event
from extractors.figures.occurs import Occurs
from extractors.figures.regions import find_regions
from extractors.figures.table import trie_regex
from extractors.figures.vocab import PARTNERS, QUANTITY_UNITS, SUM_WORDS


class Probe(NamedTuple):
    """A number and what the walk knows around it."""

    s: str  # the sentence
    e: Event  # the number ("amount" or "pct")
    nums: list[Event]  # the sentence's numbers
    window: str  # the words between the indicator (or the last number) and this one
    last_rate: tuple[int, int] | None  # where the last rate's words stood


@dataclass(frozen=True)
class Check:
    """One reason a number is not a figure."""

    name: str
    reason: str
    kinds: tuple[str, ...]
    holds: Callable[[Probe], bool]


# a milestone passed is a round mark, not the level: "đạt mốc 100 tỷ USD" (but "cán mốc 654,5
# tỷ USD" is the level reached)
_MILESTONE_RE = re.compile(r"\bmốc\s+(?:khoảng\s+|hơn\s+|gần\s+)?$", re.IGNORECASE)
_ROUND_RE = re.compile(r"\d+(?:[.,]000)*(?![.,]?\d)")
# an amount right after a percentage change: the change in money, not a level
_CHANGE_EQUIV_RE = re.compile(r"\d\s*%\s*[(,]?\s*(?:tương\s+đương|tức|khoảng)\s*(?:với\s+)?"
                              r"(?:khoảng\s+|hơn\s+|gần\s+)?$", re.IGNORECASE)


_CONSTANT_PRICE_RE = re.compile(r"giá\s+so\s+sánh", re.IGNORECASE)
_HAS_CONSTANT_PRICE = Occurs(r"giá\s+so\s+sánh")


_N_WORD = r"(?:\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)"
# "có hai địa phương xuất khẩu hơn 20 tỷ USD", "ba trong bảy địa phương …": a group's threshold
_COUNT_HEAD = (r"(?:(?:có|gồm)\s+" + _N_WORD + r"|" + _N_WORD + r"\s+trong\s+(?:số\s+)?" +
               _N_WORD + r")\s+(?:địa\s+phương|tỉnh|thành\s+phố|tỉnh,\s*thành)")
# "có tới 5 nơi đạt mức tăng trên 10%", "7 địa phương có GRDP tăng trên 10% gồm …", "4 nhóm hàng
# xuất khẩu đạt trên 1 tỷ USD": the bound a counted group passes, not one place's figure
_COUNT_BOUND_RE = re.compile(
    r"(?:(?:có|gồm)\s+(?:tới\s+|đến\s+)?" + _N_WORD + r"\s+(?:nơi|nhóm\s+hàng|mặt\s+hàng)"
    r"|(?<![\d.,])\d+\s+(?:địa\s+phương|tỉnh,\s*thành(?:\s+phố)?)\s+có\s"
    # "A, B, …, F là 6 tỉnh/thành thu về kim ngạch xuất khẩu trên 10 tỷ USD"
    r"|\blà\s+" + _N_WORD + r"\s+(?:địa\s+phương|tỉnh(?:\s*[/,]\s*thành(?:\s+phố)?)?)\s)"
    r"[^:;]*?(?:trên|hơn|vượt(?:\s+ngưỡng)?|từ|dưới)\s*$", re.IGNORECASE)
# "chỉ 5 tỉnh tăng dưới 7%", "23 địa phương khác đều tăng trên 7%": a counted group's bound
_COUNTED_GROUP_RE = re.compile(
    r"(?<![\d.,/])\d{1,2}\s+(?:địa\s+phương|tỉnh|thành\s+phố)(?:,\s*thành(?:\s+phố)?)?(?:\s+khác)?"
    r"\s+(?:chỉ\s+|đều\s+|cùng\s+)?(?:tăng(?:\s+trưởng)?|đạt|giảm)\s[^:;]*?"
    r"(?:trên|hơn|từ|dưới)\s*$", re.IGNORECASE)
# the bound word both patterns end with: tested first, since they are tried at every position of
# their window
_BOUND_END_RE = re.compile(r"(?:trên|hơn|vượt(?:\s+ngưỡng)?|từ|dưới)\s*$", re.IGNORECASE)
_BOUND_WORDS = ("trên", "hơn", "vượt", "ngưỡng", "từ", "dưới")


def _bound_word_before(s: str, pos: int, reach: int) -> bool:
    """_BOUND_END_RE in the `reach` characters before pos (its last word tested first)."""
    near = s[max(0, pos - reach):pos]
    return near.rstrip().lower().endswith(_BOUND_WORDS) and \
        _BOUND_END_RE.search(near) is not None


_COUNT_SUBJECT_RE = re.compile(_COUNT_HEAD + r"[^:;]*$", re.IGNORECASE)
# the head's necessary part: "có/gồm N tỉnh", "(N) trong (số) N địa phương"
_HAS_COUNT_HEAD = Occurs(r"(?:có|gồm|trong)\s+(?:số\s+)?" + _N_WORD + r"\s+(?:địa|tỉnh|thành)")
# (every alternative opens with a letter, so that the regex engine skips to those letters)
_HAS_COUNT_BOUND = Occurs(r"(?:có|gồm)\s+(?:tới\s+|đến\s+)?" + _N_WORD + r"\s+(?:nơi|nhóm|mặt)"
                          r"|địa[^;]*\scó\s|tỉnh,[^;]*\scó\s|là\s[^;]*(?:địa|tỉnh)"
)


_PARTNER_AFTER_RE = re.compile(
    r"[^,;.\d]{0,40}?\b(?:với|sang|từ|vào|tại)\s+(?:các\s+)?(?:thị\s+trường\s+|nước\s+)?"
    r"(?:" + trie_regex(PARTNERS, case=True) + r")(?!\s*Cai)\b")


_PARTNER_WORD_RE = re.compile("với|sang|từ|vào|tại")


_INSTEAD_RE = re.compile(r"\bthay\s+vì\b[^,;.]*$", re.IGNORECASE)
_HAS_INSTEAD = Occurs(r"thay\s+vì")
_NUMBER_RE = re.compile(r"[0-9][0-9.,]*")
# units of quantities that are not money: a change right after one is that quantity's
_QTY_UNIT_RE = re.compile(r"\s*(?:nghìn\s+|ngàn\s+|triệu\s+|vạn\s+)?(?:" +
                          trie_regex(QUANTITY_UNITS, case=False) + r")(?!\w)", re.IGNORECASE)
_DATE_NUMBER_RE = re.compile(
    r"(?:(?:tháng|quý|quí|năm|ngày|kỳ)\s+|/)\d+$|(?<![\d.,])(?:19|20)\d{2}$", re.IGNORECASE)


_SUM_WORD_RE = re.compile(trie_regex(SUM_WORDS, case=False), re.IGNORECASE)
_GROUP_COUNT_RE = re.compile(r"(?<![\d.,])\d{1,2}\s+(?:địa\s+phương|tỉnh|thành\s+phố|thành\s+viên)",
                             re.IGNORECASE)


def _group_sum(p: Probe) -> bool:
    """A sum over a counted group of places, not one place's figure."""
    s, e = p.s, p.e
    if "ộng" not in s and "ộp" not in s:  # ("cộng", "Cộng", "gộp", "Gộp")
        return False
    clause = max(0, s.rfind(";", 0, e.start) + 1)
    sums = list(_SUM_WORD_RE.finditer(s, clause, e.start))
    return bool(sums) and (bool(_GROUP_COUNT_RE.search(s, clause, e.start)) or
                           len(find_regions(s, clause, sums[-1].start())) >= 2)


def _counted(p: Probe) -> bool:
    """Whether the last number of the clause before the number counts tonnes, trips, vehicles …"""
    s, pos = p.s, p.e.start
    last = None
    for last in _NUMBER_RE.finditer(s, max(0, s.rfind(";", 0, pos)), pos):  # noqa: B007
        pass
    # (a unit after it, then not a date: "Năm 2024 doanh nghiệp …", "tháng 6 …" count nothing)
    return last is not None and _QTY_UNIT_RE.match(s, last.end()) is not None and \
        not _DATE_NUMBER_RE.search(s, max(0, last.start() - 8), last.end())


# a bound or a condition, not a figure: "đều tăng trên 10%", "từ 8% trở lên", "29/34 địa phương
# tăng trên 7%", "để GRDP tăng 10% thì …"
_BOUND_AFTER_RE = re.compile(r"\s*(?:trở\s+lên|trở\s+xuống|trở\s+ra)\b", re.IGNORECASE)
_BOUND_BEFORE = (
    r"(?:\b(?:đều|cùng)\s+(?:tăng(?:\s+trưởng)?|đạt|giảm)\s+(?:trên|hơn|dưới|từ|ở\s+mức)\s*"
    r"|\d+\s*/\s*\d+\s+(?:địa\s+phương|tỉnh|thành\s+phố|tỉnh,\s*thành)[^;:]*"
    r"|\bđể\s+[^,;:]*)")
_BOUND_BEFORE_RE = re.compile(_BOUND_BEFORE + "$", re.IGNORECASE)
_HAS_BOUND_BEFORE = Occurs(r"đều\s+(?:tăng|đạt|giảm)|cùng\s+(?:tăng|đạt|giảm)"
                           r"|/\s*\d+\s+(?:địa|tỉnh|thành)|để\s")
# "Cơ cấu kinh tế: công nghiệp chiếm 75,7%; dịch vụ 17,8%": a share list, not growth
_SHARE_WORD_RE = re.compile(r"\b(?:chiếm|cơ\s+cấu|tỷ\s+trọng|tỉ\s+trọng)\b", re.IGNORECASE)
_HAS_SHARE_WORD = Occurs(r"chiếm|cơ\s+cấu|t[ỷỉ]\s+trọng")
_CHANGE_WORD_RE = re.compile(r"\b(?:tăng|giảm|âm)\b", re.IGNORECASE)


def _bound(p: Probe) -> bool:
    """A threshold a group shares or a condition: no figure of one place."""
    s, e = p.s, p.e
    clause = max(0, s.rfind(";", 0, e.start) + 1)
    return bool(_BOUND_AFTER_RE.match(s, e.end) or
                _HAS_BOUND_BEFORE(s) and _BOUND_BEFORE_RE.search(s, clause, e.start) or
                _bound_word_before(s, e.start, 8) and
                _COUNTED_GROUP_RE.search(s, max(clause, e.start - 120), e.start))


def _structure(p: Probe) -> bool:
    """A bare rate in a sentence that gives shares ("chiếm", "cơ cấu") is a share too, unless
    it goes on from a change with no share word since ("tăng 5,19% và dịch vụ 6,24%")."""
    s, e, window, last = p.s, p.e, p.window, p.last_rate
    if not (_HAS_SHARE_WORD(s) and _SHARE_WORD_RE.search(s, 0, e.start)) or \
            _CHANGE_WORD_RE.search(window):
        return False
    return last is None or not _CHANGE_WORD_RE.search(s, last[0], last[1]) or \
        bool(_SHARE_WORD_RE.search(s, last[1], e.start))


def _partner(p: Probe) -> bool:
    # the words _PARTNER_AFTER_RE needs, within its reach: a cheap test first
    return _PARTNER_WORD_RE.search(p.s, p.e.end, p.e.end + 44) is not None and \
        _PARTNER_AFTER_RE.match(p.s, p.e.end) is not None


def _instead(p: Probe) -> bool:
    return _HAS_INSTEAD(p.s) and \
        _INSTEAD_RE.search(p.s, max(0, p.e.start - 60), p.e.start) is not None


def _count_subject(p: Probe) -> bool:
    return _HAS_COUNT_HEAD(p.s) and _COUNT_SUBJECT_RE.search(p.s, 0, p.e.start) is not None \
        and not any(x.kind == "amount" for x in p.nums if x.end <= p.e.start)


def _count_bound(p: Probe) -> bool:
    return _HAS_COUNT_BOUND(p.s) and _bound_word_before(p.s, p.e.start, 60) and \
        _COUNT_BOUND_RE.search(p.s, max(0, p.e.start - 120), p.e.start) is not None


def _threshold(p: Probe) -> bool:
    return _BOUND_AFTER_RE.match(p.s, p.e.end) is not None


def _constant_price(p: Probe) -> bool:
    s, start = p.s, p.e.start
    return _HAS_CONSTANT_PRICE(s) and \
        _CONSTANT_PRICE_RE.search(s, max(0, s.rfind(";", 0, start) + 1), start) is not None


def _milestone(p: Probe) -> bool:
    return "mốc" in p.window and _MILESTONE_RE.search(p.window) is not None and \
        _ROUND_RE.match(p.s, p.e.start) is not None


def _change_equivalent(p: Probe) -> bool:
    s, start = p.s, p.e.start
    return s.find("%", max(0, start - 40), start) >= 0 and \
        _CHANGE_EQUIV_RE.search(s, max(0, start - 40), start) is not None


_BOTH = ("amount", "pct")
NOT_A_FIGURE: tuple[Check, ...] = (
    Check("partner", "one trading partner's figure (\"thặng dư 24 tỷ USD với Hoa Kỳ\")", _BOTH,
          _partner),
    Check("instead", "a figure replaced by another (\"… thay vì nhập siêu 100 triệu USD\")",
          _BOTH, _instead),
    Check("counted-group", "what a counted group of places did (\"có hai địa phương xuất khẩu "
          "hơn 20 tỷ USD\")", _BOTH, _count_subject),
    Check("group-bound", "the bound a counted group passes (\"có tới 5 nơi tăng trên 10%\")",
          _BOTH, _count_bound),
    Check("quantity", "the change of a quantity, not of a value (\"đạt 667.332 tấn, tăng 48%\")",
          ("pct",), _counted),
    Check("bound", "a threshold a group shares or a condition (\"đều tăng trên 10%\", \"để GRDP "
          "tăng 10% thì\")", ("pct",), _bound),
    Check("share", "a share in a sentence of shares (\"công nghiệp chiếm 75,7%; dịch vụ "
          "17,8%\")", ("pct",), _structure),
    Check("group-sum", "a sum over a group of places (\"5 địa phương … tổng cộng 165 tỷ USD\")",
          ("amount",), _group_sum),
    Check("threshold", "a threshold (\"từ 10 tỷ USD trở lên\")", ("amount",), _threshold),
    Check("constant-price", "a level at constant prices (\"theo giá so sánh\"): levels are "
          "current-price figures", ("amount",), _constant_price),
    Check("milestone", "a round mark passed (\"lần đầu đạt mốc 100 tỷ USD\")", ("amount",),
          _milestone),
    Check("change-in-money", "the money a percentage change comes to (\"giảm 15,9% (tương "
          "đương 0,99 tỷ USD)\")", ("amount",), _change_equivalent),
)


_BY_KIND = {kind: tuple(c for c in NOT_A_FIGURE if kind in c.kinds) for kind in ("amount", "pct")}


def rejection(p: Probe) -> Check | None:
    """The first row of NOT_A_FIGURE that turns the number down, or None."""
    for check in _BY_KIND[p.e.kind]:
        if check.holds(p):
            return check
    return None

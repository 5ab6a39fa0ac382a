"""What a number in a sentence is: a level, a year-on-year change or a plan share — or nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.figures import vocab
from extractors.figures.events import Event
from extractors.figures.occurs import Occurs
from extractors.figures.table import Table

_CMP_AFTER_RE = re.compile(
    r"\s*\(?\s*(?:(?P<sck>SCK|so\s+CK|sv\s*CK|svck)\b|(?:so\s+với|so(?!\s+sánh)|sv|với)\s+"
    r"(?P<what>[^,;()]{0,70}))",
    re.IGNORECASE)
_CMP_ANY_RE = re.compile(r"(?:^|[\s,(])(?:so\s+với|so(?!\s+sánh)|sv)\s+(?P<what>[^,;()]{0,70})",
                         re.IGNORECASE)
_SAME_PERIOD_AFTER_RE = re.compile(r"\s*(?:của\s+)?(?:cùng\s+kỳ|CK\b)", re.IGNORECASE)
_YEAR_RE = re.compile(r"(?:19|20)\d{2}")
# "thấp hơn mức tăng 6,12% của cùng kỳ năm 2015 (và 5,48% của cùng kỳ năm 2016)": the period of
# the compared rate itself, not the base of a change
_OWN_SAME_PERIOD_RE = re.compile(r"\s*%?\s*của\s+cùng\s+kỳ", re.IGNORECASE)
_RATE_BEFORE_RE = re.compile(r"(?:(?:mức|tốc\s+độ)(?:\s+tăng(?:\s+trưởng)?)?\s*(?:là\s+)?"
                             r"|%?\s*của\s+cùng\s+kỳ\s+năm\s+\d{4}\s*(?:và|,)\s*)$",
                             re.IGNORECASE)
_TARGET_VALUE_RE = re.compile(r"(?:kế\s+hoạch|mục\s+tiêu|chỉ\s+tiêu|\bKH\b)[^,;%()]{0,40}?"
                              r"(?:\(|\blà|đề\s+ra|:)\s*$", re.IGNORECASE)
_PER_YEAR_RE = re.compile(r"\s*/\s*(?:năm|tháng)|\s+mỗi\s+năm|\s+một\s+năm", re.IGNORECASE)
# a month or quarter named without a year is the one before: month-on-month
_NO_YEAR = r"(?![\w])(?!\s*(?:/|năm|-|\.)\s*\d)(?!\s+năm)"
_MOM_RE = re.compile(
    r"^(?:cùng\s+kỳ\s+(?:tháng|quý)\s+\w+" + _NO_YEAR + r"|tháng\s+trước|"
    r"(?:tháng|qu[ýí])\s+\S+\s+năm\s+nay|"
    r"tháng\s+liền\s+(?:kề|trước)|kỳ\s+trước|qu[ýí]\s+trước|tuần\s+trước|"
    r"đầu\s+năm|cuối\s+năm|thời\s+điểm\s+đầu|tháng\s+\d{1,2}" + _NO_YEAR + r"|"
    r"qu[ýí]\s+\w+" + _NO_YEAR + r"|bình\s+quân|trung\s+bình|cả\s+nước|"
    r"mức\s+bình\s+quân|tháng\s+cùng)", re.IGNORECASE)
_RATE_RE = re.compile(r"(?:mức|tốc\s+độ)\s+tăng", re.IGNORECASE)
_PLAN_RE = re.compile(r"^(?:kế\s+hoạch|KH\b|chỉ\s+tiêu|mục\s+tiêu|dự\s+toán)", re.IGNORECASE)
_YOY_RE = re.compile(r"^(?:cùng\s+kỳ|CK\b|cùng\s+thời\s+(?:điểm|gian|kỳ)|năm\s+trước|năm\s+ngoái|"
                     r"năm\s+\d{4}|tháng\s+\d|quý|\d{1,2}\s+tháng|sáu\s+tháng|chín\s+tháng|"
                     r"nửa\s+đầu|mức\s+tăng\s+của\s+cùng\s+kỳ)", re.IGNORECASE)


# "cao hơn 16,2% so với cùng kỳ": a year-on-year change said as higher / lower than last year
_HIGHER_LOWER_RE = re.compile(r"\b(?P<dir>cao|thấp)\s+hơn(?:\s+(?:tới|đến|khoảng|gần|hơn))?\s*$",
                              re.IGNORECASE)
# "tăng so với cùng kỳ năm ngoái, ở mức 8%": the sign comes from the verb before the rate
_SIGN_BEFORE_RE = re.compile(r"\b(?P<dir>tăng|giảm)\b(?!\s+(?:trưởng|tốc))[^;]*"
                             r"(?:ở\s+mức|đạt\s+mức|là)\s*$", re.IGNORECASE)


_PREV_PLAN_RE = re.compile(r"^\s*(?:so\s+với|so)\s+(?:kế\s+hoạch|KH\b|chỉ\s+tiêu)[^,;]{0,20}[,;]",
                           re.IGNORECASE)


@dataclass(slots=True, unsafe_hash=True)  # never changed once made: see events.Event
class Reading:
    """A number read as a figure of the current indicator, before region and period."""

    metric: str
    value: float
    unit: str
    base_year: int | None = None  # the comparison base a yoy change names, checked later
    qualifier: str | None = None


def comparison(s: str, after: int, window: str) -> tuple[str, int | None]:
    """The comparison a percentage is made against: ("yoy", base year), ("plan", None),
    ("other", None) or ("none", None); looks right after it, then in the window before it."""
    m = _CMP_AFTER_RE.match(s, after)
    if m and m.group("sck"):
        return "yoy", None
    if m:
        return _what(m.group("what").strip())
    if _OWN_SAME_PERIOD_RE.match(s, after) and _RATE_BEFORE_RE.search(window):
        return "yoy", None
    if _SAME_PERIOD_AFTER_RE.match(s, after):
        return "yoy", _base_year(s[after:after + 30])
    found = None
    for mb in _CMP_ANY_RE.finditer(window):
        found = mb
    return _what(found.group("what").strip()) if found else ("none", None)


def _what(what: str) -> tuple[str, int | None]:
    if _RATE_RE.match(what):  # "so với mức tăng chung của cả nước (3,72%)": a rate, no base
        return "none", None
    if _PLAN_RE.match(what):
        return "plan", None
    if _MOM_RE.match(what):
        return "other", None
    if _YOY_RE.match(what):
        return "yoy", _base_year(what)
    return "other", None


def _base_year(text: str) -> int | None:
    # "so với cùng kỳ trong 6 tháng đầu năm 2024": the year after "trong" is the figure's own
    text = re.split(r"\b(?:trong|tại|ở)\b", text, maxsplit=1)[0]
    m = _YEAR_RE.search(text)
    return int(m.group(0)) if m else None


def last_value(table: Table, text: str) -> tuple[str | None, str | None]:
    """The value and matched text of the last phrase of a table in text."""
    last = None
    for last in table.regex.finditer(text):  # noqa: B007 - only the last match counts
        pass
    if last is None:
        return None, None
    return table.value(last.group(0)), last.group(0)


def read_percent(s: str, ev: Event, window: str, ind: tuple[str, str], growth: bool,
                 plan_seen: bool) -> Reading | None:
    """A percentage as yoy_pct / plan_pct of the indicator, or None when it is not a figure."""
    indicator, flavour = ind
    verb, verb_text = last_value(vocab.PCT_VERBS, window)
    after = s[ev.end:ev.end + 60]
    plan_after = vocab.PLAN_AFTER.search(after)
    if flavour == "level" and plan_after:
        return Reading("plan_pct", ev.value, "%")  # "Quy mô GRDP đạt 96 nghìn tỷ, bằng 45% KH"
    if flavour in ("level", "pos", "neg", "balance"):
        return None
    if verb == "share":
        return _higher_lower(s, ev, window)
    if _TARGET_VALUE_RE.search(window) or _PER_YEAR_RE.match(s, ev.end):
        return None  # "so với kế hoạch (11%)", "6,5%/năm"
    # "đạt 70% so kế hoạch, tăng 17%": the plan phrase closes the number before this one
    own = _PREV_PLAN_RE.sub("", window)
    plan = plan_after or vocab.PLAN_BEFORE.search(own)
    cmp_kind, base = comparison(s, ev.end, window)
    if cmp_kind == "plan":
        plan = True
    if not plan and vocab.SHARE_AFTER.search(after):
        return None
    v = ev.value
    if verb == "exceed":  # "vượt 3% kế hoạch", "vượt kế hoạch 3%": 103 % of the plan reached
        plan = plan or bool(verb_text and re.search(r"kế\s+hoạch|chỉ\s+tiêu", verb_text))
        return Reading("plan_pct", round(100 + v, 6), "%") if plan else None
    if plan:
        return Reading("plan_pct", v, "%") if verb not in ("up", "down") else None
    if cmp_kind == "other" or (cmp_kind == "none" and _only_other_before(s, ev.start)):
        return None
    if verb is None and growth and (s[:ev.start].rstrip().endswith("(")
                                    or not window.strip(" :-–")):
        return Reading("yoy_pct", v, "%", base)  # "Bắc Giang (14,14%)" in a growth list
    if verb == "up" or (verb is None and ev.extra in ("+", "-", "−", "–")):
        return Reading("yoy_pct", v, "%", base)
    if verb == "down":
        return Reading("yoy_pct", -abs(v), "%", base)
    if verb == "ratio":
        return Reading("yoy_pct", round(v - 100, 6), "%", base) if cmp_kind == "yoy" else None
    if verb == "reach":
        if growth:
            return Reading("yoy_pct", v, "%", base)
        if cmp_kind == "yoy":
            sign = _SIGN_BEFORE_RE.search(window)
            if sign:
                return Reading("yoy_pct", v if sign["dir"].lower() == "tăng" else -abs(v), "%",
                               base)
            return Reading("yoy_pct", round(v - 100, 6), "%", base)
        if plan_seen or vocab.PLAN_BEFORE.search(s[:ev.start]):  # "so kế hoạch, … đạt 52%"
            return Reading("plan_pct", v, "%")
        return None
    return None


_PREV_UNIT_RE = re.compile(r"(?:tháng|qu[ýí]|kỳ|tuần)\s+(?:trước|liền\s+(?:kề|trước))",
                           re.IGNORECASE)


_YOY_WORD_RE = re.compile(r"cùng\s+kỳ|\bSCK\b|năm\s+(?:trước|ngoái)", re.IGNORECASE)
_HAS_YOY_WORD = Occurs(r"cùng\s+kỳ|sck|năm\s+(?:trước|ngoái)")
_HAS_CMP = Occurs(r"(?:so|sv)\s")


def _only_other_before(s: str, pos: int) -> bool:
    """"xuất khẩu tăng 5% so với tháng 5; nhập khẩu đạt 26 tỷ USD, tăng 1,3%": a bare rate after
    rates compared only with the month before is compared with it too."""
    if not _HAS_CMP(s):
        return False  # no comparison at all before the rate
    if _HAS_YOY_WORD(s) and _YOY_WORD_RE.search(s, 0, pos):
        return False  # "so với tháng trước và so với cùng kỳ": the bare rate may be either
    whats = [m.group("what").strip() for m in _CMP_ANY_RE.finditer(s, 0, pos)]
    return bool(whats) and all(_PREV_UNIT_RE.match(w) for w in whats)


def _higher_lower(s: str, ev: Event, window: str) -> Reading | None:
    """"cao hơn (tới) 20% so với cùng kỳ" is a rise, "thấp hơn 8% so với cùng kỳ" a fall; against
    anything else (another place, another rate) it is no figure."""
    m = _HIGHER_LOWER_RE.search(window)
    if m is None:
        return None
    kind, base = comparison(s, ev.end, "")
    if kind != "yoy":
        return None
    v = ev.value if m["dir"].lower() == "cao" else -abs(ev.value)
    return Reading("yoy_pct", v, "%", base)


def read_amount(ev: Event, window: str, ind: tuple[str, str], unit: str | None) -> Reading | None:
    """An amount as the level of the indicator, or None (a change, a conversion, a sector)."""
    indicator, flavour = ind
    if unit is None or ev.value <= 0 or flavour == "growth" or indicator.startswith("grdp_"):
        return None
    verb, _ = last_value(vocab.AMOUNT_VERBS, window)
    if verb == "change":
        return None
    value = ev.value
    if indicator == "trade_balance":
        if flavour not in ("pos", "neg"):
            return None
        value = -value if flavour == "neg" else value
    _q, qual = last_value(vocab.APPROXIMATORS, window[-14:])
    return Reading("level", value, unit, None, qual.lower() if qual else None)

"""Periods as the press names them: "tháng 5/2024", "quý I/2023", "6 tháng đầu năm", "tính đến
ngày 13/6/2024", "kỳ 1 tháng 5", "năm nay", "cùng kỳ năm trước" — found, then resolved to dates."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from extractors.figures.occurs import lowered
from extractors.figures.table import trie_regex

_NUM_WORDS = {
    "một": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "giêng": 1, "chạp": 12,
}
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4, "một": 1, "hai": 2,
          "ba": 3, "bốn": 4, "tư": 4, "đầu": 1, "đầu tiên": 1, "cuối": 4, "cuối cùng": 4}

# A year written after a period: "/2024", "-2024", ".2010", " năm 2024", " năm nay" ...
_YEAR = (r"(?:\s*(?:/|-|–|\.)\s*(?P<y>(?:19|20)\d{2})(?!\d)"
         r"|\s+(?:của\s+)?(?:năm\s+)?(?P<y2>(?:19|20)\d{2})(?!\d)"
         r"|\s+năm\s+(?P<rel>nay|ngoái|trước|qua)|\s+(?P<rel2>nay|ngoái)(?!\w))?")
# month names: capitalised ("tháng Sáu"), or lower case except "năm" (also "year")
_MONTH_WORD = (r"(?:(?-i:Một|Hai|Ba|Tư|Năm|Sáu|Bảy|Tám|Chín|Mười Một|Mười Hai|Mười|Giêng|Chạp)"
               r"|(?-i:một|hai|ba|tư|sáu|bảy|tám|chín|mười một|mười hai|mười|giêng|chạp)"
               r"(?!\s+tháng))")
_N_WORD = r"(?:hai|ba|bốn|năm|sáu|bảy|tám|chín|mười một|mười hai|mười)"

PATTERNS: list[tuple[str, str]] = [
    # an explicit range of days: "từ ngày 1/5 đến hết ngày 15/5"
    ("range", r"từ\s+(?:ngày\s+)?(?P<d1>\d{1,2})(?:\s*[/.-]\s*(?P<m1>\d{1,2})"
              r"(?:\s*[/.-]\s*(?:19|20)\d{2})?)?"
              r"\s*(?:đến|tới|-|–)\s*(?:hết\s+)?(?:ngày\s+)?(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})"
              r"(?:\s*[/.-]\s*(?P<y>(?:19|20)\d{2}))?"),
    # a run of months: "từ tháng 1 đến tháng 5/2024", "từ tháng Giêng đến hết tháng 9"
    ("month_range", r"từ\s+tháng\s+(?P<m1>\d{1,2}|giêng|một)\s*(?:đến|tới|-|–)\s*(?:hết\s+)?"
                    r"tháng\s+(?P<m>\d{1,2})(?!\d)(?!\s*[/.-]\s*\d{1,2}[/.-])" + _YEAR),
    # year-to-date up to the end of a half-month ("từ đầu năm đến hết kỳ 1 tháng 5")
    ("to_half", r"(?:(?:từ\s+)?đầu\s+năm\s+)?(?:đến|tới)\s+(?:hết\s+)?kỳ\s+"
                r"(?P<k>1|2|I|II|một|hai)\s+tháng\s+(?P<m>\d{1,2})" + _YEAR),
    # several years or a span: no period of one figure
    ("noise", r"giá\s+so\s+sánh(?:\s+năm)?\s+(?:19|20)\d{2}"
              # "cao nhất trong 5 năm qua": several years, not last year
              r"|(?:\d{1,2}|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|vài|mấy|nhiều|những|các)\s+năm\s+"
              r"(?:qua|vừa\s+qua|gần\s+đây|trở\s+lại\s+đây)(?!\w)"
              r"|(?:các|những)\s+năm\s+(?:19|20)\d{2}(?:\s*(?:,|và|-|–)\s*(?:19|20)\d{2})*"
              r"|giai\s+đoạn\s+(?:19|20)\d{2}\s*[-–]\s*(?:19|20)?\d{2}"),
    # year-to-date up to a day or a month's end
    ("to_day", r"(?:(?:tính|lũy kế|luỹ kế|cộng dồn)\s+)?(?:(?:từ\s+)?đầu\s+năm\s+)?"
               r"(?:(?:tính\s+)?đến|tới)\s+(?:hết\s+|cuối\s+)?(?:ngày\s+)?"
               r"(?P<d>\d{1,2})(?:\s*[/.-]\s*|\s+tháng\s+)(?P<m>\d{1,2})"
               r"(?:\s*[/.-]\s*(?P<y>(?:19|20)\d{2})|\s+năm\s+(?P<y2>(?:19|20)\d{2}))?"
               # ("có đến 4/9 ngành dịch vụ giảm": a count of a group, not a day)
               r"(?!\s+(?:ngành|chỉ\s+tiêu|tỉnh|địa\s+phương|huyện|xã|mặt\s+hàng|nhóm|lĩnh\s+vực|"
               r"doanh\s+nghiệp|dự\s+án|sản\s+phẩm|đơn\s+vị|cửa\s+khẩu|thị\s+trường|khu\s+vực)\b)"),
    # ("lũy kế đến tháng 10", "tính đến tháng 7-2023", "từ đầu năm đến tháng 5": a running
    # total, where a bare "đến tháng 5" is not)
    ("to_month", r"(?:(?:tính|lũy kế|luỹ kế|cộng dồn)\s+(?:(?:từ\s+)?đầu\s+năm\s+)?"
                 r"(?:(?:đến|tới)(?:\s+(?:hết|cuối))?|hết)"
                 r"|(?:từ\s+)?đầu\s+năm\s+(?:đến|tới)(?:\s+(?:hết|cuối))?"
                 r"|(?:đến|tới)\s+(?:hết|cuối)|hết)"
                 r"\s+tháng\s+(?P<m>\d{1,2})" + _YEAR),
    ("half_month", r"(?:kỳ\s+(?P<k>1|2|I|II|một|hai|đầu|cuối)|nửa\s+(?P<h>đầu|cuối|sau))\s+"
                   r"(?:của\s+)?tháng\s+(?P<m>\d{1,2})" + _YEAR),
    # the first days of a month: "15 ngày đầu tháng 9"
    ("first_days", r"(?P<n>\d{1,2})\s+ngày\s+(?P<fl>đầu|cuối)\s+(?:của\s+)?tháng\s+"
                   r"(?P<m>\d{1,2})" + _YEAR),
    # "Nhập khẩu trong tháng đạt …": the month the report is about
    ("this_month", r"trong\s+tháng(?:\s+này)?(?!\s*\d)(?!\s+(?:một|hai|ba|tư|năm|sáu|bảy|tám|"
                   r"chín|mười|giêng|chạp|đầu|cuối|qua|tới|trước|sau|gần)\b)(?!\w)"),
    ("h2", r"(?:(?:6|sáu)\s+tháng\s+cuối\s+năm|nửa\s+cuối\s+năm)" + _YEAR),
    ("months", r"(?P<n>\d{1,2}|" + _N_WORD + r")\s+tháng(?:\s+đầu(?:\s+năm)?|\s+qua|\s+vừa\s+qua)?"
               r"(?!\s+(?:cuối|tới|sắp|tiếp|còn|trước))(?!\s+\d{1,2}(?!\d))" + _YEAR),
    ("h1", r"(?:nửa\s+đầu\s+năm|nửa\s+năm)" + _YEAR),
    ("quarter", r"qu[ýí]\s+(?P<q>IV|III|II|I|[1-4]|một|hai|ba|bốn|tư|đầu\s+tiên|đầu|cuối)(?!\w)"
                + _YEAR),
    ("month", r"tháng\s+(?P<m>\d{1,2}|" + _MONTH_WORD + r")(?!\d)(?!\s*[/.-]\s*\d{1,2}[/.-])"
              + _YEAR),
    ("same_period", r"cùng\s+kỳ(?:\s+năm\s+(?P<rel>trước|ngoái)|\s+năm\s+(?P<y>(?:19|20)\d{2}))?"),
    ("year", r"(?:cả\s+)?năm\s+(?P<y>(?:19|20)\d{2})(?!\d)(?!\s*[-–]\s*\d)"),
    # ("cả năm địa phương": all five places, not the whole year)
    ("year_rel", r"(?:cả\s+)?năm\s+(?P<rel>nay|ngoái|qua)|cả\s+năm(?!\s+(?:địa\s+phương|tỉnh|"
                 r"thành\s+phố|nơi|doanh\s+nghiệp|nhóm|mặt\s+hàng|ngành|khu\s+vực|lĩnh\s+vực|"
                 r"người|quốc\s+gia|nước|thị\s+trường)(?!\w))"),
    # "Từ đầu năm 2024 đến nay" in an article of April 2024: up to its publication
    ("to_now", r"(?:từ\s+)?đầu\s+năm(?:\s+(?P<y>(?:19|20)\d{2}))?\s+(?:đến|tới)\s+nay"),
    ("ytd", r"(?:lũy kế|luỹ kế|cộng\s+dồn)(?:\s+từ\s+đầu\s+năm)?"
            r"(?!\s+(?:\d|đến|tới|tính|từ|" + _N_WORD + r"))"
            r"|từ\s+đầu\s+năm\s+(?:đến\s+nay|tới\s+nay)"),
    ("vague", r"(?:từ\s+)?đầu\s+năm\s+(?:19|20)\d{2}\s+(?:đến|tới)\s+nay"
              r"|những\s+tháng\s+đầu\s+năm|các\s+tháng\s+đầu\s+năm|thời\s+gian\s+qua"
              r"|đầu\s+năm\s+(?:đến|tới)\s+nay"),
]
# every pattern starts with one of these letters: a cheap test before the alternatives
# the first word of every pattern, as a prefix tree: positions are rejected after a letter or two
_FIRST_WORDS = trie_regex(["tính", "lũy", "luỹ", "cộng", "từ", "đầu", "đến", "tới", "kỳ", "nửa",
                           "sáu", "hai", "ba", "bốn", "năm", "bảy", "tám", "chín", "mười", "quý",
                           "quí", "trong", "tháng", "cùng", "cả", "những", "các", "thời", "giai",
                           "vài", "mấy", "nhiều",
                           "giá", "hết"],
                          case=False)
# the letters each pattern can start with (either case): at a word start, the patterns that
# cannot begin there are passed over without being tried (tests/test_figures_periods.py checks
# that the regex finds what it finds without them)
_FIRST_LETTERS = {
    "range": "t", "month_range": "t", "to_half": "tđ", "noise": "gcn0-9hbstmv", "to_day": "tlcđ",
    "to_month": "tlcđh",
    "half_month": "kn", "first_days": "0-9", "this_month": "t", "h2": "6sn",
    "months": "0-9hbnstcm", "h1": "n", "quarter": "q", "month": "t", "same_period": "c",
    "year": "cn", "year_rel": "cn", "to_now": "tđ", "ytd": "ltc", "vague": "tđnc",
}


def _period_regex(guarded: bool) -> re.Pattern[str]:
    return re.compile(_WORD_START + _period_body(guarded), re.IGNORECASE)


# a period starts a word, with one of the letters of _FIRST_LETTERS or a digit
_WORD_START = r"(?=[0-9tTlLcCđĐkKnNsShHbBqQmMgG])(?<!\w)"


def _period_body(guarded: bool) -> str:
    """PERIOD_RE after its word-start test: the first word, then the patterns."""
    def alt(k: str, p: str) -> str:
        body = f"(?P<{k}>{p.replace('(?P<', f'(?P<{k}_')})"
        first = _FIRST_LETTERS[k]
        return f"(?=[{first}{first.upper()}]){body}" if guarded else body

    return r"(?=\d|(?:" + _FIRST_WORDS + r")(?!\w))(?:" + \
        "|".join(alt(k, p) for k, p in PATTERNS) + r")"


PERIOD_RE = _period_regex(guarded=True)
# The same patterns in lower case without groups, searched case-sensitively in the lower-cased
# text: where PERIOD_RE matches, this matches too (it also takes "tháng năm" for a month name,
# which PERIOD_RE only takes capitalised), so it finds the places to try PERIOD_RE at, faster
# than a case-ignoring scan of every position.
# It opens with the period's first character and looks back from there: a pattern that opens
# with a test rather than a character is tried at every position of the text.
# A period that opens with a digit opens with a day or month count ("6 tháng", "15 ngày đầu
# tháng", "5 năm qua"): the finder asks for that, and is not tried at every number.
_PERIOD_LOW_RE = re.compile(r"[0-9tlcđknshbqmg](?<![\w].)(?<=(?="
                            + re.sub(r"\(\?P<\w+>", "(?:", _period_body(True)).lower()
                            .replace(r"(?=\d|", r"(?=\d\d?\s+(?:năm|ngày|tháng)|", 1) + ").)")


# kind -> [(part name, group name)]: read only the groups of the alternative that matched
_GROUPS: dict[str, list[tuple[str, str]]] = {
    k: [(g[len(k) + 1:], g) for g in PERIOD_RE.groupindex if g.startswith(k + "_")]
    for k, _p in PATTERNS}


@dataclass(slots=True, unsafe_hash=True)  # never changed once made: see events.Event
class Mention:
    """A period named in text, before resolution."""

    start: int
    end: int
    kind: str
    parts: dict[str, str]


@dataclass(slots=True, unsafe_hash=True)  # never changed once made: see events.Event
class Period:
    """A resolved period; `explicit_year` says the text wrote the year."""

    start: date
    end: date
    explicit_year: bool = False


def find_periods(text: str, pos: int = 0, endpos: int | None = None) -> list[Mention]:
    """Period mentions in text[pos:endpos], in order."""
    out = []
    end = len(text) if endpos is None else endpos
    for m in _period_matches(text, pos, end):
        kind = m.lastgroup or ""
        parts = {}
        for short, full in _GROUPS[kind]:
            v = m.group(full)
            if v:
                parts[short] = v
        out.append(Mention(m.start(), m.end(), kind, parts))
    return out


def _period_matches(text: str, pos: int, end: int) -> Iterator[re.Match[str]]:
    """PERIOD_RE.finditer(text, pos, end), tried only where the lower-case scan finds a place."""
    low = lowered(text)
    if len(low) != len(text):  # lowering moved offsets ("İ"): scan ignoring case
        yield from PERIOD_RE.finditer(text, pos, end)
        return
    cur = pos
    while (hit := _PERIOD_LOW_RE.search(low, cur, end)) is not None:
        m = PERIOD_RE.match(text, hit.start(), end)
        if m is None:
            cur = hit.start() + 1
            continue
        yield m
        cur = m.end()


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _num(word: str) -> int | None:
    w = " ".join(word.lower().split())
    return int(w) if w.isdigit() else _NUM_WORDS.get(w)


def mention_year(m: Mention, published: date | None, ref: Period | None) -> tuple[int | None, bool]:
    """The year a mention names, or None; and whether it was written out."""
    p = m.parts
    y = p.get("y") or p.get("y2")
    if y:
        return int(y), True
    rel = p.get("rel") or p.get("rel2")
    if rel:
        base = published.year if published else (ref.start.year if ref else None)
        if base is None:
            return None, False
        if m.kind == "same_period":
            base = ref.start.year if ref else base
        if rel == "qua":  # "năm qua" early in a year is the year just ended
            return (base - 1 if published and published.month <= 2 else base), True
        return (base if rel == "nay" else base - 1), True
    return None, False


def resolve(m: Mention, published: date | None, ctx_year: int | None,
            ref: Period | None) -> Period | None:
    """The dates of a mention; ctx_year is the year in force (paragraph or publication)."""
    year, explicit = mention_year(m, published, ref)
    if m.kind == "same_period":
        return _same_period(m, year, ref)
    if m.kind in ("vague", "noise"):
        return None
    if m.kind == "to_now":  # up to the day of publication, of that year only
        if published is None or (year is not None and year != published.year):
            return None
        return Period(date(published.year, 1, 1), published, year is not None)
    if m.kind == "ytd":
        return Period(date(ref.start.year, 1, 1), ref.end) if ref else None
    if m.kind == "this_month":  # the last month of the report's period (ending at a month end)
        if ref is None or ref.end != _month_end(ref.end.year, ref.end.month):
            return None
        return Period(date(ref.end.year, ref.end.month, 1), ref.end, ref.explicit_year)
    y = year if year is not None else ctx_year
    if y is None:
        return None
    period = _dates(m, y)
    if period is None:
        return None
    if not explicit and published and year is None and ctx_year is None:
        pass
    return Period(period[0], period[1], explicit)


def _same_period(m: Mention, year: int | None, ref: Period | None) -> Period | None:
    """"cùng kỳ (năm trước)": the reference period one year (or to the named year) back."""
    if ref is None:
        return None
    y = year if year is not None and m.parts.get("y") else ref.start.year - 1
    delta = ref.start.year - y
    try:
        start = ref.start.replace(year=ref.start.year - delta)
    except ValueError:  # 29 February in a year that has none
        start = date(ref.start.year - delta, 2, 28)
    if ref.end.month == 2 and ref.end.day >= 28:  # a February end stays the month's end
        end = _month_end(ref.end.year - delta, 2)
    else:
        end = ref.end.replace(year=ref.end.year - delta)
    return Period(start, end, True)


def _dates(m: Mention, y: int) -> tuple[date, date] | None:
    """Start and end dates of a mention in year y."""
    p, k = m.parts, m.kind
    try:
        if k == "to_day":
            return date(y, 1, 1), date(y, int(p["m"]), int(p["d"]))
        if k == "range":  # "từ ngày 1 đến hết 15-12": the first day's month is the last's
            m1 = int(p.get("m1") or p["m"])
            first, last = date(y, m1, int(p["d1"])), date(y, int(p["m"]), int(p["d"]))
            return (first, last) if first <= last else None  # "từ 15/5 đến 1/3": no period
        if k == "month_range":
            m1, m2 = _num(p["m1"]), int(p["m"])
            return (date(y, m1, 1), _month_end(y, m2)) if m1 and m1 <= m2 <= 12 else None
        if k == "to_half":
            first = p["k"].lower() in ("1", "i", "một")
            mo = int(p["m"])
            return date(y, 1, 1), date(y, mo, 15) if first else _month_end(y, mo)
        if k == "to_month":
            return date(y, 1, 1), _month_end(y, int(p["m"]))
        if k == "half_month":
            mo = int(p["m"])
            first = (p.get("k") or p.get("h") or "").lower() in ("1", "i", "một", "đầu")
            return (date(y, mo, 1), date(y, mo, 15)) if first else \
                (date(y, mo, 16), _month_end(y, mo))
        if k == "first_days":  # "15 ngày đầu tháng 9", "15 ngày cuối tháng 1"
            mo, n = int(p["m"]), int(p["n"])
            if p.get("fl", "").lower() == "cuối":  # the last 15 days: the customs' second half
                end = _month_end(y, mo)
                return date(y, mo, 16 if n in (15, 16) else end.day - n + 1), end
            return date(y, mo, 1), date(y, mo, n)
        if k == "h2":
            return date(y, 7, 1), date(y, 12, 31)
        if k == "h1":
            return date(y, 1, 1), date(y, 6, 30)
        if k == "months":
            n = _num(p["n"])
            return (date(y, 1, 1), _month_end(y, n)) if n and 2 <= n <= 12 else None
        if k == "quarter":
            q = _ROMAN.get(" ".join(p["q"].lower().split()))
            return (date(y, 3 * q - 2, 1), _month_end(y, 3 * q)) if q else None
        if k == "month":
            mo = _num(p["m"])
            return (date(y, mo, 1), _month_end(y, mo)) if mo and 1 <= mo <= 12 else None
        if k in ("year", "year_rel"):
            return date(y, 1, 1), date(y, 12, 31)
    except (ValueError, KeyError):
        return None
    return None

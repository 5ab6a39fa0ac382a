"""Dating a figure: the period a number covers, from the sentence first (the period near after
it, else the last before it), then the paragraph, the article and the headline; comparison
bases, targets and compared figures never set it; lists of periods pair with lists of numbers
in order."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from extractors.figures.events import Event
from extractors.figures.occurs import Occurs
from extractors.figures.periods import Mention, Period, resolve
from extractors.figures.state import Candidate, Context, ParState

_DIGIT_RE = re.compile(r"\d")

_CMP_BEFORE_RE = re.compile(
    r"(?:so\s+với|so|sv|bằng|với|từ)\s*(?:mức\s+|của\s+)?(?:cùng\s+kỳ\s+)?$", re.IGNORECASE)


# "cao hơn tháng 1 trên 39%": the month compared with (unless its own rate follows in brackets:
# "cao hơn quý 2 (tăng 5,6%)")
_HIGHER_BEFORE_RE = re.compile(r"(?:cao|thấp)\s+hơn\s+$", re.IGNORECASE)


# a growth rate named as such just before a period: the period is the rate's own
_RATE_BEFORE_RE = re.compile(r"(?:mức|tốc\s+độ)\s+tăng(?:\s+trưởng)?\s+(?:là\s+|khoảng\s+)?"
                             r"\d{1,3}(?:[.,]\d{1,3})?\s*%\s*$", re.IGNORECASE)


_COMPARED_BETWEEN_RE = re.compile(r"(?:cao|thấp|nhanh|chậm)\s+hơn|so\s+với\s+mức|từ\s+mức",
                                  re.IGNORECASE)


_NEAR_AFTER_RE = re.compile(r"^\s*(?:(?:của|trong|vào|là|năm|sau)\s+)?$", re.IGNORECASE)


_SAME_PERIOD_CMP_RE = re.compile(
    r"(?:%|hơn|kém|bằng|như|với)\s*(?:mức\s+(?:tăng\s+)?(?:của\s+)?)?$", re.IGNORECASE)


_PLAN_BEFORE_RE = re.compile(r"(?:kế\s+hoạch|\bKH\b|chỉ\s+tiêu|mục\s+tiêu|dự\s+toán)\s*"
                             r"(?:đề\s+ra\s+|được\s+giao\s+|giao\s+)?(?:cho\s+|của\s+)?$",
                             re.IGNORECASE)


_CLAUSE_END_RE = re.compile(r";|\btrong\s+đó\b|\bwhile\b")


_OTHER_FIGURE_RE = re.compile(r"\d\s*%\s*(?:của|trong|vào)\s+$", re.IGNORECASE)


_NOT_SUBJECT_YEAR_RE = re.compile(r"(?:không\s+tính|trừ|ngoài|sau|trước|đến|tới|kể\s+từ|từ|"
                                  r"hơn|như)\s*$", re.IGNORECASE)


# "bình quân giai đoạn 2021-2023 …; trong đó …": figures after a multi-year span are the span's
# ("từ năm 2001 đến nay", "từ năm 2018 đến quý I/2022": a total over several years)
_SPAN_RE = re.compile(r"giai\s+đoạn\s+(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}"
                      r"|từ\s+(?:năm\s+)?(?:19|20)\d{2}\s+(?:đến|tới)\s+(?:nay|hết|cuối|năm|quý|tháng|"
                      r"(?:19|20)\d{2})", re.IGNORECASE)


_HAS_SPAN = Occurs(r"giai\s+đoạn|từ\s+(?:năm\s+)?(?:19|20)\d\d")


_COMPARED_FIGURE_RE = re.compile(r"\d\s*%\s*của\s+$")


def _compared_figure_before(s: str, pos: int) -> bool:
    """"… 11,39% của [9 tháng năm 2020]": the period at pos is a compared figure's (the cheap
    test first: the pattern is tried at every position of its window)."""
    near = s[max(0, pos - 20):pos]
    return near.rstrip().endswith("của") and _COMPARED_FIGURE_RE.search(near) is not None


_PLANNED_RE = re.compile(r"\bdự\s+(?:kiến|ước)\b", re.IGNORECASE)  # of a period far ahead


def _closed_bracket(s: str, pos: int, later: int) -> bool:
    """Whether pos stands in brackets that close before later: "(cùng kỳ tăng 6%)" dates only
    its own numbers."""
    return _in_brackets(s, pos) and 0 <= s.find(")", pos) < later


def _in_brackets(s: str, pos: int) -> bool:
    """Whether pos stands inside an open parenthesis."""
    return s.rfind("(", 0, pos) > s.rfind(")", 0, pos)


def _years_shared(s: str, mentions: list[Mention]) -> list[Mention]:
    """"quý I, quý II và quý III năm 2024": a run of periods of one kind joined by commas and
    "và" shares the year written after its last one."""
    out = list(mentions)
    for i in range(len(out) - 2, -1, -1):
        m, nxt = out[i], out[i + 1]
        y = nxt.parts.get("y") or nxt.parts.get("y2")
        if y and m.kind == nxt.kind and not (m.parts.get("y") or m.parts.get("y2") or
                                             m.parts.get("rel")) and \
                _JOINED_RE.fullmatch(s, m.end, nxt.start):
            out[i] = Mention(m.start, m.end, m.kind, {**m.parts, "y": y})
    return out


_JOINED_RE = re.compile(r"\s*(?:,|và|,\s*và)\s*")


def _implied_year(ctx: Context, compared: list[Mention]) -> int | None:
    """"… tăng 10% so với cùng kỳ năm 2022": a figure compared with year N is of year N + 1
    when nothing else names its year. Without a publication date that is the year; with one,
    only a report early in a year on the year before ("cả năm tăng 8% so với năm 2022" in
    January 2024) moves."""
    years = [int(m.parts["y"]) for m in compared
             if m.kind in ("same_period", "year") and m.parts.get("y")]
    if not years:
        return None
    year = max(years) + 1
    if ctx.published is None:  # (not before the text's own year: a base further back is older)
        return year if ctx.first_year is None or year >= ctx.first_year else None
    return year if year == ctx.published.year - 1 and ctx.published.month <= 2 else None


def _periods(ctx: Context, st: ParState, s: str, mentions: list[Mention],
             elsewhen: bool = False, implied: int | None = None) -> list[tuple[Mention, Period]]:
    """The periods a sentence names (not comparison bases), resolved in order; in a sentence
    that opens in another year (`elsewhen`), its periods are that year's."""
    out = []
    ref = st.period
    shifted = None
    for m in (_years_shared(s, mentions) if len(mentions) > 1 else mentions):
        year = shifted or st.year or implied or \
            (ctx.published.year if ctx.published else ctx.first_year)
        source = "written" if shifted or st.year else "implied" if implied else \
            "published" if ctx.published else "text"
        # "(cùng kỳ năm ngoái tăng 15,49%)" in a paragraph that names no period: the article's
        fallback = m.kind in ("this_month", "same_period")
        p = resolve(m, ctx.published, year,
                    ref or ctx.last_period or ctx.head_period if fallback else ref)
        if p is None and m.kind in ("vague", "to_now"):  # (no date to count to: unknown)
            out.append((m, None))
            continue
        if p is None:
            continue
        p = _roll_back(ctx, p, m, st, s)
        if not p.explicit_year:
            ctx.year_from[id(p)] = source
        if elsewhen and shifted is None:
            shifted = p.start.year
        elif p.explicit_year and not elsewhen and \
                not _OTHER_FIGURE_RE.search(s, max(0, m.start - 20), m.start):
            # only a year written in digits sets the year of the paragraph's later periods;
            # "mức tăng 8,56% của quý II/2022" dates one compared figure, not the paragraph
            st.year = p.start.year if ("y" in m.parts or "y2" in m.parts) and \
                m.kind != "same_period" else st.year
        out.append((m, p))
        if m.kind != "same_period":  # two "cùng kỳ" in a row both mean last year, not 2 back
            ref = p
    return [(m, p) for m, p in out if p is not None or m.kind in ("vague", "to_now")]


def _opens_in_another_year(s: str, m: Mention) -> bool:
    """"Cùng kỳ năm ngoái, GDP quý 1 chỉ tăng 5,03%": a sentence that opens with the same period
    of another year is set in that year."""
    return m.kind == "same_period" and bool(m.parts.get("rel") or m.parts.get("y")) and \
        not s[:m.start].strip(" -–") and s[m.end:].lstrip().startswith(",")


def _same_as_before(s: str, m: Mention) -> bool:
    """"Cùng kỳ, kim ngạch nhập khẩu đạt …" opening a sentence: in the same period as the last
    sentence's figures (not last year's); the paragraph's period stays in force."""
    return m.kind == "same_period" and not m.parts.get("rel") and not m.parts.get("y") and \
        not s[:m.start].strip(" -–") and s[m.end:].lstrip().startswith(",")


def _is_comparison(s: str, m: Mention) -> bool:
    """A period named as a comparison base ("so với cùng kỳ năm 2023", "bằng 95% cùng kỳ") or
    as a plan's horizon ("bằng 52,6% kế hoạch cả năm")."""
    if _CMP_BEFORE_RE.search(s, max(0, m.start - 12), m.start):
        return True
    if _HIGHER_BEFORE_RE.search(s, max(0, m.start - 10), m.start) and \
            not s[m.end:m.end + 3].lstrip().startswith("("):
        return True
    if _PLAN_BEFORE_RE.search(s, max(0, m.start - 24), m.start):
        return True
    if m.kind == "same_period":  # "bằng 95% cùng kỳ", "cao hơn cùng kỳ năm trước"
        # but "mức tăng 8,2% cùng kỳ năm 2022" is the period of the rate compared with
        return bool(_SAME_PERIOD_CMP_RE.search(s, max(0, m.start - 30), m.start)) and \
            not _RATE_BEFORE_RE.search(s, max(0, m.start - 40), m.start)
    if m.kind in ("year", "year_rel"):  # "kể từ năm 2011", "nếu không tính năm 2022"
        # "gấp 33 lần so với thời điểm tái lập tỉnh vào năm 1992": the base of a comparison
        return bool(_NOT_SUBJECT_YEAR_RE.search(s, max(0, m.start - 14), m.start)) or \
            s.find("so với", max(0, m.start - 60), m.start) >= 0 and \
            bool(_CMP_CLAUSE_RE.search(s, max(0, m.start - 60), m.start))
    return False


def _roll_back(ctx: Context, p: Period, m: Mention, st: ParState, s: str = "") -> Period:
    """A period without a year that would start after publication is last year's (unless the
    sentence plans it: "Dự kiến trong 6 tháng cuối năm, …" in June is this year's)."""
    if p.explicit_year or st.year or ctx.published is None or m.kind in ("year", "year_rel"):
        return p
    if _PLANNED_RE.search(s):
        return p
    if p.start <= ctx.published and (p.end - ctx.published).days <= 45:
        return p
    try:
        return Period(p.start.replace(year=p.start.year - 1), p.end.replace(year=p.end.year - 1))
    except ValueError:
        return p


def _periods_by_position(cands: list[Candidate], periods: list[tuple[Mention, Period]],
                         m: re.Match[str]) -> dict[int, Period | None]:
    """"GRDP quý I, quý II và quý III lần lượt tăng 8,1%, 9,2% và 10,3%": the periods named
    before "lần lượt / tương ứng", given to the numbers after it in order. A metric's run with
    another count than the periods' gets None: which period is whose cannot be known."""
    named = [p for mm, p in periods if mm.end <= m.start() and p is not None and
             mm.kind != "same_period"]
    if len(named) < 2 or any(mm.start >= m.end() and mm.start < (cands[-1].start if cands else 0)
                             for mm, _p in periods):
        return {}
    out: dict[int, Period | None] = {}
    for metric in {c.reading.metric for c in cands}:
        run = [c for c in cands if c.start >= m.end() and c.reading.metric == metric]
        if len(run) == len(named):
            out.update({id(c): p for c, p in zip(run, named, strict=True)})
        else:
            out.update({id(c): None for c in run})
    return out


def _list_run(s: str, cands: list[Candidate], nums: list[Event],
              m: re.Match[str]) -> list[Candidate]:
    """"… lần lượt là 8,1%, 9,2% và 10,3%": the numbers listed right after a candidate read
    after "lần lượt", of the same kind, are the same indicator's (each gets the first one's
    sign and metric)."""
    out: list[Candidate] = []
    for c in cands:
        out.append(c)
        if c.start < m.end() or any(o.start > c.start for o in cands):
            continue
        first = next((e for e in nums if e.start == c.start), None)
        if first is None or not first.value:
            continue
        sign = 1.0 if c.reading.value * first.value >= 0 else -1.0
        end = c.end
        for e in nums:
            if e.start < end or e.kind != first.kind:
                continue
            if not _LIST_GAP_RE.fullmatch(s, end, e.start):
                break
            out.append(replace(c, reading=replace(c.reading, value=sign * e.value),
                               start=e.start, end=e.end))
            end = e.end
    return out


_LIST_GAP_RE = re.compile(r"\s*%?\s*(?:,|;|và|,\s*và)\s*")


_IN_TURN_RE = re.compile(r"\b(?:lần\s+lượt|tương\s+ứng)\b", re.IGNORECASE)


def _after_span(s: str, c: Candidate, periods: list[tuple[Mention, Period]]) -> bool:
    """A multi-year span ("giai đoạn 2020 – 2024") named before the number, and no period since."""
    spans = list(_SPAN_RE.finditer(s, 0, c.start)) if _HAS_SPAN(s) else []
    if not spans:
        return False
    end = spans[-1].end()
    return not any(end <= m.start and (m.start < c.start or _NEAR_AFTER_RE.match(s[c.end:m.start]))
                   for m, _p in periods)


def _period_for(ctx: Context, st: ParState, s: str, c: Candidate,
                periods: list[tuple[Mention, Period]]) -> tuple[Period | None, str]:
    """Near after the number, else the last before it, else the next (no number between), else
    the paragraph's, else the headline's; and where it came from (confidence.py)."""
    before = None
    for m, p in periods:
        if m.start >= c.end and _NEAR_AFTER_RE.match(s[c.end:m.start]) and \
                (m.kind == "months" or "sau" not in s[c.end:m.start]):
            return p, "sentence"  # ("14,2 tỷ USD sau 8 tháng"; not "tăng 5% sau quý I giảm 2%")
        if m.end <= c.start and _dates_later(s, m, c):
            before = p
    if c.compared_at >= 0:  # "thấp hơn mức tăng 7,28% …": another period's, which must be named
        named = [p for m, p in periods if c.compared_at <= m.start and m.end <= c.start]
        return (named[-1], "sentence") if named else (None, "")
    if before is not None or any(m.end <= c.start and _dates_later(s, m, c)
                                 for m, _p in periods):
        return before, "sentence"
    for m, p in periods:
        if m.start >= c.end and not _DIGIT_RE.search(s, c.end, m.start) and \
                ";" not in s[c.end:m.start] and \
                (_in_brackets(s, c.start) or not _in_brackets(s, m.start)):
            return p, "sentence"  # a period in brackets after the number dates the bracket's
    if ctx.period_after:  # English: "grew 1.8% to US$388 billion in January–September"
        for m, p in periods:  # (not past a rate compared with: "higher than the 5% of …")
            if m.start >= c.end and not _CLAUSE_END_RE.search(s, c.end, m.start) and \
                    not _COMPARED_BETWEEN_RE.search(s, c.end, m.start):
                return p, "sentence"
    for p, where in ((st.period, "paragraph"), (ctx.last_period, "article"),
                     (ctx.head_period, "headline")):
        if p is not None:
            return p, where
    return None, ""


def _dates_later(s: str, m: Mention, c: Candidate) -> bool:
    """Whether a period named before a number dates it: not one in brackets closed before it,
    nor a compared figure's own ("cao hơn mức tăng 11,39% của 9 tháng năm 2020; riêng công
    nghiệp tăng 19,9%": 19,9 is not 2020's)."""
    # ("từ 0,9 tỷ USD cùng kỳ năm trước lên 1,2 tỷ USD": the period is the first level's)
    return m.end <= c.start and not _closed_bracket(s, m.start, c.start) and \
        not _compared_figure_before(s, m.start) and \
        not (_TO_LEVEL_RE.fullmatch(s, m.end, c.start) and
             _FROM_AMOUNT_RE.search(s, max(0, m.start - 40), m.start))


@lru_cache(maxsize=64)
def _bases(s: str) -> tuple[tuple[int, int], ...]:
    """Where each "so với (cùng kỳ) năm N" of a sentence ends, and N."""
    return tuple((m.end(), int(m.group(1))) for m in _BASE_YEAR_RE.finditer(s)) \
        if "so" in s.lower() else ()


def _base_before(s: str, pos: int) -> int | None:
    """The year of the last comparison base named before pos."""
    found = [y for end, y in _bases(s) if end <= pos]
    return found[-1] if found else None


# a year the text names: "năm 2023", "quý 1/2023", "tháng 7-2023", "30.6.2022"
_YEAR_RE = re.compile(r"(?:19|20)\d{2}(?![\d.,]?\d)")
_YEAR_LEAD_RE = re.compile(r"(?:\bnăm\s+|\d\s*[/-]\s*|\d\.)$", re.IGNORECASE)


def text_years(text: str) -> list[str]:
    """The years a text names, in order: "năm 2023", "quý 1/2023", "tháng 7-2023",
    "30.6.2022" (found by their digits, then the words before them checked)."""
    return [m.group(0) for m in _YEAR_RE.finditer(text)
            if not (m.start() and text[m.start() - 1].isdigit())
            and _YEAR_LEAD_RE.search(text, max(0, m.start() - 8), m.start())]


def _other_period_base(s: str, pos: int, period: Period) -> bool:
    """A base named before a rate ("so với tháng 12/2025, … giảm 0,6%", "so với quý trước, …")
    that is not the same period a year earlier: the rate is not year-on-year."""
    at = s.rfind("so với", max(0, pos - 90), pos)
    if at < 0 or s.find(",", at, pos) < 0:
        return False
    m = _PERIOD_BASE_BEFORE_RE.search(s, max(0, at - 16), pos)
    if m is None:
        return False
    if m.group("month") and m.group("year"):  # "so với tháng 1/2025" of January 2026: yoy
        return not (int(m.group("month")) == period.start.month == period.end.month and
                    int(m.group("year")) == period.start.year - 1)
    return True


_DECEMBER_BASE_RE = re.compile(r"\bso\s+với\s+tháng\s+12\s*[/-]\s*((?:19|20)\d{2})(?!\d)",
                               re.IGNORECASE)


_PERIOD_BASE_BEFORE_RE = re.compile(
    r"(?:^|[,;:]\s*|\b(?:nhưng|còn|tuy\s+nhiên)\s+)so\s+với\s+(?:(?:tháng|quý|kỳ|tuần)\s+"
    r"(?:trước|liền\s+kề|liền\s+trước)\b|tháng\s+(?P<month>\d{1,2})(?:\s*[/-]\s*"
    r"(?P<year>(?:19|20)\d{2}))?(?!\d))\s*,[^;%]*$", re.IGNORECASE)


def _in_year(p: Period, year: int) -> Period | None:
    """The same stretch of the calendar in another year (None for 29 February)."""
    try:
        return Period(p.start.replace(year=year), p.end.replace(year=year), True)
    except ValueError:
        return None


# a rate in brackets right after the base it is compared with: the base period's own rate
_BASE_BRACKET_RE = re.compile(r"\bso(?:\s+với)?\s+cùng\s+kỳ(?:\s+năm\s+((?:19|20)\d{2})|\s+năm\s+"
                              r"(?:trước|ngoái))?\s*\(\s*(?:tăng|giảm)?\s*$", re.IGNORECASE)


_CMP_CLAUSE_RE = re.compile(r"\bso\s+với\s+(?:thời\s+điểm|lúc|khi)\b[^,;.()%]{0,50}$",
                            re.IGNORECASE)


_BASE_YEAR_RE = re.compile(r"\bso(?:\s+với)?\s+(?:cùng\s+kỳ\s+)?(?:năm\s+)?((?:19|20)\d{2})(?!\d)",
                           re.IGNORECASE)


_TO_LEVEL_RE = re.compile(r"\s*(?:lên|xuống)(?:\s+(?:mức|còn))?\s+(?:khoảng\s+|hơn\s+|gần\s+)?",
                          re.IGNORECASE)


_FROM_AMOUNT_RE = re.compile(r"\btừ\s+(?:mức\s+)?[0-9][0-9.,]*[^;,()]{0,25}$", re.IGNORECASE)

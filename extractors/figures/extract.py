"""extract_figures: article text -> figures with region, period, scope, estimate and provenance."""

from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import lru_cache

from extractors.figures.confidence import score_fields
from extractors.figures.english import is_english, to_vietnamese
from extractors.figures.events import Event, number_events, target_spans, vocab_events
from extractors.figures.gazetteer import NATIONAL
from extractors.figures.occurs import Occurs
from extractors.figures.periods import Mention, Period, find_periods, resolve
from extractors.figures.regions import RegionMention, find_regions, successor
from extractors.figures.sentences import (
    Paragraph,
    Sentence,
    dateline,
    headline_index,
    paragraphs,
    unwrap,
)
from extractors.figures.state import Candidate, Context, ParState
from extractors.figures.texttable import table_figures
from extractors.figures.walk import GOES_ON_RE, candidates, english_subject, update_topic_from
from extractors.model import Figure

logger = logging.getLogger(__name__)

_DIGIT_RE = re.compile(r"\d")
# a paragraph can hold a figure only if a number carries a percent sign, a magnitude or a currency
# (ASCII digits here and in numbers.py: "\d" is a Unicode test, costly at every position)
_FIGURE_HINT_RE = re.compile(
    r"[0-9]\s*(?:%|phần trăm|tỷ|tỉ|triệu|nghìn|ngàn|tr\b|USD|đồng|VN|đô|US)", re.IGNORECASE)
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
_NUMBER_RE = re.compile(r"\d[\d.,]*\d|\d")
_SECTION_MAX = 80  # a subheading is short: longer lines are not tried
_SECTION_RE = re.compile(r"\W*(?:\d{1,2}\s*[.)/-]\s*)?(?:(?:tỉnh|thành\s+phố|TP\.?)\s*)?"
                         r"(?P<place>[^\W\d][^:;,.()\d]{1,30}?(?:\.[^\W\d][^:;,.()\d]{1,30}?)?)"
                         r"\s*(?::\s*[^:;]{0,20})?", re.IGNORECASE)
_NEAR_AFTER_RE = re.compile(r"^\s*(?:(?:của|trong|vào|là|năm|sau)\s+)?$", re.IGNORECASE)
_SAME_PERIOD_CMP_RE = re.compile(
    r"(?:%|hơn|kém|bằng|như|với)\s*(?:mức\s+(?:tăng\s+)?(?:của\s+)?)?$", re.IGNORECASE)
_PLAN_BEFORE_RE = re.compile(r"(?:kế\s+hoạch|\bKH\b|chỉ\s+tiêu|mục\s+tiêu|dự\s+toán)\s*"
                             r"(?:đề\s+ra\s+|được\s+giao\s+|giao\s+)?(?:cho\s+|của\s+)?$",
                             re.IGNORECASE)
_AMBIGUOUS_RE = re.compile(r"(?<![\d.,])\d{1,3},\d{3}(?![\d.,])\s*(?:triệu|nghìn|ngàn)")
_CLAUSE_END_RE = re.compile(r";|\btrong\s+đó\b|\bwhile\b")
_MERGER = date(2025, 7, 1)  # the provinces' merger: gates follow their merged province after it
_DAY_BEFORE_RE = re.compile(r"(?:ngày\s+|^|\s)\d{1,2}\s+$", re.IGNORECASE)
_HAS_LAST_YEARS_RATE = Occurs(r"cùng\s+kỳ\s+năm\s+(?:trước|ngoái|(?:19|20)\d\d)\s*\(")
_LAST_YEARS_RATE_RE = re.compile(
    r"(?:\b(?:mức\s+tăng(?:\s+trưởng)?|tốc\s+độ\s+tăng(?:\s+trưởng)?|con\s+số)\s+(?:này|trên)\b"
    r"[^.;()]{0,40}?"
    # "…, thấp hơn cùng kỳ năm trước (tăng 11,7%)": the rate just before, a year earlier
    r"|(?P<cmp>(?:cao|thấp|nhanh|chậm)\s+hơn\s+(?:so\s+với\s+)?))"
    r"cùng\s+kỳ\s+năm\s+(?:trước|ngoái|(?P<y>(?:19|20)\d{2}))\s*\(\s*(?P<dir>tăng|giảm)?\s*"
    r"(?P<v>\d{1,2}(?:[.,]\d{1,2})?)\s*%\s*\)", re.IGNORECASE)
_OLD = " (cũ)"
_MEMBERS_RE = re.compile(r"\(\s*(?:bao\s+)?gồm\s+[^()]*\)", re.IGNORECASE)
_OLD_RE = re.compile(r"\s*\(?\s*cũ\b", re.IGNORECASE)
_OTHER_FIGURE_RE = re.compile(r"\d\s*%\s*(?:của|trong|vào)\s+$", re.IGNORECASE)
_NOT_SUBJECT_YEAR_RE = re.compile(r"(?:không\s+tính|trừ|ngoài|sau|trước|đến|tới|kể\s+từ|từ|"
                                  r"hơn|như)\s*$", re.IGNORECASE)
_NATIONAL_SOURCE_RE = re.compile(
    r"Tổng cục (?:Hải quan|Thống kê)|Bộ (?:Công Thương|Tài chính|Kế hoạch)|Cục Xuất nhập khẩu|"
    r"Cục Thống kê(?!\s+(?:tỉnh|thành phố|TP))|Chính phủ|Quốc hội|Ngân hàng Nhà nước|\bGDP\b")
# a short decimal number starting a token (digit first: the regex engine skips to digits)
_DECIMAL = r"\d(?<![\d.,]\d)\d{{0,2}}{}\d{{1,2}}(?![\d.,])\s*(?:%|tỷ|tỉ|triệu|nghìn|ngàn)"
_VI_DECIMAL_RE = re.compile(_DECIMAL.format(","))
_EN_DECIMAL_RE = re.compile(_DECIMAL.format(r"\."))
# a place named as the object of a comparison, not the subject of the figure
_OBJECT_RE = re.compile(r"(?:vượt(?:\s+qua)?|qua\s+mặt|bỏ\s+xa|hơn|so\s+với|sau|kém)\s+$",
                        re.IGNORECASE)
_OBJECT_WORDS = ("vượt", "qua", "mặt", "xa", "hơn", "với", "sau", "kém")  # _OBJECT_RE's ends


# "dẫn đầu cả nước", "đứng thứ 3 của Việt Nam", "lớn nhất toàn quốc": the whole a place is
# ranked in, never the subject
_RANKED_IN_RE = re.compile(r"(?:dẫn\s+đầu|đứng\s+đầu|nhất|thứ\s+(?:\d+|hai|ba|tư|nhì)|top\s+\d+)"
                           r"(?:\s+[^\s,;.]+){0,4}?\s+(?:của\s+|trong\s+|so\s+với\s+|tại\s+)?$",
                           re.IGNORECASE)


_WHOLE_WORDS = ("cả nước", "toàn quốc", "Việt Nam", "nước ta", "Cả nước", "Toàn quốc")
# "xuất khẩu của DN TP HCM qua cửa khẩu cả nước": the gates the goods passed, not the subject
_GATES_OF_RE = re.compile(r"(?:qua|tại)\s+(?:các\s+)?cửa\s+khẩu\s+(?:của\s+|trên\s+)?$",
                          re.IGNORECASE)


def _is_object(s: str, pos: int) -> bool:
    """Whether the place at pos is what another is compared with ("vượt TP.HCM"), or the whole
    it is ranked in ("dẫn đầu cả nước")."""
    if s.startswith(_WHOLE_WORDS, pos) and (_RANKED_IN_RE.search(s, max(0, pos - 40), pos) or
                                            _GATES_OF_RE.search(s, max(0, pos - 30), pos)):
        return True
    near = s[max(0, pos - 16):pos]
    return near[-1:].isspace() and near.rstrip().lower().endswith(_OBJECT_WORDS) and \
        _OBJECT_RE.search(s, max(0, pos - 16), pos) is not None


_FORECAST_RE = re.compile(r"\b(?:dự\s+báo|có\s+thể|sẽ)\b", re.IGNORECASE)
_HAS_FORECAST = Occurs(r"dự\s+báo|có\s+thể|sẽ")
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
# between a gate and its province: "(", ", tỉnh", "thuộc tỉnh", "in the northern province of"
_CONFIRMS_GATE_RE = re.compile(r"\s*(?:\(|,|thuộc|ở|tại|in\s+the)?\s*(?:[a-z\s-]{0,30}?"
                               r"(?:tỉnh|province\s+of))?\s*(?:tỉnh\s+)?", re.IGNORECASE)
_THE_PROVINCE_RE = re.compile(r"\b(?:của|toàn)\s+(?:tỉnh|thành\s+phố)\b(?!\s+[A-ZĐÂ])")
# a clause whose subject is "thành phố" / "tỉnh" with no name: "Hết tháng 9, thành phố vẫn …"
_THE_PLACE_SUBJECT_RE = re.compile(r"\s*(?:[Tt]ỉnh|[Tt]hành\s+phố)(?:\s+này)?(?!\s+[A-ZĐÂ])"
                                   r"(?=\s+\w)")
_SHARE_WHOLE_RE = re.compile(r"(?:chiếm|bằng)\s+(?:khoảng\s+|gần\s+|hơn\s+)?\d[\d.,]*\s*%\s+"
                             r"(?:tổng\s+)?(?:kim\s+ngạch|giá\s+trị|trị\s+giá)[^,;.()]{0,40}")
# "thấp hơn mức tăng 4,18% của năm 2020", "từ mức giảm sâu 5,36% của năm 2021"
_CMP_WORD_BEFORE_RE = re.compile(r"(?:hơn|so\s+với|kém|từ|bằng)\s+(?:nhiều\s+|hẳn\s+)?$")
_COMPARED_RATE_RE = re.compile(r"mức\s+(?P<dir>tăng|giảm)(?:\s+trưởng)?(?:\s+(?:sâu|mạnh|nhẹ))?\s+"
                               r"(?P<v>\d{1,2}(?:[.,]\d{1,2})?)\s*%\s+(?:của|trong|vào|in|of)\s+",
                               re.IGNORECASE)
_AND_RATE_RE = re.compile(r"\s*(?:,|và|,\s*và)\s*(?P<v>\d{1,2}(?:[.,]\d{1,2})?)\s*%\s+"
                          r"(?:của|trong|vào)\s+", re.IGNORECASE)
_DIGITS_RE = re.compile(r"\d[\d.,]*")
_PREV_QUARTER_RE = re.compile(r"qu[ýí]\s+trước\b", re.IGNORECASE)
_CMP_HINTS = ("hơn mức", "với mức", "từ mức", "kém mức", "bằng mức", "hơn nhiều mức",
              "hơn hẳn mức")
_BRACKET_OPEN_RE = re.compile(r"\s*\(\s*(?:khoảng\s+|hơn\s+|gần\s+|trên\s+)?")
_THIS_GATE_RE = re.compile(r"cửa\s+khẩu\s+(?:này|trên|nói\s+trên)\b", re.IGNORECASE)
_GDP_OF_RE = re.compile(r"GDP\s+(?:của\s+)?")
_PLANNED_RE = re.compile(r"\bdự\s+(?:kiến|ước)\b", re.IGNORECASE)  # of a period far ahead


def extract_figures(text: str, published: date | datetime | None = None,
                    title: str | None = None, number_format: str = "vi") -> list[Figure]:
    """The trade and GRDP figures a Vietnamese news text states (figures-schema.md)."""
    nfc = unicodedata.normalize("NFC", text)
    if is_english(nfc):
        figures = _english(nfc, published, title)
    else:
        figures = _extract(nfc, published, title, number_format)
    if nfc == text:
        return figures
    back = _offset_map(text)  # decomposed input: offsets back into the text as given
    return [replace(f, start=back[f.start], end=back[f.end]) for f in figures]


def _english(text: str, published: date | datetime | None, title: str | None) -> list[Figure]:
    """An English report read through its Vietnamese rewriting; offsets and sentences are the
    English text's."""
    vi, back = to_vietnamese(text)
    out = []
    for f in _extract(vi, published, title and to_vietnamese(title)[0], "en", period_after=True):
        at = vi.rfind(f.sentence, 0, f.start + len(f.sentence))
        sentence = text[back[at]:back[at + len(f.sentence)]] if at >= 0 else f.sentence
        out.append(replace(f, sentence=sentence.strip(), start=back[f.start], end=back[f.end]))
    return out


def _offset_map(text: str) -> list[int]:
    """For each offset of NFC(text), the offset in text (base letter + its marks map as one)."""
    out: list[int] = []
    i = 0
    while i < len(text):
        j = i + 1
        while j < len(text) and unicodedata.combining(text[j]):
            j += 1
        out += [i] * len(unicodedata.normalize("NFC", text[i:j]))
        i = j
    out.append(len(text))
    return out


def _extract(text: str, published: date | datetime | None, title: str | None,
             number_format: str, period_after: bool = False) -> list[Figure]:
    """extract_figures on NFC text."""
    pub = published.date() if isinstance(published, datetime) else published
    text = unwrap(text)
    pars = paragraphs(text)
    ctx = Context(pub or dateline(pars, text), _number_format(text, number_format))
    ctx.period_after = period_after
    _frame(ctx, pars, text, title)
    # a table written as text lines (texttable.py); a plain test of the whole text: lowering it
    # for a guard cost 3% of the extraction
    tables, table_rows = table_figures(ctx, pars) if "|" in text or "\t" in text \
        else ([], set())
    figures: list[Figure] = []
    head: list[Figure] = []
    lead_i = (ctx.head_index + 1) if ctx.head_index is not None else 0
    for i, par in enumerate(pars):
        if i == ctx.head_index or i in table_rows:
            continue
        section = _section_region(ctx, par)
        if section is not None:  # "Hà Nam: 10,39%" heads the paragraphs about Hà Nam
            ctx.section_region = section
        if _FIGURE_HINT_RE.search(text, par.start, par.end):
            figures.extend(_paragraph(ctx, par))
        else:  # no figure here, but the paragraph may say GRDP is being discussed
            ctx.last_par = None
            ctx.last_ind = update_topic_from(ctx, par.text) or ctx.last_ind
            # "Kết quả 6 tháng đầu năm 2024:" dates the list below; so does the lead's period
            # ("Theo Cục Thống kê, năm 2024, …" before the paragraphs of figures)
            if text[par.end - 1] == ":" or i == lead_i:
                _intro_period(ctx, par.text)
        if i == lead_i:
            ctx.lead_period = ctx.last_period
    if ctx.head_index is not None:
        # the headline speaks of the lead's period, not of the body's last paragraph
        ctx.last_period = ctx.lead_period
        head = _paragraph(ctx, pars[ctx.head_index])
    # a headline restates the body, often rounded ("hơn 20 tỷ USD"): the body's number wins
    figures = _drop_rounded(text, _regroup(text, figures))
    body_keys = {_series_key(f) for f in figures}
    # a table repeating the text's figures adds only the others (the text says "ước")
    figures += [f for f in tables if _series_key(f) not in body_keys]
    body = text[pars[ctx.head_index].end:] if ctx.head_index is not None else ""
    return [f for f in head if _series_key(f) not in body_keys and not f.qualifier
            and not _body_declined(f, text, body, figures)] + figures


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


def _number_format(text: str, asked: str) -> str:
    """The format in force: "vi" unless the text plainly writes English decimals ("12.5%",
    "1.3 billion" style "1.25 tỷ") and never a Vietnamese one ("12,5%")."""
    if asked != "vi" or _VI_DECIMAL_RE.search(text):
        return asked
    return "en" if _EN_DECIMAL_RE.search(text) else asked


def _intro_period(ctx: Context, line: str) -> None:
    """The period a list's introduction names becomes the article's period in force."""
    year = ctx.published.year if ctx.published else ctx.first_year
    for m in find_periods(line):
        if m.kind in ("noise", "same_period") or _is_comparison(line, m) or \
                (m.kind == "month" and _DAY_BEFORE_RE.search(line, max(0, m.start - 12), m.start)):
            continue  # "Sáng 5 tháng 7, …": the day of a meeting, not the report's period
        p = resolve(m, ctx.published, year, None)
        if p is not None:
            ctx.last_period = p
            return  # the first period an introduction names is the one it is about


def _local_gdp(head: str) -> bool:
    """"GDP của TPHCM năm nay ước tăng 11-12%": a headline that gives a place a GDP (the older
    usage for its GRDP), so the article's GDP is that place's."""
    m = _GDP_OF_RE.search(head) if "GDP" in head else None
    return m is not None and any(r.region != NATIONAL and m.end() <= r.start <= m.end() + 12
                                 for r in find_regions(head))


def _series_key(f: Figure) -> tuple:
    return (f.region, f.indicator, f.scope, f.metric, f.period_start, f.period_end)


def _frame(ctx: Context, pars: list[Paragraph], text: str, title: str | None) -> None:
    """Headline, lead and article-wide region and year, the fallbacks of every figure."""
    hi = headline_index(pars, text)
    ctx.head_index = hi
    head = title or (pars[hi].text if hi is not None else "")
    # "Bất ngờ vượt TPHCM, Bắc Ninh vươn lên …": a headline naming two places names no subject
    named = {r.region for r in find_regions(head) if r.region != NATIONAL}
    ctx.head_region = _first_region(head) if len(named) < 2 else None
    ctx.local_gdp = _local_gdp(head)
    update_topic_from(ctx, head)  # "GRDP tăng 7%" in the headline: sectors count
    lead_i = (hi + 1) if hi is not None else 0
    if lead_i < len(pars):
        ctx.lead_region = _first_region(pars[lead_i].text)
    ctx.regions = [_old(text, r) for r in find_regions(text)]
    ctx.region_starts = [r.start for r in ctx.regions]
    counts = Counter(r.region for r in ctx.regions
                     if r.region != NATIONAL and not r.region.endswith(_OLD)
                     and not _aside(text, r.start))
    ctx.main_region = counts.most_common(1)[0][0] if counts else None
    if not ctx.local_gdp and "GDP" in text and ctx.main_region is not None and \
            ctx.main_region in (ctx.head_region, ctx.lead_region) and \
            not _NATIONAL_GDP_RE.search(text):
        ctx.local_gdp = True  # "Hà Nội: …" and "GDP tăng 7,21%": the city's GRDP
    if ctx.main_region is None and (any(r.region == NATIONAL for r in ctx.regions)
                                    or _NATIONAL_SOURCE_RE.search(text)):
        ctx.main_region = NATIONAL  # a national report that never names a province
    if ctx.published is None:
        ys = _TEXT_YEAR_RE.findall(text)
        ctx.first_year = int(ys[0]) if ys else None
        # "so với cùng kỳ năm 2020" says the text is of 2021 at least
        bases = [int(y) + 1 for y in _BASE_YEAR_RE.findall(text)]
        # "so với tháng 12/2025" compares the next month, of the next year
        bases += [int(y) + 1 for y in _DECEMBER_BASE_RE.findall(text)]
        if bases and (ctx.first_year is None or max(bases) > ctx.first_year):
            ctx.first_year = max(bases)
    # "Tây Ninh: 6 tháng đầu năm, …" over a text of 2023 with no date: that year's first half
    year = ctx.published.year if ctx.published else ctx.first_year
    for m in find_periods(head):
        p = resolve(m, ctx.published, year, None)
        if p:
            ctx.head_period = p
            break


def _old(text: str, r: RegionMention) -> RegionMention:
    """"tỉnh Quảng Ngãi (cũ)": a province before the 2025 merger, whose figures are not the
    merged province's series (marked here, left out in _figure)."""
    if _OLD_RE.match(text, r.end) and not _in_brackets(text[max(0, r.start - 120):r.start], 120):
        return RegionMention(r.start, r.end, r.region + _OLD, r.gate)
    return r


def _going_on(last: ParState, word: str) -> ParState:
    """The state a paragraph opening with "Trong đó" (the parts of the last one's total: all of
    it goes on) or "Theo đó" / "Cụ thể" (more of the same report: its indicator and period, not
    the place, gate or scope of the last figures) starts from."""
    if word.startswith("trong"):
        return replace(last)
    return ParState(period=last.period, frame=last.frame, year=last.year, ind=last.ind,
                    growth=last.growth)


def _section_region(ctx: Context, par: Paragraph) -> str | None:
    """The place a subheading names ("Hà Nam: 10,39%", "2. Thanh Hóa", "TP.HCM"): a line
    that is a place's name, numbered or not, and at most a short value after a colon."""
    m = _SECTION_RE.fullmatch(par.text) if len(par.text) <= _SECTION_MAX else None
    if m is None:
        return None
    found = [r for r in _regions_in(ctx, Sentence(par.start, par.end, par.text))
             if r.region != NATIONAL]
    if len(found) != 1 or found[0].start != m.start("place") or found[0].end != m.end("place"):
        return None
    return found[0].region


def _first_region(s: str) -> str | None:
    """The first place a headline or lead is about: not the venue of a meeting ("Chiều 5-1,
    tại Hà Nội, Cục Thống kê họp báo …"), nor the whole a place is part of ("doanh nghiệp Việt
    Nam nói chung, Gia Lai nói riêng")."""
    found = [r for r in find_regions(s)
             if not _aside(s, r.start)
             and not _IN_GENERAL_AFTER_RE.match(s, r.end)]
    return found[0].region if found else None


def _aside(s: str, pos: int) -> bool:
    """Whether the place at pos is a venue ("tại Hà Nội") or an example ("như TP.HCM, …")."""
    return (s.find("tại", max(0, pos - 6), pos) >= 0 or s.find("ở", max(0, pos - 4), pos) >= 0) \
        and _VENUE_BEFORE_RE.search(s, max(0, pos - 6), pos) is not None or \
        s.find("như", max(0, pos - 30), pos) >= 0 and \
        _EXAMPLE_BEFORE_RE.search(s, max(0, pos - 30), pos) is not None


_VENUE_BEFORE_RE = re.compile(r"\b(?:tại|ở)\s+$", re.IGNORECASE)
# "các địa bàn trọng điểm như TP.HCM, Bình Dương": examples, not the subject
_EXAMPLE_BEFORE_RE = re.compile(r"\bnhư\s+(?:tại\s+|ở\s+)?(?:[^\s,;]+(?:\s+[^\s,;]+)?,\s*)*$",
                                re.IGNORECASE)
_IN_GENERAL_AFTER_RE = re.compile(r"\s+nói\s+chung\b", re.IGNORECASE)
# the country's GDP named as such: an article that never does and is about a province uses
# "GDP" for the province's GRDP
_NATIONAL_GDP_RE = re.compile(r"GDP\s+(?:của\s+)?(?:cả\s+nước|Việt\s+Nam|toàn\s+quốc)|"
                              r"tổng\s+sản\s+phẩm\s+(?:trong\s+nước|quốc\s+nội)|"
                              r"Tổng\s+cục\s+Thống\s+kê|nền\s+kinh\s+tế\s+(?:cả\s+nước|Việt\s+Nam)|"
                              r"kinh\s+tế\s+(?:cả\s+nước|Việt\s+Nam)", re.IGNORECASE)


def _paragraph(ctx: Context, par: Paragraph) -> list[Figure]:
    """Figures of one paragraph, its sentences read in order."""
    # "Trong đó, xuất khẩu …" opening a paragraph lists the parts of the last one's total: its
    # place, gate, scope and indicator go on (as they do for a sentence within a paragraph)
    opening = GOES_ON_RE.match(par.text) if ctx.last_par is not None else None
    st = _going_on(ctx.last_par, opening.group(1).lower()) if ctx.last_par and opening \
        else ParState()
    out = []
    for sent in par.sentences():
        out += _sentence(ctx, st, sent)
    if st.period is not None:
        # a paragraph naming no period goes on with this one; "Trong 6 tháng, GDP quý I tăng
        # 6,08%, quý II tăng 6,44%": with the frame the paragraph opened with, not its part
        frame = st.frame
        inside = frame is not None and frame.start <= st.period.start and \
            st.period.end <= frame.end
        ctx.last_period = frame if inside else st.period
    ctx.last_par = st
    return out


def _sentence(ctx: Context, st: ParState, sent: Sentence) -> list[Figure]:
    """Figures of one sentence; updates the paragraph's period and region."""
    s = sent.text
    compared: list[Mention] = []
    mentions: list[Mention] = []
    for m in find_periods(s):
        if m.kind == "noise":
            continue
        if _is_comparison(s, m):
            compared.append(m)
        elif not _same_as_before(s, m):
            mentions.append(m)
    elsewhen = bool(mentions) and _opens_in_another_year(s, mentions[0])
    periods = _periods(ctx, st, s, mentions, elsewhen,
                       _implied_year(ctx, compared) if compared else None)
    regions = _regions_in(ctx, sent)
    nums = number_events(s, ctx.number_format) if _FIGURE_HINT_RE.search(s) else []
    vevs = vocab_events(s) if nums or ctx.period_after else []
    if nums:
        cands = candidates(ctx, st, s, vevs, nums, regions, mentions)
    else:
        cands = []
        if ctx.period_after:  # "Much of the surplus came from foreign-invested firms."
            english_subject(ctx, s, vevs)
        named = update_topic_from(ctx, s)
        if named is not None:
            st.ind = ctx.last_ind = named
    figures = []
    if len(periods) > 1 and ("lần lượt" in s or "tương ứng" in s):
        cands = _list_run(s, cands, nums)
        by_position = _periods_by_position(s, cands, periods)
    else:
        by_position = {}
    for c in cands:
        if id(c) in by_position and by_position[id(c)] is None:
            continue  # a list of periods whose numbers do not pair up with them
        fig = _figure(ctx, st, sent, c, periods, regions, by_position.get(id(c)))
        if fig is not None:
            key = (fig.region, fig.indicator, fig.scope, fig.metric, fig.period_start,
                   fig.period_end, round(fig.value, 4))
            if key not in ctx.seen:
                ctx.seen.add(key)
                figures.append(fig)
    figures += _last_years_rate(ctx, sent, figures)
    figures += _compared_rates(ctx, sent, figures)
    main = [f for f in figures if not _in_brackets(s, f.start - sent.start)]
    if main:  # "(quý I tăng 7,56%; quý II tăng 7,69%)" are not what "mức tăng này" means
        ctx.last_figure = main[-1]
        totals = [f for f in main if f.metric == "yoy_pct" and
                  not f.indicator.startswith("grdp_")]
        ctx.last_total = totals[-1] if totals else ctx.last_total
    # "(quý I tăng 7,56%; quý II tăng 7,69%)": a period inside brackets dates its own numbers
    outside = [(m, p) for m, p in periods if not _in_brackets(s, m.start)] or periods
    # "chỉ đứng sau tốc độ 8,56% của quý II/2022": a compared figure's period dates nothing else
    outside = [(m, p) for m, p in outside
               if not _compared_figure_before(s, m.start)]
    if elsewhen:  # "Cùng kỳ năm ngoái, GDP quý 1 chỉ tăng 5,03%": last year's, an aside
        outside = []
    # "… tạo nền tảng cho tăng trưởng 10% trong năm 2025": a target's period dates nothing else
    targets = target_spans(s, [e for e in vevs if e.kind == "target" and
                               s[e.start:e.end].lower() not in _PLAN_WORDS]) \
        if any(e.kind == "target" for e in vevs) else []
    outside = [(m, p) for m, p in outside if not any(a <= m.start < b for a, b in targets)]
    own = [p for m, p in outside if m.kind != "same_period"]
    if st.frame is None and own:
        st.frame = own[0]
    if own or any(m.kind in ("vague", "to_now") and p is None for m, p in outside):
        # "cùng kỳ năm trước" dates the numbers beside it, not the paragraph's later ones
        st.period = outside[-1][1] if outside[-1][0].kind != "same_period" else own[-1]
    gates = [r for r in regions if r.gate]
    # a gate named with no figure ("Cửa khẩu La Lay đón 4.404 phương tiện") is still the one
    # "cửa khẩu này" of the next sentence means, unless another place is named beside it
    alone = gates and all(r.gate or r.region == gates[-1].region for r in regions)
    st.gate = gates[-1] if gates and (figures or alone) else (None if regions else st.gate)
    provinces = [r.region for r in regions if r.region != NATIONAL]
    if figures and (figures[0].region in provinces or
                    not any(r.start < figures[0].start - sent.start for r in regions)):
        st.region = figures[0].region  # the sentence's subject, not a place compared with
        # ("Bắc Ninh đã vượt TP.HCM, … với 76,44 tỉ USD": Bắc Ninh goes on)
    elif regions:
        st.region = provinces[-1] if provinces else NATIONAL
    return figures


def _last_years_rate(ctx: Context, sent: Sentence, figures: list[Figure]) -> list[Figure]:
    """"Mức tăng này cao hơn cùng kỳ năm trước (6,13%)": the last figure's rate a year earlier;
    "tăng 10,5%, thấp hơn cùng kỳ năm trước (tăng 11,7%)": the rate just before it's."""
    m = _LAST_YEARS_RATE_RE.search(sent.text) if _HAS_LAST_YEARS_RATE(sent.text) else None
    if m is None:
        return []
    at = sent.start + m.start("v")
    figures[:] = [g for g in figures if not g.start <= at < g.end]  # (not this period's)
    before = [g for g in figures if g.start < sent.start + m.start() and g.metric == "yoy_pct"]
    f = before[-1] if m["cmp"] and before else ctx.last_figure
    if f is None or f.metric != "yoy_pct" or m["y"] and int(m["y"]) != f.period_start.year - 1:
        return []  # ("cao hơn cùng kỳ năm 2023 (6,15%)" is 2023's only beside a 2024 figure)
    value = float(m.group("v").replace(",", ".") if ctx.number_format == "vi"
                  else m.group("v").replace(",", ""))
    value = -value if (m["dir"] or "").lower() == "giảm" else value
    try:
        start = f.period_start.replace(year=f.period_start.year - 1)
        end = f.period_end.replace(year=f.period_end.year - 1)
    except ValueError:  # 29 February
        return []
    key = (f.region, f.indicator, f.scope, "yoy_pct", start, end, round(value, 4))
    if key in ctx.seen:
        return []
    ctx.seen.add(key)
    return [replace(f, value=value, period_start=start, period_end=end, estimate=False,
                    sentence=sent.text, start=sent.start + m.start("v"),
                    end=sent.start + m.end("v") + 1, qualifier=None)]


def _compared_rates(ctx: Context, sent: Sentence, figures: list[Figure]) -> list[Figure]:
    """"thấp hơn mức tăng 4,18% của năm 2020", "từ mức giảm sâu 5,36% của năm 2021": a rate of
    another period named as the comparison's term, when the sentence read no figure from it: the
    last whole's (not a sector's) rate in that period."""
    s = sent.text
    if "mức" not in s or not any(w in s for w in _CMP_HINTS):
        return []
    out = []
    for m in _COMPARED_RATE_RE.finditer(s):
        if not _CMP_WORD_BEFORE_RE.search(s, max(0, m.start() - 16), m.start()):
            continue  # "với mức tăng 14,8% trong quý II": the rate of its own subject
        at = sent.start + m.start("v")
        if any(g.start <= at < g.end or at <= g.start < at + len(m["v"]) for g in figures):
            continue  # the walk read it already
        own = [g for g in figures if g.start < at and g.metric == "yoy_pct"]
        # the sentence's own rate it is compared with; else, in a sentence naming no other
        # subject ("Mức tăng quý I năm nay … thấp hơn mức tăng 6,12% của …"), the last whole's
        named = any(e.kind in ("ind", "sector", "block") for e in vocab_events(s[:m.start()]))
        f = own[-1] if own else (None if named else ctx.last_total)
        if f is None:
            continue
        sign = -1.0 if m["dir"].lower() == "giảm" else 1.0
        for v, pos in _compared_run(s, m):
            period = _period_at(ctx, sent.text, pos, f)
            if period is None or (period.start, period.end) == (f.period_start, f.period_end):
                break
            raw = v.group(0).replace(",", ".") if ctx.number_format == "vi" \
                else v.group(0).replace(",", "")
            value = sign * float(raw)
            key = (f.region, f.indicator, f.scope, "yoy_pct", period.start, period.end, value)
            if key in ctx.seen:
                continue
            ctx.seen.add(key)
            out.append(replace(f, value=value, period_start=period.start, period_end=period.end,
                               estimate=False, sentence=sent.text, start=sent.start + v.start(),
                               end=sent.start + v.end() + 1, qualifier=None))
    return out


def _compared_run(s: str, m: re.Match[str]) -> list[tuple[re.Match[str], int]]:
    """The compared rate and those joined to it ("… 6,12% của cùng kỳ năm 2015 và 5,48% của cùng
    kỳ năm 2016"): each rate's digits and where its period starts."""
    out = [(_DIGITS_RE.search(s, m.start("v"), m.end("v")), m.end())]
    while True:
        names = find_periods(s, out[-1][1], min(len(s), out[-1][1] + 40))
        if not names or names[0].start != out[-1][1]:
            return out
        more = _AND_RATE_RE.match(s, names[0].end)
        if more is None:
            return out
        out.append((_DIGITS_RE.search(s, more.start("v"), more.end("v")), more.end()))


def _period_at(ctx: Context, s: str, pos: int, f: Figure) -> Period | None:
    """The period named right at pos, resolved against a figure's period ("quý trước": the
    quarter before a quarter's)."""
    if _PREV_QUARTER_RE.match(s, pos):
        start, end = f.period_start, f.period_end
        if start.day != 1 or (start.month - 1) % 3 or (end.month - start.month) != 2:
            return None  # (only after a quarter's figure)
        prev = date(start.year - (start.month == 1), (start.month - 4) % 12 + 1, 1)
        return Period(prev, start - timedelta(days=1))
    for m in find_periods(s[pos:pos + 40]):
        if m.start != 0 or m.kind in ("noise", "vague"):
            return None
        year = f.period_end.year
        return resolve(m, ctx.published, year, Period(f.period_start, f.period_end))
    return None


def _closed_bracket(s: str, pos: int, later: int) -> bool:
    """Whether pos stands in brackets that close before later: "(cùng kỳ tăng 6%)" dates only
    its own numbers."""
    return _in_brackets(s, pos) and 0 <= s.find(")", pos) < later


def _in_members(s: str, r: RegionMention) -> bool:
    """Whether a place is listed as a member of a merged province: "Bắc Ninh (gồm Bắc Ninh và
    Bắc Giang cũ) đạt …" is the new Bắc Ninh's figure, not Bắc Giang's."""
    return any(m.start() < r.start and r.end <= m.end()
               for m in _MEMBERS_RE.finditer(s, 0, r.end + 80)) if "gồm" in s else False


def _in_brackets(s: str, pos: int) -> bool:
    """Whether pos stands inside an open parenthesis."""
    return s.rfind("(", 0, pos) > s.rfind(")", 0, pos)


def _regions_in(ctx: Context, sent: Sentence) -> list[RegionMention]:
    """The article's region mentions inside a sentence, with offsets relative to it."""
    lo = bisect_left(ctx.region_starts, sent.start)
    hi = bisect_left(ctx.region_starts, sent.end)
    return [RegionMention(r.start - sent.start, r.end - sent.start, r.region, r.gate)
            for r in ctx.regions[lo:hi] if r.end <= sent.end]


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


def _periods_by_position(s: str, cands: list[Candidate],
                         periods: list[tuple[Mention, Period]]) -> dict[int, Period | None]:
    """"GRDP quý I, quý II và quý III lần lượt tăng 8,1%, 9,2% và 10,3%": the periods named
    before "lần lượt / tương ứng", given to the numbers after it in order. A metric's run with
    another count than the periods' gets None: which period is whose cannot be known."""
    m = _IN_TURN_RE.search(s)
    if m is None:
        return {}
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


def _list_run(s: str, cands: list[Candidate], nums: list[Event]) -> list[Candidate]:
    """"… lần lượt là 8,1%, 9,2% và 10,3%": the numbers listed right after a candidate read
    after "lần lượt", of the same kind, are the same indicator's (each gets the first one's
    sign and metric)."""
    m = _IN_TURN_RE.search(s)
    if m is None:
        return cands
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


def _figure(ctx: Context, st: ParState, sent: Sentence, c: Candidate,
            periods: list[tuple[Mention, Period]], regions: list[RegionMention],
            own_period: Period | None = None) -> Figure | None:
    """A candidate with its period and region, or None when either cannot be known."""
    period, period_from = (own_period, "sentence") if own_period is not None else \
        _period_for(ctx, st, sent.text, c, periods)
    if period is None or _after_span(sent.text, c, periods):
        return None
    if c.reading.base_year is not None and c.compared_at < 0 and \
            c.reading.base_year != period.start.year - 1:
        return None  # growth against a base two or more years back (a compared rate's year
        # is its own: "cao hơn mức tăng 8,3% của cùng kỳ năm 2023")
    if c.reading.metric == "yoy_pct" and "hiện hành" in sent.text and \
            _NOMINAL_RE.search(sent.text, max(0, c.start - 80), c.start):
        return None  # "còn tính theo giá hiện hành … tăng hơn 10%": nominal, not real growth
    if c.reading.metric == "yoy_pct" and _other_period_base(sent.text, c.start, period):
        return None  # "so với tháng 12/2025, tổng kim ngạch giảm 0,6%": month on month
    if c.reading.metric == "yoy_pct" and c.reading.base_year is None and c.compared_at < 0:
        # "So với cùng kỳ năm 2019, GRDP 6 tháng tăng 9,3%": the base named before the rate
        base = _base_before(sent.text, c.start)
        if base is not None and base != period.start.year - 1:
            return None
    near = sent.text[max(0, c.start - 60):c.start]
    lead = near[max(near.rfind(";"), near.rfind("("), near.rfind(")")) + 1:]  # its clause
    if _HAS_FORECAST(sent.text) and _FORECAST_RE.search(lead) or ctx.published and \
            (period.end - ctx.published).days > 62 and _PLANNED_RE.search(sent.text):
        return None  # "có thể đạt", "dự kiến cả năm tăng 12%" in spring: forecasts
    bracket = sent.text.find("(", max(0, c.start - 12), c.start) >= 0
    base = _BASE_BRACKET_RE.search(sent.text, max(0, c.start - 60), c.start) \
        if bracket and c.reading.metric == "yoy_pct" else None
    if base is not None:  # "tăng 15% so cùng kỳ năm 2017 (tăng 19,4%)": 2017's own rate
        year = int(base.group(1)) if base.group(1) else period.start.year - 1
        period = _in_year(period, year)
        if period is None:
            return None
    # last year's value beside this year's estimate ("cùng kỳ năm trước đạt …") is no estimate
    estimate = c.estimate and base is None and \
        not any(p is period and m.kind == "same_period" for m, p in periods)
    region, gate, region_from = _region_for(ctx, st, c, regions, sent.text)
    if gate and region and ctx.published and ctx.published >= _MERGER:
        region = successor(region) or region  # Bờ Y in an article of August 2025: Quảng Ngãi
    if region is None or region.endswith(_OLD) or _several_gates(sent.text, c, regions):
        return None
    indicator = c.indicator
    if indicator == "grdp" and region == NATIONAL:
        indicator = "gdp"
    elif indicator == "gdp" and region != NATIONAL:
        indicator = "grdp"
    scope = f"border_gate:{gate}" if gate and (c.scope == "all" or not c.scope_named) \
        else c.scope
    if indicator.startswith(("grdp", "gdp")):
        scope = "all"  # scopes are trade's (figures-schema.md): an economy has none
    r = c.reading
    value = round(r.value, 2) if r.metric == "level" else round(r.value, 6)
    year_from = "written" if period.explicit_year else ctx.year_from.get(id(period), "published"
                                                                         if ctx.published
                                                                         else "text")
    conf, reasons = score_fields(region, indicator, r.metric, value, r.unit, period.start,
                                 period_from, year_from, region_from, ctx.period_after,
                                 ctx.published)
    return Figure(region, indicator, scope, r.metric, value, r.unit, period.start, period.end,
                  estimate, sent.text, sent.start + c.start, sent.start + c.end, r.qualifier,
                  successor(region), conf, reasons)


def _in_share(s: str, r: RegionMention) -> bool:
    """Whether a place is named inside the whole a share is of ("chiếm 19,5% kim ngạch xuất khẩu
    cả nước"): that whole's place, not the subject."""
    return any(m.start() < r.start and r.end <= m.end()
               for m in _SHARE_WHOLE_RE.finditer(s, max(0, r.start - 70), r.end))


def _the_place_subject(s: str, end: int) -> bool:
    """Whether a clause before end opens with "thành phố" / "tỉnh" and no name: the place the
    text is about is its subject."""
    pos = 0
    while 0 <= pos < end:
        if _THE_PLACE_SUBJECT_RE.match(s, pos, end):
            return True
        pos = s.find(",", pos + 1, end)
        pos = pos + 1 if pos >= 0 else -1
    return False


def _after_span(s: str, c: Candidate, periods: list[tuple[Mention, Period]]) -> bool:
    """A multi-year span ("giai đoạn 2020 – 2024") named before the number, and no period since."""
    spans = list(_SPAN_RE.finditer(s, 0, c.start)) if _HAS_SPAN(s) else []
    if not spans:
        return False
    end = spans[-1].end()
    return not any(end <= m.start and (m.start < c.start or _NEAR_AFTER_RE.match(s[c.end:m.start]))
                   for m, _p in periods)


def _several_gates(s: str, c: Candidate, regions: list[RegionMention]) -> bool:
    """"qua cửa khẩu Hữu Nghị và Tân Thanh đạt …": two gates together are neither one gate
    nor the province."""
    gates = {r.gate for r in regions if r.gate and r.end <= c.start
             and not _DIGIT_RE.search(s, r.end, c.start)}
    return len(gates) > 1


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
    return m.end <= c.start and not _closed_bracket(s, m.start, c.start) and \
        not _compared_figure_before(s, m.start) and \
        not (_TO_LEVEL_RE.fullmatch(s, m.end, c.start) and
             _FROM_AMOUNT_RE.search(s, max(0, m.start - 40), m.start))
        # ("từ 0,9 tỷ USD cùng kỳ năm trước lên 1,2 tỷ USD": the period is the first level's)


# plan words name what a result is measured against, not a period still ahead
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
_TEXT_YEAR_RE = re.compile(r"(?:\bnăm\s+|\d\s*[/-]\s*|\d\.)((?:19|20)\d{2})(?![\d.,]?\d)",
                           re.IGNORECASE)
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
_NOMINAL_RE = re.compile(r"giá\s+hiện\s+hành[^;]*$", re.IGNORECASE)
_CMP_CLAUSE_RE = re.compile(r"\bso\s+với\s+(?:thời\s+điểm|lúc|khi)\b[^,;.()%]{0,50}$",
                            re.IGNORECASE)
_PLAN_WORDS = frozenset({"kế hoạch", "kh", "kế hoạch năm", "chỉ tiêu", "dự toán", "đề ra",
                         "kế hoạch đề ra", "kế hoạch giao", "được giao", "đặt ra", "nghị quyết"})
_BASE_YEAR_RE = re.compile(r"\bso(?:\s+với)?\s+(?:cùng\s+kỳ\s+)?(?:năm\s+)?((?:19|20)\d{2})(?!\d)",
                           re.IGNORECASE)
_TO_LEVEL_RE = re.compile(r"\s*(?:lên|xuống)(?:\s+(?:mức|còn))?\s+(?:khoảng\s+|hơn\s+|gần\s+)?",
                          re.IGNORECASE)
_FROM_AMOUNT_RE = re.compile(r"\btừ\s+(?:mức\s+)?[0-9][0-9.,]*[^;,()]{0,25}$", re.IGNORECASE)


def _region_for(ctx: Context, st: ParState, c: Candidate, regions: list[RegionMention],
                s: str = "") -> tuple[str | None, str | None, str]:
    """The region of a figure, the border gate when one stands for it, and where the region
    came from (confidence.py)."""
    if c.national:
        return NATIONAL, None, "gdp"
    if c.region_override is not None:
        return c.region_override.region, c.region_override.gate, "sentence"
    before = [r for r in regions if r.end <= c.start and not _in_members(s, r)]
    if before and _BRACKET_OPEN_RE.fullmatch(s, before[-1].end, c.start):
        return before[-1].region, before[-1].gate, "sentence"  # "vượt Đồng Nai (35 tỷ USD)"
    shared = len(before) > 1 and ("chiếm" in s or "bằng" in s)
    subjects = [r for r in before
                if not _is_object(s, r.start) and not (shared and _in_share(s, r))]
    before = subjects or before  # "Bắc Ninh đã vượt TP.HCM, … với 76 tỷ USD": Bắc Ninh's
    if len(before) >= 2 and before[-2].gate and before[-2].region == before[-1].region and \
            _CONFIRMS_GATE_RE.fullmatch(s, before[-2].end, before[-1].start):
        before = before[:-1]  # "Cửa khẩu Lao Bảo (Quảng Trị)": the province confirms the gate
    if before:
        return before[-1].region, before[-1].gate, "sentence"
    if st.gate is not None and (c.carried or _THIS_GATE_RE.search(s, 0, c.start)):
        return st.gate.region, st.gate.gate, "paragraph"  # "kim ngạch qua cửa khẩu này đạt …"
    after = [r for r in regions if r.start >= c.end and r.region != NATIONAL]
    known, where = (st.region, "paragraph") if st.region else \
        (ctx.section_region, "section") if ctx.section_region else \
        (ctx.head_region, "headline") if ctx.head_region else \
        (ctx.lead_region, "lead") if ctx.lead_region else \
        (ctx.main_region, "article") if ctx.main_region else (None, "")
    if after and not (known and (_THE_PROVINCE_RE.search(s, 0, c.start) or
                                 _the_place_subject(s, c.start))):
        return after[0].region, None, "after"
    # "tăng trưởng của tỉnh ước đạt 12%, chỉ sau tỉnh Bắc Giang": "the province" is the one
    # the text is about, not the place compared with after the number
    if known == NATIONAL and ctx.main_region not in (None, NATIONAL) and \
            _THE_PROVINCE_RE.search(s, 0, c.start):
        return ctx.main_region, None, "article"  # "kim ngạch xuất khẩu của tỉnh": a province's
    if known:
        return known, None, where
    return (after[0].region, None, "after") if after else (None, None, "")

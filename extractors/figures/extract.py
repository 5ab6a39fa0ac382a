"""extract_figures: article text -> figures with region, period, scope, estimate and provenance."""

from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from extractors.figures.classify import Reading, read_amount, read_percent
from extractors.figures.events import Event, number_events, target_spans, vocab_events
from extractors.figures.gazetteer import NATIONAL
from extractors.figures.periods import Mention, Period, find_periods, resolve
from extractors.figures.regions import RegionMention, find_regions, successor
from extractors.figures.sentences import Paragraph, Sentence, dateline, headline_index, paragraphs
from extractors.figures.vocab import INDICATORS
from extractors.model import Figure

logger = logging.getLogger(__name__)

_DIGIT_RE = re.compile(r"\d")
# a paragraph can hold a figure only if a number carries a percent sign, a magnitude or a currency
_FIGURE_HINT_RE = re.compile(r"\d\s*(?:%|phần trăm|tỷ|tỉ|triệu|nghìn|ngàn|tr\b|USD|đồng|VN|đô|US)",
                             re.IGNORECASE)
_CMP_BEFORE_RE = re.compile(
    r"(?:so\s+với|so|sv|bằng|với|từ)\s*(?:mức\s+|của\s+)?(?:cùng\s+kỳ\s+)?$", re.IGNORECASE)
_NEAR_AFTER_RE = re.compile(r"^\s*(?:(?:của|trong|vào|là|năm)\s+)?$", re.IGNORECASE)
_GROWTH_BEFORE_RE = re.compile(r"(?:tăng\s+trưởng|tốc\s+độ\s+tăng)\s*(?:của\s+)?$", re.IGNORECASE)
_PROVINCE_NEAR_RE = re.compile(r"[^.;]{0,25}?(?:của\s+tỉnh|toàn\s+tỉnh|của\s+thành\s+phố|"
                               r"trên\s+địa\s+bàn|của\s+địa\s+phương)", re.IGNORECASE)
_SEMI_RE = re.compile(r";")
_SAME_PERIOD_CMP_RE = re.compile(
    r"(?:%|hơn|kém|bằng|như|với)\s*(?:mức\s+(?:tăng\s+)?(?:của\s+)?)?$", re.IGNORECASE)
_NOT_SUBJECT_YEAR_RE = re.compile(r"(?:không\s+tính|trừ|ngoài|sau|trước|đến|tới|kể\s+từ|từ|"
                                  r"hơn|như)\s*$", re.IGNORECASE)
_TOTAL = ("trade_total", "any")
_NATIONAL_SOURCE_RE = re.compile(
    r"Tổng cục (?:Hải quan|Thống kê)|Bộ (?:Công Thương|Tài chính|Kế hoạch)|Cục Xuất nhập khẩu|"
    r"Cục Thống kê(?!\s+(?:tỉnh|thành phố|TP))|Chính phủ|Quốc hội|Ngân hàng Nhà nước|\bGDP\b")
_VI_DECIMAL_RE = re.compile(r"(?<![\d.,])\d{1,3},\d{1,2}(?![\d.,])\s*(?:%|tỷ|tỉ|triệu|nghìn|ngàn)")
_EN_DECIMAL_RE = re.compile(r"(?<![\d.,])\d{1,3}\.\d{1,2}(?![\d.,])\s*(?:%|tỷ|tỉ|triệu|nghìn|ngàn)")
_FORECAST_RE = re.compile(r"\b(?:dự\s+báo|có\s+thể|sẽ)\b", re.IGNORECASE)
_PLANNED_RE = re.compile(r"\bdự\s+kiến\b", re.IGNORECASE)
_COUNT_SUBJECT_RE = re.compile(r"(?:có|gồm)\s+\d+\s+(?:địa\s+phương|tỉnh|thành\s+phố|tỉnh,\s*thành)"
                               r"[^:;]*$", re.IGNORECASE)
_PARTNER_AFTER_RE = re.compile(
    r"[^,;.\d]{0,40}?\b(?:với|sang|từ|vào|tại)\s+(?:các\s+)?(?:thị\s+trường\s+|nước\s+)?"
    r"(?:Mỹ|Hoa\s+Kỳ|Trung\s+Quốc|EU|châu\s+Âu|Nhật\s+Bản|Hàn\s+Quốc|ASEAN|Đài\s+Loan|"
    r"Thái\s+Lan|Lào|Campuchia|Ấn\s+Độ|Nga|Anh|Đức|Pháp|Úc|Australia|Canada|Singapore|"
    r"Malaysia|Indonesia|Philippines|Hồng\s+Kông|Trung\s+Đông|châu\s+Phi|châu\s+Mỹ|"
    r"châu\s+Á|nước\s+ngoài)(?!\s*Cai)\b")
_PLACE_AFTER_RE = re.compile(r"\s+(?:của\s+)?(?:tỉnh|thành\s+phố|TP|địa\s+phương|Thủ\s+đô|"
                             r"cả\s+nước|toàn\s+tỉnh|nước\s+ta|Việt\s+Nam)\b", re.IGNORECASE)
# "thấp hơn tốc độ tăng 7,28% …", "so với mức tăng 5% …": a growth rate compared with this one
_COMPARED_RE = re.compile(r"(?:(?:cao|thấp|nhanh|chậm)\s+hơn|kém|so\s+với|bằng)\s+(?:so\s+với\s+)?"
                          r"(?:mức|tốc\s+độ)\s+tăng", re.IGNORECASE)
_EX_CRUDE_RE = re.compile(r"(?:không\s+(?:tính|kể)|trừ|ngoài)\s+dầu\s+thô", re.IGNORECASE)
# what may stand before the first number of a sentence that goes on about the last one's figure
_CARRY_LEAD_RE = re.compile(
    r"[\s,.:;()\-–]*(?:(?:riêng|tính\s+chung|tính\s+riêng|chỉ\s+tính|chung|chỉ\s+riêng|trong|"
    r"lũy\s+kế|luỹ\s+kế|cộng\s+dồn|con\s+số\s+này|mức\s+này|qua|của|tỉnh|thành\s+phố|"
    r"địa\s+phương|đạt|tăng|giảm|là|với|ở\s+mức|khoảng|hơn|gần|trên|xấp\s+xỉ|chỉ|vẫn|cũng|"
    r"tiếp\s+tục|lên|còn|so\s+với\s+cùng\s+kỳ(?:\s+năm\s+\S+)?|so\s+cùng\s+kỳ|"
    r"thu\s+về|dẫn\s+đầu|đứng\s+thứ\s+\S+|xếp\s+thứ\s+\S+|sau|trước\s+đó|"
    r"đứng\s+đầu|nhưng|và|thì|mới|đã|ghi\s+nhận|theo\s+sau|tiếp\s+theo|tiếp\s+đến|kế\s+đến|"
    r"xếp\s+sau|đứng\s+sau|(?:ở\s+)?vị\s+trí\s+thứ\s+\S+|cao\s+nhất|thấp\s+nhất|lớn\s+nhất|"
    r"nhất|các|bao\s+gồm|gồm|đó\s+là|lần\s+lượt|tương\s+ứng|ước|ước\s+tính|sơ\s+bộ|"
    r"như\s+vậy|tổng\s+cộng|cả|tương\s+đương(?:\s+với)?|bằng|vượt|hoàn\s+thành|thực\s+hiện|"
    r"được|có)[\s,.:;()\-–]*)*", re.IGNORECASE)
_CLAUSE_BREAK_RE = re.compile(r"[,;:()]|\d")
_SHARE_OF_RE = re.compile(r"%\s*(?:của\s+|trong\s+|so\s+với\s+)?(?:tổng\s+)?$")
# "xuất khẩu của Samsung", "của Tập đoàn …": a company's figure, not a place's
_OWNER_RE = re.compile(r"\s+(?:của\s+)?(?:(?:các\s+)?(?:tập\s+đoàn|công\s+ty|"
                       r"nhà\s+máy|hãng)\b|của\s+[A-Z][A-Za-z]+\b)")


def _region_at(s: str, pos: int, lead: str = r"\s+của\s+") -> bool:
    """Whether a region is named right at pos (after "của")."""
    m = re.match(lead, s[pos:])
    return bool(m and find_regions(s, pos + m.end(), min(len(s), pos + m.end() + 30)))
_THROUGH_RE = re.compile(r"\s+(?:hàng\s+hóa\s+|hàng\s+hoá\s+)?(?:qua|tại)\s", re.IGNORECASE)
# between two amounts of one list: "5 tỷ và 6 tỷ USD", "5 tỷ, 6 tỷ USD"
_LIST_GAP_RE = re.compile(r"\s*(?:,|;|và|hoặc|đến|tới|-|–)\s*", re.IGNORECASE)
# a sentence that goes on about the previous one's indicator: "Trong đó, …", "Riêng …"
_CARRY_RE = re.compile(r"\W*(?:trong\s+đó|riêng|cụ\s+thể|bao\s+gồm|trong\s+số\s+(?:này|đó)|"
                       r"tính\s+riêng|còn|ngoài\s+ra|theo\s+đó)\b", re.IGNORECASE)


@dataclass
class Candidate:
    """A number read as a figure of an indicator, waiting for its region and period."""

    indicator: str
    reading: Reading
    start: int  # offsets relative to the sentence
    end: int
    scope: str
    gate: str | None
    estimate: bool
    national: bool = False  # GDP: the country, whatever place the paragraph names
    region_override: RegionMention | None = None  # a region named in a "lần lượt" list
    carried: bool = False
    scope_named: bool = False  # the scope was named in this sentence, not carried
    compared_at: int = -1  # where "cao hơn / thấp hơn / so với" stands before a compared number


@dataclass
class _Context:
    """What an article gives every sentence: publication date, headline region and period."""

    published: date | None
    number_format: str
    head_region: str | None = None
    lead_region: str | None = None
    main_region: str | None = None
    head_period: Period | None = None
    last_period: Period | None = None
    first_year: int | None = None
    topic: str = ""  # "grdp" once GRDP/GDP is being discussed: sector names then count
    topic_national: bool = False
    head_index: int | None = None
    seen: set = field(default_factory=set)
    regions: list[RegionMention] = field(default_factory=list)
    region_starts: list[int] = field(default_factory=list)


def extract_figures(text: str, published: date | datetime | None = None,
                    title: str | None = None, number_format: str = "vi") -> list[Figure]:
    """The trade and GRDP figures a Vietnamese news text states (figures-schema.md)."""
    nfc = unicodedata.normalize("NFC", text)
    figures = _extract(nfc, published, title, number_format)
    if nfc == text:
        return figures
    back = _offset_map(text)  # decomposed input: offsets back into the text as given
    return [replace(f, start=back[f.start], end=back[f.end]) for f in figures]


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
             number_format: str) -> list[Figure]:
    """extract_figures on NFC text."""
    pub = published.date() if isinstance(published, datetime) else published
    pars = paragraphs(text)
    ctx = _Context(pub or dateline(pars, text), _number_format(text, number_format))
    _frame(ctx, pars, text, title)
    figures: list[Figure] = []
    head: list[Figure] = []
    for i, par in enumerate(pars):
        if i == ctx.head_index:
            continue
        if _FIGURE_HINT_RE.search(text, par.start, par.end):
            figures.extend(_paragraph(ctx, par))
        else:  # no figure here, but the paragraph may say GRDP is being discussed
            _update_topic(ctx, _indicator_events(text[par.start:par.end]))
            if text[par.end - 1] == ":":  # "Kết quả 6 tháng đầu năm 2024:" dates the list below
                _intro_period(ctx, text[par.start:par.end])
    if ctx.head_index is not None:
        head = _paragraph(ctx, pars[ctx.head_index])
    # a headline restates the body, often rounded ("hơn 20 tỷ USD"): the body's number wins
    body_keys = {_series_key(f) for f in figures}
    return [f for f in head if _series_key(f) not in body_keys and not f.qualifier] + figures


def _number_format(text: str, asked: str) -> str:
    """The format in force: "vi" unless the text plainly writes English decimals ("12.5%",
    "1.3 billion" style "1.25 tỷ") and never a Vietnamese one ("12,5%")."""
    if asked != "vi" or _VI_DECIMAL_RE.search(text):
        return asked
    return "en" if _EN_DECIMAL_RE.search(text) else asked


def _intro_period(ctx: _Context, line: str) -> None:
    """The period a list's introduction names becomes the article's period in force."""
    year = ctx.published.year if ctx.published else ctx.first_year
    for m in find_periods(line):
        p = resolve(m, ctx.published, year, None)
        if p is not None:
            ctx.last_period = p


def _series_key(f: Figure) -> tuple:
    return (f.region, f.indicator, f.scope, f.metric, f.period_start, f.period_end)


def _frame(ctx: _Context, pars: list[Paragraph], text: str, title: str | None) -> None:
    """Headline, lead and article-wide region and year, the fallbacks of every figure."""
    hi = headline_index(pars, text)
    ctx.head_index = hi
    head = title or (text[pars[hi].start:pars[hi].end] if hi is not None else "")
    ctx.head_region = _first_region(head)
    _update_topic(ctx, _indicator_events(head))  # "GRDP tăng 7%" in the headline: sectors count
    lead_i = (hi + 1) if hi is not None else 0
    if lead_i < len(pars):
        ctx.lead_region = _first_region(text[pars[lead_i].start:pars[lead_i].end])
    ctx.regions = find_regions(text)
    ctx.region_starts = [r.start for r in ctx.regions]
    counts = Counter(r.region for r in ctx.regions if r.region != NATIONAL)
    ctx.main_region = counts.most_common(1)[0][0] if counts else None
    if ctx.main_region is None and (any(r.region == NATIONAL for r in ctx.regions)
                                    or _NATIONAL_SOURCE_RE.search(text)):
        ctx.main_region = NATIONAL  # a national report that never names a province
    year = ctx.published.year if ctx.published else None
    for m in find_periods(head):
        p = resolve(m, ctx.published, year, None)
        if p:
            ctx.head_period = p
            break
    if ctx.published is None:
        ys = re.findall(r"(?<!\d)(?:năm|/|-|\.)\s*((?:19|20)\d{2})(?!\d)", text)
        ctx.first_year = int(ys[0]) if ys else None


def _first_region(s: str) -> str | None:
    found = find_regions(s)
    return found[0].region if found else None


def _indicator_events(s: str) -> list[Event]:
    return [Event(m.start(), m.end(), "ind", INDICATORS.value(m.group(0)))
            for m in INDICATORS.regex.finditer(s)]


def _update_topic(ctx: _Context, events: list[Event]) -> None:
    """The article's current subject: GRDP (then sector names count) or trade."""
    for e in events:
        if e.kind != "ind" or not e.value[0] or e.value[1] in ("economy", "pos_word", "neg_word"):
            continue  # "kim ngạch", "tăng trưởng", "kinh tế", "thặng dư": no subject alone
        ctx.topic = "grdp" if e.value[0] in ("grdp", "gdp") else "trade"
        ctx.topic_national = e.value[0] == "gdp"


@dataclass
class _ParState:
    """What a paragraph carries from sentence to sentence."""

    period: Period | None = None
    region: str | None = None
    year: int | None = None
    ind: Event | None = None  # the indicator in force at the end of the last sentence
    gate: RegionMention | None = None  # the border gate the last sentence's figures were about
    scope: str = "all"
    growth: bool = False


def _paragraph(ctx: _Context, par: Paragraph) -> list[Figure]:
    """Figures of one paragraph, its sentences read in order."""
    st = _ParState()
    out = []
    for sent in par.sentences:
        out += _sentence(ctx, st, sent)
    if st.period is not None:
        ctx.last_period = st.period  # a paragraph naming no period goes on with this one
    return out


def _sentence(ctx: _Context, st: _ParState, sent: Sentence) -> list[Figure]:
    """Figures of one sentence; updates the paragraph's period and region."""
    s = sent.text
    mentions = [m for m in find_periods(s) if m.kind != "noise" and not _is_comparison(s, m)]
    periods = _periods(ctx, st, s, mentions)
    regions = _regions_in(ctx, sent)
    nums = number_events(s, ctx.number_format) if _FIGURE_HINT_RE.search(s) else []
    if nums:
        cands = _candidates(ctx, st, s, vocab_events(s), nums, regions, mentions)
    else:
        cands = []
        _update_topic(ctx, _indicator_events(s))
    figures = []
    for c in cands:
        fig = _figure(ctx, st, sent, c, periods, regions)
        if fig is not None:
            key = (fig.region, fig.indicator, fig.scope, fig.metric, fig.period_start,
                   fig.period_end, round(fig.value, 4))
            if key not in ctx.seen:
                ctx.seen.add(key)
                figures.append(fig)
    own = [p for m, p in periods if m.kind != "same_period"]
    if own or any(m.kind == "vague" for m, _p in periods):
        # "cùng kỳ năm trước" dates the numbers beside it, not the paragraph's later ones
        st.period = periods[-1][1] if periods[-1][0].kind != "same_period" else own[-1]
    gates = [r for r in regions if r.gate]
    st.gate = gates[-1] if gates and figures else (None if regions else st.gate)
    if figures and not any(r.start < figures[0].start - sent.start for r in regions):
        st.region = figures[0].region  # the sentence's subject, not a place compared with
    elif regions:
        provinces = [r.region for r in regions if r.region != NATIONAL]
        st.region = provinces[-1] if provinces else NATIONAL
    return figures


def _regions_in(ctx: _Context, sent: Sentence) -> list[RegionMention]:
    """The article's region mentions inside a sentence, with offsets relative to it."""
    lo = bisect_left(ctx.region_starts, sent.start)
    hi = bisect_left(ctx.region_starts, sent.end)
    return [RegionMention(r.start - sent.start, r.end - sent.start, r.region, r.gate)
            for r in ctx.regions[lo:hi] if r.end <= sent.end]


def _periods(ctx: _Context, st: _ParState, s: str,
             mentions: list[Mention]) -> list[tuple[Mention, Period]]:
    """The periods a sentence names (not comparison bases), resolved in order."""
    out = []
    ref = st.period
    for m in mentions:
        year = st.year or (ctx.published.year if ctx.published else ctx.first_year)
        p = resolve(m, ctx.published, year, ref)
        if p is None and m.kind == "vague":
            out.append((m, None))
            continue
        if p is None:
            continue
        p = _roll_back(ctx, p, m, st)
        if p.explicit_year:
            # only a year written in digits sets the year of the paragraph's later periods
            st.year = p.start.year if ("y" in m.parts or "y2" in m.parts) and \
                m.kind != "same_period" else st.year
        out.append((m, p))
        ref = p
    return [(m, p) for m, p in out if p is not None or m.kind == "vague"]


def _is_comparison(s: str, m: Mention) -> bool:
    """A period named as a comparison base ("so với cùng kỳ năm 2023", "bằng 95% cùng kỳ")."""
    if _CMP_BEFORE_RE.search(s, max(0, m.start - 12), m.start):
        return True
    if m.kind == "same_period":  # "bằng 95% cùng kỳ", "cao hơn cùng kỳ năm trước"
        return bool(_SAME_PERIOD_CMP_RE.search(s, max(0, m.start - 30), m.start))
    if m.kind in ("year", "year_rel"):  # "kể từ năm 2011", "nếu không tính năm 2022"
        return bool(_NOT_SUBJECT_YEAR_RE.search(s, max(0, m.start - 14), m.start))
    return False


def _roll_back(ctx: _Context, p: Period, m: Mention, st: _ParState) -> Period:
    """A period without a year that would start after publication is last year's."""
    if p.explicit_year or st.year or ctx.published is None or m.kind in ("year", "year_rel"):
        return p
    if p.start <= ctx.published and (p.end - ctx.published).days <= 45:
        return p
    try:
        return Period(p.start.replace(year=p.start.year - 1), p.end.replace(year=p.end.year - 1))
    except ValueError:
        return p


@dataclass
class _Walk:
    """The state of reading one sentence left to right."""

    ind: Event | None = None
    growth: bool = False
    plan_seen: bool = False
    scope: str = "all"
    prev_end: int = 0
    items: list = field(default_factory=list)  # "lần lượt": the indicators or regions listed
    item_kind: str = ""
    n_amount: int = 0
    n_pct: int = 0
    list_start: int = -1
    seen_inds: list = field(default_factory=list)
    head: Event | None = None  # the sentence's main indicator (before "trong đó")
    head_scope: str = "all"
    in_list: bool = False
    adjacent_block: Event | None = None
    carried: bool = False  # the indicator came from the previous sentence
    scope_named: bool = False  # a scope phrase stood in this sentence
    blocked: bool = False  # a blocker is in force: generic totals stay its own


def _candidates(ctx: _Context, st: _ParState, s: str, vocab_evs: list[Event],
                nums: list[Event], regions: list[RegionMention],
                mentions: list[Mention]) -> list[Candidate]:
    """Numbers of a sentence read against the indicator in force where they stand."""
    if _EX_CRUDE_RE.search(s):
        return []  # totals "không kể dầu thô" are another series than the totals
    pers = [Event(m.start, m.end, "period") for m in mentions]
    gates = [Event(r.start, r.end, "gate", r) for r in regions if r.gate]
    evs = sorted(vocab_evs + nums + pers + gates, key=lambda e: (e.start, e.end))
    targets = target_spans(s, vocab_evs)
    est = _estimate_marks(s, evs)
    w = _Walk()
    if st.ind is not None and (_CARRY_RE.match(s) or _opens_without_topic(s, evs)):
        # offsets of a carried mention belong to the last sentence: anchor it at this one's start
        w.ind = Event(0, 0, st.ind.kind, st.ind.value)
        w.scope, w.growth, w.carried = st.scope, st.growth, True
    out: list[Candidate] = []
    for i, e in enumerate(evs):
        if e.kind in ("amount", "pct"):
            item = _list_item(w, e)
            if isinstance(item, Event):
                w.ind = item if item.kind == "ind" or ctx.topic == "grdp" else None
            if w.ind is not None and not any(a <= e.start < b for a, b in targets):
                c = _candidate(ctx, s, e, w, nums, est[i])
                if c is not None:
                    if isinstance(item, RegionMention):
                        c.region_override = item
                    out.append(c)
            w.prev_end = e.end
        else:
            _step(ctx, st, s, w, e, regions)
    if w.head is not None:
        st.ind, st.scope, st.growth = w.head, w.head_scope, w.growth
    return out


def _opens_without_topic(s: str, evs: list[Event]) -> bool:
    """Only a period, a place or a verb before the sentence's first number: it goes on about the
    previous sentence's indicator ("Lũy kế 2 tháng đạt …", "Quý II tăng …", "Con số này …");
    any other subject ("Năng suất lao động tăng 5%") is not carried over."""
    if any(e.kind == "block" for e in evs):
        return False
    kept = []
    pos = 0
    for e in evs:
        if e.kind in ("amount", "pct"):
            kept.append(s[pos:e.start])
            rest = "".join(kept)
            for r in find_regions(rest):
                rest = rest[:r.start] + " " * (r.end - r.start) + rest[r.end:]
            return bool(_CARRY_LEAD_RE.fullmatch(rest))
        if e.kind in ("ind", "sector", "target"):
            return e.kind == "ind" and e.value[1] in ("bare", "growth_generic")
        if e.kind in ("period", "est", "gate", "list", "trongdo"):
            kept.append(s[pos:e.start])
            pos = e.end
    return False


def _step(ctx: _Context, st: _ParState, s: str, w: _Walk, e: Event,
          regions: list[RegionMention]) -> None:
    """A non-number event changes what the next numbers are read against."""
    if e.kind == "ind":
        _indicator(ctx, st, s, w, e)
    elif e.kind == "sector":
        in_block = w.blocked and w.adjacent_block is not None and not _CLAUSE_BREAK_RE.search(
            s, w.adjacent_block.end, e.start)
        w.ind = e if ctx.topic == "grdp" and not in_block else None
        w.seen_inds.append(e)
    elif e.kind == "block":
        w.ind, w.adjacent_block, w.blocked = None, e, True
    elif e.kind == "scope":
        w.scope, w.scope_named = e.value, True
        if w.head is not None and not w.in_list:
            w.head_scope = e.value
    elif e.kind == "trongdo":
        w.in_list = True
    elif e.kind == "list":
        _start_list(s, w, e, regions)
    elif e.kind == "gate" and w.ind is None and not w.blocked:  # "Cửa khẩu Tà Lùng đạt …"
        w.ind = Event(e.start, e.end, "ind", _TOTAL)


def _indicator(ctx: _Context, st: _ParState, s: str, w: _Walk, e: Event) -> None:
    """An indicator mention: the numbers after it are its figures."""
    flavour = e.value[1]
    if flavour == "context":  # "giá trị tăng thêm": sectors of GRDP are being discussed
        ctx.topic = "grdp"
        return
    if flavour == "economy":  # "kinh tế Hà Nội quý I tăng 5,5%": the place's economy grew
        if not _PLACE_AFTER_RE.match(s, e.end) and not _region_at(s, e.end, "\\s+"):
            return
        e, flavour = Event(e.start, e.end, "ind", ("grdp", "growth")), "growth"
    if flavour == "bare":  # "kim ngạch": the indicator in force; through a gate, the total
        through = _THROUGH_RE.match(s, e.end)
        if w.blocked:
            return
        if through:
            w.ind = Event(e.start, e.end, "ind", _TOTAL)
            if w.carried:
                w.scope = "all"  # through a named place: not the last sentence's scope
        elif w.ind is None:
            w.ind = Event(e.start, e.end, st.ind.kind if st.ind else "ind",
                          st.ind.value if st.ind else _TOTAL)
        return
    if flavour == "growth_generic":  # "tốc độ tăng trưởng": of what is in force, else GRDP
        if w.ind is not None:
            w.growth = True
        elif not w.blocked:
            topic = st.ind.value if st.ind and ctx.topic == "trade" else ("grdp", "growth")
            w.ind, w.growth = Event(e.start, e.end, "ind", topic), True
            _update_topic(ctx, [w.ind])
        return
    if flavour in ("pos_word", "neg_word"):  # "thặng dư" / "thâm hụt": of the trade balance
        sign = "pos" if flavour == "pos_word" else "neg"
        if w.ind is not None and w.ind.value[0] == "trade_balance":
            w.ind = Event(w.ind.start, e.end, "ind", ("trade_balance", sign))
        elif w.ind is not None and w.ind.value[0] in ("export", "import", "trade_total"):
            w.ind = Event(e.start, e.end, "ind", ("trade_balance", sign))  # "dẫn đến thâm hụt"
        return
    if w.blocked and w.adjacent_block and not _CLAUSE_BREAK_RE.search(
            s, w.adjacent_block.end, e.start):
        w.ind = None  # "gạo xuất khẩu", "khu vực FDI trên địa bàn xuất khẩu": a component
        return
    if flavour == "generic" and w.blocked:
        return  # "… quá cảnh với tổng trị giá …": the total of the blocked topic
    if _SHARE_OF_RE.search(s, max(0, e.start - 30), e.start):
        w.ind, w.blocked = None, True  # "chiếm 78% giá trị xuất khẩu": the whole of a share
        return
    if _OWNER_RE.match(s, e.end) and not _region_at(s, e.end):
        w.ind, w.blocked = None, True  # "xuất khẩu của Samsung": a company's trade
        return
    w.blocked = False
    if w.ind is None or w.ind.value[0] != e.value[0] or w.ind.end < w.prev_end:
        w.growth = flavour == "growth" or bool(_GROWTH_BEFORE_RE.search(s, 0, e.start))
    w.ind = e
    w.seen_inds.append(e)
    if not w.in_list:
        w.head, w.head_scope = e, w.scope
    _update_topic(ctx, [e])


def _start_list(s: str, w: _Walk, e: Event, regions: list[RegionMention]) -> None:
    """"A, B và C lần lượt đạt x, y, z": remember A, B, C for the numbers that follow."""
    lo = w.prev_end
    regs = [r for r in regions if lo <= r.start < e.start]
    inds = [x for x in w.seen_inds if lo <= x.start < e.start]
    if len(regs) >= 2:
        w.items, w.item_kind = regs, "region"
    elif len(inds) >= 2:
        w.items, w.item_kind = inds, "ind"
    else:
        return
    w.n_amount = w.n_pct = 0
    w.list_start = e.start


def _list_item(w: _Walk, e: Event) -> Event | RegionMention | None:
    """The listed item the k-th number after "lần lượt" belongs to (amounts and percentages
    are counted apart: "lần lượt đạt x và y USD, tăng tương ứng a% và b%")."""
    if not w.items or e.start < w.list_start:
        return None
    k = w.n_amount if e.kind == "amount" else w.n_pct
    if e.kind == "amount":
        w.n_amount += 1
    else:
        w.n_pct += 1
    return w.items[k] if k < len(w.items) else None


def _candidate(ctx: _Context, s: str, e: Event, w: _Walk, nums: list[Event],
               estimate: bool) -> Candidate | None:
    """One number read against the indicator mention in force."""
    ind = w.ind
    assert ind is not None
    window = s[max(w.prev_end, ind.end):e.start]
    if _PARTNER_AFTER_RE.match(s, e.end):
        return None  # "thặng dư 24 tỷ USD trong thương mại với Hoa Kỳ": one partner's figure
    if _COUNT_SUBJECT_RE.search(s, 0, e.start) and not any(
            x.kind == "amount" for x in nums if x.end <= e.start):
        return None
    if w.items and e.start > w.list_start >= 0 and not window.strip(" ;,và"):
        window = s[w.items[-1].end:e.start]  # "A; B và C lần lượt tăng x%; y% và z%"
    if ind.kind == "sector":
        key = (ind.value, "growth")
    else:
        key = ind.value
    if e.kind == "pct":
        r = read_percent(s, e, window, key, w.growth or ind.kind == "sector" or
                         key[0] in ("grdp", "gdp"), w.plan_seen)
    else:
        r = read_amount(e, window, key, _unit(s, e, nums))
    if r is None:
        return None
    national = ctx.topic_national if ind.kind == "sector" else (
        key[0] == "gdp" and not _PROVINCE_NEAR_RE.match(s, ind.end))
    w.plan_seen = w.plan_seen or r.metric == "plan_pct"
    c = Candidate(key[0], r, e.start, e.end, w.scope, None, estimate, national,
                  carried=w.carried, scope_named=w.scope_named)
    wide = s[w.prev_end:e.start]
    cmp = _COMPARED_RE.search(wide)
    if cmp and e.kind == "pct" and not find_regions(wide, cmp.end()):
        c.compared_at = w.prev_end + cmp.start()  # compared with another period
    return c


def _unit(s: str, e: Event, nums: list[Event]) -> str | None:
    """The currency of an amount; "5 tỷ và 6 tỷ USD" lends the later currency to the first."""
    unit, has_mag = e.extra
    if unit or not has_mag:
        return unit
    later = [n for n in nums if n.kind == "amount" and n.start > e.end and n.extra[0]]
    if later and _LIST_GAP_RE.fullmatch(s[e.end:later[0].start]):
        return later[0].extra[0]
    return None


def _estimate_marks(s: str, evs: list[Event]) -> list[bool]:
    """Which events an estimate word governs: forward to the end of its segment, backward over
    the figures of the same indicator mention with no period named in between."""
    marks = [False] * len(evs)
    # "Theo đó, A ước tăng x%; B tăng y%": a list sentence is one clause over its semicolons
    semis = [] if _CARRY_RE.match(s) else [m.start() for m in _SEMI_RE.finditer(s)]
    trong_do = [e.start for e in evs if e.kind == "trongdo"]
    for j, est in enumerate(evs):
        if est.kind != "est":
            continue
        seg_end = _segment_end(est.start, semis, trong_do, len(s))
        for i, e in enumerate(evs):
            if e.kind not in ("amount", "pct"):
                continue
            if est.start < e.start < seg_end:
                marks[i] = True
            elif e.start < est.start and _same_clause(s, evs, i, j, semis):
                marks[i] = True
    return marks


def _segment_end(pos: int, semis: list[int], trong_do: list[int], n: int) -> int:
    for semi in semis:
        if semi > pos:
            if any(t < semi + 4 for t in trong_do):
                continue  # a "trong đó:" list runs on over its semicolons
            return semi
    return n


def _same_clause(s: str, evs: list[Event], i: int, j: int, semis: list[int]) -> bool:
    """No semicolon, indicator mention or period between number i and estimate word j."""
    a, b = evs[i].end, evs[j].start
    if any(a <= x < b for x in semis):
        return False
    if any(e.kind in ("ind", "sector", "block") for e in evs[i + 1:j]):
        return False
    return not any(e.kind == "period" and a <= e.start < b for e in evs)


def _figure(ctx: _Context, st: _ParState, sent: Sentence, c: Candidate,
            periods: list[tuple[Mention, Period]], regions: list[RegionMention]) -> Figure | None:
    """A candidate with its period and region, or None when either cannot be known."""
    period = _period_for(ctx, st, sent.text, c, periods)
    if period is None:
        return None
    if c.reading.base_year is not None and c.reading.base_year != period.start.year - 1:
        return None  # growth against a base two or more years back
    lead = re.split(r"[;()]", sent.text[max(0, c.start - 60):c.start])[-1]
    if _FORECAST_RE.search(lead) or ctx.published and \
            (period.end - ctx.published).days > 62 and _PLANNED_RE.search(sent.text):
        return None  # "có thể đạt", "dự kiến cả năm tăng 12%" in spring: forecasts
    region, gate = _region_for(ctx, st, c, regions)
    if region is None or _several_gates(sent.text, c, regions):
        return None
    indicator = c.indicator
    if indicator == "grdp" and region == NATIONAL:
        indicator = "gdp"
    elif indicator == "gdp" and region != NATIONAL:
        indicator = "grdp"
    scope = f"border_gate:{gate}" if gate and (c.scope == "all" or not c.scope_named) \
        else c.scope
    r = c.reading
    value = round(r.value, 2) if r.metric == "level" else round(r.value, 6)
    return Figure(region, indicator, scope, r.metric, value, r.unit, period.start, period.end,
                  c.estimate, sent.text, sent.start + c.start, sent.start + c.end, r.qualifier,
                  successor(region))


def _several_gates(s: str, c: Candidate, regions: list[RegionMention]) -> bool:
    """"qua cửa khẩu Hữu Nghị và Tân Thanh đạt …": two gates together are neither one gate
    nor the province."""
    gates = {r.gate for r in regions if r.gate and r.end <= c.start
             and not _DIGIT_RE.search(s, r.end, c.start)}
    return len(gates) > 1


def _period_for(ctx: _Context, st: _ParState, s: str, c: Candidate,
                periods: list[tuple[Mention, Period]]) -> Period | None:
    """Near after the number, else the last before it, else the next (no number between), else
    the paragraph's, else the headline's."""
    before = None
    for m, p in periods:
        if m.start >= c.end and _NEAR_AFTER_RE.match(s[c.end:m.start]):
            return p
        if m.end <= c.start:
            before = p
    if c.compared_at >= 0:  # "thấp hơn mức tăng 7,28% …": another period's, which must be named
        named = [p for m, p in periods if c.compared_at <= m.start and m.end <= c.start]
        return named[-1] if named else None
    if before is not None or any(m.end <= c.start for m, _p in periods):
        return before
    for m, p in periods:
        if m.start >= c.end and not _DIGIT_RE.search(s, c.end, m.start):
            return p
    for p in (st.period, ctx.last_period, ctx.head_period):
        if p is not None:
            return p
    return None


def _region_for(ctx: _Context, st: _ParState, c: Candidate,
                regions: list[RegionMention]) -> tuple[str | None, str | None]:
    """The region of a figure, and the border gate when one stands for it."""
    if c.national:
        return NATIONAL, None
    if c.region_override is not None:
        return c.region_override.region, c.region_override.gate
    before = [r for r in regions if r.end <= c.start]
    if before:
        return before[-1].region, before[-1].gate
    if c.carried and st.gate is not None:
        return st.gate.region, st.gate.gate
    after = [r for r in regions if r.start >= c.end and r.region != NATIONAL]
    if after:
        return after[0].region, None
    for r in (st.region, ctx.head_region, ctx.lead_region, ctx.main_region):
        if r:
            return r, None
    return None, None

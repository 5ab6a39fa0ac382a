"""extract_figures: article text -> figures with region, period, scope, estimate and provenance."""

from __future__ import annotations

import logging
import re
import unicodedata
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
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
_CMP_BEFORE_RE = re.compile(r"(?:so\s+với|so|sv|bằng|với|hơn|từ|%)\s*(?:mức\s+|của\s+)?$",
                            re.IGNORECASE)
_NEAR_AFTER_RE = re.compile(r"^[\s(]*(?:(?:của|trong|vào|là|năm)\s+)?$", re.IGNORECASE)
_GROWTH_BEFORE_RE = re.compile(r"(?:tăng\s+trưởng|tốc\s+độ\s+tăng)\s*(?:của\s+)?$", re.IGNORECASE)
_PROVINCE_NEAR_RE = re.compile(r"^[^.;]{0,25}?(?:của\s+tỉnh|toàn\s+tỉnh|của\s+thành\s+phố|"
                               r"trên\s+địa\s+bàn|của\s+địa\s+phương)", re.IGNORECASE)
_SEMI_RE = re.compile(r";")


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


@dataclass
class _Context:
    """What an article gives every sentence: publication date, headline region and period."""

    published: date | None
    number_format: str
    head_region: str | None = None
    lead_region: str | None = None
    main_region: str | None = None
    head_period: Period | None = None
    first_year: int | None = None
    topic: str = ""  # "grdp" once GRDP/GDP is being discussed: sector names then count
    topic_national: bool = False
    seen: set = field(default_factory=set)
    regions: list[RegionMention] = field(default_factory=list)
    region_starts: list[int] = field(default_factory=list)


def extract_figures(text: str, published: date | datetime | None = None,
                    title: str | None = None, number_format: str = "vi") -> list[Figure]:
    """The trade and GRDP figures a Vietnamese news text states (figures-schema.md)."""
    text = unicodedata.normalize("NFC", text)
    pub = published.date() if isinstance(published, datetime) else published
    pars = paragraphs(text)
    ctx = _Context(pub or dateline(pars, text), number_format)
    _frame(ctx, pars, text, title)
    figures: list[Figure] = []
    for par in pars:
        if _FIGURE_HINT_RE.search(text, par.start, par.end):
            figures += _paragraph(ctx, par)
        else:
            _topic_only(ctx, par)
    return figures


def _frame(ctx: _Context, pars: list[Paragraph], text: str, title: str | None) -> None:
    """Headline, lead and article-wide region and year, the fallbacks of every figure."""
    hi = headline_index(pars, text)
    head = title or (text[pars[hi].start:pars[hi].end] if hi is not None else "")
    ctx.head_region = _first_region(head)
    lead_i = (hi + 1) if hi is not None else 0
    if lead_i < len(pars):
        ctx.lead_region = _first_region(text[pars[lead_i].start:pars[lead_i].end])
    ctx.regions = find_regions(text)
    ctx.region_starts = [r.start for r in ctx.regions]
    counts = Counter(r.region for r in ctx.regions if r.region != NATIONAL)
    ctx.main_region = counts.most_common(1)[0][0] if counts else NATIONAL
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


def _topic_only(ctx: _Context, par: Paragraph) -> None:
    """A paragraph without numbers still says whether GRDP is being discussed."""
    for sent in par.sentences:
        _update_topic(ctx, _indicator_events(sent.text))


def _indicator_events(s: str) -> list[Event]:
    return [Event(a, b, "ind", v) for a, b, _t, v in INDICATORS.finditer(s)]


def _update_topic(ctx: _Context, events: list[Event]) -> None:
    for e in events:
        if e.kind == "ind":
            ctx.topic = "grdp" if e.value[0] in ("grdp", "gdp") else "trade"
            ctx.topic_national = e.value[0] == "gdp"


@dataclass
class _ParState:
    """What a paragraph carries from sentence to sentence."""

    period: Period | None = None
    region: str | None = None
    year: int | None = None


def _paragraph(ctx: _Context, par: Paragraph) -> list[Figure]:
    """Figures of one paragraph, its sentences read in order."""
    st = _ParState()
    out = []
    for sent in par.sentences:
        out += _sentence(ctx, st, sent)
    return out


def _sentence(ctx: _Context, st: _ParState, sent: Sentence) -> list[Figure]:
    """Figures of one sentence; updates the paragraph's period and region."""
    s = sent.text
    periods = _periods(ctx, st, s)
    regions = _regions_in(ctx, sent)
    nums = number_events(s, ctx.number_format) if _FIGURE_HINT_RE.search(s) else []
    if nums:
        cands = _candidates(ctx, s, vocab_events(s), nums)
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
    if periods:
        st.period = periods[-1][1]
    if regions:
        st.region = regions[-1].region
    return figures


def _regions_in(ctx: _Context, sent: Sentence) -> list[RegionMention]:
    """The article's region mentions inside a sentence, with offsets relative to it."""
    lo = bisect_left(ctx.region_starts, sent.start)
    hi = bisect_left(ctx.region_starts, sent.end)
    return [RegionMention(r.start - sent.start, r.end - sent.start, r.region, r.gate)
            for r in ctx.regions[lo:hi] if r.end <= sent.end]


def _periods(ctx: _Context, st: _ParState, s: str) -> list[tuple[Mention, Period]]:
    """The periods a sentence names (not comparison bases), resolved in order."""
    out = []
    ref = st.period
    for m in find_periods(s):
        if _CMP_BEFORE_RE.search(s, max(0, m.start - 12), m.start):
            continue
        year = st.year or (ctx.published.year if ctx.published else ctx.first_year)
        p = resolve(m, ctx.published, year, ref)
        if p is None and m.kind == "vague":
            out.append((m, None))
            continue
        if p is None:
            continue
        p = _roll_back(ctx, p, m, st)
        if p.explicit_year:
            st.year = p.start.year if m.kind != "same_period" else st.year
        out.append((m, p))
        ref = p
    return [(m, p) for m, p in out if p is not None or m.kind == "vague"]


def _roll_back(ctx: _Context, p: Period, m: Mention, st: _ParState) -> Period:
    """A period without a year that would start after publication is last year's."""
    if p.explicit_year or st.year or ctx.published is None or p.start <= ctx.published:
        return p
    try:
        return Period(p.start.replace(year=p.start.year - 1), p.end.replace(year=p.end.year - 1))
    except ValueError:
        return p


def _candidates(ctx: _Context, s: str, vocab_evs: list[Event],
                nums: list[Event]) -> list[Candidate]:
    """Numbers of a sentence read against the indicator in force where they stand."""
    pers = [Event(m.start, m.end, "period") for m in find_periods(s)
            if not _CMP_BEFORE_RE.search(s, max(0, m.start - 12), m.start)]
    evs = sorted(vocab_evs + nums + pers, key=lambda e: (e.start, e.end))
    targets = target_spans(s, vocab_evs)
    est = _estimate_marks(s, evs)
    out: list[Candidate] = []
    ind: Event | None = None
    growth = False
    plan_seen = False
    scope, scope_pos = "all", -1
    prev_end = 0
    for i, e in enumerate(evs):
        if e.kind == "ind":
            if ind is None or ind.value[0] != e.value[0] or ind.end < prev_end:
                growth = e.value[1] == "growth" or bool(_GROWTH_BEFORE_RE.search(s, 0, e.start))
            ind = e
            _update_topic(ctx, [e])
        elif e.kind == "sector":
            ind = e if ctx.topic == "grdp" else None
        elif e.kind == "block":
            ind = None
        elif e.kind == "scope":
            scope, scope_pos = e.value, e.start
        elif e.kind in ("amount", "pct") and ind is not None:
            if not any(a <= e.start < b for a, b in targets):
                c = _candidate(ctx, s, e, ind, growth, plan_seen, prev_end, nums, est[i])
                if c is not None:
                    c.scope = scope
                    out.append(c)
                    plan_seen = plan_seen or c.reading.metric == "plan_pct"
        if e.kind in ("amount", "pct"):
            prev_end = e.end
    del scope_pos
    return out


def _candidate(ctx: _Context, s: str, e: Event, ind: Event, growth: bool, plan_seen: bool,
               prev_end: int, nums: list[Event], estimate: bool) -> Candidate | None:
    """One number read against the indicator mention in force."""
    window = s[max(prev_end, ind.end):e.start]
    if ind.kind == "sector":
        key = (ind.value, "growth")
    else:
        key = ind.value
    if e.kind == "pct":
        r = read_percent(s, e, window, key, growth or ind.kind == "sector" or
                         key[0] in ("grdp", "gdp"), plan_seen)
    else:
        r = read_amount(e, window, key, _unit(e, nums))
    if r is None:
        return None
    national = ctx.topic_national if ind.kind == "sector" else (
        key[0] == "gdp" and not _PROVINCE_NEAR_RE.match(s, ind.end))
    return Candidate(key[0], r, e.start, e.end, "all", None, estimate, national)


def _unit(e: Event, nums: list[Event]) -> str | None:
    """The currency of an amount; "5 tỷ và 6 tỷ USD" lends the later currency to the first."""
    unit, has_mag = e.extra
    if unit or not has_mag:
        return unit
    later = [n for n in nums if n.kind == "amount" and n.start > e.end and n.extra[0]]
    if later and later[0].start - e.end < 60:
        return later[0].extra[0]
    return None


def _estimate_marks(s: str, evs: list[Event]) -> list[bool]:
    """Which events an estimate word governs: forward to the end of its segment, backward over
    the figures of the same indicator mention with no period named in between."""
    marks = [False] * len(evs)
    semis = [m.start() for m in _SEMI_RE.finditer(s)]
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
            if any(t < semi for t in trong_do):
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
    region, gate = _region_for(ctx, st, c, regions)
    if region is None:
        return None
    indicator = c.indicator
    if indicator == "grdp" and region == NATIONAL:
        indicator = "gdp"
    elif indicator == "gdp" and region != NATIONAL:
        indicator = "grdp"
    scope = f"border_gate:{gate}" if gate and c.scope == "all" else c.scope
    r = c.reading
    return Figure(region, indicator, scope, r.metric, r.value, r.unit, period.start, period.end,
                  c.estimate, sent.text, sent.start + c.start, sent.start + c.end, r.qualifier,
                  successor(region))


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
    if before is not None or any(m.end <= c.start for m, _p in periods):
        return before
    for m, p in periods:
        if m.start >= c.end and not _DIGIT_RE.search(s, c.end, m.start):
            return p
    return st.period if st.period is not None else ctx.head_period


def _region_for(ctx: _Context, st: _ParState, c: Candidate,
                regions: list[RegionMention]) -> tuple[str | None, str | None]:
    """The region of a figure, and the border gate when one stands for it."""
    if c.national:
        return NATIONAL, None
    before = [r for r in regions if r.end <= c.start]
    if before:
        return before[-1].region, before[-1].gate
    after = [r for r in regions if r.start >= c.end and r.region != NATIONAL]
    if after:
        return after[0].region, None
    for r in (st.region, ctx.head_region, ctx.lead_region, ctx.main_region):
        if r:
            return r, None
    return None, None

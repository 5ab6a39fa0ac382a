"""extract_figures: article text -> figures with region, period, scope, estimate and provenance."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta

from extractors.figures.confidence import score_fields
from extractors.figures.dating import (
    _BASE_BRACKET_RE,
    _BASE_YEAR_RE,
    _DECEMBER_BASE_RE,
    _IN_TURN_RE,
    _PLANNED_RE,
    _after_span,
    _base_before,
    _compared_figure_before,
    _implied_year,
    _in_brackets,
    _in_year,
    _is_comparison,
    _list_run,
    _opens_in_another_year,
    _other_period_base,
    _period_for,
    _periods,
    _periods_by_position,
    _same_as_before,
    text_years,
)
from extractors.figures.english import is_english, to_vietnamese
from extractors.figures.events import number_events, target_spans, vocab_events
from extractors.figures.gazetteer import NATIONAL
from extractors.figures.occurs import Occurs
from extractors.figures.periods import Mention, Period, find_periods, resolve
from extractors.figures.placing import (
    _aside,
    _first_region,
    _region_for,
    _regions_in,
    _several_gates,
)
from extractors.figures.reconcile import (
    _EN_DECIMAL_RE,
    _VI_DECIMAL_RE,
    _body_declined,
    _drop_rounded,
    _regroup,
    _series_key,
)
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
from extractors.figures.subject import GOES_ON_RE, english_subject, update_topic_from
from extractors.figures.texttable import table_figures
from extractors.figures.walk import candidates
from extractors.model import Figure, figure_value

logger = logging.getLogger(__name__)

# a paragraph can hold a figure only if a number carries a percent sign, a magnitude or a currency
# (ASCII digits here and in numbers.py: "\d" is a Unicode test, costly at every position)
_FIGURE_HINT_RE = re.compile(
    r"[0-9]\s*(?:%|phần trăm|tỷ|tỉ|triệu|nghìn|ngàn|tr\b|USD|đồng|VN|đô|US)", re.IGNORECASE)
_SECTION_MAX = 80  # a subheading is short: longer lines are not tried
_SECTION_RE = re.compile(r"\W*(?:\d{1,2}\s*[.)/-]\s*)?(?:(?:tỉnh|thành\s+phố|TP\.?)\s*)?"
                         r"(?P<place>[^\W\d][^:;,.()\d]{1,30}?(?:\.[^\W\d][^:;,.()\d]{1,30}?)?)"
                         r"\s*(?::\s*[^:;]{0,20})?", re.IGNORECASE)
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
_OLD_RE = re.compile(r"\s*\(?\s*cũ\b", re.IGNORECASE)
_NATIONAL_SOURCE_RE = re.compile(
    r"Tổng cục (?:Hải quan|Thống kê)|Bộ (?:Công Thương|Tài chính|Kế hoạch)|Cục Xuất nhập khẩu|"
    r"Cục Thống kê(?!\s+(?:tỉnh|thành phố|TP))|Chính phủ|Quốc hội|Ngân hàng Nhà nước|\bGDP\b")


_FORECAST_RE = re.compile(r"\b(?:dự\s+báo|có\s+thể|sẽ)\b", re.IGNORECASE)
_HAS_FORECAST = Occurs(r"dự\s+báo|có\s+thể|sẽ")


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
_GDP_OF_RE = re.compile(r"GDP\s+(?:của\s+)?")


def extract_figures(text: str, published: date | datetime | None = None,
                    title: str | None = None, number_format: str = "vi") -> list[Figure]:
    """The trade and GRDP figures a Vietnamese news text states (figures-schema.md)."""
    nfc = unicodedata.normalize("NFC", text)
    if is_english(nfc):
        figures = _english(nfc, published, title)
    else:
        figures = _extract(nfc, published, title, number_format)
    figures = [f if figure_value(f.metric, f.value) == f.value
               else replace(f, value=figure_value(f.metric, f.value)) for f in figures]
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
    ctx.regions = [replace(r, aside=True) if _aside(text, r.start) else r for r in ctx.regions]
    ctx.region_starts = [r.start for r in ctx.regions]
    counts = Counter(r.region for r in ctx.regions
                     if r.region != NATIONAL and not r.region.endswith(_OLD)
                     and not r.aside)
    ctx.main_region = counts.most_common(1)[0][0] if counts else None
    if not ctx.local_gdp and "GDP" in text and ctx.main_region is not None and \
            ctx.main_region in (ctx.head_region, ctx.lead_region) and \
            not _names_national_gdp(text):
        ctx.local_gdp = True  # "Hà Nội: …" and "GDP tăng 7,21%": the city's GRDP
    if ctx.main_region is None and (any(r.region == NATIONAL for r in ctx.regions)
                                    or _NATIONAL_SOURCE_RE.search(text)):
        ctx.main_region = NATIONAL  # a national report that never names a province
    if ctx.published is None:
        ys = text_years(text)
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


# the country's GDP named as such: an article that never does and is about a province uses
# "GDP" for the province's GRDP
_GDP_OF_COUNTRY_RE = re.compile(r"GDP\s+(?:của\s+)?(?:cả\s+nước|Việt\s+Nam|toàn\s+quốc)")
_COUNTRY_ECONOMY = ("tổng sản phẩm trong nước", "tổng sản phẩm quốc nội", "tổng cục thống kê",
                    "kinh tế cả nước", "kinh tế việt nam")


def _names_national_gdp(text: str) -> bool:
    """Whether a text names the country's GDP or economy ("GDP cả nước", "tổng sản phẩm trong
    nước", "Tổng cục Thống kê", "nền kinh tế Việt Nam"); plain substring tests first, the
    pattern (which opens with "GDP", so it is searched fast) last."""
    low = text.lower()
    return any(k in low for k in _COUNTRY_ECONOMY) or bool(_GDP_OF_COUNTRY_RE.search(text))


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
    in_turn = _IN_TURN_RE.search(s) if len(periods) > 1 and \
        ("lần lượt" in s or "tương ứng" in s) else None
    if in_turn is not None:
        cands = _list_run(s, cands, nums, in_turn)
        by_position = _periods_by_position(cands, periods, in_turn)
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
        # (places named as examples, "như TP.HCM, Bình Dương", are no subject to go on with)
        named = [r for r in regions if not r.aside]
        if named:
            own = [r.region for r in named if r.region != NATIONAL]
            st.region = own[-1] if own else NATIONAL
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
    if c.reading.metric == "yoy_pct" and _not_a_yoy_rate(sent.text, c, period):
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
    value = r.value
    year_from = "written" if period.explicit_year else ctx.year_from.get(id(period), "published"
                                                                         if ctx.published
                                                                         else "text")
    conf, reasons = score_fields(region, indicator, r.metric, value, r.unit, period.start,
                                 period_from, year_from, region_from, ctx.period_after,
                                 ctx.published)
    return Figure(region, indicator, scope, r.metric, value, r.unit, period.start, period.end,
                  estimate, sent.text, sent.start + c.start, sent.start + c.end, r.qualifier,
                  successor(region), conf, reasons)


def _not_a_yoy_rate(s: str, c: Candidate, period: Period) -> bool:
    """A rate that is not this period's year-on-year change: nominal growth ("còn tính theo giá
    hiện hành … tăng hơn 10%"), a change against another month ("so với tháng 12/2025, …
    giảm 0,6%"), or against a base named before it that is not the year before ("So với cùng kỳ
    năm 2019, GRDP 6 tháng tăng 9,3%")."""
    if "hiện hành" in s and _NOMINAL_RE.search(s, max(0, c.start - 80), c.start):
        return True
    if _other_period_base(s, c.start, period):
        return True
    if c.reading.base_year is None and c.compared_at < 0:
        base = _base_before(s, c.start)
        return base is not None and base != period.start.year - 1
    return False


_NOMINAL_RE = re.compile(r"giá\s+hiện\s+hành[^;]*$", re.IGNORECASE)
# plan words name what a result is measured against, not a period still ahead
_PLAN_WORDS = frozenset({"kế hoạch", "kh", "kế hoạch năm", "chỉ tiêu", "dự toán", "đề ra",
                         "kế hoạch đề ra", "kế hoạch giao", "được giao", "đặt ra", "nghị quyết"})



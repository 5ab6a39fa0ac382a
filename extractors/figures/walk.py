"""Reading one sentence left to right: which indicator, scope and estimate each number belongs to.

The sentence is a sequence of events (events.py); a walker keeps the indicator in force, the
scope, the "trong đó" / "lần lượt" lists and the estimate words, and turns each number into a
Candidate (state.py) that extract.py then dates and places. Whose figures the sentence gives
(carried from the last one, a ranking) is subject.py's; which numbers an estimate word governs,
estimates.py's; and what is not a figure at all, notfigure.py's table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.figures import vocab
from extractors.figures.classify import last_value, read_amount, read_percent
from extractors.figures.estimates import estimate_marks
from extractors.figures.events import Event, target_spans
from extractors.figures.notfigure import Probe, rejection
from extractors.figures.occurs import Occurs
from extractors.figures.periods import Mention
from extractors.figures.regions import RegionMention, find_regions
from extractors.figures.state import Candidate, Context, ParState
from extractors.figures.subject import (
    CARRY_RE,
    GOES_ON_RE,
    RANKED_RE,
    clause_subject_other,
    english_subject,
    first_number,
    opens_without_topic,
    places_followed,
    update_topic,
)
from extractors.figures.table import trie_regex
from extractors.figures.vocab import COUNTED_THINGS, NATIONAL_WORDS

_GROWTH_BEFORE_RE = re.compile(r"(?:tăng\s+trưởng|tốc\s+độ\s+tăng)\s*(?:của\s+)?$", re.IGNORECASE)


_PROVINCE_NEAR_RE = re.compile(r"[^.;]{0,25}?(?:của\s+tỉnh|toàn\s+tỉnh|của\s+thành\s+phố|"
                               r"trên\s+địa\s+bàn|của\s+địa\s+phương)", re.IGNORECASE)


# the country named as such: its GDP is the nation's
_NATIONAL_WORDS_RE = re.compile(trie_regex(NATIONAL_WORDS, case=False), re.IGNORECASE)




def _province_gdp(s: str, start: int, end: int) -> bool:
    """"tăng trưởng GDP 6 tháng của Hà Nội", "Cục Thống kê Hải Phòng công bố … (GDP)": a GDP
    whose clause names a province and not the country is the province's (its GRDP)."""
    lo = max(s.rfind(";", 0, start), s.rfind(". ", 0, start)) + 1
    stops = [i for i in (s.find(";", end), s.find(",", end)) if i >= 0]
    hi = min(min(stops) if stops else len(s), end + 60)
    clause = s[lo:hi]
    if _NATIONAL_WORDS_RE.search(clause):
        return False
    return any(r.region != "Việt Nam" and not r.gate for r in find_regions(clause))


_DATED_SPAN_RE = re.compile(r"giai\s+đoạn\s+(?:19|20)\d{2}\s*[-–]\s*(?:19|20)\d{2}",
                            re.IGNORECASE)
_PLACE_RATE_RE = re.compile(r"[A-ZĐ]\w*(?:\s+[A-ZĐ]\w*){0,3}\s*\(\s*[-−]?\d+(?:[.,]\d+)?\s*%\s*\)")
# "…: Bình Dương tăng 1,15%; TP. Hồ Chí Minh tăng 0,7%; Quảng Ngãi giảm 1,07%": a run of places
# each with its verb and rate (a place's name must stand there: counted with the sentence's places)
_COMMA_RE = re.compile(r"[,;]")
_VERB_RATE_AFTER_RE = re.compile(r"\s+(?:tăng|giảm)\s+[-−]?\d+(?:[.,]\d+)?\s*%")
# "TP.HCM với 29,488 tỉ USD, …, và Bắc Ninh với 25,057 tỉ USD", "Bình Dương (14,813 tỉ USD) và
# Đồng Nai (10,976 tỉ USD)": a run of places with amounts goes on with the last trade indicator
_AMOUNT_AFTER_RE = re.compile(r"\s*(?:\(\s*|\s(?:với|đạt)\s+)(?:khoảng\s+|hơn\s+|gần\s+|trên\s+)?"
                              r"\d[\d.,]*\s*(?:tỷ|tỉ|triệu)")


_TOTAL = ("trade_total", "any")
# a bare "kim ngạch" with no trade word before it: read as the total, but not carried into a
# ranking paragraph (which goes on with the article's last named indicator)
_GUESSED_TOTAL = ("trade_total", "guess")






_PLACE_AFTER_RE = re.compile(r"\s+(?:của\s+)?(?:tỉnh|thành\s+phố|TP|địa\s+phương|Thủ\s+đô|"
                             r"cả\s+nước|toàn\s+tỉnh|nước\s+ta|Việt\s+Nam)\b", re.IGNORECASE)


# "thấp hơn tốc độ tăng 7,28% …", "so với mức tăng 5% …": a growth rate compared with this one
_COMPARED_RE = re.compile(r"(?:(?:cao|thấp|nhanh|chậm)\s+hơn(?:\s+nhiều|\s+hẳn)?|kém|so\s+với|"
                          r"bằng)\s+(?:so\s+với\s+)?(?:mức|tốc\s+độ)\s+tăng", re.IGNORECASE)
_HAS_COMPARED = Occurs(r"(?:mức|tốc\s+độ)\s+tăng")


_HAS_CRUDE = Occurs(r"dầu")
_EX_CRUDE_RE = re.compile(r"(?:không\s+(?:tính|kể)(?:\s+đến)?|trừ|ngoài)\s+(?:ngành\s+)?"
                          r"(?:dầu\s+thô|dầu\s+khí|khai\s+thác\s+dầu)", re.IGNORECASE)
_WITH_CRUDE_RE = re.compile(r"(?:kể\s+cả|bao\s+gồm|tính\s+cả)\s+(?:ngành\s+)?dầu",
                            re.IGNORECASE)




_CLAUSE_BREAK_RE = re.compile(r"[,;:]|\d")  # a parenthesis ("(kể cả dầu thô)") is no break
# after the whole a share was of ("chiếm 19,5% kim ngạch xuất khẩu cả nước"), the sentence's own
# indicator goes on: "… và tăng 30,6%", "…, và Bắc Ninh với 25 tỷ USD"
_AFTER_SHARE_RE = re.compile(
    r"(?:\s+(?:của\s+)?(?:cả\s+nước|toàn\s+quốc|toàn\s+tỉnh|của\s+tỉnh|toàn\s+thành\s+phố))?"
    r"\s*[,;]?\s*(?:và\s+)?(?:(?:tỉnh\s+|thành\s+phố\s+|TP\.?\s*)?[A-ZĐ][\w.]*(?:\s+[A-ZĐ]\w*){0,3}"
    r"\s+(?:với|đạt)\s+|(?:tăng|giảm)\s+)(?:khoảng\s+|hơn\s+|gần\s+|trên\s+)?")


_SHARE_OF_RE = re.compile(r"%\s*(?:của\s+|trong\s+|so\s+với\s+)?(?:tổng\s+)?$")


# "xuất khẩu của Samsung", "của Tập đoàn …": a company's figure, not a place's
_OWNER_RE = re.compile(r"\s+(?:hàng\s+hóa\s+|hàng\s+hoá\s+)?(?:của\s+)?"
                       r"(?:(?:các\s+)?(?:tập\s+đoàn|công\s+ty|nhà\s+máy|hãng)\b|của\s+[A-Z][A-Za-z]+\b"
                       # "kim ngạch xuất khẩu của khối này" after "Xét riêng khối FDI, …"
                       r"|của\s+(?:khối|khu\s+vực)\s+(?:này|đó|FDI|doanh\s+nghiệp)\b)")


def _region_at(s: str, pos: int, lead: str = r"\s+của\s+") -> bool:
    """Whether a region is named right at pos (after "của")."""
    m = re.match(lead, s[pos:])
    return bool(m and find_regions(s, pos + m.end(), min(len(s), pos + m.end() + 30)))


_OTHER_ECONOMIES_RE = re.compile(r"(?:nhiều|các|những|một\s+số|mọi)\s+$", re.IGNORECASE)
_OWNED_ECONOMY_RE = re.compile(r"\b(?:của|vào|cho)\s+(?:nền\s+)?$", re.IGNORECASE)
# "kim ngạch (của) hàng hóa qua / mở tờ khai tại …": the goods through a place or declared at a
# customs office, both ways: the total, whatever the last sentence's indicator was
_THROUGH_RE = re.compile(r"\s+(?:của\s+)?(?:hàng\s+hóa\s+|hàng\s+hoá\s+)?(?:qua|tại|mở\s+tờ\s+khai|"
                         r"đăng\s+ký\s+tờ\s+khai|làm\s+thủ\s+tục)\s", re.IGNORECASE)


# between two amounts of one list: "5 tỷ và 6 tỷ USD", "5 tỷ, 6 tỷ USD"
_LIST_GAP_RE = re.compile(r"\s*(?:,|;|và|hoặc|đến|tới|-|–)\s*", re.IGNORECASE)






def _span(e: Event) -> tuple[int, int]:
    return e.start, e.end




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
    blocked_list: bool = False  # "trong đó" under a blocked topic: its sectors are the topic's
    pct_window: tuple[int, int] | None = None  # where the last rate's words stood
    run_verb: str = ""  # "quý I tăng 3%, quý II 4% và quý III 5%": the run's verb
    share_of: tuple | None = None  # (the head indicator, end of the whole a share was of)


def candidates(ctx: Context, st: ParState, s: str, vocab_evs: list[Event],
                nums: list[Event], regions: list[RegionMention],
                mentions: list[Mention]) -> list[Candidate]:
    """Numbers of a sentence read against the indicator in force where they stand."""
    ex = _EX_CRUDE_RE.search(s) if _HAS_CRUDE(s) else None
    if ex and not _WITH_CRUDE_RE.search(s, 0, ex.start()):
        return []  # totals "không kể dầu thô", GRDP "trừ dầu khí": another series
    pers = [Event(m.start, m.end, "period") for m in mentions]
    gates = [Event(r.start, r.end, "gate", r) for r in regions if r.gate]
    evs = sorted(vocab_evs + nums + pers + gates, key=_span)
    targets = target_spans(s, vocab_evs)
    if any(e.kind == "ind" and e.value[1] == "context" for e in vocab_evs):
        ctx.topic = "grdp"  # "Khu vực dịch vụ …: giá trị tăng thêm tăng 8%": sectors count
    elif len({e.value for e in vocab_evs if e.kind == "sector"}) >= 3 and \
            not any(e.kind == "ind" for e in vocab_evs):
        # "khu vực công nghiệp và xây dựng giảm 3,6%; khu vực dịch vụ tăng 2,07%; thuế sản phẩm
        # tăng 1,14%": three of the four sectors of an economy name its breakdown
        ctx.topic = "grdp"
    if ctx.period_after and english_subject(ctx, s, evs):
        return []
    w = _Walk()
    carry = st.ind
    ranked = False
    if carry is None and ctx.period_after and ctx.last_ind is not None and \
            ctx.last_ind.value != _GUESSED_TOTAL:
        carry = ctx.last_ind  # English rankings: "Hanoi is estimated to rise 5.97%; Da Nang …",
        # "Tay Ninh joined that group with nearly $1.094 billion" (with a place before the number)
    elif carry is None and ctx.last_ind is not None and ctx.last_ind.value != _GUESSED_TOTAL \
            and (RANKED_RE.match(s) or GOES_ON_RE.match(s)):
        carry = ctx.last_ind  # a ranking paragraph: "Bắc Ninh xếp thứ hai với 17 tỷ USD; …"
        first = first_number(evs)  # (its own subject before the numbers: not carried)
        ranked = not any(e.kind in ("ind", "block") and e.start < first for e in evs)
        if carry.value[0] == "gdp":  # the country's GDP, then the places ranked: their GRDP
            carry = Event(0, 0, carry.kind, ("grdp", carry.value[1]))
    # "Bắc Giang (13,82%), Hòa Bình (12,76%)": only read in a GRDP text, only with a "%" in it
    runs = list(_PLACE_RATE_RE.finditer(s)) if ctx.topic == "grdp" and "%" in s else []
    run_start = runs[0].start() if runs else 0
    if len(runs) < 2 and ctx.topic == "grdp" and "%" in s and len(regions) >= 2:
        places = places_followed(_VERB_RATE_AFTER_RE, s, regions)
        runs, run_start = places, places[0].start if places else 0
        if any(e.kind == "block" and e.end <= run_start and not _COMMA_RE.search(
                s, e.end, run_start) for e in evs):
            runs = []  # "Chỉ số sản xuất công nghiệp: Bình Dương tăng 5%; …": that index's run
    listed = ctx.topic == "grdp" and len(runs) >= 2 and (
        carry is None or carry.value[0] in ("gdp", "grdp")) and \
        not clause_subject_other(s, evs, run_start)
    amounts = (carry is None or carry is ctx.last_ind) and not listed and \
        ctx.last_ind is not None and \
        ctx.last_ind.value[0] in ("export", "import", "trade_total", "trade_balance") and \
        ctx.last_ind.value != _GUESSED_TOTAL and len(regions) >= 2 and \
        len(places_followed(_AMOUNT_AFTER_RE, s, regions)) >= 2 and \
        not any(e.kind == "block" for e in evs)  # ("… đứng đầu về vốn FDI": another topic)
    if amounts:
        carry = ctx.last_ind
    if listed:  # "năm nơi dẫn đầu là Bắc Giang (13,82%), Hòa Bình (12,76%) …": places' growth
        carry = Event(0, 0, "ind", ("grdp", "growth"))
        # "cao hơn mức trung bình, …": a blocker before the list is the comparison's, not its
        evs = [e for e in evs if e.kind != "block" or e.end > run_start]
    est = estimate_marks(s, evs)
    if carry is not None and (listed or amounts or ranked or CARRY_RE.match(s) or
                              opens_without_topic(s, evs, ctx.period_after,
                                                   ctx.topic != "grdp")):
        # offsets of a carried mention belong to the last sentence: anchor it at this one's start
        w.ind = Event(0, 0, carry.kind, ("grdp", "growth") if listed else carry.value)
        w.scope, w.growth, w.carried = st.scope, st.growth or listed, True
    out: list[Candidate] = []
    for i, e in enumerate(evs):
        if e.kind in ("amount", "pct"):
            item = _list_item(w, e)
            if isinstance(item, Event):
                w.ind = item if item.kind == "ind" or ctx.topic == "grdp" else None
            if w.ind is None and w.share_of is not None and \
                    _AFTER_SHARE_RE.fullmatch(s, w.share_of[1], e.start):
                w.ind, w.blocked = w.share_of[0], False  # "… cả nước và tăng 30,6%": the head's
            w.share_of = None
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
        ctx.last_ind = w.head
    if ex:  # "GRDP kể cả dầu khí tăng 5%, không kể dầu khí tăng 7%": only the first
        out = [c for c in out if c.start < ex.start()]
    return out




def _step(ctx: Context, st: ParState, s: str, w: _Walk, e: Event,
          regions: list[RegionMention]) -> None:
    """A non-number event changes what the next numbers are read against."""
    if e.kind == "ind":
        _indicator(ctx, st, s, w, e)
    elif e.kind == "sector":
        in_block = w.blocked and w.adjacent_block is not None and (w.blocked_list or not
                                                                   _CLAUSE_BREAK_RE.search(
                                                                       s, w.adjacent_block.end,
                                                                       e.start))
        w.ind = e if ctx.topic == "grdp" and not in_block else None
        w.seen_inds.append(e)
    elif e.kind == "block":
        if _DATED_SPAN_RE.match(s, e.start):
            return  # "cao nhất trong giai đoạn 2011-2023 (quý I …)": the span's own figures are
            # dropped when dated (extract._after_span); the quarters after it are not the span's
        w.ind, w.adjacent_block, w.blocked = None, e, True
    elif e.kind == "scope":
        w.scope, w.scope_named = e.value, True
        if w.head is not None and not w.in_list:
            w.head_scope = e.value
    elif e.kind == "trongdo":
        w.in_list = True
        w.blocked_list = w.blocked  # "giá trị sản xuất tăng 9%, trong đó công nghiệp …"
    elif e.kind == "list":
        _start_list(s, w, e, regions)
    elif e.kind == "gate" and w.ind is None and not w.blocked:  # "Cửa khẩu Tà Lùng đạt …"
        w.ind = Event(e.start, e.end, "ind", _TOTAL)


def _indicator(ctx: Context, st: ParState, s: str, w: _Walk, e: Event) -> None:
    """An indicator mention: the numbers after it are its figures."""
    flavour = e.value[1]
    if flavour == "growth" and _OTHER_ECONOMIES_RE.search(s, max(0, e.start - 12), e.start):
        return  # "nhiều nền kinh tế lớn rơi vào suy thoái": other countries' economies
    if flavour == "economy":  # "kinh tế Hà Nội quý I tăng 5,5%": the place's economy grew
        if not _PLACE_AFTER_RE.match(s, e.end) and not _region_at(s, e.end, "\\s+") or \
                _OWNED_ECONOMY_RE.search(s, max(0, e.start - 12), e.start):
            return  # "trụ đỡ của kinh tế Hà Nội": the economy is owned, not the subject
        e, flavour = Event(e.start, e.end, "ind", ("grdp", "growth")), "growth"
    handler = _PARTIAL.get(flavour)
    if handler is not None:
        handler(ctx, st, s, w, e)
        return
    if _component(s, w, e):
        return
    w.blocked = False
    if w.ind is None or w.ind.value[0] != e.value[0] or w.ind.end < w.prev_end:
        w.growth = flavour == "growth" or bool(_GROWTH_BEFORE_RE.search(s, 0, e.start))
    w.ind = e
    w.seen_inds.append(e)
    if not w.in_list:
        w.head, w.head_scope = e, w.scope
    update_topic(ctx, [e])


def _component(s: str, w: _Walk, e: Event) -> bool:
    """Whether an indicator word names a part, not the place's whole: "gạo xuất khẩu",
    "chiếm 78% giá trị xuất khẩu", "xuất khẩu của Samsung" (the numbers after it are not)."""
    if w.blocked and w.adjacent_block and not _CLAUSE_BREAK_RE.search(
            s, w.adjacent_block.end, e.start):
        w.ind = None  # a blocked topic in the same clause: "khu vực FDI trên địa bàn xuất khẩu"
        return True
    if e.value[1] == "generic" and w.blocked and not _after_count(s, w, e):
        return True  # "… quá cảnh với tổng trị giá …": the total of the blocked topic
    if _SHARE_OF_RE.search(s, max(0, e.start - 30), e.start):
        head = w.head or w.ind  # (the indicator the sentence is about, named or carried)
        w.share_of = (head, e.end) if head is not None else None  # the whole of a share
        w.ind, w.blocked = None, True
        return True
    if _OWNER_RE.match(s, e.end) and not _region_at(s, e.end):
        w.ind, w.blocked = None, True
        return True
    return False


# counts a gate or a customs unit reports beside its trade: they block only their own clause
_COUNT_BLOCK_RE = re.compile(r"(?:số\s+|lượt\s+)?(?:" + trie_regex(COUNTED_THINGS, case=False) +
                             r")$", re.IGNORECASE)


def _after_count(s: str, w: _Walk, e: Event) -> bool:
    """"12.051 tờ khai; kim ngạch đạt 737,8 triệu USD": a count in an earlier clause does not
    make the bare trade word after it the count's."""
    b = w.adjacent_block
    if b is None or not _COUNT_BLOCK_RE.search(s, b.start, b.end) or \
            not re.search(r"[,;]", s[b.end:e.start]):
        return False
    w.blocked, w.adjacent_block = False, None
    return True


def _context_word(ctx: Context, st: ParState, s: str, w: _Walk, e: Event) -> None:
    """"giá trị tăng thêm": sectors of GRDP are being discussed."""
    ctx.topic = "grdp"


def _bare(ctx: Context, st: ParState, s: str, w: _Walk, e: Event) -> None:
    """"kim ngạch": the indicator in force; through a named place, the total trade."""
    if w.blocked and not _after_count(s, w, e):
        return
    if _THROUGH_RE.match(s, e.end):
        w.ind = Event(e.start, e.end, "ind", _TOTAL)
        if w.carried:
            w.scope = "all"  # through a named place: not the last sentence's scope
        if not w.in_list:  # the sentence's subject: "Trong đó, xuất khẩu …" next is its part,
            w.head, w.head_scope = w.ind, w.scope  # with its scope (a scope named after it too)
    elif w.ind is None:
        # "Kim ngạch của Bình Dương đạt …" in a paragraph of its own: the article's trade word
        prev = st.ind or (ctx.last_ind if ctx.last_ind is not None and
                          ctx.last_ind.value[0] in ("export", "import") else None)
        w.ind = Event(e.start, e.end, prev.kind if prev else "ind",
                      prev.value if prev else _GUESSED_TOTAL)


def _growth_word(ctx: Context, st: ParState, s: str, w: _Walk, e: Event) -> None:
    """"tốc độ tăng trưởng": the growth of what is in force, else of the economy (GRDP)."""
    if w.ind is not None:
        w.growth = True
    elif not w.blocked:
        topic = st.ind.value if st.ind and ctx.topic == "trade" else ("grdp", "growth")
        w.ind, w.growth = Event(e.start, e.end, "ind", topic), True
        update_topic(ctx, [w.ind])


def _balance_word(ctx: Context, st: ParState, s: str, w: _Walk, e: Event) -> None:
    """"thặng dư" / "thâm hụt": the trade balance's sign, after "cán cân" or trade figures."""
    sign = "pos" if e.value[1] == "pos_word" else "neg"
    if w.ind is not None and w.ind.value[0] == "trade_balance":
        w.ind = Event(w.ind.start, e.end, "ind", ("trade_balance", sign))
    elif w.ind is not None and w.ind.value[0] in ("export", "import", "trade_total"):
        w.ind = Event(e.start, e.end, "ind", ("trade_balance", sign))  # "dẫn đến thâm hụt"


# words that are indicators only with what stands around them
_PARTIAL = {"context": _context_word, "bare": _bare, "growth_generic": _growth_word,
            "pos_word": _balance_word, "neg_word": _balance_word}


_ITEMS_AFTER_RE = re.compile(r"\s*(?:là|gồm)?\s*:\s*(?![\s\d])", re.IGNORECASE)


def _start_list(s: str, w: _Walk, e: Event, regions: list[RegionMention]) -> None:
    """"A, B và C lần lượt đạt x, y, z": remember A, B, C for the numbers that follow."""
    if _ITEMS_AFTER_RE.match(s, e.end):
        return  # "… lần lượt là: Hải Phòng (30 tỉ USD); Phú Thọ (29 tỉ USD)": each has its own
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


def _candidate(ctx: Context, s: str, e: Event, w: _Walk, nums: list[Event],
               estimate: bool) -> Candidate | None:
    """One number read against the indicator mention in force."""
    ind = w.ind
    assert ind is not None
    window = s[max(w.prev_end, ind.end):e.start]
    if w.items and e.start > w.list_start >= 0 and not window.strip(" ;,và"):
        window = s[w.items[-1].end:e.start]  # "A; B và C lần lượt tăng x%; y% và z%"
    if rejection(Probe(s, e, nums, window, w.pct_window)) is not None:
        return None  # not a figure (notfigure.py says why)
    if ind.kind == "sector":
        key = (ind.value, "growth")
    elif ind.value[1] == "level" and e.kind == "pct" and w.prev_end <= ind.end:
        key = (ind.value[0], "growth")  # "quy mô kinh tế tỉnh tăng 9,5%": the economy grew
    else:
        key = ind.value
    if e.kind == "pct":
        said = (e.start - len(window), e.start)
        window = _and_rate(s, _run_item(s, window, w, e), w)
        w.pct_window = said
        cmp = _COMPARED_RE.search(s, w.prev_end, e.start) if _HAS_COMPARED(s) else None
        if cmp and find_regions(s, cmp.end(), e.start):
            cmp = None  # "thấp hơn mức tăng của Hà Nội (7%)": a place's, not a period's
        other = _compared_place(s, e.end) if cmp else None
        # "… mức tăng 4,24% của cả nước": the place's own rate, not a share of the country
        r = read_percent(s if other is None else s[:e.end], e, window, key,
                         w.growth or ind.kind == "sector" or key[0] in ("grdp", "gdp"),
                         w.plan_seen)
    else:
        cmp, other = None, None
        if "(" in window[-3:] and _PLACE_OPEN_RE.search(window) and \
                find_regions(window, max(0, len(window) - 40)):
            window = ""  # "vượt Đồng Nai (35,01 tỷ USD)": the place's own amount in brackets
        start_level = _FROM_LEVEL_RE.search(window) if "từ" in window else None
        if start_level and _FROM_TO_AFTER_RE.match(s, e.end):
            # "tăng từ 7,9 tỷ USD năm 2014 lên 16 tỷ USD": the level it started from, a figure
            # only of a period named right after it (the candidate is read as compared)
            window = window[:start_level.start()] + " đạt "
            cmp = start_level
        r = read_amount(e, window, key, _unit(s, e, nums))
    if r is None:
        return None
    national = ctx.topic_national if ind.kind == "sector" else (
        key[0] == "gdp" and not _PROVINCE_NEAR_RE.match(s, ind.end) and not ctx.local_gdp
        and not _province_gdp(s, ind.start, ind.end))
    w.plan_seen = w.plan_seen or r.metric == "plan_pct"
    c = Candidate(key[0], r, e.start, e.end, w.scope, None, estimate, national,
                  carried=w.carried, scope_named=w.scope_named)
    if other is not None:  # "cao hơn mức tăng 4,24% của cả nước": that place's rate
        c.region_override = other
    elif cmp is not None and e.kind == "amount":
        c.compared_at = e.start  # the level a change started from: its period must follow it
    elif cmp:
        c.compared_at = cmp.start()  # compared with another period
    return c


_OF_PLACE_RE = re.compile(r"\s*(?:của|ở|tại)\s+", re.IGNORECASE)


def _compared_place(s: str, pos: int) -> RegionMention | None:
    """The place a compared rate belongs to, named right after it ("… 4,24% của cả nước")."""
    m = _OF_PLACE_RE.match(s, pos)
    if m is None:
        return None
    regs = find_regions(s, m.end(), min(len(s), m.end() + 40))
    return regs[0] if regs and regs[0].start == m.end() else None


# "tăng từ 7,9 tỷ USD năm 2014 lên 16 tỷ USD năm 2015": the level a change started from
_FROM_LEVEL_RE = re.compile(r"(?:tăng|giảm)(?:\s+\w+)?\s+từ\s+(?:mức\s+)?$", re.IGNORECASE)
_FROM_TO_AFTER_RE = re.compile(r"[^,;]{0,40}?\s(?:lên|xuống)\s", re.IGNORECASE)




# "tăng 1% so với tháng trước và 15% so với cùng kỳ": the second rate has the first one's verb
_AND_RATE_RE = re.compile(r"\s*(?:so\s+với|so|sv)\s+[^,;%\d]{1,40}?\s*(?:và|,)\s*"
                          r"(?:hơn|gần|khoảng|trên|xấp\s+xỉ)?\s*", re.IGNORECASE)
_VERB_WORD = {"up": "tăng ", "down": "giảm "}
_RUN_VERB_WORD = {**_VERB_WORD, "reach": "đạt "}


def _and_rate(s: str, window: str, w: _Walk) -> str:
    """The window of a rate that goes on from the last one ("… và 15% so với cùng kỳ"): the
    last rate's verb, when it had one that says up or down."""
    if w.pct_window is None or not _AND_RATE_RE.fullmatch(window):
        return window
    verb, _said = last_value(vocab.PCT_VERBS, s[w.pct_window[0]:w.pct_window[1]])
    return _VERB_WORD.get(verb or "", window)


_PCT_END_RE = re.compile(r"%\s*$")
_PLACE_OPEN_RE = re.compile(r"\w\s*\(\s*$")
# "quý I tăng 3,3%, quý II 4,1% và quý III 5,5%", "3,3% trong quý I, 4,1% trong quý II": between
# two rates of one run, only periods and separators
_PERIOD_GAP = r"(?:(?:trong\s+)?(?:qu[ýí]\s+(?:IV|I{1,3}|[1-4])|tháng\s+\d{1,2})(?!\w))"
_PERIOD_RUN_RE = re.compile(r"[\s,;:]*(?:và\s+)?" + _PERIOD_GAP + r"?[\s,;:]*(?:và\s+)?"
                            + _PERIOD_GAP + r"?[\s,:]*", re.IGNORECASE)
_RUN_GAP_RE = re.compile(r"[\s,;]*(?:và\s+)?(?:tỉnh\s+|thành\s+phố\s+|TP\.?\s*)?")


def _run_item(s: str, window: str, w: _Walk, e: Event) -> str:
    """"A tăng 11,5%, B 11,2%, C 11%": a place and its bare rate after a rate of the same run
    reads like the first (the window is then empty)."""
    if "(" in window[-3:] and _PLACE_OPEN_RE.search(window) and \
            find_regions(window, max(0, len(window) - 40)):
        return ""  # "… cao hơn cả nước gồm Hậu Giang (12,67%)": the place's rate in brackets
    if w.n_pct == 0 and not _PCT_END_RE.search(s, 0, w.prev_end) and not w.carried:
        return window  # (a carried ranking's "Hà Nam: 10,39%" reads like a run's item too)
    if "qu" in window or "tháng" in window:
        if _PERIOD_RUN_RE.fullmatch(window) and w.pct_window is not None:
            verb, _said = last_value(vocab.PCT_VERBS, s[w.pct_window[0]:w.pct_window[1]])
            # the run's verb: up, down, or "đạt" for a growth ("quý I đạt 6,12%, quý II 6,47%")
            w.run_verb = _RUN_VERB_WORD.get(verb or "", w.run_verb) if w.growth else \
                _VERB_WORD.get(verb or "", w.run_verb)
            return w.run_verb or window
        return window
    start = e.start - len(window)
    regs = find_regions(s, start, e.start)
    if len(regs) != 1 or s[regs[0].end:e.start].strip(" :") or \
            not _RUN_GAP_RE.fullmatch(s, start, regs[0].start):
        return window
    return ""


def _unit(s: str, e: Event, nums: list[Event]) -> str | None:
    """The currency of an amount; "5 tỷ và 6 tỷ USD" lends the later currency to the first."""
    unit, has_mag = e.extra
    if unit or not has_mag:
        return unit
    later = [n for n in nums if n.kind == "amount" and n.start > e.end and n.extra[0]]
    if later and _LIST_GAP_RE.fullmatch(s[e.end:later[0].start]):
        return later[0].extra[0]
    return None


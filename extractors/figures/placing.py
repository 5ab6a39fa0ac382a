"""Placing a figure: the region (and border gate) a number is about, from the sentence first,
then the paragraph, subheading, headline, lead and the article; compared places, venues,
examples and the whole a place is ranked in never set it."""

from __future__ import annotations

import re
from bisect import bisect_left

from extractors.figures.dating import _DIGIT_RE
from extractors.figures.gazetteer import NATIONAL
from extractors.figures.regions import RegionMention, find_regions
from extractors.figures.sentences import (
    Sentence,
)
from extractors.figures.state import Candidate, Context, ParState

_MEMBERS_RE = re.compile(r"\(\s*(?:bao\s+)?gồm\s+[^()]*\)", re.IGNORECASE)


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


# between a gate and its province: "(", ", tỉnh", "thuộc tỉnh", "in the northern province of"
_CONFIRMS_GATE_RE = re.compile(r"\s*(?:\(|,|thuộc|ở|tại|in\s+the)?\s*(?:[a-z\s-]{0,30}?"
                               r"(?:tỉnh|province\s+of))?\s*(?:tỉnh\s+)?", re.IGNORECASE)


_THE_PROVINCE_RE = re.compile(r"\b(?:của|toàn)\s+(?:tỉnh|thành\s+phố)\b(?!\s+[A-ZĐÂ])")


# a clause whose subject is "thành phố" / "tỉnh" with no name: "Hết tháng 9, thành phố vẫn …"
_THE_PLACE_SUBJECT_RE = re.compile(r"\s*(?:[Tt]ỉnh|[Tt]hành\s+phố)(?:\s+này)?(?!\s+[A-ZĐÂ])"
                                   r"(?=\s+\w)")


_SHARE_WHOLE_RE = re.compile(r"(?:chiếm|bằng)\s+(?:khoảng\s+|gần\s+|hơn\s+)?\d[\d.,]*\s*%\s+"
                             r"(?:tổng\s+)?(?:kim\s+ngạch|giá\s+trị|trị\s+giá)[^,;.()]{0,40}")


_BRACKET_OPEN_RE = re.compile(r"\s*\(\s*(?:khoảng\s+|hơn\s+|gần\s+|trên\s+)?")


_THIS_GATE_RE = re.compile(r"cửa\s+khẩu\s+(?:này|trên|nói\s+trên)\b", re.IGNORECASE)


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


_OWN_VALUE_RE = re.compile(r"\s*\(")  # "như Bắc Ninh (-4,95%)": an example with its own value
_VENUE_BEFORE_RE = re.compile(r"\b(?:tại|ở)\s+$", re.IGNORECASE)


# "các địa bàn trọng điểm như TP.HCM, Bình Dương": examples, not the subject
_EXAMPLE_BEFORE_RE = re.compile(r"\bnhư\s+(?:tại\s+|ở\s+)?(?:[^\s,;]+(?:\s+[^\s,;]+)?,\s*)*$",
                                re.IGNORECASE)


_IN_GENERAL_AFTER_RE = re.compile(r"\s+nói\s+chung\b", re.IGNORECASE)


def _in_members(s: str, r: RegionMention) -> bool:
    """Whether a place is listed as a member of a merged province: "Bắc Ninh (gồm Bắc Ninh và
    Bắc Giang cũ) đạt …" is the new Bắc Ninh's figure, not Bắc Giang's."""
    return any(m.start() < r.start and r.end <= m.end()
               for m in _MEMBERS_RE.finditer(s, 0, r.end + 80)) if "gồm" in s else False


def _regions_in(ctx: Context, sent: Sentence) -> list[RegionMention]:
    """The article's region mentions inside a sentence, with offsets relative to it."""
    lo = bisect_left(ctx.region_starts, sent.start)
    hi = bisect_left(ctx.region_starts, sent.end)
    return [RegionMention(r.start - sent.start, r.end - sent.start, r.region, r.gate, r.aside)
            for r in ctx.regions[lo:hi] if r.end <= sent.end]


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


def _several_gates(s: str, c: Candidate, regions: list[RegionMention]) -> bool:
    """"qua cửa khẩu Hữu Nghị và Tân Thanh đạt …": two gates together are neither one gate
    nor the province."""
    gates = {r.gate for r in regions if r.gate and r.end <= c.start
             and not _DIGIT_RE.search(s, r.end, c.start)}
    return len(gates) > 1


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
    # "… các địa bàn như TP.HCM, Bình Dương, Đồng Nai. Song, kim ngạch …": examples, no subject
    before = [r for r in before if not (r.aside and not _OWN_VALUE_RE.match(s, r.end))]
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

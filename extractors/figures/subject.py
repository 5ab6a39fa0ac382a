"""Whose figures a sentence gives: the article's topic, and when a sentence goes on with the
last one's indicator (a ranking paragraph, "Trong đó, …", a sentence opening with only a period,
a place or a verb before its first number) or, in English, with a part as its subject."""

from __future__ import annotations

import re

from extractors.figures.events import Event
from extractors.figures.occurs import lowered
from extractors.figures.regions import RegionMention, find_regions
from extractors.figures.scan import PhraseScan
from extractors.figures.state import Context
from extractors.figures.table import trie_regex
from extractors.figures.vocab import CARRY_LEAD_WORDS, INDICATORS

# a paragraph that opens with a place and its rank goes on with the article's last indicator
# (after a period: "Năm 2015, dẫn đầu là …", "Trong 10 tháng, theo sau là …"; a merged province:
# "Bắc Ninh mới (gồm Bắc Ninh và Bắc Giang) xếp thứ hai …")
_RANK_LEAD = (r"(?:\W*(?:Năm|Trong|Sau|Hết|Tính\s+chung|Lũy\s+kế|Luỹ\s+kế|Cộng\s+dồn|"
              r"Đáng\s+chú|Đặc\s+biệt|Nổi\s+bật)\s[^,.;]{1,30},\s*)?")
_RANK_PLACE = (r"\W*(?:(?:tỉnh|thành\s+phố|TP\.?|Thủ\s+đô)\s+)?[A-ZĐ][\w.]*(?:\s+[A-ZĐ]\w*){0,3}"
               r"(?:\s+mới)?(?:\s*\([^()]{0,80}\))?\s+")
RANKED_RE = re.compile(_RANK_LEAD + r"(?:"
                        + _RANK_PLACE + r"(?:(?:vẫn|tiếp\s+tục)\s+)?(?:(?:xếp|đứng|ở\s+vị\s+trí)\s+"
                        r"thứ\s+\w+|(?:đứng|dẫn)\s+đầu)"
                        r"|" + _RANK_PLACE + r"(?:(?:cũng|chỉ|vẫn)\s+)?(?:đạt|tăng|giảm)\s+"
                        r"(?:khoảng\s+|hơn\s+|gần\s+)?\d"
                        r"|" + _RANK_PLACE + r"(?:(?:cũng|chỉ|vẫn|lại)\s+)?có\s+"
                        r"(?:mức|tốc\s+độ)\s+tăng"
                        # a subheading in a ranking: "Hà Nam: 10,39%", "3. Thanh Hóa: 11,5%"
                        r"|\W*(?:\d{1,2}\s*[.)]\s*)?(?:(?:tỉnh|thành\s+phố|TP\.?)\s*)?[A-ZĐ][\w.]*"
                        r"(?:\s+[A-ZĐ]\w*){0,3}\s*:\s*(?:tăng\s+)?[-−+]?\d[\d.,]*\s*%\W*$"
                        r"|\W*(?:Vị\s+trí|Xếp)\s+thứ\s+\w+"
                        # value first: "Với mức tăng 10,8%, Hải Phòng xếp thứ ba"
                        r"|\W*Với\s+(?:(?:mức|tốc\s+độ)\s+tăng(?:\s+trưởng)?\s+(?:là\s+|đạt\s+)?)?"
                        r"\d[\d.,]*\s*%\s*,\s*(?:(?:tỉnh|thành\s+phố|TP\.?)\s+)?[A-ZĐ]"
                        r"|\W*(?:[Đđ]ứng\s+(?:cuối|đầu|thứ\s+\w+)|[Dd]ẫn\s+đầu|[Tt]heo\s+sau|"
                        r"[Tt]iếp\s+theo|[Kk]ế\s+(?:đến|tiếp)|[Xx]ếp\s+sau|[Cc]ao\s+nhất|"
                        r"[Tt]hấp\s+nhất|(?:[Bb]a|[Hh]ai|[Cc]ác|[Nn]hững)\s+vị\s+trí\s+(?:tiếp\s+theo|"
                        r"còn\s+lại|kế\s+tiếp))[^.;,]{0,30}?\s+là\s"
                        # "Điểm đáng chú ý nhất nằm ở Bắc Ninh: với 76,44 tỷ USD …"
                        r"|\W*(?:Điểm\s+)?[Đđ]áng\s+chú\s+ý(?:\s+nhất)?\s+(?:là|nằm\s+ở)\s"
                        # "Theo địa phương, Bắc Ninh …": the places of the last indicator
                        r"|\W*(?:[Tt]heo|[Xx]ét\s+theo|[Pp]hân\s+theo|[Vv]ề)\s+(?:địa\s+phương|"
                        r"tỉnh,?\s*thành(?:\s+phố)?)\s*,"
                        r"|\W*Các\s+(?:địa\s+phương|tỉnh,?\s+thành(?:\s+phố)?)\s+(?:khác\s+)?"
                        r"(?:gồm|là)\s)")


# what may stand before the first number of a sentence that goes on about the last one's figure
_CARRY_LEAD_RE = re.compile(
    r"[\s,.:;()\-–]*(?:(?:" + trie_regex(CARRY_LEAD_WORDS, case=False) +
    r"|so\s+với\s+cùng\s+kỳ(?:\s+năm\s+\S+)?|(?:đứng|xếp)\s+thứ\s+\S+|thứ\s+\S+|"
    r"(?:ở\s+)?vị\s+trí\s+thứ\s+\S+)[\s,.:;()\-–]*)*", re.IGNORECASE)


# a sentence that goes on about the previous one's indicator: "Trong đó, …", "Riêng …"
CARRY_RE = re.compile(r"\W*(?:trong\s+đó|riêng|cụ\s+thể|bao\s+gồm|trong\s+số\s+(?:này|đó)|"
                       r"tính\s+riêng|còn|ngoài\s+ra|theo\s+đó)\b", re.IGNORECASE)


# "Theo đó, 4 địa phương dẫn đầu … lần lượt là: …": the article's last indicator goes on (and a
# paragraph opening so goes on from the last one: extract._paragraph)
GOES_ON_RE = re.compile(r"\W*(trong\s+đó|theo\s+đó|cụ\s+thể)\b", re.IGNORECASE)


_NO_SUBJECT = ("economy", "pos_word", "neg_word")


def update_topic(ctx: Context, events: list[Event]) -> None:
    """The article's current subject: GRDP (then sector names count) or trade."""
    for e in events:
        if e.kind != "ind" or not e.value[0] or e.value[1] in _NO_SUBJECT:
            continue  # "kim ngạch", "tăng trưởng", "kinh tế", "thặng dư": no subject alone
        _set_topic(ctx, e.value)


_INDICATOR_SCAN = PhraseScan([INDICATORS])


def update_topic_from(ctx: Context, s: str) -> Event | None:
    """`update_topic` for a text read only for its subject (no figure in it); the indicator it
    names last ("10 địa phương dẫn đầu về kim ngạch xuất khẩu gồm: …"), which is the one in
    force after it, is also returned."""
    last = None
    low = lowered(s)  # (the sentence was lowered for its periods: kept)
    same_length = len(low) == len(s)
    hits = _INDICATOR_SCAN.matches(low) if same_length else None
    values = [v for _r, _a, _b, v in hits] if hits is not None else [
        INDICATORS.value(m.group(0)) for m in (INDICATORS.lower_regex.finditer(low)
                                               if same_length else INDICATORS.regex.finditer(s))]
    for value in values:
        if value[0] and value[1] not in _NO_SUBJECT:
            last = value
    if last is None:
        return None
    _set_topic(ctx, last)
    return Event(0, 0, "ind", last) if last[1] in ("any", "growth", "level") else None


def _set_topic(ctx: Context, value: tuple[str, str]) -> None:
    ctx.topic = "grdp" if value[0] in ("grdp", "gdp") else "trade"
    ctx.topic_national = value[0] == "gdp" and not ctx.local_gdp


_PRONOUN_RE = re.compile(r"\W*(?:They|Their|These|Those)\b")
_FIRMS_RE = re.compile(r"FDI|vốn\s+đầu\s+tư\s+nước\s+ngoài|trong\s+nước")


def english_subject(ctx: Context, s: str, evs: list[Event]) -> bool:
    """English: a sentence whose subject is a part ("Foreign-invested businesses posted a surplus
    of …, with exports of …") speaks of that part throughout, and so does the next one that
    opens with a pronoun ("They exported …")."""
    first = first_number(evs)
    lead = next((e for e in evs if e.start < first and e.kind in ("ind", "sector", "block")
                 and (first < len(s) or e.kind == "block")), None)
    if lead is not None and lead.kind == "block" and _FIRMS_RE.search(s, lead.start, lead.end):
        ctx.subject_blocked = True  # (the foreign-invested or the domestic firms)
    elif ctx.subject_blocked and _PRONOUN_RE.match(s):
        return True
    else:
        ctx.subject_blocked = False
    return ctx.subject_blocked


def clause_subject_other(s: str, evs: list[Event], pos: int) -> bool:
    """Whether the clause a run of places follows opens with a sector or another topic ("Ngành
    công nghiệp tăng mạnh ở một số tỉnh: Bắc Giang tăng 20%; …": the sector's growth there)."""
    start = max(s.rfind(",", 0, pos), s.rfind(";", 0, pos)) + 1
    first = next((e for e in evs
                  if start <= e.start < pos and e.kind in ("ind", "sector", "block")), None)
    return first is not None and first.kind in ("sector", "block") and \
        not s[start:first.start].strip(" \"“(")


def first_number(evs: list[Event]) -> int:
    """Where the sentence's first number stands."""
    return next((e.start for e in evs if e.kind in ("amount", "pct")), 1 << 30)


def places_followed(after_re: re.Pattern[str], s: str,
                     regions: list[RegionMention]) -> list[RegionMention]:
    """The places of a sentence each followed by its own item ("Bình Dương tăng 1,15%",
    "TP.HCM với 29,5 tỷ USD", "Đồng Nai (10,9 tỷ USD)")."""
    return [r for r in regions if after_re.match(s, r.end)]


_OPENING_RE = re.compile(r"[\W\d]*(?:(?:trong|in|over|during|meanwhile|also|and|but|while|the|"
                         r"by\s+contrast|same\s+(?:period|time)|tỉnh|thành\s+phố|TP\.?)[\s,]*)*",
                         re.IGNORECASE)


def opens_without_topic(s: str, evs: list[Event], loose: bool = False,
                         place_first: bool = False) -> bool:
    """Only a period, a place or a verb before the sentence's first number: it goes on about the
    previous sentence's indicator ("Lũy kế 2 tháng đạt …", "Quý II tăng …", "Con số này …");
    any other subject ("Năng suất lao động tăng 5%") is not carried over. Loose (English, whose
    other words are not read): a place and no other subject before the first number."""
    first_num = first_number(evs)
    if any(e.kind == "block" and e.start < first_num for e in evs):
        return False  # (a blocker after the numbers, "nhờ vốn FDI", is another clause's)
    if loose:
        first = next((e for e in evs if e.kind in ("amount", "pct")), None)
        if first is None or any(e.kind in ("ind", "sector", "target") for e in evs
                                if e.start < first.start):
            return False
        regs = find_regions(s, 0, first.start)
        if not regs or not place_first:
            return bool(regs)
        # trade: the place opens the sentence ("Tay Ninh joined that group with …"), not an
        # object after another subject ("China remained the largest supplier to Vietnam with …")
        lead = s[:regs[0].start]
        for e in evs:
            if e.kind == "period" and e.end <= regs[0].start:
                lead = lead[:e.start] + " " * (e.end - e.start) + lead[e.end:]
        return bool(_OPENING_RE.fullmatch(lead))
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

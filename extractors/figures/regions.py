"""Regions named in text: provinces (any common form), the country, border gates and cities."""

from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.figures.gazetteer import (
    BORDER_CITIES,
    BORDER_GATES,
    NATIONAL,
    NATIONAL_FORMS,
    NOT_REGIONS,
    PROVINCES,
)
from extractors.figures.table import Table, normalize_key

# the words before a gate's name: "cửa khẩu quốc tế đường bộ số II Kim Thành", "ga … Đồng Đăng"
_GATE_LEAD_RE = re.compile(
    r"(?:cửa\s+khẩu|CKQT|CK|ga)(?:\s+(?:quốc\s+tế|quốc\s+gia|chính|phụ|song\s+phương|"
    r"đường\s+bộ|đường\s+sắt|liên\s+vận|số\s+(?:II|2|I|1)))*\s+$", re.IGNORECASE)


def _rows() -> list[tuple[str, tuple[str, str | None] | None]]:
    """Every written form with (region, border gate or None); None marks a non-region form.
    A gate whose name needs "cửa khẩu" before it has gate None here; find_regions decides."""
    rows: list[tuple[str, tuple[str, str | None] | None]] = []
    for name, (forms, _succ) in PROVINCES.items():
        rows += [(f, (name, None)) for f in (name, *forms)]
    rows += [(f, (NATIONAL, None)) for f in NATIONAL_FORMS]
    for gate, (province, needs_lead) in BORDER_GATES.items():
        if gate not in PROVINCES:
            rows.append((gate, (province, None if needs_lead else gate)))
    for form, gate in BORDER_CITIES.items():
        rows.append((form, (BORDER_GATES[gate][0], gate)))
    rows += [(f, None) for f in NOT_REGIONS]
    return rows


REGIONS = Table(_rows(), case=True)  # every form: what the scan below finds, faster

# A form that opens with a small letter ("cả nước", "thành phố Huế") would have the regex engine
# try a match at most positions of a text ("c", "t" and "n" are the commonest letters), so the
# scan keeps the forms that open with a capital and finds the others from a rarer part of them:
# "thành phố …" / "tư tưởng …" by a look before the capital name, the country's three by an
# inner syllable. tests/test_figures_regions.py checks that this finds what REGIONS finds.
_CAPITAL = Table([r for r in _rows() if not r[0][:1].islower()], case=True)
_NAME_LEAD_RE = re.compile(r"(?<!\w)(?:thành\s+phố|tư\s+tưởng)\s+$")
_COUNTRY_SMALL = ("cả nước", "nước ta", "toàn quốc")
# (three regexes, each opening with its literal syllable: the engine skips to that syllable, which
# an alternation of the three cannot do)
_COUNTRY_INNER = (re.compile(r"ả\s+nước(?!\w)"), re.compile(r"ước\s+ta(?!\w)"),
                  re.compile(r"quốc(?!\w)"))
_COUNTRY_START_RE = re.compile(r"(?<!\w)t(?:oà|òa)n\s+$")
_COUNTRY_RE = Table([(f, (NATIONAL, None)) for f in _COUNTRY_SMALL], case=True).regex
_SMALL_LEFT = {normalize_key(p) for p, _v in _rows() if p[:1].islower()} - {
    normalize_key(f) for f in _COUNTRY_SMALL}


@dataclass(slots=True, unsafe_hash=True)  # never changed once made: see events.Event
class RegionMention:
    """A region named in text; `gate` is set when a border gate or border city was named."""

    start: int
    end: int
    region: str
    gate: str | None = None
    aside: bool = False  # a meeting's venue or an example ("như TP.HCM, …"): no subject


def find_regions(text: str, pos: int = 0, endpos: int | None = None) -> list[RegionMention]:
    """Region mentions in text[pos:endpos], in order; forms that are not regions, datelines
    ("Hà Nội, 29/6 (TTXVN) -"), rankings ("thứ 12 cả nước") and merged-away names in a
    parenthesis ("(sau hợp nhất với tỉnh Hà Giang)") are skipped."""
    out = []
    for s, e, matched, value in _matches(text, pos, len(text) if endpos is None else endpos):
        if value is None or _DATELINE_RE.match(text, e) and _line_start(text, s):
            continue
        gate = BORDER_GATES.get(matched)
        if gate and value[1] is None:  # a name that is a gate only after "cửa khẩu"
            if _GATE_LEAD_RE.search(text, max(0, s - 60), s):
                value = (gate[0], matched)
            elif matched not in PROVINCES:
                continue  # "huyện Kim Thành": a district, not the gate
        if value[0] == NATIONAL and (_RANKING_RE.search(text, max(0, s - 30), s) or
                                     matched.startswith("V") and
                                     (_OF_THE_COUNTRY_RE.search(text, max(0, s - 20), s) or
                                      text.find("áo cáo", max(0, s - 40), s) >= 0 and
                                      _REPORT_RE.search(text, max(0, s - 40), s))):
            continue  # "thứ hai cả nước"; "hàng Việt Nam": the country's goods, not a place
            # ("Báo cáo Xuất nhập khẩu Việt Nam năm 2022": a report's name)
        if _MERGED_RE.search(text, max(0, s - 60), s) or _merged_word(text, s) and \
                _MERGED_WITH_RE.search(text, max(0, s - 30), s):
            continue
        out.append(RegionMention(s, e, value[0], value[1]))
    return out


def _matches(text: str, pos: int, end: int) -> list[tuple[int, int, str, object]]:
    """The forms of REGIONS in text[pos:end] as REGIONS.finditer finds them, in order."""
    out = []
    for s, e, matched, value in _CAPITAL.finditer(text, pos, end):
        lead = _NAME_LEAD_RE.search(text, max(pos, s - 16), s)
        if lead is not None:  # "thành phố Lào Cai": the city, a border gate's
            key = normalize_key(text[lead.start():e])
            if key in _SMALL_LEFT:
                s, matched, value = lead.start(), text[lead.start():e], REGIONS.values[key]
        out.append((s, e, matched, value))
    for inner in _COUNTRY_INNER:
        for m in inner.finditer(text, pos, end):
            if inner is _COUNTRY_INNER[2]:  # "toàn quốc": the start is a word back
                lead = _COUNTRY_START_RE.search(text, max(pos, m.start() - 12), m.start())
                start = lead.start() if lead else -1
            else:
                start = m.start() - 1
            full = _COUNTRY_RE.match(text, start, end) if start >= pos else None
            if full is not None and full.end() == m.end():
                out.append((start, m.end(), full.group(0), (NATIONAL, None)))
    return sorted(out, key=lambda x: x[0]) if len(out) > 1 else out


def _line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[max(0, pos - 2):pos].strip(" ") in ("", "\n") or text[pos - 1] == "\n"


_DATELINE_RE = re.compile(r"\s*(?:,\s*(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}|\s[-–—]\s|\s*\([A-ZĐ]{2,})")
_RANKING_RE = re.compile(r"(?:thứ\s+\S+|nhất|dẫn\s+đầu|đứng\s+đầu|top(?:\s+\d+)?(?:\s+đầu)?|"
                         r"nhóm\s+(?:dẫn\s+)?đầu|trong|trên|bình\s+quân|so\s+với)\s+$",
                         re.IGNORECASE)
_OF_THE_COUNTRY_RE = re.compile(r"(?:hàng(?:\s+hóa|\s+hoá)?|doanh\s+nghiệp|người|hai\s+nước)\s+$",
                                re.IGNORECASE)
_REPORT_RE = re.compile(r"báo\s+cáo\s+(?:xuất\s+nhập\s+khẩu|kinh\s+tế|thương\s+mại|logistics|"
                        r"thường\s+niên)\s+$", re.IGNORECASE)
_MERGED_WITH_RE = re.compile(
    r"(?:hợp\s+nhất|sáp\s+nhập)\s+(?:với|cùng)\s+(?:tỉnh\s+|thành\s+phố\s+)?$", re.IGNORECASE)
def _merged_word(text: str, pos: int) -> bool:
    """The cheap test before _MERGED_WITH_RE: "nhất" or "nhập" shortly before pos."""
    near = text[max(0, pos - 30):pos].lower()
    return "nhất" in near or "nhập" in near


_MERGED_RE = re.compile(r"\((?:[^()]*\s)?(?:hợp\s+nhất|sáp\s+nhập|sắp\s+xếp|trước\s+đây|cũ)"
                        r"[^()]*$", re.IGNORECASE)


def successor(region: str) -> str | None:
    """The province a region belongs to after the 2025 merger, when its name changed."""
    entry = PROVINCES.get(region)
    if entry is None or entry[1] == region:
        return None
    return entry[1]

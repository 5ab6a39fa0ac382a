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
from extractors.figures.table import Table

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


REGIONS = Table(_rows(), case=True)


@dataclass(slots=True, unsafe_hash=True)  # never changed once made: see events.Event
class RegionMention:
    """A region named in text; `gate` is set when a border gate or border city was named."""

    start: int
    end: int
    region: str
    gate: str | None = None


def find_regions(text: str, pos: int = 0, endpos: int | None = None) -> list[RegionMention]:
    """Region mentions in text[pos:endpos], in order; forms that are not regions, datelines
    ("Hà Nội, 29/6 (TTXVN) -"), rankings ("thứ 12 cả nước") and merged-away names in a
    parenthesis ("(sau hợp nhất với tỉnh Hà Giang)") are skipped."""
    out = []
    for s, e, matched, value in REGIONS.finditer(text, pos, endpos):
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
                                     _OF_THE_COUNTRY_RE.search(text, max(0, s - 20), s)):
            continue  # "thứ hai cả nước"; "hàng Việt Nam": the country's goods, not a place
        if _MERGED_RE.search(text, max(0, s - 60), s) or \
                _MERGED_WITH_RE.search(text, max(0, s - 30), s):
            continue
        out.append(RegionMention(s, e, value[0], value[1]))
    return out


def _line_start(text: str, pos: int) -> bool:
    return pos == 0 or text[max(0, pos - 2):pos].strip(" ") in ("", "\n") or text[pos - 1] == "\n"


_DATELINE_RE = re.compile(r"\s*(?:,\s*(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}|\s[-–—]\s|\s*\([A-ZĐ]{2,})")
_RANKING_RE = re.compile(r"(?:thứ\s+\S+|nhất|dẫn\s+đầu|đứng\s+đầu|top(?:\s+\d+)?(?:\s+đầu)?|"
                         r"nhóm\s+(?:dẫn\s+)?đầu|trong|trên|bình\s+quân|so\s+với)\s+$",
                         re.IGNORECASE)
_OF_THE_COUNTRY_RE = re.compile(r"(?:hàng(?:\s+hóa|\s+hoá)?|doanh\s+nghiệp|người|hai\s+nước)\s+$",
                                re.IGNORECASE)
_MERGED_WITH_RE = re.compile(
    r"(?:hợp\s+nhất|sáp\s+nhập)\s+(?:với|cùng)\s+(?:tỉnh\s+|thành\s+phố\s+)?$", re.IGNORECASE)
_MERGED_RE = re.compile(r"\((?:[^()]*\s)?(?:hợp\s+nhất|sáp\s+nhập|sắp\s+xếp|trước\s+đây|cũ)"
                        r"[^()]*$", re.IGNORECASE)


def successor(region: str) -> str | None:
    """The province a region belongs to after the 2025 merger, when its name changed."""
    entry = PROVINCES.get(region)
    if entry is None or entry[1] == region:
        return None
    return entry[1]

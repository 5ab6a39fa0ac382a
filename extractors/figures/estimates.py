"""Which numbers of a sentence an estimate word ("ước", "sơ bộ", "dự ước") governs."""

from __future__ import annotations

import re

from extractors.figures.events import Event
from extractors.figures.subject import CARRY_RE

_SEMI_RE = re.compile(r";")


def estimate_marks(s: str, evs: list[Event]) -> list[bool]:
    """Which events an estimate word governs: forward to the end of its segment, backward over
    the figures of the same indicator mention with no period named in between."""
    marks = [False] * len(evs)
    if not any(e.kind == "est" for e in evs):
        return marks
    # "Theo đó, A ước tăng x%; B tăng y%": a list sentence is one clause over its semicolons
    # a ";" inside brackets ("(quý I tăng 7,5%; quý II tăng 7,7%)") ends no clause
    semis = [] if CARRY_RE.match(s) else [
        m.start() for m in _SEMI_RE.finditer(s)
        if s.rfind("(", 0, m.start()) <= s.rfind(")", 0, m.start())]
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

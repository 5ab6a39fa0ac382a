"""Several word tables searched in one pass over a lower-cased sentence.

The regex engine tries a table's pattern at every position whose letter can open one of its
phrases; on the vocabulary tables that was a fifth of the extraction's time. An Aho–Corasick
automaton over every spelling of every phrase reads the text once for all the tables, and the
matches each table's regex would give are then picked from the hits with the same rules: the
word boundaries, the leftmost phrase, at one place the longest, and no overlap within a table.
tests/test_figures_scan.py checks that both give the same matches.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import product
from typing import Any

import ahocorasick

from extractors.figures.table import _BOUNDARIES, Table, phrase_units

_OTHER_SPACE_RE = re.compile(r"[^\S ]")  # whitespace other than a space: one in the regexes

Hit = tuple[int, int, int, Any]  # the table's rank, start, end, the table's value of the phrase


class PhraseScan:
    """Word tables that ignore case, searched in one pass of lower-cased text."""

    def __init__(self, tables: Sequence[Table]) -> None:
        self.tables = list(tables)
        self._left = []
        for t in self.tables:
            case, left, right = t._spec
            if case or left not in _BOUNDARIES or right != r"(?!\w)":
                raise ValueError("PhraseScan takes case-free tables with word boundaries")
            self._left.append("-" in _BOUNDARIES[left])
        self._automaton: Any = None

    def _build(self) -> Any:
        """The automaton: every spelling of every phrase -> [(table, length, value)]."""
        keys: dict[str, dict[int, Any]] = {}
        for rank, table in enumerate(self.tables):
            for phrase, _v in table.rows:
                value = table.value(phrase)
                forms = [f for _k, f in phrase_units(phrase.lower())]
                for spelling in product(*forms):
                    keys.setdefault("".join(spelling), {}).setdefault(rank, value)
        a = ahocorasick.Automaton()
        for key, by_rank in keys.items():
            a.add_word(key, [(rank, len(key), v) for rank, v in by_rank.items()])
        a.make_automaton()
        return a

    def matches(self, low: str) -> list[Hit] | None:
        """The tables' matches in low (lower-cased text): (table, start, end, value), by table
        and then in order, as each table's lower_regex.finditer gives them; None where two
        whitespace characters meet (a run of spaces the regexes take as one, which the
        automaton's spellings do not hold)."""
        text = low if low.isprintable() else _OTHER_SPACE_RE.sub(" ", low)
        if "  " in text:
            return None
        if self._automaton is None:
            self._automaton = self._build()
        hits = [(rank, last + 1 - length, -last - 1, value)
                for last, entries in self._automaton.iter(text)
                for rank, length, value in entries]
        if not hits:
            return hits
        hits.sort()  # by table, leftmost, longest: (table, start, end) is never twice
        return self._pick(text, hits)

    def _pick(self, text: str, hits: list[tuple[int, int, int, Any]]) -> list[Hit]:
        """finditer's choice: leftmost, then longest, within word boundaries, no overlap.
        (The boundary tests are the regex engine's \\w, written out: this loop is hot.)"""
        out: list[Hit] = []
        dash = self._left
        rank_now, taken, n = -1, 0, len(text)
        for rank, start, neg_end, value in hits:
            if rank != rank_now:
                rank_now, taken = rank, 0
            if start < taken:
                continue
            if start:
                c = text[start - 1]
                if c.isalnum() or c == "_" or c == "-" and dash[rank]:
                    continue
            end = -neg_end
            if end < n:
                c = text[end]
                if c.isalnum() or c == "_":
                    continue
            out.append((rank, start, end, value))
            taken = end
        return out

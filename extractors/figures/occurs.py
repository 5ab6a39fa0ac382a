"""A cheap test, once per sentence, before searches repeated for every number of it.

`Occurs(pattern)` says whether a necessary part of a costlier pattern stands anywhere in a
sentence. It is written in lower case and searched, case-sensitively, in the lower-cased
sentence (fast: the regex engine skips to the letters a literal starts with, which it cannot do
under IGNORECASE). Every match of the guarded pattern, in the whole sentence or in any part of
it before a number, must contain a match of the guard; when the guard is absent, the per-number
searches are skipped, and the figures are the same.
"""

from __future__ import annotations

import re


class Occurs:
    """`Occurs(pattern)(s)`: whether pattern matches in s.lower(); the answer for the last s
    asked about is kept (the sentence object itself, so a new sentence is never confused with
    it)."""

    __slots__ = ("_last", "regex")

    def __init__(self, pattern: str) -> None:
        self.regex = re.compile(pattern)
        self._last: tuple[str | None, bool] = (None, False)

    def __call__(self, s: str) -> bool:
        last = self._last  # one read: threads replace the tuple whole
        if last[0] is s:
            return last[1]
        found = self.regex.search(lowered(s)) is not None
        self._last = (s, found)
        return found


_LOWERED: tuple[str | None, str] = (None, "")


def lowered(s: str) -> str:
    """s.lower(), kept for the last sentence: the guards of one sentence share it."""
    global _LOWERED
    last = _LOWERED
    if last[0] is s:
        return last[1]
    low = s.lower()
    _LOWERED = (s, low)
    return low

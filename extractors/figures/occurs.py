"""Whether a pattern occurs in a sentence at all, asked once per sentence instead of once per
number: the cheap test before a search of the sentence's prefix or of a slice of it.

If a pattern does not occur anywhere in a sentence, it does not occur in any part of it either
(for patterns with no look-ahead at their end, and the parts asked about end before a number,
where a word ends anyway), so the per-number search can be skipped.
"""

from __future__ import annotations

import re


class Occurs:
    """`Occurs(regex)(s)`: whether regex matches anywhere in s; the answer for the last s asked
    about is kept (the sentence object itself, so a new sentence is never confused with it)."""

    __slots__ = ("_last", "regex")

    def __init__(self, regex: re.Pattern[str] | str, flags: int = 0) -> None:
        self.regex = re.compile(regex, flags) if isinstance(regex, str) else regex
        self._last: tuple[str | None, bool] = (None, False)

    def __call__(self, s: str) -> bool:
        last = self._last  # one read: threads replace the tuple whole
        if last[0] is s:
            return last[1]
        found = self.regex.search(s) is not None
        self._last = (s, found)
        return found

"""The one helper that turns readable word tables into compiled regexes and value lookups."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cached_property, lru_cache
from typing import Any

# Vietnamese has two tone placements in circulation ("hóa" / "hoá", "thủy" / "thuỷ"):
# a table writes one, the pattern accepts both.
_TONE_PAIRS = {
    "óa": "oá", "òa": "oà", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "óe": "oé", "òe": "oè", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "úy": "uý", "ùy": "uỳ", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}
_TONE_BACK = {v: k for k, v in _TONE_PAIRS.items()}
_DASHES = "-–—‐"
_KEY_RE = re.compile("|".join(map(re.escape, list(_TONE_BACK))))


@lru_cache(maxsize=8192)
def normalize_key(text: str) -> str:
    """The lookup key of a matched phrase: NFC, lowercase, one tone placement, single spaces."""
    t = unicodedata.normalize("NFC", text).lower()
    t = _KEY_RE.sub(lambda m: _TONE_BACK[m.group(0)], t)
    for d in _DASHES:
        t = t.replace(d, "-")
    t = re.sub(r"\s*-\s*", " - ", t)
    return " ".join(t.replace("\u00a0", " ").split())


def _units(phrase: str, case: bool) -> list[tuple[str, str]]:
    """A phrase as (key, regex) units: flexible spaces and dashes, both tone placements."""
    phrase = re.sub(r"\s*[-–—‐]\s*", "-", " ".join(phrase.split()))
    out = []
    i = 0
    while i < len(phrase):
        two = phrase[i:i + 2]
        two_l = two.lower()
        if len(two) == 2 and (two_l in _TONE_PAIRS or two_l in _TONE_BACK):
            alt = _TONE_PAIRS.get(two_l) or _TONE_BACK[two_l]
            if two != two_l:  # keep the capital of the first letter in both spellings
                alt = alt[0].upper() + alt[1:]
            key = _TONE_BACK.get(two_l, two_l) if not case else _TONE_BACK.get(two, two)
            out.append((key, f"(?:{re.escape(two)}|{re.escape(alt)})"))
            i += 2
            continue
        ch = phrase[i]
        if ch == " ":
            out.append((" ", r"\s+"))
        elif ch == "-":
            out.append(("-", r"\s*[-–—‐]\s*"))
        else:
            out.append((ch if case else ch.lower(), re.escape(ch)))
        i += 1
    return out


def phrase_units(phrase: str) -> list[tuple[str, list[str]]]:
    """A case-sensitive phrase as (key, spellings) units: every text its regex units match
    where spaces are single (a dash with or without a space on either side)."""
    out = []
    for key, _rx in _units(phrase, True):
        if key == " ":
            out.append((key, [" "]))
        elif key == "-":
            out.append((key, [f"{a}{d}{b}" for a in ("", " ") for d in _DASHES for b in ("", " ")]))
        elif len(key) == 2:  # a tone pair: both placements
            out.append((key, [key, _TONE_PAIRS.get(key) or _TONE_BACK[key]]))
        else:
            out.append((key, [key]))
    return out


def phrase_regex(phrase: str) -> str:
    """A regex for one literal phrase (see `_units`)."""
    return "".join(rx for _k, rx in _units(phrase, True))


def trie_regex(phrases: Iterable[str], case: bool) -> str:
    """One regex for many phrases, sharing prefixes: fast on long tables."""
    root: dict = {}
    for p in phrases:
        node = root
        for key, rx in _units(p, case):
            node = node.setdefault((key, rx) if case else key, {"": rx})
            node.setdefault(None, {})
            node = node[None]
        node["$"] = True
    return _emit(root)


def _emit(node: dict) -> str:
    alts = [child[""] + _emit(child[None]) for key, child in node.items() if key != "$"]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if node.get("$") else body


def _fast_regex(phrases: Iterable[str], case: bool, boundary: str, right: str) -> str:
    """A trie regex whose every branch starts with a literal character, so that the regex
    engine can skip to candidate positions; the left boundary is checked after that character
    (`boundary` is a character class such as `\\w`)."""
    root: dict = {}
    for p in phrases:
        node = root
        for key, rx in _units(p, case):
            node = node.setdefault((key, rx) if case else key, {"": rx})
            node.setdefault(None, {})
            node = node[None]
        node["$"] = True
    alts = []
    look = f"(?<![{boundary}].)"
    for key, child in root.items():
        rx, rest = child[""], _emit(child[None])
        first = key[0] if case else key
        if len(first) != 1 or not rx.lstrip("\\") or len(rx.lstrip("\\")) != 1:
            alts.append(f"(?<![{boundary}]){rx}{rest if case else f'(?i:{rest})'}")
            continue
        variants = {first} if case else {first.lower(), first.upper()}
        tail = rest if case else (f"(?i:{rest})" if rest else "")
        alts += [f"{re.escape(v)}{look}{tail}" for v in sorted(variants)]
    return "(?:" + "|".join(alts) + ")" + right


_BOUNDARIES = {r"(?<!\w)": r"\w", r"(?<![\w-])": r"\w-"}


class Table:
    """A word table: phrases (with a value each) compiled into one regex; longest match wins."""

    def __init__(self, rows: Iterable[tuple[str, Any]], *, case: bool = False,
                 left: str = r"(?<!\w)", right: str = r"(?!\w)") -> None:
        self.values: dict[str, Any] = {}
        self.rows = list(rows)
        for phrase, value in self.rows:
            self.values[normalize_key(phrase)] = value
        self._spec = (case, left, right)

    @property
    def pattern(self) -> str:
        """The regex source (compiled only when first used: start-up time matters)."""
        case, left, right = self._spec
        phrases = [p for p, _v in self.rows]
        if left in _BOUNDARIES:
            return _fast_regex(phrases, case, _BOUNDARIES[left], right)
        flags = "" if case else "(?i)"
        return f"{flags}{left}(?:{trie_regex(phrases, case)}){right}"

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """The compiled pattern (compiled when first used, then a plain attribute)."""
        return re.compile(self.pattern)

    @cached_property
    def lower_regex(self) -> re.Pattern[str]:
        """For a table that ignores case: the pattern of its phrases in lower case, to search in
        lower-cased text (faster than ignoring case; the same matches where lowering keeps the
        text's length)."""
        case, left, right = self._spec
        if case or left not in _BOUNDARIES:
            raise ValueError("lower_regex is for case-insensitive tables with a word boundary")
        return re.compile(_fast_regex([p.lower() for p, _v in self.rows], True,
                                      _BOUNDARIES[left], right))

    def value(self, matched: str) -> Any:
        """The value of a matched phrase."""
        return self.values.get(normalize_key(matched))

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):  # noqa: ANN201
        """Matches of the table in text[pos:endpos], as (start, end, matched, value)."""
        end = len(text) if endpos is None else endpos
        for m in self.regex.finditer(text, pos, end):
            yield m.start(), m.end(), m.group(0), self.value(m.group(0))

    def search(self, text: str) -> bool:
        """Whether any phrase of the table occurs in text."""
        return self.regex.search(text) is not None


def words(*phrases: str, value: Any = True) -> list[tuple[str, Any]]:
    """Rows of a table that all share one value."""
    return [(p, value) for p in phrases]

"""A plain-text table that fits a terminal's width without breaking a word: cells wrap at
spaces, and when the columns' longest words still do not fit, the least important columns are
left out (and named below the table); `wide` shows every column at its full width."""

from __future__ import annotations

import shutil
import textwrap
import unicodedata
from dataclasses import dataclass

from extractors.hygiene import strip_controls

GAP = "  "


@dataclass(frozen=True)
class Column:
    """A column: its header, how soon it is left out when narrow (0: never; higher: sooner),
    whether it aligns right (numbers) and whether its cells may wrap at spaces."""

    name: str
    drop: int = 0
    right: bool = False
    nowrap: bool = False  # a value or a period reads as one unit: "15.43 bn USD", "H1 2024"


def terminal_width(default: int = 80) -> int:
    """The terminal's width ($COLUMNS first, as the shell sets it), at least 40."""
    return max(40, shutil.get_terminal_size((default, 24)).columns)


def _clean(text: str) -> str:
    # NFC: one code point per letter, so len() is the width on screen (Vietnamese is NFC-wide 1)
    return " ".join(strip_controls(unicodedata.normalize("NFC", text)).split())


def _longest_word(text: str) -> int:
    return max((len(w) for w in text.split()), default=0)


def _least(columns: list[Column], cells: list[list[str]]) -> list[int]:
    """Each column's narrowest width: its longest word, or its longest cell if it never wraps."""
    return [max([_longest_word(c.name)] + [(len if c.nowrap else _longest_word)(r[i])
                                          for r in cells])
            for i, c in enumerate(columns)]


def _kept(columns: list[Column], cells: list[list[str]], width: int) -> list[int]:
    """Indexes of the columns that fit side by side at their narrowest, dropping empty columns
    and then the most droppable first (the never-dropped ones stay even when they do not fit)."""
    least = _least(columns, cells)
    kept = [i for i, c in enumerate(columns) if not c.drop or any(r[i] for r in cells)]
    by_drop = sorted((i for i, c in enumerate(columns) if c.drop), key=lambda i: (
        -columns[i].drop, -i))
    for i in by_drop:
        if sum(least[k] for k in kept) + len(GAP) * (len(kept) - 1) <= width:
            break
        if i in kept:
            kept.remove(i)
    return kept


def _widths(natural: list[int], least: list[int], room: int) -> list[int]:
    """Each column at least its longest word; then the room left unwraps whole columns, the
    cheapest first (a short column never wraps while a long one takes what remains)."""
    widths = list(least)
    spare = room - sum(widths)
    for i in sorted(range(len(widths)), key=lambda i: natural[i] - least[i]):
        give = min(spare, natural[i] - widths[i])
        if give < natural[i] - widths[i]:  # not enough to unwrap it: the rest goes to it
            widths[i] += max(give, 0)
            break
        widths[i] += give
        spare -= give
    return widths


def _lines(values: list[str], widths: list[int], right: list[bool]) -> list[str]:
    """One table row as lines: each cell wrapped at spaces inside its width."""
    wrapped = [textwrap.wrap(v, w, break_long_words=False, break_on_hyphens=False) or [""]
               for v, w in zip(values, widths, strict=True)]
    height = max(len(w) for w in wrapped)
    out = []
    for n in range(height):
        parts = [(w[n] if n < len(w) else "") for w in wrapped]
        out.append(GAP.join(p.rjust(w) if r else p.ljust(w)
                            for p, w, r in zip(parts, widths, right, strict=True)).rstrip())
    return out


def fit(columns: list[Column], rows: list[list[str]], width: int | None = None,
        wide: bool = False, groups: list[str] | None = None) -> list[str]:
    """The table's lines: a header, a rule, one or more lines per row (under a heading line
    wherever `groups`, one title per row, changes), then a line naming the columns left out.
    No line is longer than `width` unless one word is."""
    width = terminal_width() if width is None else width
    cells = [[_clean(v) for v in r] for r in rows]
    kept = list(range(len(columns))) if wide else _kept(columns, cells, width)
    cols = [columns[i] for i in kept]
    cells = [[r[i] for i in kept] for r in cells]
    natural = [max([len(c.name)] + [len(r[i]) for r in cells]) for i, c in enumerate(cols)]
    room = sum(natural) if wide else width - len(GAP) * (len(cols) - 1)
    widths = _widths(natural, _least(cols, cells), room)
    right = [c.right for c in cols]
    out = _lines([c.name for c in cols], widths, right)
    out.append(GAP.join("-" * w for w in widths))
    title = None
    for n, r in enumerate(cells):
        if groups is not None and groups[n] != title:
            title = groups[n]
            out += [""] if n else []
            out += wrap(_clean(title), width if not wide else max(width, len(title)))
        out += _lines(r, widths, right)
    hidden = [c.name for i, c in enumerate(columns) if i not in kept and
              any(r[i] for r in rows)]
    if hidden:
        note = f"(not shown at this width: {', '.join(hidden)}; --wide shows every column)"
        out += wrap(note, width)
    return out


def wrap(text: str, width: int | None = None, indent: str = "") -> list[str]:
    """A paragraph wrapped at spaces to the terminal's width (continuation lines indented)."""
    width = terminal_width() if width is None else width
    return textwrap.wrap(text, width, subsequent_indent=indent, break_long_words=False,
                         break_on_hyphens=False) or [""]

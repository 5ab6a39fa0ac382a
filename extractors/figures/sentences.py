"""Paragraphs and sentences of an article with their character offsets; the headline and lead."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

# A sentence ends at . ! ? followed by space and a capital, a digit or a quote, unless the dot
# closes an abbreviation ("TP. Hồ Chí Minh", "PGS. TS.").
_END_RE = re.compile(r"[.!?…][\"”’)]?\s+(?=[\"“‘(]?[A-ZÀ-ỸĐ0-9])")  # ends after its first char
_ABBREV_RE = re.compile(r"(?:\b(?:TP|Tp|tp|P|Q|TS|ThS|PGS|GS|BS|KS|St|Th|Mr|Ms|TT|UBND|v\.v)\.)$")
_ABBREV_LEN = 8  # the longest abbreviation with its dot is shorter: only the end is searched
_DATELINE_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})\b")


@dataclass(slots=True, unsafe_hash=True)  # never changed once made: see events.Event
class Sentence:
    """A sentence: its text and where it starts in the article."""

    start: int
    end: int
    text: str


@dataclass(slots=True, unsafe_hash=True)  # never changed once made: see events.Event
class Paragraph:
    """A paragraph (one line of the text), stripped: its text and where it starts."""

    start: int
    end: int
    text: str

    def sentences(self) -> tuple[Sentence, ...]:
        """The paragraph's sentences (split when asked: most paragraphs hold no figure)."""
        return _split(self.text, self.start)


# a line broken inside a sentence (hard-wrapped copy: "… cho biết 9\ntháng đầu năm 2025, …"):
# the line before ends in no stop, and the next goes on in lower case
_LOWER = "a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"
# (it opens with the line break itself, so the search jumps from one to the next)
_LINE_BREAK_RE = re.compile(rf"\n(?<=[^\s.:;!?|\t]\n)(?=[{_LOWER}])")


def unwrap(text: str) -> str:
    """The text with lines broken inside a sentence joined by a space (same length, so offsets
    stay those of the text); lines of a table (tabs, bars) stay apart."""
    if "|" in text or "\t" in text:
        return text
    return _LINE_BREAK_RE.sub(" ", text)


def paragraphs(text: str) -> list[Paragraph]:
    """The non-empty lines of text, with offsets into text."""
    out = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            out.append(Paragraph(start, start + len(stripped), stripped))
        pos += len(line) + 1
    return out


def _split(par: str, offset: int) -> tuple[Sentence, ...]:
    """Sentences of one paragraph."""
    out = []
    begin = 0
    for m in _END_RE.finditer(par):
        stop = m.start() + 1  # the sentence keeps its full stop
        head = par[begin:stop]
        if _ABBREV_RE.search(head, max(0, len(head) - _ABBREV_LEN)):
            continue
        out += _pieces(head, offset + begin)
        begin = m.end()
    out += _pieces(par[begin:], offset + begin)
    return tuple(s for s in out if s.text.strip())


# Longer than any sentence a reporter writes (the corpus's longest is under 500 characters): a
# table or a list flattened into one line. Reading a sentence costs time in its length for each
# of its numbers, so such a line is read in pieces, cut after a ";", else a ",", else a space.
MAX_SENTENCE = 2000
_CUTS = ("; ", ", ", " ")


def _pieces(text: str, start: int) -> list[Sentence]:
    """text as one Sentence, or as pieces of at most MAX_SENTENCE characters."""
    out = []
    while len(text) > MAX_SENTENCE:
        cut = next((i + len(c) for c in _CUTS if (i := text.rfind(c, 1, MAX_SENTENCE)) > 0),
                   MAX_SENTENCE)
        out.append(Sentence(start, start + cut, text[:cut]))
        text, start = text[cut:], start + cut
    out.append(Sentence(start, start + len(text), text))
    return out


def headline_index(pars: list[Paragraph], text: str) -> int | None:
    """Index of the headline among the first paragraphs: a short line of 5+ words, no full stop."""
    for i, p in enumerate(pars[:6]):
        line = p.text
        n_words = len(line.split())
        if 5 <= n_words <= 40 and not line.rstrip().endswith((".", ":")) \
                and not _DATELINE_RE.search(line):
            return i
        if n_words > 40:
            return None
    return None


def dateline(pars: list[Paragraph], text: str) -> date | None:
    """A publication date in the article's header lines ("Thứ năm, 10h56 27/06/2024")."""
    for p in pars[:4]:
        line = p.text
        if len(line) > 80:
            break
        m = _DATELINE_RE.search(line)
        if m:
            try:
                return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                return None
    return None

"""The extract command (issue 3): one article in, its figures out (jsonl, csv or a table).

Only the figures at or above the confidence threshold are printed (what `series` takes);
`--min-confidence 0` prints them all. jsonl is one JSON object per figure and nothing else;
the article's consistency checks go where `--checks` says (a file, or '-' for stderr), as
JSON lines whose `figures` are positions in the figures printed.
"""

from __future__ import annotations

import json
import re
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from extractors.errors import InputError

if TYPE_CHECKING:
    from extractors.model import Check, Figure

MAX_BYTES = 5_000_000  # a news article is far smaller; anything bigger is a wrong file
_HTML_RE = re.compile(r"<(?:!doctype\s+html|html|body|p|div|article|h1|br|span|meta)\b",
                      re.IGNORECASE)


def extract_command(file: str, published: date | None, title: str | None, fmt: str,
                    number_format: str, min_confidence: float = 0.0,
                    checks_to: str | None = None) -> None:
    """Print an article's figures at or above `min_confidence` (one JSON object per line, CSV
    or a table); write the article's checks to `checks_to` when given ('-': stderr)."""
    from extractors.figures import check_figures
    from extractors.figures.confidence import accepted

    if number_format not in ("vi", "en"):
        raise InputError(f"--number-format must be 'vi' or 'en', not {number_format!r}")
    text, everything = read_figures(decode_input(_read(file), file), published, title,
                                    number_format, name=_name(file))
    figures = accepted(everything, min_confidence)
    checks = check_figures(figures)  # over the printed figures: their indexes are these
    if fmt == "table":
        _table(figures, checks, text, len(everything) - len(figures), min_confidence)
    elif fmt == "csv":
        _csv(figures)
    else:
        _jsonl(figures)
    if checks_to is not None:
        write_checks(checks, checks_to)


def read_figures(text: str, published: date | None, title: str | None, number_format: str,
                 name: str = "input") -> tuple[str, list[Figure]]:
    """The article's text (an HTML page read as the pipeline reads it, its title and date used
    when not given) and every figure in it, whatever its confidence: what `tradewatch extract`
    filters and prints (bench/score_realtext.py scores through it too, so both read a text the
    same way)."""
    from extractors.figures import extract_figures

    if looks_like_html(text):
        text, title, published = _read_html(text, published, title, name)
    if not text.strip():
        raise InputError(f"{name}: no text")
    text = _bounded(text, name)
    return text, extract_figures(text, published, title, number_format)


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page rather than plain text."""
    return bool(_HTML_RE.search(text[:4000]))


def _read_html(html: str, published: date | None, title: str | None,
               name: str) -> tuple[str, str | None, date | None]:
    """The page's text, title and publication date by the pipeline's HTML reader."""
    from extractors.article import read_page  # only when HTML comes in: text needs no parser
    from extractors.errors import ParseError

    try:
        article = read_page(html)
    except ParseError as e:
        raise InputError(f"{name}: no article text in this HTML ({e})") from None
    found = article.published.date() if article.published else None
    return article.text, title or article.title, published or found


def _bounded(text: str, name: str) -> str:
    """The text cut at the pipeline's bound for the extractor (said on stderr)."""
    from extractors.hygiene import MAX_TEXT_CHARS, cut

    if len(text) <= MAX_TEXT_CHARS:
        return text
    short = cut(text)
    sys.stderr.write(f"tradewatch: {name}: text of {len(text):,} characters cut at "
                     f"{len(short):,} (news articles are under 100 KB)\n")
    return short


def _name(file: str) -> str:
    return "stdin" if file == "-" else file


def _read(file: str) -> bytes:
    """The raw bytes of the input, bounded in size."""
    if file == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    else:
        path = Path(file)
        if not path.is_file():
            raise InputError(f"{file}: no such file")
        try:
            with path.open("rb") as fh:
                data = fh.read(MAX_BYTES + 1)
        except OSError as e:
            raise InputError(f"{file}: cannot read: {e.strerror}") from None
    if len(data) > MAX_BYTES:
        raise InputError(f"{_name(file)}: larger than {MAX_BYTES:,} bytes; not an article")
    if not data.strip():
        raise InputError(f"{_name(file)}: empty input")
    return data


def decode_input(data: bytes, file: str) -> str:
    """Text by the pipeline's charset rules (UTF-8, Windows-1258, a declared charset), a few
    bad bytes replaced and said on stderr; binary input is refused."""
    from extractors.http.charset import decode

    if b"\x00" in data[:8192]:
        raise InputError(f"{_name(file)}: binary data, not a text or HTML article")
    found = decode(data)
    if found.replaced > max(16, len(data) // 1000):
        raise InputError(f"{_name(file)}: not UTF-8 text ({found.replaced} bytes undecodable)")
    if found.replaced:
        sys.stderr.write(f"tradewatch: {_name(file)}: {found.replaced} undecodable byte(s) "
                         f"replaced by U+FFFD (read as {found.encoding})\n")
    return found.text


def _jsonl(figures: list[Figure]) -> None:
    """One JSON object per figure, one per line, and nothing else."""
    out = sys.stdout
    for f in figures:
        out.write(json.dumps(f.to_dict(), ensure_ascii=False) + "\n")


def _csv(figures: list[Figure]) -> None:
    """One row per figure in the one CSV format; the columns are the jsonl object's keys."""
    from dataclasses import fields

    from extractors.model import Figure
    from warehouse.csv_format import write_csv

    columns = [field.name for field in fields(Figure)]
    write_csv(columns, [[tuple(f.to_dict().values()) for f in figures]], sys.stdout)


def write_checks(checks: list[Check], where: str) -> None:
    """The checks as JSON lines, one per check, to a file or ('-') to stderr."""
    lines = "".join(json.dumps(c.to_dict(), ensure_ascii=False) + "\n" for c in checks)
    if where == "-":
        sys.stderr.write(lines)
        return
    try:
        Path(where).write_text(lines, encoding="utf-8")
    except OSError as e:
        raise InputError(f"--checks {where}: cannot write: {e.strerror}") from None


def _table(figures: list, checks: list, text: str, hidden: int, min_confidence: float
           ) -> None:
    from rich.console import Console
    from rich.table import Table

    title = f"{len(figures)} figures"
    if hidden:
        title += (f" ({hidden} below confidence {min_confidence:g} not shown: "
                  "--min-confidence 0 shows them)")
    t = Table(title=title)
    for col in ("region", "indicator", "scope", "metric", "value", "period", "est.", "conf.",
                "evidence"):
        t.add_column(col, overflow="fold")
    for f in figures:
        value = f"{f.value:,.0f} {f.unit}" if f.metric == "level" else f"{f.value:g}%"
        t.add_row(f.region, f.indicator, f.scope, f.metric, value,
                  f"{f.period_start}..{f.period_end}", "yes" if f.estimate else "",
                  _confidence(f), text[f.start:f.end])
    console = Console()
    console.print(t)
    for c in checks:
        console.print(f"[{'green' if c.status == 'ok' else 'red'}]{c.kind}: {c.status}[/] "
                      f"{c.message}")


def _confidence(f: Figure) -> str:
    """The confidence, with the reasons that lowered it."""
    reasons = f" ({', '.join(f.confidence_reasons)})" if f.confidence_reasons else ""
    return f"{f.confidence:.2f}{reasons}"

"""Small HTML builders for the report. Everything that comes from an article (sentences,
titles, URLs, site names) is hostile input: it is escaped here, and a URL becomes a link only
when it is http(s)."""

from __future__ import annotations

import calendar
import html
from collections.abc import Iterable
from datetime import date
from urllib.parse import urlsplit

# No script may run in a page of the report, whatever an article smuggles in.
_CSP = "default-src 'none'; img-src 'self'; style-src 'self'; base-uri 'none'; form-action 'none'"


def esc(value: object) -> str:
    """Text for HTML (quotes included, so it is safe in attributes too)."""
    return html.escape("" if value is None else str(value), quote=True)


def day(value: date | None) -> str:
    """ "6 Oct 2023" """
    if value is None:
        return ""
    return f"{value.day} {calendar.month_abbr[value.month]} {value.year}"


def link(href: str, text: str, cls: str = "") -> str:
    """A link inside the report (href made by the report, text escaped here)."""
    attr = f' class="{esc(cls)}"' if cls else ""
    return f'<a href="{esc(href)}"{attr}>{esc(text)}</a>'


def external(url: str | None, text: str | None = None) -> str:
    """A link to an article: only http(s) URLs are links; anything else is shown as text."""
    shown = esc(text if text else url)
    try:
        scheme = urlsplit(url or "").scheme.lower()
    except ValueError:
        scheme = ""
    if scheme not in ("http", "https"):
        return f'<span class="url">{shown}</span>'
    return f'<a href="{esc(url)}" rel="noopener noreferrer nofollow" class="out">{shown}</a>'


def badge(text: str, kind: str, title: str = "") -> str:
    """A small mark beside a value: estimate, revised, conflict, check, low confidence."""
    tip = f' title="{esc(title)}"' if title else ""
    return f'<span class="badge {esc(kind)}"{tip}>{esc(text)}</span>'


def table(headers: Iterable[str], rows: Iterable[Iterable[str]], cls: str = "",
          num: tuple[int, ...] = ()) -> str:
    """A table of cells that are already HTML (headers are escaped); columns `num` align
    right."""
    def cell(tag: str, i: int, content: str) -> str:
        return f'<{tag} class="num">{content}</{tag}>' if i in num else \
            f"<{tag}>{content}</{tag}>"

    head = "".join(cell("th", i, esc(h)) for i, h in enumerate(headers))
    body = "\n".join("<tr>" + "".join(cell("td", i, c) for i, c in enumerate(r)) + "</tr>"
                     for r in rows)
    attr = f' class="{esc(cls)}"' if cls else ""
    return f"<table{attr}>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody>\n</table>"


def page(title: str, body: str, footer: str) -> str:
    """A whole page: the style sheet and links are relative (the report opens from disk)."""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="tradewatch report">
<title>{esc(title)}</title>
<link rel="stylesheet" href="style.css">
</head>
<body>
<nav><a href="index.html">tradewatch report</a> · <a href="conflicts.html">conflicts</a> ·
<a href="checks.html">checks</a> · <a href="review.html">low confidence</a></nav>
<main>
<h1>{esc(title)}</h1>
{body}
</main>
<footer>{footer}</footer>
</body>
</html>
"""


STYLE = """body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  margin: 0; color: #1d1d1f; background: #fff; }
nav { background: #17324d; padding: .5em 1.2em; color: #cfd8e3; }
nav a { color: #fff; text-decoration: none; }
main { max-width: 1100px; margin: 0 auto; padding: 0 1.2em 2em; }
footer { max-width: 1100px; margin: 0 auto; padding: 1em 1.2em 2em; color: #666;
  font-size: 13px; border-top: 1px solid #ddd; }
h1 { font-size: 1.7em; margin: .8em 0 .3em; }
h2 { font-size: 1.3em; margin: 1.6em 0 .3em; border-bottom: 2px solid #17324d; }
h3 { font-size: 1.05em; margin: 1.2em 0 .3em; }
.vi { color: #555; font-weight: normal; }
table { border-collapse: collapse; margin: .4em 0 1em; font-size: 14px; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .25em .7em; text-align: left;
  vertical-align: top; }
th { background: #f3f5f8; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
img.chart { width: 100%; max-width: 820px; height: auto; border: 1px solid #eee; }
.badge { display: inline-block; font-size: 11px; padding: 0 .45em; margin-left: .3em;
  border-radius: .6em; background: #e8eef6; color: #17324d; white-space: nowrap; }
.badge.estimate { background: #fff4d6; color: #7a5800; }
.badge.revised { background: #e6f4ea; color: #1e5e2f; }
.badge.conflict { background: #fde2e1; color: #8a1c17; }
.badge.check { background: #fde2e1; color: #8a1c17; }
.badge.ok { background: #e6f4ea; color: #1e5e2f; }
.badge.low { background: #efe5fb; color: #4b2a7a; }
.badge.best { background: #17324d; color: #fff; }
section.obs { border-left: 3px solid #c9d4e2; padding: .1em 0 .1em 1em; margin: 1.2em 0; }
section.obs:target { border-left-color: #d97706; background: #fffaf0; }
blockquote { margin: .3em 0 .1em; padding: .2em .8em; background: #f7f7f9;
  border-left: 3px solid #bbb; }
.meta { color: #555; font-size: 13px; margin-bottom: .6em; }
.url { word-break: break-all; }
a.out { word-break: break-word; }
ul.plain { list-style: none; padding-left: 0; }
"""


def paragraphs(*texts: str) -> str:
    """Paragraphs of escaped text."""
    return "\n".join(f"<p>{esc(t)}</p>" for t in texts if t)

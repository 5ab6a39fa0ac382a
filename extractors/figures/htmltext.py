"""An HTML article page reduced to its text, headline and publication date (lxml, no network)."""

from __future__ import annotations

import re
from datetime import date, datetime

_BLOCKS = ("p", "h1", "h2", "h3", "h4", "li", "td", "th", "blockquote", "figcaption")
_DROP = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
         "svg", "button", "select")
# boxes around an article that carry other articles' headlines, not this one's text
_NOISE_CLASS_RE = re.compile(
    r"related|lien-?quan|comment|sidebar|share|social|tags?\b|ads?\b|advert|banner|breadcrumb|"
    r"menu|nav|footer|header|widget|recommend|most-?read|doc-?nhieu|read-?more|xem-?them|"
    r"newsletter|subscribe|popup|cookie", re.IGNORECASE)
_HTML_RE = re.compile(r"<(?:!doctype\s+html|html|body|p|div|article|h1|br|span|meta)\b",
                      re.IGNORECASE)
_DATE_RE = re.compile(r"((?:19|20)\d{2})-(\d{2})-(\d{2})|(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})")


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page rather than plain text."""
    return bool(_HTML_RE.search(text[:4000]))


def html_to_text(html: str) -> tuple[str, str | None, date | None]:
    """The article's text (one block per line, headline first), its title and published date."""
    import lxml.html  # only when HTML comes in: plain text needs no parser

    doc = lxml.html.fromstring(html)
    title = _meta(doc, "og:title") or _first_text(doc, "//h1") or _first_text(doc, "//title")
    published = _published(doc)
    for el in doc.xpath("|".join(f"//{t}" for t in _DROP)):
        el.drop_tree()
    for el in doc.xpath("//*[@class or @id]"):
        if el.getparent() is not None and el.tag not in ("html", "body", "article", "main") \
                and _NOISE_CLASS_RE.search(f"{el.get('class', '')} {el.get('id', '')}"):
            el.drop_tree()
    root = _content_root(doc)
    lines = []
    for el in root.iter():
        if not _is_block(el):
            continue
        line = " ".join(el.text_content().split())
        if line:
            lines.append(line)
    if title and (not lines or lines[0] != title):
        lines.insert(0, title)
    return "\n\n".join(lines), title, published


def _is_block(el) -> bool:  # noqa: ANN001 - an lxml element
    """A paragraph-like element not inside another: <p>, <h1>…, <li>, or a <div> with its own
    text (a lead paragraph, "sapo", is often a bare div)."""
    if not isinstance(el.tag, str):
        return False
    if any(isinstance(a.tag, str) and (a.tag in _BLOCKS or _own_text(a)) for a in el.iterancestors()
           if a.tag != "html"):
        return False
    return el.tag in _BLOCKS or (el.tag in ("div", "section", "span") and _own_text(el)
                                 and el.getparent() is not None and el.tag != "span")


def _own_text(el) -> bool:  # noqa: ANN001
    """Whether a div holds text of its own, not only child elements."""
    if el.tag not in ("div", "section"):
        return False
    own = (el.text or "") + "".join(c.tail or "" for c in el)
    return len(own.strip()) > 30


def _meta(doc, prop: str) -> str | None:  # noqa: ANN001 - an lxml element
    found = doc.xpath(f'//meta[@property="{prop}" or @name="{prop}"]/@content')
    return " ".join(found[0].split()) if found and found[0].strip() else None


def _first_text(doc, xpath: str) -> str | None:  # noqa: ANN001
    found = doc.xpath(xpath)
    text = " ".join(found[0].text_content().split()) if found else ""
    return text or None


def _published(doc) -> date | None:  # noqa: ANN001
    """article:published_time, datePublished, or a <time datetime>."""
    candidates = [_meta(doc, "article:published_time"), _meta(doc, "pubdate"),
                  _meta(doc, "datePublished")]
    candidates += doc.xpath("//*[@itemprop='datePublished']/@content")
    candidates += doc.xpath("//time/@datetime") + [t.text_content() for t in doc.xpath("//time")]
    for c in candidates:
        if c:
            m = _DATE_RE.search(c)
            if m:
                return _to_date(m)
    return None


def _to_date(m: re.Match[str]) -> date | None:
    try:
        if m.group(1):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return date(int(m.group(6)), int(m.group(5)), int(m.group(4)))
    except ValueError:
        return None


def _content_root(doc):  # noqa: ANN001, ANN202
    """The <article> element, else the element holding the most paragraph text."""
    arts = doc.xpath("//article")
    if arts:
        return max(arts, key=lambda a: len(a.text_content()))
    best, best_len = doc, 0
    for p in doc.iter("p"):
        parent = p.getparent()
        if parent is None:
            continue
        size = sum(len(c.text_content()) for c in parent if c.tag == "p")
        if size > best_len:
            best, best_len = parent, size
    return best if best_len > 200 else doc


__all__ = ["datetime", "html_to_text", "looks_like_html"]

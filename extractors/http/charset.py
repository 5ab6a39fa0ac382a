"""Bytes -> text for HTML and XML: header charset, then <meta>, then sniffing.

Vietnamese pages come as UTF-8 or Windows-1258, and declarations lie. Strict UTF-8 is tried
first whatever the declaration says: legacy-encoded Vietnamese is almost never valid UTF-8,
so a page that decodes strictly as UTF-8 is UTF-8. A page that is UTF-8 but for a few bad
bytes (a stray \xff) stays UTF-8, its bad bytes replaced by U+FFFD and counted: it is UTF-8
when its valid multi-byte sequences outnumber its bad bytes UTF8_MARGIN to one (legacy text
read as UTF-8 is almost all bad bytes). Otherwise the declared charsets are tried strictly,
then Windows-1258, then Windows-1258 with replacement. Only text encodings are used (a
declared `rot13` or `hex` is ignored; `utf-16`/`utf-32`/`utf-7` without a BOM too, as
browsers do). Windows-1258 writes tones as combining marks, so the text is NFC-normalised
("Vie\u0323\u0302t" -> "Việt"). Nothing here raises: any bytes give a text.
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata
from dataclasses import dataclass

logger = logging.getLogger(__name__)

FALLBACK = "cp1258"  # Windows-1258
# Labels a misconfigured Vietnamese server sends by default; the bytes are really cp1258.
LATIN_LABELS = frozenset({"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "ascii",
                          "us-ascii", "iso8859-1", "l1"})
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]{0,100}?encoding\s*=\s*[\"']([\w.:-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))
UTF8_MARGIN = 4
_ESCAPED = re.compile("[\udc80-\udcff]")  # bad bytes under the surrogateescape handler
_NOT_FOR_HTML = ("utf_16", "utf_32", "utf_7")  # never from a label alone (WHATWG)


@dataclass(frozen=True, slots=True)
class Decoded:
    """A body as text: the codec used and how many bad bytes were replaced (U+FFFD)."""

    text: str
    encoding: str
    replaced: int = 0


def _codec(label: str | None) -> str | None:
    """Python's text codec name for a charset label, or None when unknown or not text."""
    if not label:
        return None
    label = label.strip().lower()
    if label in LATIN_LABELS:
        return FALLBACK
    try:
        info = codecs.lookup(label)
    except (LookupError, ValueError):
        logger.info("unknown charset label %r ignored", label)
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name.startswith(_NOT_FOR_HTML):
        logger.info("charset label %r is not usable for a page; ignored", label)
        return None
    return info.name


def header_charset(content_type: str | None) -> str | None:
    """The charset label of a Content-Type header value, if any."""
    m = _HEADER_CHARSET.search(content_type or "")
    return m.group(1) if m else None


def meta_charset(body: bytes) -> str | None:
    """The charset declared in the first 4 KB (<meta charset>, http-equiv, or <?xml?>)."""
    head = body[:4096]
    m = _XML_DECL.search(head) or _META_CHARSET.search(head)
    return m.group(1).decode("ascii", "replace") if m else None


def _candidates(body: bytes, content_type: str | None) -> list[str]:
    declared = [_codec(header_charset(content_type)), _codec(meta_charset(body))]
    out = []
    for c in [*declared, FALLBACK]:
        if c and c not in out and c != "utf-8":
            out.append(c)
    return out


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def _replacing(body: bytes, name: str) -> Decoded:
    """`body` decoded by `name` with bad bytes replaced by U+FFFD, and counted."""
    try:
        text = body.decode(name, "surrogateescape")
    except UnicodeDecodeError:  # multi-byte codecs (UTF-16) cannot escape: plain replacement
        text = body.decode(name, "replace")
        return Decoded(_nfc(text), name, text.count("\ufffd"))
    bad = len(_ESCAPED.findall(text))
    return Decoded(_nfc(_ESCAPED.sub("\ufffd", text)), name, bad)


def _mostly_utf8(body: bytes) -> Decoded | None:
    """UTF-8 with its few bad bytes replaced, when it is UTF-8 but for them."""
    escaped = body.decode("utf-8", "surrogateescape")
    bad = len(_ESCAPED.findall(escaped))
    multibyte_extra = len(body) - len(escaped)  # bytes past the first of each multi-byte char
    if multibyte_extra < UTF8_MARGIN * bad:
        return None
    return Decoded(_nfc(_ESCAPED.sub("\ufffd", escaped)), "utf-8", bad)


def decode(body: bytes, content_type: str | None = None) -> Decoded:
    """An HTML/XML body as text, by BOM, strict UTF-8, mostly-UTF-8, the declared charsets,
    then Windows-1258; bad bytes replaced and counted. Never raises."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return _replacing(body[len(bom):], name)
    try:
        return Decoded(_nfc(body.decode("utf-8")), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(body)
    if mostly is not None:
        logger.info("UTF-8 with %d bad bytes, replaced", mostly.replaced)
        return mostly
    for name in _candidates(body, content_type):
        try:
            return Decoded(_nfc(body.decode(name)), name)
        except (UnicodeDecodeError, LookupError, ValueError):
            continue
    found = _replacing(body, FALLBACK)
    logger.info("no charset decodes strictly; %s with %d bytes replaced", FALLBACK, found.replaced)
    return found


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, codec name) of an HTML/XML body; never raises (see `decode`)."""
    found = decode(body, content_type)
    return found.text, found.encoding

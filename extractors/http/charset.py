"""Bytes -> text for HTML and XML: header charset, then <meta>, then sniffing.

Vietnamese pages come as UTF-8 or Windows-1258, and declarations lie. Strict UTF-8 is tried
first whatever the declaration says: legacy-encoded Vietnamese is almost never valid UTF-8,
so a page that decodes strictly as UTF-8 is UTF-8. Otherwise the declared charsets are tried
strictly, then Windows-1258. Windows-1258 writes tones as combining marks, so the text is
NFC-normalised ("Vie\u0323\u0302t" -> "Việt").
"""

from __future__ import annotations

import codecs
import logging
import re
import unicodedata

logger = logging.getLogger(__name__)

FALLBACK = "cp1258"  # Windows-1258
# Labels a misconfigured Vietnamese server sends by default; the bytes are really cp1258.
LATIN_LABELS = frozenset({"iso-8859-1", "latin-1", "latin1", "windows-1252", "cp1252", "ascii",
                          "us-ascii", "iso8859-1", "l1"})
_HEADER_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]{0,100}?encoding\s*=\s*[\"']([\w.:-]+)", re.I)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))


def _codec(label: str | None) -> str | None:
    """Python's codec name for a charset label, or None when unknown."""
    if not label:
        return None
    label = label.strip().lower()
    if label in LATIN_LABELS:
        return FALLBACK
    try:
        return codecs.lookup(label).name
    except LookupError:
        logger.info("unknown charset label %r ignored", label)
        return None


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
    out = ["utf-8"]
    for c in [*declared, FALLBACK]:
        if c and c not in out:
            out.append(c)
    return out


def _nfc(text: str) -> str:
    return text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text)


def decode_body(body: bytes, content_type: str | None = None) -> tuple[str, str]:
    """(text, codec name) of an HTML/XML body; never raises."""
    for bom, name in _BOMS:
        if body.startswith(bom):
            return _nfc(body.decode(name, "replace").lstrip("\ufeff")), name
    for name in _candidates(body, content_type):
        try:
            return _nfc(body.decode(name)), name
        except UnicodeDecodeError:
            continue
    logger.info("no charset decodes strictly; %s with replacement", FALLBACK)
    return _nfc(body.decode(FALLBACK, "replace")), FALLBACK

"""Deterministic keys: md5 hex of natural keys, the same in Python and in SQL (md5())."""

from __future__ import annotations

import hashlib

# The SQL side builds keys with md5(concat_ws(chr(31), ...)); keep this separator in step.
SEP = "\x1f"


def key(*parts: object) -> str:
    """md5 hex of the parts joined by the unit separator (None as the empty string)."""
    text = SEP.join("" if p is None else str(p) for p in parts)
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def article_id(canonical_url: str) -> str:
    """The article key: md5 of its canonical URL."""
    return key(canonical_url)

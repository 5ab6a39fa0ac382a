"""Publication dates: ISO 8601 from metadata and Vietnamese visible datelines.

Times without a zone are Vietnam time (Asia/Ho_Chi_Minh, UTC+07:00 all year, no DST).
Datelines seen on Vietnamese news sites, all handled here:
    "Thứ năm, 10h56 27/06/2024"   "27/06/2024 10:56"   "10:56 | 27/06/2024"
    "Thứ Năm, 27/6/2024 - 10:56 (GMT+7)"   "ngày 27 tháng 6 năm 2024"   "27-06-2024 10:56:12"
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime

VN_TZ = timezone(timedelta(hours=7), "+07")

_DMY = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:năm|,|/)\s*(\d{4})", re.I)
_TIME = re.compile(r"(?<!\d)([01]?\d|2[0-3])\s*(?:h|:|giờ)\s*([0-5]\d)(?:\s*:\s*([0-5]\d))?"
                   r"(?!\d)", re.I)
_GMT = re.compile(r"(?:GMT|UTC)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?", re.I)
_ISO_HINT = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _zone(text: str) -> timezone:
    m = _GMT.search(text)
    if not m:
        return VN_TZ
    offset = timedelta(hours=int(m.group(2)), minutes=int(m.group(3) or 0))
    return timezone(-offset if m.group(1) == "-" else offset)


def parse_iso(value: str | None) -> datetime | None:
    """An aware datetime from ISO 8601 text (naive means Vietnam time), or None."""
    if not value:
        return None
    value = value.strip()
    if not _ISO_HINT.match(value):
        return None
    try:
        when = datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        try:
            when = datetime.fromisoformat(value[:10])
        except ValueError:
            return None
    return when if when.tzinfo else when.replace(tzinfo=VN_TZ)


def _date_parts(text: str) -> tuple[re.Match[str], int, int, int] | None:
    m = _DMY.search(text) or _WORDS.search(text)
    if not m:
        return None
    day, month, year = (int(g) for g in m.groups())
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1990 <= year <= 2100):
        return None
    return m, day, month, year


def parse_dateline(text: str | None) -> datetime | None:
    """An aware datetime from a Vietnamese dateline ('Thứ năm, 10h56 27/06/2024'), or None."""
    if not text:
        return None
    found = _date_parts(text)
    if found is None:
        return None
    m, day, month, year = found
    rest = text[: m.start()] + " " + text[m.end():]  # the time may sit on either side
    t = _TIME.search(rest)
    hour, minute, second = (int(t.group(1)), int(t.group(2)), int(t.group(3) or 0)) if t \
        else (0, 0, 0)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=_zone(text))
    except ValueError:
        return None


def parse_any(value: str | None) -> datetime | None:
    """ISO 8601 first, then a Vietnamese dateline, then an RFC 822 date (feeds)."""
    if not value:
        return None
    return parse_iso(value) or parse_dateline(value) or _parse_rfc822(value)


def _parse_rfc822(value: str) -> datetime | None:
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return when if when.tzinfo else when.replace(tzinfo=VN_TZ)

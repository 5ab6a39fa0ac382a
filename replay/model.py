"""The records of the replay site: one served article and what it states."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

VN_TZ = timezone(timedelta(hours=7))  # Asia/Ho_Chi_Minh has no DST
SITES = ("kdpt", "tin")


@dataclass(frozen=True, slots=True, eq=False)  # eq=False: hashed by identity (page caches)
class ReplayArticle:
    """One article as a replay site serves it, with the figures it states (for tests)."""

    id: int
    site: str  # "kdpt" or "tin"
    category: str  # kdpt: kinh-te | dia-phuong; tin: kinh-te
    published: datetime  # aware, +07:00
    title: str
    sapo: str  # the lead paragraph, as printed (KDPT's starts with "(KDPT) - ")
    paragraphs: tuple[str, ...]
    author: str
    slug: str
    path: str  # path on its site, e.g. "/lang-son-…-100001.html"
    url: str = ""  # filled in by a running server: base URL + path
    expected: tuple[dict[str, Any], ...] = ()  # figures-schema.md dicts
    syndicated_of: int | None = None  # the original story of a syndicated copy
    revises: int | None = None  # the earlier article whose estimate this one revises
    meta: str = "full"  # "full", "jsonld" (full + JSON-LD) or "none" (visible dateline only)
    charset: str = "utf-8"  # or "windows-1258"
    caption: str = ""  # the photo caption inside the body
    synthetic: bool = False
    tags: tuple[str, ...] = field(default=())

    @property
    def text(self) -> str:
        """Headline, lead and body as plain text (what an extractor should see)."""
        return "\n\n".join((self.title, self.sapo, *self.paragraphs))

    @property
    def amp_path(self) -> str | None:
        """The AMP copy's path (KDPT only)."""
        return "/amp" + self.path if self.site == "kdpt" else None


def slugify(title: str) -> str:
    """An ASCII URL slug from a Vietnamese headline."""
    t = title.replace("Đ", "D").replace("đ", "d")
    t = unicodedata.normalize("NFD", t)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", t).strip("-")[:80].rstrip("-")


def article_path(site: str, art_id: int, slug: str, published: datetime) -> str:
    """The article's path on its site (REPLAY.md layouts)."""
    if site == "kdpt":
        return f"/{slug}-{art_id}.html"
    return f"/{published:%Y/%m/%d}/{slug}/"

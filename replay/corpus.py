"""The hand-written corpus: TOML files of articles shipped inside this package.

Each `[[article]]` table has id, site, category, published ("2024-06-27T10:56", +07:00),
author, title, sapo, body (paragraphs separated by blank lines) and `figures`, a list of
"region | indicator | metric | value | period [| scope] [| ước]" lines. A syndicated copy
names `copy_of` and gives its own title and `lead` (the re-edited first sentence).
"""

from __future__ import annotations

import calendar
import logging
import re
import tomllib
from datetime import date, datetime
from importlib import resources
from typing import Any

from replay.model import VN_TZ, ReplayArticle, article_path, slugify

logger = logging.getLogger(__name__)

CORPUS_GLOB = re.compile(r"^corpus_\d+\.toml$")
ESTIMATE_MARK = "ước"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def parse_period(token: str) -> tuple[date, date]:
    """'H1/2024', 'Q3/2023', '9T/2024', 'T5/2024', '2024' or 'YYYY-MM-DD..YYYY-MM-DD'."""
    token = token.strip()
    if ".." in token:
        a, b = token.split("..")
        return date.fromisoformat(a), date.fromisoformat(b)
    if re.fullmatch(r"\d{4}", token):
        return date(int(token), 1, 1), date(int(token), 12, 31)
    m = re.fullmatch(r"(H[12]|Q[1-4]|\d{1,2}T|T\d{1,2})/(\d{4})", token)
    if not m:
        raise ValueError(f"unknown period {token!r}")
    kind, year = m.group(1), int(m.group(2))
    if kind[0] == "H":
        first = 1 if kind == "H1" else 7
        return date(year, first, 1), _month_end(year, first + 5)
    if kind[0] == "Q":
        first = 3 * int(kind[1]) - 2
        return date(year, first, 1), _month_end(year, first + 2)
    if kind.endswith("T"):  # the first N months of the year
        return date(year, 1, 1), _month_end(year, int(kind[:-1]))
    month = int(kind[1:])
    return date(year, month, 1), _month_end(year, month)


def parse_figure(line: str) -> dict[str, Any]:
    """One figures-schema.md dict from the corpus shorthand."""
    parts = [p.strip() for p in line.split("|")]
    if len(parts) < 5:
        raise ValueError(f"figure needs at least 5 fields: {line!r}")
    region, indicator, metric, value_s, period = parts[:5]
    rest = parts[5:]
    estimate = ESTIMATE_MARK in rest
    scopes = [p for p in rest if p != ESTIMATE_MARK]
    unit = "%" if metric != "level" else "USD"
    if value_s.endswith("VND"):
        unit, value_s = "VND", value_s[:-3].strip()
    value = float(value_s)
    start, end = parse_period(period)
    return {
        "region": region, "indicator": indicator, "scope": scopes[0] if scopes else "all",
        "metric": metric, "value": int(value) if metric == "level" else value, "unit": unit,
        "period_start": start.isoformat(), "period_end": end.isoformat(), "estimate": estimate,
    }


def _paragraphs(body: str) -> tuple[str, ...]:
    return tuple(" ".join(p.split()) for p in re.split(r"\n\s*\n", body) if p.strip())


def _replace_lead(sapo: str, lead: str) -> str:
    """The sapo with its first sentence replaced (a syndicated copy's light re-edit)."""
    sapo = re.sub(r"^\(KDPT\)\s*-\s*", "", sapo)
    rest = re.split(r"(?<=[.!?])\s+", sapo, maxsplit=1)
    return lead if len(rest) < 2 else f"{lead} {rest[1]}"


def _build(raw: dict[str, Any], originals: dict[int, dict[str, Any]]) -> ReplayArticle:
    src = dict(originals[raw["copy_of"]]) if "copy_of" in raw else {}
    if src:
        src["sapo"] = _replace_lead(src["sapo"], raw["lead"])
        src.pop("meta", None), src.pop("charset", None), src.pop("category", None)
    data = {**src, **raw}
    site = data["site"]
    published = datetime.fromisoformat(data["published"]).replace(tzinfo=VN_TZ)
    sapo = " ".join(data["sapo"].split())
    if site == "kdpt" and not sapo.startswith("(KDPT)"):
        sapo = f"(KDPT) - {sapo}"
    slug = slugify(data["title"])
    return ReplayArticle(
        id=data["id"], site=site,
        category=data.get("category", "kinh-te" if site == "tin" else "dia-phuong"),
        published=published, title=data["title"], sapo=sapo,
        paragraphs=_paragraphs(data.get("body", "")), author=data.get("author", ""),
        slug=slug, path=article_path(site, data["id"], slug, published),
        expected=tuple(parse_figure(f) for f in data.get("figures", [])),
        syndicated_of=data.get("copy_of"), revises=data.get("revises"),
        meta=data.get("meta", "full"), charset=data.get("charset", "utf-8"),
        caption=data.get("caption", ""), tags=tuple(data.get("tags", ())),
    )


def load_corpus() -> list[ReplayArticle]:
    """Every hand-written article of the package data, in id order."""
    raws: list[dict[str, Any]] = []
    for entry in sorted(resources.files("replay").iterdir(), key=lambda e: e.name):
        if CORPUS_GLOB.match(entry.name):
            raws.extend(tomllib.loads(entry.read_text(encoding="utf-8"))["article"])
    originals = {r["id"]: r for r in raws if "copy_of" not in r}
    ids = [r["id"] for r in raws]
    if len(ids) != len(set(ids)):
        raise ValueError("replay corpus: duplicate article ids")
    return sorted((_build(r, originals) for r in raws), key=lambda a: a.id)


def labelled(articles: list[ReplayArticle]) -> list[dict[str, Any]]:
    """Items in the scorer's format (tools/score_figures.py): id, published, text, expected."""
    return [{"id": a.id, "published": a.published.date().isoformat(), "text": a.text,
             "expected": list(a.expected)} for a in articles]

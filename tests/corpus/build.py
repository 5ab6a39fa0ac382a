"""Build tests/corpus/*.jsonl from the hand-written sources in tests/corpus/src/*.txt."""

from __future__ import annotations

import argparse
import calendar
import json
import logging
import re
import sys
from pathlib import Path

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
HEADER = re.compile(r"^### id: (?P<id>\S+) \| published: (?P<pub>\d{4}-\d{2}-\d{2})\s*$")
FIELDS = ("region", "indicator", "scope", "metric", "value", "period", "estimate")


def _month_end(year: int, month: int) -> str:
    """The ISO date of the last day of a month."""
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def parse_period(p: str) -> tuple[str, str]:
    """Expand a period shorthand: 2024, 2024H1, 2024Q3, 2024-05, 2024M1-5, or A..B."""
    if ".." in p:
        a, b = p.split("..")
        return a, b
    if m := re.fullmatch(r"(\d{4})", p):
        y = int(m[1])
        return f"{y}-01-01", f"{y}-12-31"
    if m := re.fullmatch(r"(\d{4})H1", p):
        return f"{m[1]}-01-01", f"{m[1]}-06-30"
    if m := re.fullmatch(r"(\d{4})Q([1-4])", p):
        y, q = int(m[1]), int(m[2])
        return f"{y}-{3 * q - 2:02d}-01", _month_end(y, 3 * q)
    if m := re.fullmatch(r"(\d{4})-(\d{2})", p):
        y, mo = int(m[1]), int(m[2])
        return f"{y}-{mo:02d}-01", _month_end(y, mo)
    if m := re.fullmatch(r"(\d{4})M(\d{1,2})-(\d{1,2})", p):
        y, a, b = int(m[1]), int(m[2]), int(m[3])
        return f"{y}-{a:02d}-01", _month_end(y, b)
    raise ValueError(f"bad period {p!r}")


def parse_figure(line: str) -> dict:
    """One figure line: region | indicator | scope | metric | value [unit] | period | [est]."""
    parts = [c.strip() for c in line.split("|")]
    if len(parts) != len(FIELDS):
        raise ValueError(f"expected {len(FIELDS)} columns: {line!r}")
    region, indicator, scope, metric, value, period, est = parts
    num, _, unit = value.partition(" ")
    start, end = parse_period(period)
    return {
        "region": region, "indicator": indicator, "scope": scope, "metric": metric,
        "value": float(num), "unit": unit or "%", "period_start": start,
        "period_end": end, "estimate": est == "est",
    }


def parse_source(text: str) -> list[dict]:
    """Split a source file into items: header, text lines, '---', figure lines."""
    items: list[dict] = []
    cur: dict | None = None
    for n, line in enumerate(text.splitlines(), 1):
        if m := HEADER.match(line):
            cur = {"id": m["id"], "published": m["pub"], "lines": [], "expected": [],
                   "in_figs": False}
            items.append(cur)
        elif cur is None or (not cur["in_figs"] and line.startswith("#")):
            continue
        elif not cur["in_figs"] and line.strip() == "---":
            cur["in_figs"] = True
        elif cur["in_figs"]:
            if line.strip() and not line.lstrip().startswith("#"):
                try:
                    cur["expected"].append(parse_figure(line))
                except ValueError as e:
                    raise ValueError(f"line {n}: {e}") from e
        else:
            cur["lines"].append(line)
    return [_finish(it) for it in items]


def _finish(it: dict) -> dict:
    """Turn a parsed item into the labelled-set record."""
    text = "\n".join(it["lines"]).strip("\n")
    return {"id": it["id"], "published": it["published"], "text": text,
            "expected": it["expected"]}


def render(name: str) -> tuple[str, int]:
    """The jsonl text of set <name> built from src/<name>*.txt, and its item count."""
    items: list[dict] = []
    for src in sorted((HERE / "src").glob(f"{name}*.txt")):
        items += parse_source(src.read_text(encoding="utf-8"))
    ids = [i["id"] for i in items]
    dupes = {i for i in ids if ids.count(i) > 1}
    if dupes:
        raise ValueError(f"duplicate ids: {sorted(dupes)}")
    return "".join(json.dumps(it, ensure_ascii=False) + "\n" for it in items), len(items)


def build(name: str) -> int:
    """Write tests/corpus/<name>.jsonl from src/<name>*.txt; returns the item count."""
    text, n = render(name)
    (HERE / f"{name}.jsonl").write_text(text, encoding="utf-8")
    return n


def main() -> int:
    """Build the named sets (default: dev and holdout)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("names", nargs="*", default=["dev", "holdout"])
    for name in ap.parse_args().names:
        n = build(name)
        print(f"{name}: {n} items")
    return 0


if __name__ == "__main__":
    sys.exit(main())

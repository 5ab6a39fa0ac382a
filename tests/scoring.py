"""The figure scorer's semantics in-process: core and strict P/R/F1 by greedy one-to-one matching.

A reimplementation of ../shared/tools/score_figures.py (never imported): same keys, same value
tolerances, same greedy matching and the same totals, so a gate here reads like the scorer's line.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

VOCAB = frozenset({
    "trade_total", "export", "import", "trade_balance", "grdp", "grdp_agriculture",
    "grdp_industry_construction", "grdp_services", "grdp_product_taxes", "gdp",
})
SHOWN = ("region", "indicator", "scope", "metric", "value", "period_start", "period_end",
         "estimate")

Extract = Callable[..., Iterable[Any]]


def close(metric: str, a: float, b: float) -> bool:
    """Values agree: levels within 0.1% (relative), percentages within 0.005 (absolute)."""
    if metric == "level":
        return abs(a - b) <= 0.001 * max(abs(a), abs(b), 1.0)
    return abs(a - b) <= 0.005


def key(f: dict, strict: bool) -> tuple:
    """What must be equal for a match: core fields, plus scope and the estimate flag if strict."""
    k = (f.get("region"), f.get("indicator"), f.get("metric"),
         f.get("period_start"), f.get("period_end"))
    if strict:
        k += (f.get("scope", "all"), bool(f.get("estimate", False)))
    return k


def _same_value(p: dict, g: dict) -> bool:
    """The scorer's value test; an unparsable predicted value never matches."""
    try:
        return close(g["metric"], float(p.get("value")), float(g["value"]))
    except (TypeError, ValueError):
        return False


def match(pred: list[dict], gold: list[dict], strict: bool) -> tuple[int, list, list]:
    """Greedy one-to-one matching in prediction order; returns (hits, extras, misses)."""
    left = list(gold)
    extras: list[dict] = []
    hits = 0
    for p in pred:
        for i, g in enumerate(left):
            if key(p, strict) == key(g, strict) and _same_value(p, g):
                hits += 1
                del left[i]
                break
        else:
            extras.append(p)
    return hits, extras, left


@dataclass
class Tally:
    """Matched, predicted and gold counts, summed over items."""

    hits: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def p(self) -> float:
        """Precision (1.0 when nothing was predicted, as the scorer has it)."""
        return self.hits / self.predicted if self.predicted else 1.0

    @property
    def r(self) -> float:
        """Recall (1.0 when nothing was expected)."""
        return self.hits / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return 2 * self.p * self.r / (self.p + self.r) if self.p + self.r else 0.0


@dataclass
class ItemResult:
    """One item's unmatched figures, core and strict."""

    id: str
    error: str | None = None
    core_misses: list[dict] = field(default_factory=list)
    core_extras: list[dict] = field(default_factory=list)
    strict_misses: list[dict] = field(default_factory=list)
    strict_extras: list[dict] = field(default_factory=list)


@dataclass
class Scores:
    """Totals over a labelled set, with per-item detail for a readable diff."""

    core: Tally = field(default_factory=Tally)
    strict: Tally = field(default_factory=Tally)
    items: list[ItemResult] = field(default_factory=list)
    failures: int = 0

    def metrics(self) -> dict[str, float]:
        """The gated numbers, named as in baseline.json."""
        return {"core_p": self.core.p, "core_r": self.core.r, "core_f1": self.core.f1,
                "strict_p": self.strict.p, "strict_r": self.strict.r,
                "strict_f1": self.strict.f1}

    def line(self) -> str:
        """The scorer's last line."""
        c, s = self.core, self.strict
        return (f"core P={c.p:.3f} R={c.r:.3f} F1={c.f1:.3f} | "
                f"strict P={s.p:.3f} R={s.r:.3f} F1={s.f1:.3f}")

    def report(self, strict: bool = False) -> str:
        """Misses and extras per item (core, or strict-only differences), then the totals."""
        out: list[str] = []
        for it in self.items:
            misses, extras = ((it.strict_misses, it.strict_extras) if strict
                              else (it.core_misses, it.core_extras))
            if not (misses or extras or it.error):
                continue
            out.append(f"[{it.id}]" + (f" extractor failed: {it.error}" if it.error else ""))
            out += ["  missed: " + _show(m) for m in misses]
            out += ["  extra:  " + _show(x) for x in extras]
        out.append(f"items={len(self.items)} failed={self.failures} gold={self.core.gold} "
                   f"predicted={self.core.predicted}")
        out.append(self.line())
        return "\n".join(out)


def _show(f: dict) -> str:
    """One figure as a compact JSON line."""
    return json.dumps({k: f.get(k) for k in SHOWN}, ensure_ascii=False)


def load(path: str | Path) -> list[dict]:
    """The items of a labelled jsonl set."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def number_format(item: dict) -> str:
    """Items whose id starts with "en-" are written with English digit grouping."""
    return "en" if str(item.get("id", "")).startswith("en-") else "vi"


def run_item(item: dict, extract: Extract) -> list[dict]:
    """Extract one item's figures as dicts, keeping only the scored indicators."""
    pub = date.fromisoformat(item["published"]) if item.get("published") else None
    figs = extract(item["text"], published=pub, number_format=number_format(item))
    dicts = [f.to_dict() if hasattr(f, "to_dict") else dict(f) for f in figs]
    return [d for d in dicts if d.get("indicator") in VOCAB]


def score(items: list[dict], extract: Extract) -> Scores:
    """Run `extract(text, published=date, number_format=...)` on every item and score it."""
    sc = Scores()
    for item in items:
        res = ItemResult(id=item["id"])
        gold = item.get("expected", [])
        try:
            pred = run_item(item, extract)
        except Exception as e:  # the scorer counts an item the extractor fails on as all missed
            logger.warning("extractor failed on %s: %r", item["id"], e)
            sc.failures += 1
            res.error = repr(e)
            pred = []
        for strict, tally in ((False, sc.core), (True, sc.strict)):
            hits, extras, misses = match(pred, gold, strict)
            tally.hits += hits
            tally.predicted += len(pred)
            tally.gold += len(gold)
            if strict:
                res.strict_misses, res.strict_extras = misses, extras
            else:
                res.core_misses, res.core_extras = misses, extras
        sc.items.append(res)
    return sc

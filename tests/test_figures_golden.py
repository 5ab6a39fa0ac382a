"""Golden files: tests/golden/<case>.txt|.html beside <case>.expected.json.

Regenerate (then read the diff!) with
    TRADEWATCH_UPDATE_GOLDENS=1 pytest tests/test_figures_golden.py
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from extractors.article import read_page
from extractors.figures import check_figures, extract_figures

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(p for p in GOLDEN.iterdir() if p.suffix in (".txt", ".html"))
UPDATE = os.environ.get("TRADEWATCH_UPDATE_GOLDENS") == "1"
KEYS = ("region", "indicator", "scope", "metric", "value", "unit", "period_start", "period_end",
        "estimate")


def _run(case: Path, published: date | None) -> dict:
    """What the extractor says about a case, in the golden file's shape."""
    raw = case.read_text(encoding="utf-8")
    text, title = raw, None
    if case.suffix == ".html":
        article = read_page(raw)  # the pipeline's reader, as `tradewatch extract` uses it
        text, title = article.text, article.title
        published = published or (article.published.date() if article.published else None)
    figures = extract_figures(text, published, title)
    rows = []
    for f in figures:
        row = {k: v for k, v in f.to_dict().items() if k in KEYS}
        row["evidence"] = text[f.start:f.end]
        rows.append(row)
    checks = [f"{c.kind}:{c.status}" for c in check_figures(figures)]
    return {"published": published.isoformat() if published else None, "figures": rows,
            "checks": checks}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden(case: Path) -> None:
    expected_path = case.with_suffix(".expected.json")
    old = json.loads(expected_path.read_text(encoding="utf-8")) if expected_path.exists() else {}
    published = date.fromisoformat(old["published"]) if old.get("published") else None
    got = _run(case, published)
    if UPDATE or not expected_path.exists():
        # No extractor_version here: it is a hash of the rules' source, so it would change the
        # golden files at every rule change (older files may still carry a stale one; unread).
        expected_path.write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n",
                                 encoding="utf-8")
        if not UPDATE:
            pytest.fail(f"wrote {expected_path.name}: review it, then commit it")
        return
    assert got["figures"] == old["figures"]
    assert got["checks"] == old["checks"]

"""A figure's value is rounded in one place (extractors/model.py: figure_value)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from extractors.figures import extract_figures
from extractors.model import figure_value

CORPUS = Path(__file__).parent / "corpus" / "dev.jsonl"


def test_figure_value_keeps_cents_of_a_level_and_six_decimals_of_a_rate() -> None:
    assert figure_value("level", 1.87 * 1e9) == 1_870_000_000.0
    assert figure_value("level", 4284.5) == 4284.5
    assert figure_value("plan_pct", 100 + 5.3) == 105.3
    assert figure_value("yoy_pct", 7.1234564) == 7.123456


def test_every_extracted_value_is_rounded_by_it() -> None:
    seen = 0
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        case = json.loads(line)
        for f in extract_figures(case["text"], date.fromisoformat(case["published"])):
            assert f.value == figure_value(f.metric, f.value), (case["id"], f)
            seen += 1
    assert seen > 100

"""The seed article gives exactly the 19 figures of the worked example (figures-schema.md)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from extractors.figures import extract_figures

SEED = Path(__file__).parent / "golden" / "seed_langson.txt"
PUBLISHED = date(2024, 6, 27)
TO_13_JUNE = ("2024-01-01", "2024-06-13")
H1 = ("2024-01-01", "2024-06-30")

# The worked example, row by row: (indicator, scope, metric, value, period, estimate).
WORKED_EXAMPLE = [
    ("trade_total", "all", "level", 25244560000, TO_13_JUNE, False),
    ("trade_total", "all", "yoy_pct", 37.28, TO_13_JUNE, False),
    ("trade_total", "customs_declared", "level", 2720000000, TO_13_JUNE, True),
    ("trade_total", "customs_declared", "yoy_pct", 20.8, TO_13_JUNE, True),
    ("trade_total", "customs_declared", "plan_pct", 53.3, TO_13_JUNE, True),
    ("export", "customs_declared", "level", 1300000000, TO_13_JUNE, True),
    ("export", "customs_declared", "plan_pct", 43.3, TO_13_JUNE, True),
    ("export", "customs_declared", "yoy_pct", 3.3, TO_13_JUNE, True),
    ("import", "customs_declared", "level", 1420000000, TO_13_JUNE, True),
    ("import", "customs_declared", "plan_pct", 67.6, TO_13_JUNE, True),
    ("import", "customs_declared", "yoy_pct", 43.1, TO_13_JUNE, True),
    ("export", "local_goods", "level", 74000000, TO_13_JUNE, True),
    ("export", "local_goods", "plan_pct", 43.8, TO_13_JUNE, True),
    ("export", "local_goods", "yoy_pct", 2.8, TO_13_JUNE, True),
    ("grdp", "all", "yoy_pct", 4.72, H1, True),
    ("grdp_agriculture", "all", "yoy_pct", 3.99, H1, True),
    ("grdp_industry_construction", "all", "yoy_pct", 5.48, H1, True),
    ("grdp_services", "all", "yoy_pct", 4.38, H1, True),
    ("grdp_product_taxes", "all", "yoy_pct", 7.59, H1, True),
]


def _row(f) -> tuple:  # noqa: ANN001 - a Figure
    value = round(f.value) if f.metric == "level" else round(f.value, 2)
    return (f.indicator, f.scope, f.metric, value,
            (f.period_start.isoformat(), f.period_end.isoformat()), f.estimate)


def test_seed_gives_exactly_the_worked_example() -> None:
    figures = extract_figures(SEED.read_text(encoding="utf-8"), PUBLISHED)
    assert sorted(map(_row, figures)) == sorted(WORKED_EXAMPLE)
    assert {f.region for f in figures} == {"Lạng Sơn"}
    assert all(f.unit == ("%" if f.metric != "level" else "USD") for f in figures)


def test_seed_evidence_offsets_point_at_the_numbers() -> None:
    text = SEED.read_text(encoding="utf-8")
    for f in extract_figures(text, PUBLISHED):
        evidence = text[f.start:f.end]
        assert evidence[0].isdigit(), evidence
        assert evidence in f.sentence
        assert text.find(f.sentence) <= f.start < f.end <= text.find(f.sentence) + len(f.sentence)


def test_seed_date_is_read_from_its_dateline_when_not_given() -> None:
    figures = extract_figures(SEED.read_text(encoding="utf-8"))
    assert len(figures) == 19

"""A figure's confidence: lowered by weak evidence, with reasons (own sentences)."""

from __future__ import annotations

from datetime import date

from extractors.figures import extract_figures
from extractors.figures.confidence import DEFAULT_MIN_CONFIDENCE, Evidence, rate
from extractors.model import Figure


def _fig(**kw: object) -> Figure:
    base = dict(region="Nghệ An", indicator="export", scope="all", metric="level", value=2.1e9,
                unit="USD", period_start=date(2024, 1, 1), period_end=date(2024, 6, 30),
                estimate=False, sentence="", start=0, end=1)
    base.update(kw)
    return Figure(**base)  # type: ignore[arg-type]


def test_a_figure_whose_evidence_stands_in_its_sentence_is_kept() -> None:
    f = rate(_fig(), Evidence(), date(2024, 7, 2))
    assert f.confidence >= 0.85 and f.confidence_reasons == ()


def test_inherited_evidence_lowers_the_confidence_with_reasons() -> None:
    strong = rate(_fig(), Evidence(), date(2024, 7, 2))
    weak = rate(_fig(), Evidence("article", "published", "article"), date(2024, 7, 2))
    assert weak.confidence < DEFAULT_MIN_CONFIDENCE < strong.confidence
    assert "period from an earlier paragraph" in weak.confidence_reasons
    assert "year from the publication date" in weak.confidence_reasons
    guessed = rate(_fig(), Evidence("sentence", "text", "sentence"), None)
    assert any("no publication date" in r for r in guessed.confidence_reasons)
    assert weak.confidence < guessed.confidence < strong.confidence


def test_implausible_values_are_left_for_review() -> None:
    for f in (_fig(metric="yoy_pct", unit="%", indicator="grdp", value=196.0),
              _fig(value=28.5),  # "28,5 USD": a lost magnitude word
              _fig(period_start=date(2025, 1, 1), period_end=date(2025, 6, 30))):
        rated = rate(f, Evidence(), date(2024, 7, 2))
        assert rated.confidence < 0.05, rated


def test_extracted_figures_carry_their_confidence() -> None:
    text = ("Quảng Bình: xuất khẩu tăng khá\n"
            "Sáu tháng đầu năm 2024, kim ngạch xuất khẩu của tỉnh Quảng Bình đạt 120 triệu USD.\n"
            "Kim ngạch nhập khẩu đạt 80 triệu USD.")
    figs = {f.indicator: f for f in extract_figures(text, date(2024, 7, 3))}
    assert figs["export"].confidence > figs["import"].confidence
    assert "period from an earlier paragraph" in figs["import"].confidence_reasons

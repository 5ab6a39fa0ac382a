"""The hand-written replay corpus holds what REPLAY.md promises, and its labels match its text."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from extractors.model import INDICATORS, METRICS
from replay import ReplayArticle, ReplaySite
from replay.corpus import load_corpus, parse_figure, parse_period

CORPUS = load_corpus()
FIGURE_KEYS = {"region", "indicator", "scope", "metric", "value", "unit", "period_start",
               "period_end", "estimate"}


def _vn(value: float, decimals: int) -> str:
    """1234.5 -> '1.234,5' (Vietnamese separators)."""
    s = f"{value:,.{decimals}f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return s


def _renderings(f: dict) -> set[str]:
    """The ways the text may write a figure's number."""
    v = float(f["value"])
    if f["metric"] != "level":
        return {_vn(x, d).rstrip("0").rstrip(",") for x in (abs(v), v + 100) for d in (2, 1, 0)}
    out = set()
    for scale in (1e6, 1e9, 1e12):  # triệu USD, tỷ USD, nghìn tỷ đồng
        for d in (0, 1, 2):
            out.add(_vn(abs(v) / scale, d))
    return out


def test_corpus_size_and_spread() -> None:
    assert len(CORPUS) >= 60
    regions = {f["region"] for a in CORPUS for f in a.expected}
    assert len(regions - {"Việt Nam"}) >= 6 and "Việt Nam" in regions
    years = {a.published.year for a in CORPUS}
    assert {2022, 2023, 2024} <= years
    assert {a.site for a in CORPUS} == {"kdpt", "tin"}


def test_periods_of_every_kind() -> None:
    spans = Counter()
    for a in CORPUS:
        for f in a.expected:
            start, end = date.fromisoformat(f["period_start"]), date.fromisoformat(f["period_end"])
            months = (end.year - start.year) * 12 + end.month - start.month + 1
            spans[months] += 1
    assert {1, 3, 6, 9, 12} <= set(spans)


def test_multi_point_series() -> None:
    def periods(region: str, indicator: str, metric: str, scope: str = "all") -> set[str]:
        return {f["period_start"] + ".." + f["period_end"] for a in CORPUS for f in a.expected
                if (f["region"], f["indicator"], f["metric"], f["scope"]) ==
                (region, indicator, metric, scope)}

    h1 = {f"{y}-01-01..{y}-06-30" for y in (2022, 2023, 2024)}
    assert h1 <= periods("Lạng Sơn", "trade_total", "level")
    assert len(periods("Quảng Ninh", "grdp", "yoy_pct")) >= 8
    assert len(periods("Việt Nam", "gdp", "yoy_pct")) >= 10


def test_every_label_is_well_formed() -> None:
    for a in CORPUS:
        for f in a.expected:
            assert set(f) == FIGURE_KEYS, a.id
            assert f["indicator"] in INDICATORS and f["metric"] in METRICS, a.id
            assert f["unit"] in (("USD", "VND") if f["metric"] == "level" else ("%",))
            # an estimate for the year may come out before the year ends, never before it starts
            assert f["period_start"] <= a.published.date().isoformat(), a.id
            assert f["period_start"] <= f["period_end"], a.id


@pytest.mark.parametrize("article", CORPUS, ids=lambda a: str(a.id))
def test_every_label_is_written_in_its_text(article: ReplayArticle) -> None:
    text = article.text
    for f in article.expected:
        assert any(r in text for r in _renderings(f)), (article.id, f)
    if article.expected:
        region_words = {f["region"] for f in article.expected} - {"Việt Nam"}
        assert all(r in text for r in region_words), article.id


def test_syndicated_copies() -> None:
    by_id = {a.id: a for a in CORPUS}
    copies = [a for a in CORPUS if a.syndicated_of]
    assert len(copies) >= 4
    for c in copies:
        original = by_id[c.syndicated_of]
        assert c.site != original.site and c.title != original.title
        assert c.sapo.split(".")[0] not in original.sapo
        assert c.paragraphs == original.paragraphs and c.expected == original.expected
        assert c.published > original.published


def test_an_estimate_revised_by_a_final_figure() -> None:
    by_id = {a.id: a for a in CORPUS}
    revising = [a for a in CORPUS if a.revises]
    assert revising
    for final in revising:
        early = by_id[final.revises]
        assert final.published > early.published
        estimates = {(f["region"], f["indicator"], f["metric"], f["period_start"],
                      f["period_end"]): f["value"] for f in early.expected if f["estimate"]}
        changed = [f for f in final.expected if not f["estimate"] and estimates.get(
            (f["region"], f["indicator"], f["metric"], f["period_start"], f["period_end"]),
            f["value"]) != f["value"]]
        assert changed, final.id


def test_articles_without_figures() -> None:
    empty = [a for a in CORPUS if not a.expected]
    assert len(empty) >= 8
    assert all(any(ch.isdigit() for ch in a.text) for a in empty)  # tempting numbers


def test_layout_variants_present() -> None:
    assert sum(a.meta == "none" for a in CORPUS if a.site == "kdpt") >= 3
    assert sum(a.meta == "jsonld" for a in CORPUS) >= 3
    assert sum(a.charset == "windows-1258" for a in CORPUS) >= 2
    assert sum(a.site == "tin" and not a.syndicated_of for a in CORPUS) >= 5
    kdpt_ids = [a.id for a in CORPUS if a.site == "kdpt"]
    assert all(a.sapo.startswith("(KDPT) - ") for a in CORPUS if a.site == "kdpt")
    assert len(set(kdpt_ids)) == len(kdpt_ids)


def test_replay_site_defaults_to_the_corpus() -> None:
    site = ReplaySite()
    assert [a.id for a in site.articles] == [a.id for a in CORPUS]


def test_shorthand_parsing() -> None:
    assert parse_period("9T/2024") == (date(2024, 1, 1), date(2024, 9, 30))
    assert parse_period("Q2/2023") == (date(2023, 4, 1), date(2023, 6, 30))
    assert parse_period("T2/2024") == (date(2024, 2, 1), date(2024, 2, 29))
    f = parse_figure("Việt Nam | gdp | level | 10221.8e12 VND | 2023 | ước")
    assert (f["unit"], f["value"], f["estimate"]) == ("VND", 10221800000000000, True)
    with pytest.raises(ValueError):
        parse_period("H3/2024")

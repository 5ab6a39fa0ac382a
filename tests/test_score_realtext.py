"""bench/score_realtext.py: in-process scores equal the official scorer's on `tradewatch extract`.

The labelled items here are texts written for this test (never the real-text set's sentences).
"""

from __future__ import annotations

import importlib.util
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("score_realtext", ROOT / "bench" /
                                               "score_realtext.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)


def _f(region: str, indicator: str, metric: str, value: float, start: str, end: str,
       estimate: bool = False, scope: str = "all") -> dict[str, Any]:
    unit = "%" if metric != "level" else "USD"
    return {"region": region, "indicator": indicator, "scope": scope, "metric": metric,
            "value": value, "unit": unit, "period_start": start, "period_end": end,
            "estimate": estimate}


ITEMS = [
    {"id": "bt-1", "published": "2024-04-20",
     "text": "Cao Bằng: quý I/2024 kim ngạch xuất khẩu đạt 120 triệu USD, tăng 12% so với cùng "
             "kỳ.",
     "expected": [_f("Cao Bằng", "export", "level", 120e6, "2024-01-01", "2024-03-31"),
                  _f("Cao Bằng", "export", "yoy_pct", 12.5, "2024-01-01", "2024-03-31")]},
    {"id": "bt-2", "published": "2024-07-02",  # the year comes from the publication date
     "text": "Năm nay, 6 tháng đầu năm tổng kim ngạch xuất nhập khẩu của tỉnh Lào Cai ước đạt "
             "1.250 triệu USD. Trong đó xuất khẩu đạt 600 triệu USD.",
     "expected": [_f("Lào Cai", "trade_total", "level", 1.25e9, "2024-01-01", "2024-06-30",
                     estimate=True)]},
    {"id": "gn-1", "published": None,  # HTML, with no date passed
     "text": "<html><head><title>Quảng Ninh: thương mại tháng 5</title></head><body><article>"
             "<p>Tháng 5/2024, kim ngạch xuất khẩu của tỉnh Quảng Ninh đạt 310 triệu USD, tăng "
             "8,5% so với cùng kỳ năm trước.</p></article></body></html>",
     "expected": [_f("Quảng Ninh", "export", "level", 310e6, "2024-05-01", "2024-05-31")]},
    {"id": "hc-1", "published": "2024-03-01",  # a hard negative: a target, not a figure
     "text": "Tỉnh Hà Giang phấn đấu năm 2024 kim ngạch xuất khẩu đạt 200 triệu USD.",
     "expected": []},
    {"id": "hc-2", "published": "2024-03-01", "text": "   \n", "expected": []},  # fails in both
    {"id": "nr-1", "published": "2024-10-06",  # English grouping, read as the CLI reads it
     "text": "Vietnam's exports in the first nine months of 2024 reached 299,630 million USD, "
             "up 15.4% year on year.",
     "expected": [_f("Việt Nam", "export", "level", 299.63e9, "2024-01-01", "2024-09-30")]},
]


@pytest.fixture()
def labelled(tmp_path: Path) -> Path:
    path = tmp_path / "set.jsonl"
    path.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in ITEMS),
                    encoding="utf-8")
    return path


def _totals(out: str) -> list[str]:
    """The scorer's two last lines: counts, then P/R/F1."""
    return [ln for ln in out.splitlines() if ln.startswith(("items=", "core P="))]


def test_in_process_and_cli_scores_agree(labelled: Path, capfd: pytest.CaptureFixture) -> None:
    if not bench.SCORER.is_file():
        pytest.skip(f"no official scorer at {bench.SCORER}")
    for threshold in ("0", "0.5"):
        assert bench.main([str(labelled), "--min-confidence", threshold]) == 0
        in_process = _totals(capfd.readouterr().out)
        assert bench.main([str(labelled), "--min-confidence", threshold, "--cli"]) == 0
        cli = _totals(capfd.readouterr().out)
        assert len(in_process) == 2 and in_process == cli
        assert in_process[0].startswith("items=6 failed=1 ")


def test_rows_per_slice_and_verbose_misses(labelled: Path,
                                           capsys: pytest.CaptureFixture) -> None:
    assert bench.main([str(labelled), "-v", "--min-confidence", "0"]) == 0
    out = capsys.readouterr().out
    rows = {ln.split()[0]: ln.split()[1:5] for ln in out.splitlines()
            if ln.split() and ln.split()[0] in ("bt", "gn", "hc", "nr", "all")}
    assert rows["all"][0] == "6" and rows["bt"][0] == "2" and rows["hc"][:2] == ["2", "0"]
    assert "[bt-1]" in out and '"value": 12.5' in out  # the mislabelled rate shows as missed


def test_ids_score_a_subset(labelled: Path, tmp_path: Path,
                            capsys: pytest.CaptureFixture) -> None:
    ids = tmp_path / "ids.txt"
    ids.write_text("# two of them\nbt-1\ngn-1\n", encoding="utf-8")
    assert bench.main([str(labelled), "--ids", str(ids)]) == 0
    out = capsys.readouterr().out
    assert "(2 items)" in out and "items=2 failed=0 gold=3 " in out
    ids.write_text("bt-9\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="1 ids not in the set"):
        bench.main([str(labelled), "--ids", str(ids)])


def test_missing_set_is_skipped(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert bench.main([str(tmp_path / "nowhere.jsonl")]) == 0
    assert "skipped: no labelled set at" in capsys.readouterr().out


def test_threshold_leaves_out_low_confidence_figures(labelled: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture) -> None:
    import extractors.figures.extract as extract_module

    real = extract_module.extract_figures
    monkeypatch.setattr(extract_module, "extract_figures", lambda *a, **k: [
        replace(f, confidence=0.2) if f.metric == "yoy_pct" else f for f in real(*a, **k)])
    assert bench.main([str(labelled), "--min-confidence", "0"]) == 0
    everything = capsys.readouterr().out
    assert bench.main([str(labelled), "--min-confidence", "0.5"]) == 0
    accepted = capsys.readouterr().out
    assert "0 figures below it left out" in everything
    assert "3 figures below it left out" in accepted
    predicted = [int(ln.split("predicted=")[1]) for ln in (everything + accepted).splitlines()
                 if ln.startswith("items=")]
    assert predicted[0] - predicted[1] == 3


def test_merge_repeats_counts_a_repeated_figure_once() -> None:
    a = _f("Lào Cai", "export", "level", 600e6, "2024-01-01", "2024-06-30")
    b = dict(a, value=600.2e6, estimate=True)  # the same within the scorer's tolerance
    c = dict(a, value=650e6)
    merged = bench.merge_repeats([a, b, c])
    assert [m["value"] for m in merged] == [600e6, 650e6]
    assert merged[0]["estimate"] is True and a["estimate"] is False


def test_the_held_out_part_is_the_same_forty_every_time() -> None:
    ids = [f"xx-{i:03d}" for i in range(162)]
    held = bench.held_out_ids(list(reversed(ids)))
    assert held == bench.held_out_ids(ids) and len(held) == 40
    items = [{"id": i} for i in ids]
    assert len(bench._part(items, "held-out")) == 40
    assert len(bench._part(items, "tuned")) == 122

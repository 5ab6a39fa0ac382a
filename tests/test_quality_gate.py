"""Quality gate: the figure extractor over the labelled corpus, against floors in baseline.json."""

from __future__ import annotations

import importlib.util
import json
import logging
import re
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.scoring import VOCAB, Scores, load, match, score

logger = logging.getLogger(__name__)

CORPUS = Path(__file__).resolve().parent / "corpus"
SETS = ("dev", "holdout")
# the sets the gate scores: the realistic sets (modelled on published articles, with a modelled_on
# field; realistic2 to realistic6 on articles the extractor had not met) are scored and floored,
# not rebuilt from build.py's sources
SCORED = (*SETS, "realistic", "realistic2", "realistic3", "realistic4", "realistic5",
          "realistic6")
SEED_ID = "seed-000"
GATED = ("core_p", "core_r", "strict_p", "strict_r")
METRICS = {"level", "yoy_pct", "plan_pct"}
SCOPE_RE = re.compile(r"^(all|customs_declared|local_goods|border_gate:\S.*)$")
# The 63 provinces before the 2025 merger (the 34 after it are among them), and Huế's new name.
REGIONS = frozenset("""
Việt Nam|An Giang|Bà Rịa - Vũng Tàu|Bạc Liêu|Bắc Giang|Bắc Kạn|Bắc Ninh|Bến Tre|Bình Dương|
Bình Định|Bình Phước|Bình Thuận|Cà Mau|Cao Bằng|Cần Thơ|Đà Nẵng|Đắk Lắk|Đắk Nông|Điện Biên|
Đồng Nai|Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Nội|Hà Tĩnh|Hải Dương|Hải Phòng|Hậu Giang|
Hòa Bình|Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|Lạng Sơn|Lào Cai|Long An|
Nam Định|Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|
Quảng Ninh|Quảng Trị|Sóc Trăng|Sơn La|Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|
Thừa Thiên Huế|Huế|Tiền Giang|Hồ Chí Minh|Trà Vinh|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái
""".replace("\n", "").split("|"))


def _extract_figures() -> Any:
    """The extractor under test; a clear failure (not a skip) while it does not exist."""
    try:
        from extractors.figures import extract_figures
    except ImportError as e:
        pytest.fail(f"quality gate: cannot import extractors.figures.extract_figures ({e}); "
                    "the gate measures that function and fails until it exists", pytrace=False)
    return extract_figures


def _baseline() -> dict[str, dict[str, float]]:
    """The pinned floors; lowering one is an explicit edit of baseline.json."""
    return json.loads((CORPUS / "baseline.json").read_text(encoding="utf-8"))


def _builder() -> ModuleType:
    """tests/corpus/build.py, loaded by path (tests/corpus is data, not a package)."""
    spec = importlib.util.spec_from_file_location("corpus_build", CORPUS / "build.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def scores() -> dict[str, Scores]:
    """The labelled sets scored once per module."""
    extract = _extract_figures()
    return {name: score(load(CORPUS / f"{name}.jsonl"), extract) for name in SCORED}


@pytest.mark.parametrize("name", SCORED)
def test_quality_floors(name: str, scores: dict[str, Scores]) -> None:
    """Core and strict precision and recall stay at or above the pinned floors."""
    got = scores[name].metrics()
    floors = _baseline()[name]
    low = {k: f"{got[k]:.4f} < {floors[k]:.4f}" for k in GATED if got[k] < floors[k]}
    print(f"{name}: {scores[name].line()}")
    strict = any(k.startswith("strict") for k in low)  # then show scope/estimate misses too
    assert not low, f"{name} below its floors {low}\n{scores[name].report(strict=strict)}"


def test_seed_gives_its_19_figures_strict() -> None:
    """The seed article yields exactly the worked example of figures-schema.md, strict."""
    item = next(i for i in load(CORPUS / "dev.jsonl") if i["id"] == SEED_ID)
    sc = score([item], _extract_figures())
    assert len(item["expected"]) == 19
    assert (sc.strict.hits, sc.strict.predicted) == (19, 19), sc.report(strict=True)


def test_corpus_shape() -> None:
    """The dev set is big enough and has enough texts whose numbers are all non-figures."""
    items = load(CORPUS / "dev.jsonl")
    figures = sum(len(i["expected"]) for i in items)
    empty = sum(1 for i in items if not i["expected"])
    assert len(items) >= 80 and figures >= 400 and empty >= 20, (len(items), figures, empty)
    assert len(load(CORPUS / "holdout.jsonl")) >= 15


@pytest.mark.parametrize("name", SCORED)
def test_labels_are_valid(name: str) -> None:
    """Every labelled figure speaks the schema's vocabulary, in base units, with sane periods."""
    bad = [(i["id"], f, why) for i in load(CORPUS / f"{name}.jsonl")
           for f in i["expected"] if (why := _invalid(f, i["published"]))]
    assert not bad, "\n".join(f"[{i}] {why}: {f}" for i, f, why in bad)


def _invalid(f: dict, published: str) -> str | None:
    """Why a labelled figure breaks the schema, or None."""
    if f["indicator"] not in VOCAB or f["metric"] not in METRICS:
        return "vocabulary"
    if f["region"] not in REGIONS or not SCOPE_RE.match(f["scope"]):
        return "region or scope"
    start, end = date.fromisoformat(f["period_start"]), date.fromisoformat(f["period_end"])
    if not start <= end <= date.fromisoformat(published) + timedelta(days=45):
        return "period (reversed, or ending well after publication)"
    if f["metric"] == "level":
        if f["unit"] not in ("USD", "VND") or abs(f["value"]) <= 1000:
            return "level not in base units"
    elif f["unit"] != "%" or (f["indicator"] == "trade_balance"):
        return "percentage unit or balance metric"
    return None if isinstance(f["estimate"], bool) else "estimate flag"


# Items whose two "all" totals differ on purpose (through the gates vs the province's firms).
ADD_UP_EXCEPTIONS = frozenset({"dev-053"})


@pytest.mark.parametrize("name", SETS)
def test_labels_add_up(name: str) -> None:
    """Where a text gives export, import and total (or balance), the labels agree within 1%."""
    bad = [(i["id"], k) for i in load(CORPUS / f"{name}.jsonl")
           if i["id"] not in ADD_UP_EXCEPTIONS for k, d in _levels(i).items()
           if {"export", "import"} <= d.keys() and not _adds_up(d)]
    assert not bad, bad


def _levels(item: dict) -> dict[tuple, dict[str, float]]:
    """Level values by (region, scope, period, unit), then by indicator."""
    out: dict[tuple, dict[str, float]] = {}
    for f in item["expected"]:
        if f["metric"] == "level":
            k = (f["region"], f["scope"], f["period_start"], f["period_end"], f["unit"])
            out.setdefault(k, {})[f["indicator"]] = f["value"]
    return out


def _adds_up(d: dict[str, float]) -> bool:
    """Export + import against the total, export − import against the balance."""
    tol = 0.011 * (d["export"] + d["import"])
    ok_total = abs(d["export"] + d["import"] - d.get("trade_total", d["export"] + d["import"]))
    ok_balance = abs(d["export"] - d["import"] - d.get("trade_balance", d["export"] - d["import"]))
    return ok_total <= tol and ok_balance <= tol


@pytest.mark.parametrize("name", SETS)
def test_jsonl_is_built_from_sources(name: str) -> None:
    """The jsonl files are what tests/corpus/build.py makes of src/*.txt (edit the sources)."""
    text, _ = _builder().render(name)
    assert (CORPUS / f"{name}.jsonl").read_text(encoding="utf-8") == text


def test_ids_unique_and_en_items_marked() -> None:
    """Ids are unique across both sets; English-format items carry the "en-" prefix."""
    ids = [i["id"] for n in SETS for i in load(CORPUS / f"{n}.jsonl")]
    assert len(ids) == len(set(ids))
    assert sum(i.startswith("en-") for i in ids) >= 3


def _fig(**kw: Any) -> dict:
    """A labelled figure with defaults, for the scoring tests."""
    f = {"region": "Lạng Sơn", "indicator": "export", "scope": "all", "metric": "level",
         "value": 1.3e9, "unit": "USD", "period_start": "2024-01-01",
         "period_end": "2024-06-30", "estimate": False}
    return f | kw


def test_scoring_matches_gold_perfectly() -> None:
    """An extractor that returns the labels scores 1.0 everywhere."""
    items = load(CORPUS / "dev.jsonl")
    by_text = {i["text"]: i["expected"] for i in items}
    sc = score(items, lambda text, **_: by_text[text])
    assert sc.metrics() == dict.fromkeys(sc.metrics(), 1.0)


def test_scoring_core_versus_strict_and_tolerances() -> None:
    """Scope and estimate only count in strict; values match within the scorer's tolerances."""
    gold = [_fig(), _fig(metric="yoy_pct", value=3.3, unit="%")]
    pred = [_fig(value=1.3009e9, scope="customs_declared"),
            _fig(metric="yoy_pct", value=3.304, unit="%", estimate=True)]
    assert match(pred, gold, strict=False)[0] == 2
    assert match(pred, gold, strict=True)[0] == 0
    assert match([_fig(value=1.302e9)], gold, strict=False)[0] == 0
    assert match([_fig(metric="yoy_pct", value=3.31, unit="%")], gold, strict=False)[0] == 0


def test_scoring_is_greedy_one_to_one_and_counts_failures() -> None:
    """A duplicate prediction is an extra; an extractor error misses the item's figures."""
    item = {"id": "x", "published": "2024-07-01", "text": "t", "expected": [_fig()]}
    sc = score([item], lambda text, **_: [_fig(), _fig()])
    assert (sc.core.hits, sc.core.predicted, sc.core.gold) == (1, 2, 1)

    def boom(text: str, **_: Any) -> list:
        raise ValueError("boom")

    sc = score([item], boom)
    assert (sc.failures, sc.core.hits, sc.core.r, sc.core.p) == (1, 0, 0.0, 1.0)

"""Score the extractor on the labelled real-text set (../shared/realtext/dev.jsonl).

    python bench/score_realtext.py [SET.jsonl] [--min-confidence X] [--ids FILE] [-v] [--cli]
                                   [--part all|tuned|held-out]

Runs the extractor in this process, reading each text as `tradewatch extract - --format jsonl`
does (HTML reduced to text, `--published` from the item, the CLI's default number format,
figures below the confidence threshold left out), and scores it with the official scorer's
semantics (../shared/tools/score_figures.py: core = region, indicator, metric, period, value;
strict adds scope and the estimate flag; a repeated figure counts once). Prints a row per
slice (the id's prefix: bt, gn, sm, nr, hc) and the scorer's last line.

--min-confidence defaults to the configured threshold (tradewatch.toml or
TRADEWATCH_EXTRACT__MIN_CONFIDENCE in the working directory, else the built-in default);
0 scores every figure. --cli runs the official scorer on `tradewatch extract` instead (about
0.35 s per item): both must print the same totals. A missing set or scorer is skipped with a
message (exit 0): the set lives beside the repository, not in it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SET = ROOT.parent / "shared" / "realtext" / "dev.jsonl"
SCORER = ROOT.parent / "shared" / "tools" / "score_figures.py"
sys.path.insert(0, str(ROOT))  # tests.scoring: the scorer's semantics, as the quality gate has them

from extractors.figures.confidence import accepted  # noqa: E402
from flows.cmd_extract import decode_input, read_figures  # noqa: E402
from flows.threshold import configured_min_confidence  # noqa: E402
from tests.scoring import Scores, Tally, close, key, load, score  # noqa: E402

CLI_NUMBER_FORMAT = "vi"  # the official scorer never passes --number-format


def merge_repeats(pred: list[dict]) -> list[dict]:
    """One figure per core key and value, an estimate if any repeat says so (the official
    scorer's merge_repeats; tests/scoring.py, which the quality gate uses, has none)."""
    kept: list[dict] = []
    for p in pred:
        for k in kept:
            try:
                same = key(k, False) == key(p, False) and close(
                    k["metric"], float(k.get("value")), float(p.get("value")))
            except (TypeError, ValueError):
                same = False
            if same:
                k["estimate"] = bool(k.get("estimate")) or bool(p.get("estimate"))
                break
        else:
            kept.append(dict(p))
    return kept


def as_cli(min_confidence: float, held_back: list[int]) -> Callable[..., list[dict]]:
    """An extract function for tests.scoring.score that reads a text as the CLI does; counts the
    figures the threshold held back into held_back[0]."""
    def extract(text: str, published: date | None = None, **_ignored: Any) -> list[dict]:
        text = decode_input(text.encode("utf-8"), "-")  # stdin bytes, as the scorer sends them
        _text, figures = read_figures(text, published, None, CLI_NUMBER_FORMAT, name="stdin")
        kept = accepted(figures, min_confidence)
        held_back[0] += len(figures) - len(kept)
        return merge_repeats([f.to_dict() for f in kept])
    return extract


def slice_of(item: dict) -> str:
    """The id's prefix: the slice of the set the text came from."""
    return str(item["id"]).split("-")[0]


def _add(total: Scores, part: Scores) -> None:
    for mine, theirs in ((total.core, part.core), (total.strict, part.strict)):
        mine.hits += theirs.hits
        mine.predicted += theirs.predicted
        mine.gold += theirs.gold
    total.items += part.items
    total.failures += part.failures


def _row(name: str, n: int, s: Scores) -> str:
    c, t = s.core, s.strict
    return (f"{name:<8}{n:>6}{c.gold:>6}{c.predicted:>6}{c.hits:>6}  "
            f"{c.p:.3f} {c.r:.3f} {c.f1:.3f}  {t.p:.3f} {t.r:.3f} {t.f1:.3f}")


def score_in_process(items: list[dict], min_confidence: float, verbose: bool) -> Scores:
    """Score every slice, print a row each and the totals; returns the totals."""
    held_back = [0]
    extract = as_cli(min_confidence, held_back)
    total = Scores(core=Tally(), strict=Tally())
    print(f"{'slice':<8}{'items':>6}{'gold':>6}{'pred':>6}{'hits':>6}  core P/R/F1"
          f"         strict P/R/F1")
    for name in sorted({slice_of(i) for i in items}):
        part = [i for i in items if slice_of(i) == name]
        scores = score(part, extract)
        print(_row(name, len(part), scores))
        _add(total, scores)
    print(_row("all", len(items), total))
    if verbose:
        print(total.report())
    else:
        print(f"items={len(items)} failed={total.failures} gold={total.core.gold} "
              f"predicted={total.core.predicted}")
        print(total.line())
    print(f"(min confidence {min_confidence:g}: {held_back[0]} figures below it left out)")
    return total


def _tradewatch() -> list[str]:
    """This interpreter's `tradewatch` script, else the same entry point through -m."""
    beside = Path(sys.executable).parent / "tradewatch"
    if beside.exists():
        return [str(beside)]
    found = shutil.which("tradewatch")
    return [found] if found else [sys.executable, "-m", "flows"]


def score_with_cli(path: Path, min_confidence: float, verbose: bool) -> int:
    """The official scorer on `tradewatch extract`; prints its output, returns its status."""
    cmd = [sys.executable, str(SCORER), *(["-v"] if verbose else []), str(path), "--",
           *_tradewatch(), "extract", "-", "--format", "jsonl",
           "--min-confidence", repr(min_confidence)]
    return subprocess.run(cmd, check=False).returncode


def _select(items: list[dict], ids_file: Path | None) -> list[dict]:
    if ids_file is None:
        return items
    wanted = [ln.strip() for ln in ids_file.read_text(encoding="utf-8").splitlines()
              if ln.strip() and not ln.lstrip().startswith("#")]
    known = {i["id"] for i in items}
    if missing := [w for w in wanted if w not in known]:
        raise SystemExit(f"score_realtext: {len(missing)} ids not in the set, e.g. {missing[0]}")
    return [i for i in items if i["id"] in set(wanted)]


HELD_OUT_SEED = 20261207  # the split made once, before any rule was changed for the set
HELD_OUT_SIZE = 40


def held_out_ids(ids: list[str]) -> set[str]:
    """The ids set aside: a seeded sample of the sorted ids (the same set every time)."""
    import random

    ordered = sorted(ids)
    return set(random.Random(HELD_OUT_SEED).sample(ordered, min(HELD_OUT_SIZE, len(ordered))))


def _part(items: list[dict], part: str) -> list[dict]:
    if part == "all":
        return items
    held = held_out_ids([i["id"] for i in items])
    return [i for i in items if (i["id"] in held) == (part == "held-out")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("labelled", nargs="?", type=Path, default=DEFAULT_SET)
    ap.add_argument("--min-confidence", type=float, default=None,
                    help="leave out figures below this (default: the configured threshold)")
    ap.add_argument("--ids", type=Path, help="score only the ids listed in this file")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    ap.add_argument("--cli", action="store_true",
                    help="run ../shared/tools/score_figures.py on `tradewatch extract` instead")
    ap.add_argument("--part", choices=("all", "tuned", "held-out"), default="all",
                    help="the 40 items set aside at the start of issue 13's work and only ever "
                         "scored (held-out: the unseen estimate), the other 122 (tuned), or all")
    a = ap.parse_args(argv)
    if not a.labelled.is_file():
        print(f"score_realtext: skipped: no labelled set at {a.labelled}")
        return 0
    threshold = configured_min_confidence() if a.min_confidence is None else a.min_confidence
    if not 0 <= threshold <= 1:
        ap.error("--min-confidence must be from 0 to 1")
    items = _part(_select(load(a.labelled), a.ids), a.part)
    print(f"{a.labelled} ({len(items)} items), min confidence {threshold:g}"
          f"{', official scorer on tradewatch extract' if a.cli else ''}")
    if not a.cli:
        score_in_process(items, threshold, a.verbose)
        return 0
    if not SCORER.is_file():
        print(f"score_realtext: skipped: no scorer at {SCORER}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / "items.jsonl"
        subset.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items),
                          encoding="utf-8")
        return score_with_cli(subset, threshold, a.verbose)


if __name__ == "__main__":
    sys.exit(main())

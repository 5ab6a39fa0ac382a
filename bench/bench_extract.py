"""Articles per second through extract_figures on one core, for ~6 KB articles.

    python bench/bench_extract.py [--seconds 5]

The articles are built from the team's own golden texts (tests/golden): each one is a
headline, a lead and body paragraphs shuffled from those texts until it is about 6 KB, so that
every article is figure-dense like a real economic report, not padding.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from extractors.figures import extract_figures

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"
TARGET_BYTES = 6_000


def build_articles(n: int, seed: int = 7) -> list[str]:
    """n articles of about 6 KB each, from the golden texts' paragraphs."""
    paragraphs = []
    for path in sorted(GOLDEN.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        paragraphs += [p for p in text.split("\n\n") if len(p) > 80]
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        parts = [f"Tin kinh tế số {i}: xuất nhập khẩu và tăng trưởng"]
        while len("\n\n".join(parts).encode()) < TARGET_BYTES:
            parts.append(rng.choice(paragraphs))
        articles.append("\n\n".join(parts))
    return articles


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=5.0, help="how long to measure")
    ap.add_argument("--articles", type=int, default=200, help="distinct articles to cycle")
    a = ap.parse_args()
    articles = build_articles(a.articles)
    size = sum(len(x.encode()) for x in articles) / len(articles)
    for art in articles[:20]:  # warm up: compiled patterns, caches
        extract_figures(art)
    done = figures = 0
    start = time.process_time()
    while time.process_time() - start < a.seconds:
        for art in articles:
            figures += len(extract_figures(art))
            done += 1
    elapsed = time.process_time() - start
    print(f"articles={done} avg_size={size / 1000:.1f}KB figures/article={figures / done:.1f} "
          f"cpu_seconds={elapsed:.2f}")
    print(f"extract_figures: {done / elapsed:.0f} articles/s on one core")


if __name__ == "__main__":
    main()

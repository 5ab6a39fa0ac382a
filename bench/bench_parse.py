"""Parse benchmark: HTML page -> Article -> figures on one core, on ~100 KB pages (menus,
scripts, sidebars, comments), against trafilatura.extract on the same pages. Prints pages/s.

    python bench/bench_parse.py [--pages 200] [--rounds 5] [--peer-rounds 1]

Pages: the replay site's synthetic articles when it generates them, else its hand-written
corpus rendered with the heavy (~100 KB) page furniture.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

from extractors.article import parse_article
from extractors.settings import SourceSettings
from extractors.sources import get_source
from replay import ReplaySite, pages_kdpt

BASE = "http://127.0.0.1:8000"


def pin_one_core() -> None:
    """Run on one CPU so the number is a one-core number."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def build_pages(n: int) -> list[tuple[str, str]]:
    """(html, url) of `n` heavy KDPT article pages."""
    try:
        site = ReplaySite(synthetic=n, seed=1)
    except NotImplementedError:
        site = ReplaySite()
    kdpt = [a for a in site.articles if a.site == "kdpt"]
    arts = [a for a in kdpt if a.synthetic] or kdpt
    pages = []
    for i in range(n):
        a = arts[i % len(arts)]
        pages.append((pages_kdpt.article_page(a, BASE, arts[i + 1: i + 6], heavy=True),
                      BASE + a.path))
    return pages


def figures_fn() -> Callable[..., object] | None:
    """extract_figures when the figures package provides it, else None."""
    try:
        from extractors.figures import extract_figures
    except ImportError:
        return None
    return extract_figures


def rate(fn: Callable[[str, str], object], pages: list[tuple[str, str]], rounds: int) -> float:
    """Median pages per second of `fn` over `rounds` passes."""
    rates = []
    for _ in range(rounds):
        t = time.perf_counter()
        for html, url in pages:
            fn(html, url)
        rates.append(len(pages) / (time.perf_counter() - t))
    return statistics.median(rates)


def main() -> None:
    """Run the benchmark and print its numbers."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=200)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--peer-rounds", type=int, default=1)
    args = ap.parse_args()
    pin_one_core()
    pages = build_pages(args.pages)
    sizes = [len(h.encode()) for h, _ in pages]
    print(f"{len(pages)} pages, mean {statistics.mean(sizes) / 1000:.1f} KB "
          f"(min {min(sizes) / 1000:.0f}, max {max(sizes) / 1000:.0f})")
    source = get_source(SourceSettings(name="kdpt", kind="kdpt", base_url=BASE))
    ours = rate(lambda h, u: parse_article(h, u, source), pages, args.rounds)
    print(f"parse_article (HTML -> Article):        {ours:8.1f} pages/s")
    extract = figures_fn()
    full = None
    if extract is not None:
        def both(h: str, u: str) -> object:
            art = parse_article(h, u, source)
            day = art.published.date() if art.published else None
            return extract(art.text, published=day, title=art.title, number_format="vi")
        full = rate(both, pages, args.rounds)
        print(f"HTML -> Article -> figures:             {full:8.1f} pages/s")
    else:
        print("HTML -> Article -> figures:             (extractors.figures not landed yet)")
    import trafilatura

    peer = rate(lambda h, u: trafilatura.extract(h, url=u), pages, args.peer_rounds)
    print(f"trafilatura.extract (peer):             {peer:8.1f} pages/s")
    best = full or ours
    print(f"ratio to peer: {best / peer:.1f}x  (targets: >= 150 pages/s and >= 2x peer)")


if __name__ == "__main__":
    main()

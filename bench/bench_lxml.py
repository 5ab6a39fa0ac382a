"""Why pages are parsed with lxml, not BeautifulSoup: the parse time of the replay site's
biggest article page with lxml, and, when beautifulsoup4 is importable (it is not a dependency),
with BeautifulSoup over lxml, whole and with a SoupStrainer keeping the <article>. Prints ms.

    python bench/bench_lxml.py [--synthetic 200] [--rounds 20]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

import lxml.html

from replay import ReplaySite
from replay.routes import Router

BASE = "http://127.0.0.1:8000"


def biggest_page(synthetic: int) -> tuple[str, str]:
    """(path, html) of the biggest article page the replay site serves (heavy furniture on)."""
    site = ReplaySite(synthetic=synthetic, seed=1)
    router = Router(site, BASE, BASE)
    pages = ((a.path, router.article_html(a, False)) for a in site.articles)
    return max(pages, key=lambda p: len(p[1].encode()))


def median_ms(fn: Callable[[str], object], html: str, rounds: int) -> float:
    """The median wall time of `fn(html)` over `rounds` calls, in ms (one warm-up call)."""
    fn(html)
    times = []
    for _ in range(rounds):
        t = time.perf_counter()
        fn(html)
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def soup_parsers() -> dict[str, Callable[[str], object]] | None:
    """BeautifulSoup over lxml, whole and strained to <article>; None when not installed."""
    try:
        from bs4 import BeautifulSoup, SoupStrainer
    except ImportError:
        return None
    strainer = SoupStrainer("article")
    return {"BeautifulSoup(html, 'lxml')": lambda h: BeautifulSoup(h, "lxml"),
            "... with SoupStrainer('article')":
                lambda h: BeautifulSoup(h, "lxml", parse_only=strainer)}


def main() -> None:
    """Run the benchmark and print its numbers."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synthetic", type=int, default=200, help="synthetic articles generated")
    ap.add_argument("--rounds", type=int, default=20)
    args = ap.parse_args()
    path, html = biggest_page(args.synthetic)
    print(f"page {path}: {len(html.encode()) / 1000:.0f} KB")
    lxml_ms = median_ms(lxml.html.document_fromstring, html, args.rounds)
    print(f"lxml.html.document_fromstring: {lxml_ms:.1f} ms")
    soups = soup_parsers()
    if soups is None:
        print("beautifulsoup4 is not installed (not a dependency): no comparison; "
              "`pip install beautifulsoup4` to run it")
        return
    for name, fn in soups.items():
        print(f"{name}: {median_ms(fn, html, args.rounds):.1f} ms")


if __name__ == "__main__":
    main()

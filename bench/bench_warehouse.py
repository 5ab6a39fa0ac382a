"""Warehouse benchmark: load 1,000,000 synthetic figure rows, read one series back, time how
long a reader waits while a 200-article batch loads, and load 5,000 articles the way the
pipeline does (200 per batch), one more batch into those 5,000, and reprocess 65 of them (one
by one, then batched). Prints the numbers the README reports.

    python bench/bench_warehouse.py [--rows 1000000] [--per-article 40] [--batch-articles 5000]
                                    [--only-small]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.helpers: the sample batches

from extractors.model import Figure  # noqa: E402
from tests.helpers import sample  # noqa: E402
from warehouse import db, load  # noqa: E402
from warehouse.batch import Batch  # noqa: E402

READER = """
import sys, time
from warehouse import db
t = time.perf_counter()
with db.connect(sys.argv[1], read_only=True, wait_s=120) as con:
    waited = time.perf_counter() - t
    con.execute("select count(*) from series").fetchone()
print(f"{waited:.3f}")
"""


def _batches(rows: int, per_article: int, batch_articles: int) -> list:
    n_articles = rows // per_article
    return [sample.synthetic_batch(f"bench-{i}", min(batch_articles, n_articles - first),
                                   per_article, seed=i, first=first)
            for i, first in enumerate(range(0, n_articles, batch_articles))]


def bench_load(path: Path, rows: int, per_article: int, batch_articles: int) -> None:
    t = time.perf_counter()
    batches = _batches(rows, per_article, batch_articles)
    print(f"generated {rows:,} figures in {len(batches)} batches: {time.perf_counter() - t:.1f} s")
    print(f"load average before loading: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    t, cpu = time.perf_counter(), time.process_time()
    with db.connect(path) as con:
        for batch in batches:
            stats = load.load_batch(con, batch)
            print(f"  batch {batch.run_id}: {stats.figures:,} figures in {stats.seconds:.2f} s")
        total, cpu = time.perf_counter() - t, time.process_time() - cpu
        n = con.execute("select count(*) from figure_mentions").fetchone()[0]
        obs = con.execute("select count(*) from observations").fetchone()[0]
    print(f"load: {n:,} figure rows, {obs:,} observations in {total:.2f} s wall, "
          f"{cpu:.2f} s CPU (all threads) ({n / total:,.0f} rows/s; target < 15 s)")


def bench_read(path: Path) -> None:
    with db.connect(path, read_only=True) as con:
        key = con.execute("select region, indicator, scope, metric from series "
                          "group by all order by count(*) desc limit 1").fetchone()
        times = []
        for _ in range(20):
            t = time.perf_counter()
            got = con.execute("select period_start, period_end, value, estimate from series "
                              "where region = ? and indicator = ? and scope = ? and metric = ? "
                              "order by period_start, period_end", list(key)).fetchall()
            times.append(time.perf_counter() - t)
    print(f"read one series ({len(got)} periods of {' / '.join(key)}): median "
          f"{statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms "
          "(target < 50 ms)")


def bench_reader_wait(path: Path) -> None:
    batch = sample.synthetic_batch("wait", 200, 10, seed=99, first=10_000_000)
    with db.connect(path) as con:
        t = time.perf_counter()
        reader = subprocess.Popen([sys.executable, "-c", READER, str(path)],
                                  stdout=subprocess.PIPE, text=True)
        time.sleep(0.5)  # the reader is up and waiting on the file
        stats = load.load_batch(con, batch)
        held = time.perf_counter() - t
    out, _ = reader.communicate(timeout=120)
    print(f"reader waited {float(out):.2f} s while the writer held the file {held:.2f} s "
          f"(200-article batch, {stats.figures} figures, load itself {stats.seconds:.2f} s)")


def bench_small_batches(path: Path) -> None:
    """The pipeline's shape: 5,000 articles in batches of 200, the file opened per batch."""
    batches = [sample.synthetic_batch(f"small-{i}", 200, 15, seed=i, first=i * 200)
               for i in range(26)]
    last = batches.pop()
    holds = []
    t, cpu = time.perf_counter(), time.process_time()
    for batch in batches:
        held = time.perf_counter()
        with db.connect(path) as con:
            load.load_batch(con, batch)
        holds.append(time.perf_counter() - held)
    print(f"5,000 articles (75,000 figures) in 25 batches of 200, connect per batch: "
          f"{time.perf_counter() - t:.1f} s wall, {time.process_time() - cpu:.1f} s CPU; "
          f"file held per batch: median {statistics.median(holds):.2f} s, max {max(holds):.2f} s")
    t, cpu = time.perf_counter(), time.process_time()
    with db.connect(path) as con:
        load.load_batch(con, last)
    print(f"one more 200-article batch into 5,000 articles: {time.perf_counter() - t:.2f} s "
          f"wall, {time.process_time() - cpu:.2f} s CPU (connect included)")


def _revised(batch: Batch, n: int) -> list[tuple[str, list[Figure]]]:
    """The first n articles of a batch with one figure's value changed (a new vintage)."""
    out = []
    for item in batch.articles[:n]:
        figures = list(item.figures)
        figures[0] = replace(figures[0], value=figures[0].value + 1)
        out.append((item.article.url, figures))
    return out


def bench_reprocess(path: Path, n: int = 65) -> None:
    """Reprocess n stored articles of the 5,000-article warehouse: one at a time, then batched."""
    items = _revised(sample.synthetic_batch("small-0", 200, 15, seed=0, first=0), n)
    with db.connect(path) as con:
        t, cpu = time.perf_counter(), time.process_time()
        for url, figures in items:
            load.replace_figures(con, url, figures, (), "bench-2")
        one_wall, one_cpu = time.perf_counter() - t, time.process_time() - cpu
        t, cpu = time.perf_counter(), time.process_time()
        load.replace_figures_many(con, [(url, figures[1:], (), "bench-3")
                                        for url, figures in items])
        many_wall, many_cpu = time.perf_counter() - t, time.process_time() - cpu
    print(f"reprocess {n} articles of 5,000: one by one {one_wall:.2f} s wall, {one_cpu:.2f} s "
          f"CPU; batched {many_wall:.2f} s wall, {many_cpu:.2f} s CPU")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--per-article", type=int, default=40)
    ap.add_argument("--batch-articles", type=int, default=5000)
    ap.add_argument("--only-small", action="store_true", help="skip the 1,000,000-row load")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.duckdb"
        if args.only_small:
            bench_small_batches(Path(tmp) / "small.duckdb")
            bench_reprocess(Path(tmp) / "small.duckdb")
            return
        bench_load(path, args.rows, args.per_article, args.batch_articles)
        bench_read(path)
        bench_reader_wait(path)
        bench_small_batches(Path(tmp) / "small.duckdb")
        bench_reprocess(Path(tmp) / "small.duckdb")


if __name__ == "__main__":
    main()

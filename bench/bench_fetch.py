"""Fetch benchmark: article pages from the replay site over loopback, politeness off.
Prints discovery time, pages/s and MB/s at a few per-host concurrency levels.

    python bench/bench_fetch.py [--synthetic 2000] [--requests 2000] [--concurrency 4,16,32]

With fewer articles than --requests, the article URLs are fetched round after round. The replay
server runs in a child process, so client and server do not share one interpreter lock.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing as mp
import time
from multiprocessing.connection import Connection

from extractors.fetching import fetch_many
from extractors.http import PoliteClient
from extractors.settings import HttpSettings, SourceSettings
from extractors.sources import get_source
from replay import ReplaySite

HTTP = HttpSettings(polite=False, max_retries=1)


def make_site(synthetic: int) -> ReplaySite:
    """The replay site with `synthetic` generated articles, or the corpus alone."""
    try:
        return ReplaySite(synthetic=synthetic, seed=1)
    except NotImplementedError:
        print("(synthetic articles not available: the hand-written corpus only)", flush=True)
        return ReplaySite()


def serve(synthetic: int, nodelay: bool, conn: Connection) -> None:
    """Child process: serve the replay site, send its URL, then stats when asked, until told."""
    if nodelay:  # TCP_NODELAY: no 40 ms Nagle / delayed-ACK stall between headers and body
        from replay import server

        server._Handler.disable_nagle_algorithm = True
    with make_site(synthetic).serve(host="127.0.0.1") as srv:
        conn.send(srv.kdpt_url)
        while conn.recv() == "stats":
            conn.send(srv.stats())


async def discover(settings: SourceSettings) -> list[str]:
    """Every article URL the kdpt source discovers."""
    source = get_source(settings)
    async with PoliteClient(HTTP) as client:
        t = time.perf_counter()
        urls = [c.url for c in (await source.discover(client)).candidates]
    print(f"discovery: {len(urls)} URLs in {time.perf_counter() - t:.2f} s")
    return urls


async def fetch_rounds(settings: SourceSettings, urls: list[str], total: int) -> None:
    """Fetch `total` pages (rounds over `urls`) and print the rate."""
    scope = get_source(settings).scope
    async with PoliteClient(HTTP) as client:
        done = nbytes = failed = 0
        t = time.perf_counter()
        while done < total:
            batch = urls[: total - done]
            for o in await fetch_many(client, scope, batch):
                failed += o.error is not None
                nbytes += len(o.page.body) if o.page else 0
            done += len(batch)
        dt = time.perf_counter() - t
    print(f"concurrency {settings.max_concurrency:3d}: {done} pages in {dt:.2f} s = "
          f"{done / dt:7.1f} pages/s, {nbytes / dt / 1e6:6.1f} MB/s decoded, {failed} failed")


def main() -> None:
    """Run the benchmark and print its numbers."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--synthetic", type=int, default=2000)
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--concurrency", default="4,16,32")
    ap.add_argument("--nodelay", action="store_true",
                    help="set TCP_NODELAY on the replay server's sockets")
    args = ap.parse_args()
    parent, child = mp.Pipe()
    server = mp.Process(target=serve, args=(args.synthetic, args.nodelay, child), daemon=True)
    server.start()
    try:
        base = SourceSettings(name="kdpt", kind="kdpt", base_url=parent.recv(), max_pages=1000,
                              max_concurrency=16)
        urls = asyncio.run(discover(base))
        for c in (int(x) for x in args.concurrency.split(",")):
            settings = base.model_copy(update={"max_concurrency": c})
            asyncio.run(fetch_rounds(settings, urls, args.requests))
        parent.send("stats")
        stats = parent.recv()
        print(f"server: {stats['requests']} requests, {stats['bytes_sent'] / 1e6:.1f} MB sent")
    finally:
        parent.send("stop")
        server.join(timeout=10)


if __name__ == "__main__":
    main()

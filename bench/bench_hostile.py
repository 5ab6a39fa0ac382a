"""Large-article benchmark (issue 14): batches of big, number-dense articles over loopback into
a fresh warehouse, plain pipeline, politeness off. Prints, per case, the run's status, wall
time, peak memory of the run's process, articles loaded and failures.

    python bench/bench_hostile.py [--case NAME ...] [--code DIR] [--timeout 600] [--json]

Each case serves its articles from a child process (a small http.server on 127.0.0.1) and
runs the monitor in a fresh worker process, so ru_maxrss is the run's own peak. `--code DIR`
runs the worker on another checkout (e.g. the commit before issue 14) for a before/after.
Target (README): peak memory under 400 MB for any mix of article sizes under the page cap.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

RESULT = "BENCH-RESULT "
TARGET_PEAK_MB = 400.0
PROVINCES = ("Lạng Sơn", "Quảng Ninh", "Lào Cai", "Cao Bằng", "Hà Giang", "Nghệ An",
             "Thanh Hóa", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Đà Nẵng", "Bình Định",
             "Khánh Hòa", "Lâm Đồng", "Đồng Nai", "Bình Dương", "Long An", "Cần Thơ",
             "An Giang", "Kiên Giang")
# name: (articles, size of each: ("words", n) or ("bytes", n) or ("mix", max bytes), years).
# Every sentence is a figure (number-dense text: the extractor's worst case). The figures
# spread over 20 provinces x 12 months x `years`; "one-year" cases pile ~50 times more
# mentions on each observation (each load's vintage rebuild reads all of them).
CASES: dict[str, tuple[int, tuple[str, int], int]] = {
    "100x30k-words": (100, ("words", 30_000), 15),
    "20x660KB": (20, ("bytes", 660_000), 15),
    "10x4.3MB": (10, ("bytes", 4_300_000), 15),
    "100x10k-words": (100, ("words", 10_000), 15),
    "60-mixed-up-to-4.5MB": (60, ("mix", 4_500_000), 15),
    "100x10k-words-one-year": (100, ("words", 10_000), 1),
}


def sentence(rng: random.Random, years: int) -> str:
    """One number-dense sentence (a figure the extractor reads)."""
    month, value, pct = rng.randint(1, 12), rng.randint(10, 999), rng.randint(1, 40)
    year = 2024 - rng.randrange(years)
    return (f"Tháng {month}/{year}, kim ngạch xuất khẩu của tỉnh {rng.choice(PROVINCES)} đạt "
            f"{value},{rng.randint(1, 9)} triệu USD, tăng {pct},{rng.randint(0, 9)}% so với "
            "cùng kỳ năm trước.")


def article(i: int, kind: str, size: int, rng: random.Random, years: int = 15) -> bytes:
    """An article page of `size` words or bytes of number-dense paragraphs."""
    if kind == "mix":
        kind, size = "bytes", int(rng.choice([2_000, 20_000, 200_000, 1_000_000, size]))
    paras: list[str] = []
    words = length = 0
    while (words if kind == "words" else length) < size:
        p = " ".join(sentence(rng, years) for _ in range(5))
        paras.append(f"<p>{p}</p>")
        words += len(p.split())
        length += len(p.encode()) + 7
    title = f"Bài {i}: kim ngạch xuất nhập khẩu các tỉnh biên giới"
    return (f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
            "<meta property='article:published_time' content='2024-06-27T08:00:00+07:00'>"
            f"</head><body><article><h1>{title}</h1><div class='entry-content'>"
            f"{''.join(paras)}</div></article></body></html>").encode()


def serve(case: str, conn: Connection) -> None:
    """Child process: serve the case's articles, a sitemap and a 404 robots.txt."""
    n, (kind, size), years = CASES[case]
    rng = random.Random(14)
    pages = {f"/tin-tuc/bai-viet-so-{i}.html": article(i, kind, size, rng, years)
             for i in range(n)}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            if self.path == "/sitemap.xml":
                base = f"http://127.0.0.1:{self.server.server_address[1]}"
                body = ("<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>" + "".join(
                    f"<url><loc>{base}{p}</loc></url>" for p in pages) + "</urlset>").encode()
            elif self.path in pages:
                body = pages[self.path]
            else:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    conn.send({"port": server.server_address[1], "bytes": sum(map(len, pages.values()))})
    server.serve_forever()


def worker(port: int, warehouse: str) -> None:
    """Run the monitor on the served case; print the result line."""
    import asyncio

    from flows import run_loop
    from flows.config import Settings

    base = f"http://127.0.0.1:{port}"
    settings = Settings(warehouse={"path": warehouse}, http={"polite": False},
                        sources=[{"name": "big", "kind": "generic", "base_url": base,
                                  "sitemaps": [f"{base}/sitemap.xml"]}])
    started = time.perf_counter()
    try:
        report = asyncio.run(run_loop.run_async(settings, "monitor"))
        out = {"status": report.status, "articles": report.articles, "failed": report.failed,
               "figures": report.figures, "error": report.error}
    except Exception as e:  # noqa: BLE001 - the benchmark reports how the run ended
        import traceback

        traceback.print_exc()
        out = {"status": "raised", "error": f"{type(e).__name__}: {str(e)[:200]}"}
    out["wall_s"] = round(time.perf_counter() - started, 1)
    out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    print(RESULT + json.dumps(out), flush=True)


def run_case(case: str, code: str | None, timeout: float) -> dict[str, Any]:
    """Serve `case`, run a worker on it, return its result (or how it ended)."""
    conn, child = mp.Pipe()
    server = mp.Process(target=serve, args=(case, child), daemon=True)
    server.start()
    info = conn.recv()
    env = dict(os.environ, TRADEWATCH_PREFECT="off")
    if code:
        env["PYTHONPATH"] = code
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, __file__, "--worker", str(info["port"]), f"{tmp}/tw.duckdb"]
        try:
            res = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout,
                                 cwd=code or None)
            lines = [ln for ln in res.stdout.splitlines() if ln.startswith(RESULT)]
            out = json.loads(lines[-1][len(RESULT):]) if lines else {
                "status": f"exit {res.returncode}", "error": res.stderr.strip()[-300:]}
            if out.get("status") == "raised":
                out["trace"] = res.stderr.strip()[-3000:]
        except subprocess.TimeoutExpired:
            out = {"status": f"timeout after {timeout:g} s"}
    server.terminate()
    return {"case": case, "served_mb": round(info["bytes"] / 1e6, 1), **out}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", action="append", choices=sorted(CASES))
    ap.add_argument("--code", help="run the worker on this checkout (PYTHONPATH)")
    ap.add_argument("--timeout", type=float, default=600.0)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        if not os.environ.get("PYTHONPATH"):  # --code sets it for the worker
            sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
        worker(int(args.worker[0]), args.worker[1])
        return
    results = [run_case(c, args.code, args.timeout) for c in args.case or list(CASES)]
    if args.json:
        print(json.dumps(results, indent=1))
        return
    print(f"{'case':22} {'served MB':>9} {'status':>10} {'articles':>8} {'failed':>6} "
          f"{'wall s':>7} {'peak MB':>8}")
    for r in results:
        ok = "" if r.get("peak_mb", 0) < TARGET_PEAK_MB else "  (over the 400 MB target)"
        print(f"{r['case']:22} {r['served_mb']:>9} {r['status']:>10} {r.get('articles', '-'):>8}"
              f" {r.get('failed', '-'):>6} {r.get('wall_s', '-'):>7} {r.get('peak_mb', '-'):>8}"
              f"{ok}")
        if r.get("error"):
            print(f"    {r['error'][:200]}")
        if r.get("trace") and os.environ.get("BENCH_TRACE"):
            print(r["trace"])


if __name__ == "__main__":
    main()

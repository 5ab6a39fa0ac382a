"""Monitor benchmark: a cold monitor run, then a second one that finds nothing new; the second's
time beyond start-up (target < 3 s) and the bytes it transfers against the cold run's (< 10%).

    python bench/bench_monitor.py [--articles 1000] [--no-prefect] [--json]

Each run is a fresh Python process ("worker"), as a scheduled run would be: with Prefect, the
worker first starts Prefect (import, temporary API, an empty flow run; timed apart), then runs the
monitor flow; without Prefect it runs flows/run_loop.run_monitor. Both runs of a mode share one
warehouse (and one PREFECT_HOME). Bytes are the replay server's body bytes (gzip as sent).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import bench_backfill as bb

TARGETS = {"second_s": 3.0, "bytes_pct": 10.0}
TIN_ARTICLE = re.compile(r"^/\d{4}/\d{2}/\d{2}/")


def measure_plain(config: str) -> dict[str, Any]:
    """One monitor run through flows/run_loop.py only: no Prefect imported."""
    t = time.perf_counter()
    from flows import run_loop
    from flows.config import load_settings

    imported = time.perf_counter() - t
    settings = load_settings(config)
    t = time.perf_counter()
    report = run_loop.run_monitor(settings)
    return {"mode": "plain", "import_s": imported, "wall_s": time.perf_counter() - t,
            **bb.report_facts(report)}


def measure_prefect(config: str) -> dict[str, Any]:
    """One monitor run through the Prefect flow, after Prefect's start-up (timed apart)."""
    start = bb.prefect_start()
    from flows import prefect_flows

    t = time.perf_counter()
    state = asyncio.run(prefect_flows.monitor(config=config, return_state=True))
    wall = time.perf_counter() - t
    if not state.is_completed():
        raise RuntimeError(f"monitor flow ended {state.type}: {state.message}")
    facts = {"mode": "prefect", **start, "wall_s": wall, **bb.report_facts(state.result())}
    facts["task_runs"] = bb.count_task_runs(state.state_details.flow_run_id)
    return facts


def worker(mode: str, config: str, profile: str | None) -> None:
    """Run one measured monitor in this process; print its facts as the last stdout line."""
    fn = measure_prefect if mode == "prefect" else measure_plain
    facts = bb.profiled(fn, profile, config)
    facts.update(bb.usage_facts())
    print(bb.RESULT + json.dumps(facts), flush=True)


def _kind(path: str) -> str:
    """What a replay path is, roughly: for the byte breakdown of a run."""
    if path.endswith(".html") or TIN_ARTICLE.match(path):
        return "article"
    if "robots" in path:
        return "robots"
    if "sitemap" in path:
        return "sitemap"
    if "rss" in path or "feed" in path:
        return "feed"
    return "listing"


def byte_breakdown(log: list[tuple[str, str, str, int, int]]) -> dict[str, list[int]]:
    """{kind: [requests, bytes]} of one run's requests."""
    out: dict[str, list[int]] = {}
    for _site, _method, path, _status, nbytes in log:
        row = out.setdefault(_kind(path), [0, 0])
        row[0] += 1
        row[1] += nbytes
    return out


def one_run(replay: bb.ReplayProcess, mode: str, config: Path, env: dict[str, str],
            profile: list[str]) -> dict[str, Any]:
    """One monitor run in a fresh worker; its facts with the replay server's bytes."""
    replay.reset()
    facts = bb.run_worker(__file__, ["--worker", mode, "--config", str(config), *profile], env)
    server = replay.stats()
    log = replay.log()
    facts.update(requests=server["requests"], bytes_sent=server["bytes_sent"],
                 server_cpu_s=server["cpu_s"], by_kind=byte_breakdown(log),
                 statuses=dict(Counter(status for *_, status, _ in log)))
    return facts


def measure_mode(replay: bb.ReplayProcess, mode: str, directory: Path,
                 args: argparse.Namespace, env: dict[str, str]) -> dict[str, Any]:
    """The cold run, then the second, into one fresh warehouse; with the ratio of bytes."""
    directory.mkdir(parents=True)
    config = bb.write_config(directory, replay.info, args.concurrency, args.batch_size)
    cold = one_run(replay, mode, config, env, bb.worker_profile(args, "monitor-cold", mode))
    second = one_run(replay, mode, config, env, bb.worker_profile(args, "monitor-second", mode))
    pct = 100 * second["bytes_sent"] / cold["bytes_sent"] if cold["bytes_sent"] else 0.0
    return {"cold": cold, "second": second, "bytes_pct": pct,
            "meets": {"second_s": second["wall_s"] < TARGETS["second_s"],
                      "bytes_pct": pct < TARGETS["bytes_pct"]}}


def print_mode(mode: str, m: dict[str, Any]) -> None:
    """One mode's two runs as a few readable lines."""
    for which in ("cold", "second"):
        r = m[which]
        start = (f"start-up {r['import_s'] + r['server_s']:.1f} s (import {r['import_s']:.1f}, "
                 f"temporary API + empty flow {r['server_s']:.1f}), {r['task_runs']} task runs"
                 if mode == "prefect" else f"import {r['import_s']:.1f} s")
        print(f"{mode:>7} {which:>6}: {r['wall_s']:5.1f} s beyond start-up, {r['pages']} pages "
              f"fetched, {r['discovered']} new; {r['requests']} requests, "
              f"{r['bytes_sent'] / 1e3:,.0f} KB sent; {start}; peak {r['peak_mb']:.0f} MB")
        kinds = ", ".join(f"{k} {n}x {b / 1e3:,.0f} KB" for k, (n, b) in
                          sorted(m[which]["by_kind"].items()))
        print(f"{'':>15} by kind: {kinds}")
    print(f"{mode:>7}: second run sent {m['bytes_pct']:.1f}% of the cold run's bytes")


def main() -> None:
    """Run the benchmark and print its numbers (or one JSON object with --json)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=1000, help="synthetic articles to serve")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-prefect", action="store_true", help="only the plain pipeline runs")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--concurrency", type=int, default=8, help="per-host max_concurrency "
                    "(8: more costs CPU in httpcore's connection pool, for no speed on loopback)")
    ap.add_argument("--batch-size", type=int, default=100, help="[run] batch_size")
    ap.add_argument("--prefect-home", help="PREFECT_HOME (default: a fresh temp dir)")
    ap.add_argument("--profile", metavar="DIR", help="write a cProfile .prof of each measured "
                    "run into DIR (read it with `python -m pstats`); slows the runs")
    ap.add_argument("--worker", choices=("plain", "prefect"), help=argparse.SUPPRESS)
    ap.add_argument("--config", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args.worker, args.config, args.profile)
    with tempfile.TemporaryDirectory(prefix="tw-bench-") as tmp, \
            bb.replay_process(args.articles, args.seed) as replay:
        env = {"PREFECT_HOME": args.prefect_home or str(Path(tmp) / "prefect-home")}
        modes = ["plain"] if args.no_prefect else ["plain", "prefect"]
        results = {m: measure_mode(replay, m, Path(tmp) / m, args, env) for m in modes}
    summary = {"articles_served": replay.info["articles"], "synthetic": args.articles,
               "targets": TARGETS, "modes": results}
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    print(f"replay site: {summary['articles_served']} articles ({args.articles} synthetic)")
    for mode, m in results.items():
        print_mode(mode, m)
    print(f"targets: second run < {TARGETS['second_s']:.0f} s beyond start-up, "
          f"< {TARGETS['bytes_pct']:.0f}% of the cold run's bytes")


if __name__ == "__main__":
    main()

"""Backfill benchmark: N synthetic articles (~100 KB pages) from the replay site over loopback,
politeness off, into a fresh warehouse, through the Prefect flow and through the plain pipeline.
Prints wall time, pages/s, peak memory, CPU, Prefect task runs and Prefect's share.

    python bench/bench_backfill.py [--articles 5000] [--no-prefect] [--json]

The replay server runs in a child process (its CPU and memory are reported apart). Each measured
run is a fresh Python process ("worker"), so its ru_maxrss is its own peak; the Prefect run's
temporary API server is a child of that worker and is reported as "children". Prefect's own
start-up (import, temporary API, a first empty flow run) is timed before the measured flow and
reported apart. Targets (DESIGN.md): under 60 s wall, under 400 MB, at most 200 task runs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing as mp
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
SINCE, UNTIL = date(2019, 1, 1), date(2025, 1, 1)  # synthetic articles: 2019-2024; corpus 2022-24
RESULT = "BENCH-RESULT "  # the worker's last stdout line: this prefix, then JSON
TARGETS = {"wall_s": 60.0, "peak_mb": 400.0, "task_runs": 200}
TASK_RUN_PAGE = 200  # the API's default page size; read_task_runs is paged past it
MAX_TASK_RUN_PAGES = 500  # 100,000 task runs: far past any target, still a bounded loop
THREAD_PROFILE: Any = None  # a cProfile.Profile for stages run off the main thread (--profile)


# ---------------------------------------------------------------- the replay server process

def _cpu_s(usage: resource.struct_rusage) -> float:
    return usage.ru_utime + usage.ru_stime


def serve(articles: int, seed: int, conn: Connection) -> None:
    """Child process: serve the replay sites; answer "stats" and "reset" until "stop"."""
    from replay import ReplaySite

    t = time.perf_counter()
    site = ReplaySite(synthetic=articles, seed=seed)
    built = time.perf_counter() - t
    with site.serve(host=HOST) as srv:
        conn.send({"kdpt": srv.kdpt_url, "tin": srv.tin_url, "articles": len(srv.articles),
                   "build_s": built})
        cpu0 = _cpu_s(resource.getrusage(resource.RUSAGE_SELF))
        while (cmd := conn.recv()) != "stop":
            usage = resource.getrusage(resource.RUSAGE_SELF)
            if cmd == "reset":
                srv.reset_stats()
                cpu0 = _cpu_s(usage)
                conn.send(None)
            elif cmd == "log":  # (site, method, path, status, bytes) since the reset
                conn.send(srv.log)
            else:  # "stats": bytes and requests since the reset, CPU since then, peak memory
                conn.send({**srv.stats(), "cpu_s": _cpu_s(usage) - cpu0,
                           "peak_mb": usage.ru_maxrss / 1024})


class ReplayProcess:
    """The replay sites with `articles` synthetic articles, served by a child process."""

    def __init__(self, articles: int, seed: int) -> None:
        self._conn, child = mp.Pipe()
        self._proc = mp.Process(target=serve, args=(articles, seed, child), daemon=True)
        self._proc.start()
        self.info: dict[str, Any] = self._conn.recv()

    def reset(self) -> None:
        """Zero the request stats and the CPU baseline."""
        self._conn.send("reset")
        self._conn.recv()

    def stats(self) -> dict[str, Any]:
        """Requests, bytes_sent, by_status, cpu_s since the last reset, and peak_mb."""
        self._conn.send("stats")
        return self._conn.recv()

    def log(self) -> list[tuple[str, str, str, int, int]]:
        """(site, method, path, status, body bytes) of every request since the last reset."""
        self._conn.send("log")
        return self._conn.recv()

    def close(self) -> None:
        """Stop the server process."""
        self._conn.send("stop")
        self._proc.join(timeout=10)
        if self._proc.is_alive():
            self._proc.terminate()


@contextmanager
def replay_process(articles: int, seed: int) -> Iterator[ReplayProcess]:
    """A ReplayProcess for the duration of a `with` block."""
    proc = ReplayProcess(articles, seed)
    try:
        yield proc
    finally:
        proc.close()


# ---------------------------------------------------------------- configuration

def write_config(directory: Path, urls: dict[str, Any], concurrency: int,
                 batch_size: int) -> Path:
    """A tradewatch.toml for both replay sites, politeness off, a warehouse in `directory`."""
    sources = [
        {"name": "kdpt", "kind": "kdpt", "base_url": urls["kdpt"]},
        {"name": "tin", "kind": "generic", "base_url": urls["tin"],
         "feeds": [f"{urls['tin']}/feed/"], "sitemaps": [f"{urls['tin']}/sitemap_index.xml"]},
    ]
    lines = ["[warehouse]", f"path = {json.dumps((directory / 'tw.duckdb').as_posix())}",
             "lock_timeout_s = 60", "", "[http]", "polite = false", "",
             "[run]", f"batch_size = {batch_size}", ""]
    for s in sources:
        # max_pages: a backfill walks ~72 monthly shards; the default 50 would stop it early
        s.update(max_concurrency=concurrency, max_pages=1000, max_articles=100_000)
        lines.append("[[sources]]")
        lines += [f"{k} = {json.dumps(v)}" for k, v in s.items()]
        lines.append("")
    path = directory / "tradewatch.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# ---------------------------------------------------------------- measuring (in the worker)

def _proc_children() -> list[int]:
    """Live child pids of this process (Linux /proc)."""
    me, kids = str(os.getpid()), []
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        if stat.rsplit(")", 1)[1].split()[1] == me:
            kids.append(int(entry.name))
    return kids


def _proc_usage(pid: int) -> tuple[float, float]:
    """(peak MB, CPU seconds) of a live process, from /proc."""
    status = Path(f"/proc/{pid}/status").read_text()
    hwm = next((int(line.split()[1]) for line in status.splitlines()
                if line.startswith("VmHWM:")), 0)
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return hwm / 1024, (int(fields[11]) + int(fields[12])) / ticks


def usage_facts() -> dict[str, float]:
    """Peak memory and CPU of this process and of its children (finished and still running)."""
    me = resource.getrusage(resource.RUSAGE_SELF)
    done = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak, cpu = done.ru_maxrss / 1024, _cpu_s(done)
    for pid in _proc_children():
        try:
            p, c = _proc_usage(pid)
        except (OSError, StopIteration, IndexError, ValueError):
            continue  # it ended between the listing and the read
        peak, cpu = max(peak, p), cpu + c
    return {"peak_mb": me.ru_maxrss / 1024, "cpu_s": _cpu_s(me),
            "children_peak_mb": peak, "children_cpu_s": cpu}


def prefect_start() -> dict[str, float]:
    """Start Prefect's temporary API as `tradewatch` does (before importing Prefect), import
    the flows module, and run an empty flow."""
    from flows import prefect_env

    prefect_env.configure(quiet=True)
    t = time.perf_counter()
    prefect_env.start_temporary_api()  # nothing when PREFECT_API_URL is set
    started = time.perf_counter() - t
    t = time.perf_counter()
    from prefect import flow

    import flows.prefect_flows  # noqa: F401 - timed: prefect and the project modules
    imported = time.perf_counter() - t

    @flow(name="bench-warmup")
    def warmup() -> int:
        return 1

    t = time.perf_counter()
    warmup()
    return {"import_s": imported, "server_s": started + time.perf_counter() - t,
            "start_cpu_s": usage_facts()["children_cpu_s"]}  # the API server's start-up CPU


async def _count_task_runs(flow_run_id: Any) -> int:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    flt = FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id]))
    total = 0
    async with get_client() as client:
        for _ in range(MAX_TASK_RUN_PAGES):
            page = await client.read_task_runs(flow_run_filter=flt, limit=TASK_RUN_PAGE,
                                               offset=total)
            total += len(page)
            if len(page) < TASK_RUN_PAGE:
                break
    return total


def count_task_runs(flow_run_id: Any, settle_s: float = 30.0) -> int:
    """Task runs of one flow run, read through the Prefect API once the count stops growing.

    Task run states reach the API as events, recorded a little after the flow returns.
    """
    deadline = time.monotonic() + settle_s
    last = asyncio.run(_count_task_runs(flow_run_id))
    while time.monotonic() < deadline:
        time.sleep(1.0)
        now = asyncio.run(_count_task_runs(flow_run_id))
        if now == last:
            break
        last = now
    return last


def report_facts(report: Any) -> dict[str, Any]:
    """The counts of a RunReport worth printing."""
    return {"status": report.status, "pages": report.fetched, "articles": report.articles,
            "figures": report.figures, "failed": report.failed, "batches": report.batches,
            "discovered": report.discovered}


def rss_mb() -> float:
    """This process's resident memory now (Linux /proc)."""
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class StageClock:
    """Seconds spent in each pipeline stage, and the resident memory after each batch."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, list[float]] = {}
        self.rss: list[float] = []
        self.peak: list[float] = []

    def _add(self, name: str, t: float) -> None:
        took = time.perf_counter() - t
        self.seconds[name] = self.seconds.get(name, 0.0) + took
        self.calls.setdefault(name, []).append(round(took, 2))

    def sync(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """`fn` timed under `name` (and profiled when it runs off the main thread)."""
        def timed(*args: Any) -> Any:
            # cProfile sees one thread only: the pipeline extracts and loads in a worker thread
            prof = THREAD_PROFILE if threading.current_thread() is not threading.main_thread() \
                else None
            t = time.perf_counter()
            if prof:
                prof.enable()
            try:
                return fn(*args)
            finally:
                if prof:
                    prof.disable()
                self._add(name, t)
        return timed

    def coro(self, name: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        """The coroutine function `fn` timed under `name`."""
        async def timed(*args: Any) -> Any:
            t = time.perf_counter()
            try:
                return await fn(*args)
            finally:
                self._add(name, t)
        return timed

    def progress(self, event: str, amount: int) -> None:
        """The pipeline's progress callback: sample memory after each batch."""
        if event == "batch":
            self.rss.append(round(rss_mb()))
            self.peak.append(round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def measure_plain(config: str, since: date, until: date) -> dict[str, Any]:
    """The backfill through flows/run_loop.py only (no Prefect), timed stage by stage."""
    t = time.perf_counter()
    from flows import run_loop, stages
    from flows.config import load_settings

    imported = time.perf_counter() - t
    settings = load_settings(config)
    clock = StageClock()
    p = stages.PLAIN
    timed = stages.Stages(discover=clock.coro("discover", p.discover),
                          fetch=clock.coro("fetch", p.fetch),
                          extract=clock.sync("extract", p.extract),
                          load=clock.sync("load", p.load))
    before = rss_mb()
    t = time.perf_counter()
    report = asyncio.run(run_loop.run_async(settings, "backfill", (),
                                            stages.Window(since, until), timed,
                                            clock.progress))
    report.raise_for_status()
    return {"mode": "plain", "import_s": imported, "wall_s": time.perf_counter() - t,
            **report_facts(report), "stage_s": clock.seconds, "rss_start_mb": before,
            "rss_by_batch_mb": clock.rss, "peak_by_batch_mb": clock.peak,
            "load_s_by_batch": clock.calls.get("load", [])}


def measure_prefect(config: str, since: date, until: date) -> dict[str, Any]:
    """The backfill through the Prefect flow, after Prefect's start-up (timed apart)."""
    start = prefect_start()
    from flows import prefect_flows, progress

    clock = StageClock()
    before = rss_mb()
    t = time.perf_counter()
    with progress.reporting_to(clock.progress):  # the flow's runs report batches to it
        state = asyncio.run(prefect_flows.backfill(since=since, until=until, config=config,
                                                   return_state=True))
    wall = time.perf_counter() - t
    if not state.is_completed():
        raise RuntimeError(f"backfill flow ended {state.type}: {state.message}")
    facts = {"mode": "prefect", **start, "wall_s": wall, **report_facts(state.result()),
             "rss_start_mb": before, "rss_by_batch_mb": clock.rss,
             "peak_by_batch_mb": clock.peak}
    facts["task_runs"] = count_task_runs(state.state_details.flow_run_id)
    return facts


def profiled(fn: Callable[..., dict[str, Any]], out: str | None, *args: Any) -> dict[str, Any]:
    """`fn(*args)`, under cProfile when `out` names a file for the profile.

    The stages that the plain pipeline runs in a worker thread are profiled apart (see
    StageClock.sync) and merged into the same file.
    """
    global THREAD_PROFILE
    if not out:
        return fn(*args)
    import cProfile
    import pstats

    prof, THREAD_PROFILE = cProfile.Profile(), cProfile.Profile()
    try:
        return prof.runcall(fn, *args)
    finally:
        stats = pstats.Stats(prof)
        if THREAD_PROFILE.getstats():
            stats.add(THREAD_PROFILE)
        stats.dump_stats(out)
        THREAD_PROFILE = None


def worker(mode: str, config: str, since: date, until: date, profile: str | None) -> None:
    """Run one measured backfill in this process; print its facts as the last stdout line."""
    fn = measure_prefect if mode == "prefect" else measure_plain
    facts = profiled(fn, profile, config, since, until)
    facts.update(usage_facts())
    print(RESULT + json.dumps(facts), flush=True)


# ---------------------------------------------------------------- driving (in the parent)

def run_worker(script: str, args: list[str], env: dict[str, str] | None = None,
               timeout_s: float = 900) -> dict[str, Any]:
    """Run `script --worker …` in a fresh interpreter; its facts, or RuntimeError."""
    cmd = [sys.executable, script, *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s,
                          env={**os.environ, **(env or {})}, check=False)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(RESULT)]
    if proc.returncode != 0 or not lines:
        tail = "\n".join(proc.stderr.strip().splitlines()[-15:])
        raise RuntimeError(f"worker {args} exited {proc.returncode}:\n{tail}")
    return json.loads(lines[-1][len(RESULT):])


def measured_run(replay: ReplayProcess, mode: str, directory: Path, args: argparse.Namespace,
                 env: dict[str, str]) -> dict[str, Any]:
    """One backfill into a fresh warehouse under `directory`; facts with the server's stats."""
    directory.mkdir(parents=True)
    config = write_config(directory, replay.info, args.concurrency, args.batch_size)
    replay.reset()
    facts = run_worker(__file__, ["--worker", mode, "--config", str(config),
                                  *worker_profile(args, "backfill", mode)], env)
    server = replay.stats()
    facts.update(server_cpu_s=server["cpu_s"], server_peak_mb=server["peak_mb"],
                 requests=server["requests"], bytes_sent=server["bytes_sent"])
    facts["pages_per_s"] = facts["pages"] / facts["wall_s"] if facts["wall_s"] else 0.0
    return facts


def worker_profile(args: argparse.Namespace, bench: str, mode: str) -> list[str]:
    """The worker's --profile option: a .prof file under --profile DIR, or nothing."""
    if not args.profile:
        return []
    Path(args.profile).mkdir(parents=True, exist_ok=True)
    return ["--profile", str(Path(args.profile) / f"{bench}-{mode}.prof")]


def summarise(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Prefect's share of the wall time and the targets met, from both runs."""
    out: dict[str, Any] = {}
    a, b = results.get("prefect"), results.get("plain")
    if a and b:
        out["prefect_share_s"] = a["wall_s"] - b["wall_s"]
        out["prefect_share_pct"] = 100 * out["prefect_share_s"] / a["wall_s"]
    for name, r in results.items():
        out[f"{name}_meets"] = {
            "wall_s": r["wall_s"] < TARGETS["wall_s"],
            "peak_mb": r["peak_mb"] < TARGETS["peak_mb"],
            **({"task_runs": r["task_runs"] <= TARGETS["task_runs"]} if "task_runs" in r else {}),
        }
    return out


def print_run(r: dict[str, Any]) -> None:
    """One measured run as a few readable lines."""
    print(f"{r['mode']:>7}: {r['wall_s']:6.1f} s wall, {r['pages']} pages = "
          f"{r['pages_per_s']:6.1f} pages/s ({r['articles']} articles, {r['figures']} figures, "
          f"{r['failed']} failed, {r['batches']} batches; status {r['status']})")
    print(f"         peak {r['peak_mb']:.0f} MB (children {r['children_peak_mb']:.0f} MB), "
          f"CPU {r['cpu_s']:.1f} s (children {r['children_cpu_s']:.1f} s), replay server "
          f"CPU {r['server_cpu_s']:.1f} s, {r['requests']} requests, "
          f"{r['bytes_sent'] / 1e6:.0f} MB sent")
    if r["mode"] == "prefect":
        print(f"         Prefect start-up (not in wall): import {r['import_s']:.1f} s, "
              f"temporary API + first flow run {r['server_s']:.1f} s (its CPU "
              f"{r['start_cpu_s']:.1f} s); task runs {r['task_runs']} "
              f"(target <= {TARGETS['task_runs']})")
    else:
        stages = ", ".join(f"{k} {v:.1f} s" for k, v in r["stage_s"].items())
        print(f"         import of the pipeline modules (not in wall): {r['import_s']:.1f} s; "
              f"time inside each stage (they overlap): {stages}")
    print(f"         resident MB before the run {r['rss_start_mb']:.0f}, after each batch: "
          f"{' '.join(str(x) for x in r['rss_by_batch_mb'])}")
    print(f"         peak MB after each batch: {' '.join(str(x) for x in r['peak_by_batch_mb'])}")
    if "load_s_by_batch" in r:
        print(f"         load s of each batch: {' '.join(str(x) for x in r['load_s_by_batch'])}")


def main() -> None:
    """Run the benchmark and print its numbers (or one JSON object with --json)."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=5000, help="synthetic articles to serve")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-prefect", action="store_true", help="only the plain pipeline run")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--concurrency", type=int, default=8, help="per-host max_concurrency "
                    "(8: more costs CPU in httpcore's connection pool, for no speed on loopback)")
    ap.add_argument("--batch-size", type=int, default=100, help="[run] batch_size")
    ap.add_argument("--prefect-home", help="PREFECT_HOME to use (default: a fresh temp dir, "
                    "so the start-up includes Prefect's database migrations)")
    ap.add_argument("--profile", metavar="DIR", help="write a cProfile .prof of each measured "
                    "run into DIR (read it with `python -m pstats`); slows the runs")
    ap.add_argument("--worker", choices=("plain", "prefect"), help=argparse.SUPPRESS)
    ap.add_argument("--config", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        return worker(args.worker, args.config, SINCE, UNTIL, args.profile)
    with tempfile.TemporaryDirectory(prefix="tw-bench-") as tmp, \
            replay_process(args.articles, args.seed) as replay:
        env = {"PREFECT_HOME": args.prefect_home or str(Path(tmp) / "prefect-home")}
        modes = ["plain"] if args.no_prefect else ["plain", "prefect"]
        results = {m: measured_run(replay, m, Path(tmp) / m, args, env) for m in modes}
    summary = {"articles_served": replay.info["articles"], "synthetic": args.articles,
               "site_build_s": replay.info["build_s"], "targets": TARGETS,
               "runs": results, **summarise(results)}
    if args.json:
        print(json.dumps(summary, indent=2))
        return
    print(f"replay site: {summary['articles_served']} articles ({args.articles} synthetic), "
          f"built in {summary['site_build_s']:.1f} s; window {SINCE}..{UNTIL}")
    for r in results.values():
        print_run(r)
    if "prefect_share_s" in summary:
        print(f"Prefect's share: {summary['prefect_share_s']:+.1f} s "
              f"({summary['prefect_share_pct']:.0f}% of the flow's wall), plus its start-up")
    print(f"targets: wall < {TARGETS['wall_s']:.0f} s, peak < {TARGETS['peak_mb']:.0f} MB, "
          f"task runs <= {TARGETS['task_runs']}")


if __name__ == "__main__":
    main()

#!/usr/bin/env bash
# Run every benchmark in bench/ and print one markdown table (the machine described first).
#
#   bench/run_all.sh [--repeat N] [--quick] [--logs DIR]
#
# --repeat N  run each benchmark N times; the table shows "best / worst" when N > 1
# --quick     smaller sizes (a smoke test of the scripts, not the README's numbers)
# --logs DIR  where each benchmark's full output goes (default: a new temp dir; printed)
# PYTHON=...  the interpreter (default: python on PATH, e.g. the activated venv; else python3)
# A benchmark that fails shows "failed" in the table; its log says why. Exit code 1 then.
set -uo pipefail

cd "$(dirname "$0")/.."
PY="${PYTHON:-$(command -v python || command -v python3)}"
REPEAT=1
QUICK=0
LOGS=""
while [ $# -gt 0 ]; do
  case "$1" in
    --repeat) REPEAT="$2"; shift 2 ;;
    --quick) QUICK=1; shift ;;
    --logs) LOGS="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "run_all.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
LOGS="${LOGS:-$(mktemp -d /tmp/tw-bench-logs.XXXXXX)}"
mkdir -p "$LOGS"

# name | command (run from the repository root); the summariser below knows each name
if [ "$QUICK" = 1 ]; then
  BENCHES=(
    "extract|bench/bench_extract.py --seconds 1"
    "parse|bench/bench_parse.py --pages 40 --rounds 1"
    "fetch|bench/bench_fetch.py --synthetic 300 --requests 300 --concurrency 8"
    "warehouse|bench/bench_warehouse.py --rows 50000"
    "backfill|bench/bench_backfill.py --articles 300 --json"
    "monitor|bench/bench_monitor.py --articles 100 --json"
  )
else
  BENCHES=(
    "extract|bench/bench_extract.py"
    "parse|bench/bench_parse.py"
    "fetch|bench/bench_fetch.py"
    "warehouse|bench/bench_warehouse.py"
    "backfill|bench/bench_backfill.py --json"
    "monitor|bench/bench_monitor.py --json"
  )
fi

machine() {
  echo "## Machine"
  echo
  echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores available"
  echo "- Memory: $(free -m | awk '/^Mem:/ {printf "%.1f GB total, %.1f GB available", $2/1024, $7/1024}')"
  echo "- Load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- $("$PY" -c 'import platform; print("Python", platform.python_version())')," \
       "$("$PY" -c 'import importlib.metadata as m; print("Prefect", m.version("prefect") + ", DuckDB", m.version("duckdb") + ", httpx", m.version("httpx") + ", lxml", m.version("lxml"))')"
  echo "- Commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with uncommitted changes)'), $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
}

machine
failed=0
for entry in "${BENCHES[@]}"; do
  name="${entry%%|*}"
  cmd="${entry#*|}"
  for i in $(seq 1 "$REPEAT"); do
    echo "running $name ($i/$REPEAT): python $cmd" >&2
    # shellcheck disable=SC2086  # the command is split into its words on purpose
    if ! "$PY" $cmd > "$LOGS/$name.$i.txt" 2> "$LOGS/$name.$i.err"; then
      echo "  $name failed: see $LOGS/$name.$i.err" >&2
      echo "FAILED" >> "$LOGS/$name.$i.txt"
      failed=1
    fi
  done
  echo "python $cmd" > "$LOGS/$name.cmd"
done

"$PY" - "$LOGS" <<'PYEOF'
"""Read each benchmark's output in LOGS and print the markdown table."""
import json
import re
import sys
from pathlib import Path

logs = Path(sys.argv[1])


def runs(name):
    """The outputs of every repetition of one benchmark (text; '' when it failed)."""
    out = []
    for p in sorted(logs.glob(f"{name}.*.txt")):
        text = p.read_text(encoding="utf-8", errors="replace")
        out.append("" if text.rstrip().endswith("FAILED") else text)
    return out


def cmd(name):
    p = logs / f"{name}.cmd"
    return f"`{p.read_text().strip()}`" if p.exists() else ""


def regex(pattern):
    def get(text):
        m = re.search(pattern, text)
        return float(m.group(1).replace(",", "")) if m else None
    return get


def from_json(*path):
    def get(text):
        try:
            start = text.index("{")
            value = json.loads(text[start:])
            for key in path:
                value = value[key]
            return float(value)
        except (ValueError, KeyError, TypeError):
            return None
    return get


def cell(values, lower_is_better, fmt):
    got = [v for v in values if v is not None]
    if not got:
        return "failed (see logs)" if values else "not run"
    best = min(got) if lower_is_better else max(got)
    worst = max(got) if lower_is_better else min(got)
    if len(got) == 1:
        return fmt.format(best)
    return f"{fmt.format(best)} / {fmt.format(worst)}"


B = "bench_backfill"
ROWS = [
    # (benchmark, metric, target, getter, lower is better, format)
    ("extract", "text → figures, articles/s, one core (6 KB)", "≥ 500",
     regex(r"\): ([\d.]+) articles/s"), False, "{:.0f}"),
    ("parse", "HTML page → article → figures, pages/s, one core (~100 KB)", "≥ 150",
     regex(r"HTML -> Article -> figures:\s+([\d.]+)"), False, "{:.0f}"),
    ("parse", "… against trafilatura.extract (ratio)", "> 1x",
     regex(r"ratio to peer: ([\d.]+)x"), False, "{:.1f}x"),
    ("fetch", "fetch over loopback, pages/s (best concurrency)", "—",
     lambda t: max((float(x) for x in re.findall(r"= +([\d.]+) pages/s", t)), default=None),
     False, "{:.0f}"),
    ("warehouse", "warehouse: load figure rows (1,000,000 by default), s", "< 15",
     regex(r"observations in ([\d.]+) s"), True, "{:.1f}"),
    ("warehouse", "warehouse: read one series back, ms (median)", "< 50",
     regex(r"median ([\d.]+) ms"), True, "{:.1f}"),
    ("backfill", "backfill (5,000 synthetic articles by default), plain pipeline: wall s", "< 60",
     from_json("runs", "plain", "wall_s"), True, "{:.1f}"),
    ("backfill", "… plain pipeline: pages/s", "≥ 84 (5,065 in 60 s)",
     from_json("runs", "plain", "pages_per_s"), False, "{:.0f}"),
    ("backfill", "… plain pipeline: peak memory MB (ru_maxrss)", "< 400",
     from_json("runs", "plain", "peak_mb"), True, "{:.0f}"),
    ("backfill", "… Prefect flow: wall s (after start-up)", "< 60",
     from_json("runs", "prefect", "wall_s"), True, "{:.1f}"),
    ("backfill", "… Prefect flow: peak memory MB (flow process)", "< 400",
     from_json("runs", "prefect", "peak_mb"), True, "{:.0f}"),
    ("backfill", "… Prefect flow: peak MB of its temporary API server", "—",
     from_json("runs", "prefect", "children_peak_mb"), True, "{:.0f}"),
    ("backfill", "… Prefect task runs", "≤ 200",
     from_json("runs", "prefect", "task_runs"), True, "{:.0f}"),
    ("backfill", "… Prefect's share of the wall (flow − plain), s", "named",
     from_json("prefect_share_s"), True, "{:+.1f}"),
    ("backfill", "… Prefect start-up (import + temporary API + first flow), s", "—",
     lambda t: (lambda a, b: a + b if a is not None and b is not None else None)(
         from_json("runs", "prefect", "import_s")(t), from_json("runs", "prefect", "server_s")(t)),
     True, "{:.1f}"),
    ("monitor", "monitor finding nothing new, plain: s", "< 3",
     from_json("modes", "plain", "second", "wall_s"), True, "{:.2f}"),
    ("monitor", "monitor finding nothing new, Prefect: s beyond start-up", "< 3",
     from_json("modes", "prefect", "second", "wall_s"), True, "{:.2f}"),
    ("monitor", "… its bytes against a cold run's, %", "< 10",
     from_json("modes", "prefect", "bytes_pct"), True, "{:.1f}"),
]

print("## Benchmarks\n")
print("| metric | target | measured | command |")
print("|---|---|---|---|")
for name, metric, target, get, lower, fmt in ROWS:
    values = [get(t) if t else None for t in runs(name)]
    print(f"| {metric} | {target} | {cell(values, lower, fmt)} | {cmd(name)} |")
reps = max((len(runs(n)) for n, *_ in ROWS), default=0)
if reps > 1:
    print(f"\n{reps} runs each: best / worst.")
print(f"\nFull outputs: {logs}")
PYEOF
exit $failed

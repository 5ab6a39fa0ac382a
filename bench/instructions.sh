#!/usr/bin/env bash
# Instructions per article through extract_figures, counted by valgrind (callgrind): unlike
# articles/s, the count does not drift with the machine's load. Steady state only: the
# difference between one and two passes over the same articles after a warm-up pass, so the
# one-off compilation of the patterns is not counted.
#   bash bench/instructions.sh [ARTICLES]     (default 50; needs valgrind: apt install valgrind)
set -euo pipefail
n=${1:-50}
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt install valgrind)" >&2; exit 2; }
cd "$(dirname "$0")/.."
count() {
  PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    python bench/bench_extract.py --articles "$n" --passes "$1" 2>&1 |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
one=$(count 1)
two=$(count 2)
echo "extract_figures (realistic): $(( (two - one) / n )) instructions per article (callgrind, $n articles)"

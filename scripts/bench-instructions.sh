#!/usr/bin/env bash
# (b) as instruction counts, which do not vary from run to run: the host's plugin path against the
# plain lua5.4 driver, both under valgrind --tool=callgrind. Each side runs its loop over every
# indicator once and three times; the difference is two loops, with loading and set-up cancelled.
#   scripts/bench-instructions.sh [N]     (default N = 50; needs valgrind and a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-50}
dir=.build/bench/p$n
[ -f "$dir/driver-data.lua" ] || .build/release/policy-bench generate "$n" "$dir" >/dev/null
# valgrind cannot read the debug information Swift writes: count a stripped copy
bench=$(mktemp)
trap 'rm -f "$bench"' EXIT
strip -o "$bench" .build/release/policy-bench
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
h1=$(count "$bench" hooks "$dir" --host-only-repeat 1)
h3=$(count "$bench" hooks "$dir" --host-only-repeat 3)
d1=$(count lua5.4 Benchmarks/driver.lua "$dir" 1)
d3=$(count lua5.4 Benchmarks/driver.lua "$dir" 3)
indicators=$((n * 10))
awk -v h1="$h1" -v h3="$h3" -v d1="$d1" -v d3="$d3" -v k="$indicators" 'BEGIN {
  host = (h3 - h1) / 2 / k; lua = (d3 - d1) / 2 / k
  printf "instructions per indicator: host %.0f, plain lua5.4 %.0f\n", host, lua
  printf "host/interpreter ratio (instructions): %.2f\n", host / lua
}'

#!/usr/bin/env bash
# (b) as instruction counts, which do not vary from run to run: the host's plugin path against the
# plain lua5.4 driver (both modes), all under valgrind --tool=callgrind. Each side runs its loop
# over every indicator once and three times; the difference is two loops, with loading and
# set-up cancelled. Swift's hashing is made deterministic so that both host runs load alike.
#   scripts/bench-instructions.sh [N]     (default N = 200; needs valgrind and a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-200}
dir=.build/bench/p$n
[ -f "$dir/driver-model.lua" ] || .build/release/policy-bench generate "$n" "$dir" >/dev/null
lua5.4 Benchmarks/driver.lua "$dir" 1 verify
# $bench (a copy of policy-bench valgrind can read) and count CMD...
. scripts/callgrind.sh
h1=$(count "$bench" hooks "$dir" --host-only-repeat 1)
h3=$(count "$bench" hooks "$dir" --host-only-repeat 3)
m1=$(count lua5.4 Benchmarks/driver.lua "$dir" 1 model)
m3=$(count lua5.4 Benchmarks/driver.lua "$dir" 3 model)
t1=$(count lua5.4 Benchmarks/driver.lua "$dir" 1 tables)
t3=$(count lua5.4 Benchmarks/driver.lua "$dir" 3 tables)
indicators=$((n * 10))
awk -v h1="$h1" -v h3="$h3" -v m1="$m1" -v m3="$m3" -v t1="$t1" -v t3="$t3" -v k="$indicators" 'BEGIN {
  host = (h3 - h1) / 2 / k; model = (m3 - m1) / 2 / k; tables = (t3 - t1) / 2 / k
  printf "instructions per indicator: host %.0f, plain lua5.4 from the model %.0f, with precomputed constructors %.0f\n", host, model, tables
  printf "host/interpreter ratio (instructions): %.2f\n", host / model
  printf "host/floor ratio (instructions, against precomputed constructors): %.2f\n", host / tables
}'

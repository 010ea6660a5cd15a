#!/usr/bin/env bash
# (g) as instruction counts: the public call (policy-bench call --host-only, with record shapes and
# with keys by name) against the plain lua5.4 interpreter (Benchmarks/call-driver.lua), both under
# valgrind --tool=callgrind. Each side
# makes N calls and 3N calls; the difference is 2N calls, with start-up and loading cancelled.
#   scripts/bench-call-instructions.sh [N]     (default N = 20000; needs valgrind and a release build)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-20000}
# $bench (a copy of policy-bench valgrind can read) and count CMD...
. scripts/callgrind.sh
s1=$(count "$bench" call --host-only "$n" --shapes)
s3=$(count "$bench" call --host-only $((3 * n)) --shapes)
h1=$(count "$bench" call --host-only "$n")
h3=$(count "$bench" call --host-only $((3 * n)))
l1=$(count lua5.4 Benchmarks/call-driver.lua "$n" 1)
l3=$(count lua5.4 Benchmarks/call-driver.lua $((3 * n)) 1)
awk -v s1="$s1" -v s3="$s3" -v h1="$h1" -v h3="$h3" -v l1="$l1" -v l3="$l3" -v n="$n" 'BEGIN {
  shaped = (s3 - s1) / (2 * n); host = (h3 - h1) / (2 * n); lua = (l3 - l1) / (2 * n)
  printf "instructions per call: public call with record shapes %.0f, with keys by name %.0f, plain lua5.4 %.0f\n", shaped, host, lua
  printf "public call/interpreter ratio (instructions): %.2f (keys by name: %.2f)\n", shaped / lua, host / lua
}'

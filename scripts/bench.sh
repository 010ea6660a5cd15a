#!/usr/bin/env bash
# Runs the benchmarks of BENCHMARKS.md (release build) for the given instrument counts.
#   scripts/bench.sh quick        the reduced set of make bench-quick (a few minutes)
#   scripts/bench.sh 10 100 1000  the full tables for these N (each N is generated first)
set -euo pipefail
cd "$(dirname "$0")/.."
bench=.build/release/policy-bench
work=.build/bench
mkdir -p "$work"

if [ "${1:-}" = quick ]; then
  "$bench" generate 200 "$work/p200" >/dev/null
  "$bench" load "$work/p200" --runs 3
  "$bench" hooks "$work/p200" --runs 5
  "$bench" workers "$work/p200" --runs 9
  "$bench" memory "$work/p200"
  "$bench" startup --runs 5
  "$bench" diff . --runs 3
  "$bench" call --runs 5
  exit 0
fi

for n in "$@"; do
  echo "== N=$n"
  "$bench" generate "$n" "$work/p$n" >/dev/null
  "$bench" load "$work/p$n" --runs 1
  "$bench" memory "$work/p$n"
  if [ "$n" -le 1000 ]; then
    "$bench" diff "$work/p$n" --runs 1
  fi
  if [ "$n" -le 2000 ]; then
    "$bench" hooks "$work/p$n" --runs 3
    "$bench" workers "$work/p$n" --runs 3
  else
    "$bench" workers "$work/p$n" --runs 1
  fi
done

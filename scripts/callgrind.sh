# Sourced by the instruction-count benchmarks (bench-instructions.sh, bench-call-instructions.sh):
# $bench is a copy of the release policy-bench without debug information (valgrind cannot read
# what Swift writes), removed on exit; `count CMD...` prints the instructions CMD executes under
# valgrind --tool=callgrind, with Swift's hashing deterministic so that runs load alike.
bench=$(mktemp)
trap 'rm -f "$bench"' EXIT
strip --strip-debug -o "$bench" .build/release/policy-bench
count() {
  SWIFT_DETERMINISTIC_HASHING=1 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}

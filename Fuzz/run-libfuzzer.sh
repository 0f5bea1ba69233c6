#!/usr/bin/env bash
# `make fuzz-libfuzzer`: coverage-guided fuzzing with libFuzzer (docs/fuzzing.md). Builds Fuzz/ in
# release mode with -sanitize=fuzzer,address, then runs each target for SECONDS from the seeded
# driver's corpus, keeping the grown corpus and any crash, timeout or leak input under OUT/TARGET.
#   Fuzz/run-libfuzzer.sh [SECONDS] [TARGET…]     (default 300 s each, every target)
#   FUZZ_OUT=/tmp/kinhphi-libfuzzer  FUZZ_SCRATCH=.build-fuzz
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_EACH=${1:-300}
shift || true
TARGETS=${*:-"allocations-csv spending-csv plan-yaml scenario-yaml successors-yaml template-yaml spending-sheet-xml allocations-sheet-xml allocations-xlsx spending-xlsx"}
SCRATCH=${FUZZ_SCRATCH:-$ROOT/.build-fuzz}
OUT=${FUZZ_OUT:-/tmp/kinhphi-libfuzzer}
(cd "$ROOT/Fuzz" && swift build -c release -Xswiftc -sanitize=fuzzer,address --scratch-path "$SCRATCH" >&2) || exit 2
BIN="$SCRATCH/release/kinhphi-fuzz"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0}
for t in $TARGETS; do
  mkdir -p "$OUT/$t/corpus" "$OUT/$t/artifacts"
  KINHPHI_FUZZ_TARGET=$t KINHPHI_FUZZ_WRITE_SEEDS="$OUT/$t/corpus" "$BIN" || exit 2
  echo "== $t ($SECONDS_EACH s)" >&2
  KINHPHI_FUZZ_TARGET=$t "$BIN" "$OUT/$t/corpus" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=4096 \
    -max_len=1048576 -artifact_prefix="$OUT/$t/artifacts/" -print_final_stats=1 >"$OUT/$t/log" 2>&1
  status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$OUT/$t/log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$OUT/$t/log" | tail -1)
  found=$(ls "$OUT/$t/artifacts" | wc -l)
  printf '%-22s exit %d  inputs %s  %s  artifacts %d\n' "$t" "$status" "${runs:-?}" "${cov:-}" "$found"
done

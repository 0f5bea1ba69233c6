#!/usr/bin/env bash
# `make fuzz`: the long run of the seeded mutation driver (Tests/FuzzTests, docs/fuzzing.md).
# Runs every target in chunks of FUZZ_CHUNK inputs, each chunk with a new base seed, until FUZZ_MINUTES
# have passed. A crash or a hang kills the test process: the script saves the input and the stack,
# and resumes the chunk after the input that died. Prints inputs tried, accepted, refused, rule
# violations, crashes and hangs per target.
#   FUZZ_MINUTES=30  FUZZ_CHUNK=500  FUZZ_SEED=100000  FUZZ_TARGETS="spending-xlsx plan-yaml"
#   FUZZ_OUT=/tmp/kinhphi-fuzz-long  FUZZ_SCRATCH=.build  FUZZ_SKIP_BUILD=1 (test bundle already built)
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SCRATCH=${FUZZ_SCRATCH:-$ROOT/.build}
MINUTES=${FUZZ_MINUTES:-30}
CHUNK=${FUZZ_CHUNK:-500}
SEED=${FUZZ_SEED:-100000}
OUT=${FUZZ_OUT:-/tmp/kinhphi-fuzz-long}
TARGETS=${FUZZ_TARGETS:-"allocations-csv spending-csv plan-yaml scenario-yaml successors-yaml template-yaml allocations-xlsx spending-xlsx"}
mkdir -p "$OUT/findings" "$OUT/crashes" "$OUT/hangs" "$OUT/logs"
cd "$ROOT"
if [ "${FUZZ_SKIP_BUILD:-0}" != 1 ]; then
  swift build --build-tests --scratch-path "$SCRATCH" >&2 || exit 2
fi

declare -A TRIED ACCEPTED REFUSED VIOLATIONS CRASHES HANGS
for t in $TARGETS; do TRIED[$t]=0; ACCEPTED[$t]=0; REFUSED[$t]=0; VIOLATIONS[$t]=0; CRASHES[$t]=0; HANGS[$t]=0; done
deadline=$(( $(date +%s) + MINUTES * 60 ))
round=0
while [ "$(date +%s)" -lt "$deadline" ]; do
  for t in $TARGETS; do
    [ "$(date +%s)" -lt "$deadline" ] || break
    base=$((SEED + round))
    start=0
    while [ "$start" -lt "$CHUNK" ]; do
      log="$OUT/logs/$t-$base-$start.log"
      KINHPHI_FUZZ_TARGETS=$t KINHPHI_FUZZ_SEED=$base KINHPHI_FUZZ_START=$start \
        KINHPHI_FUZZ_ITERATIONS=$((CHUNK - start)) KINHPHI_FUZZ_FINDINGS="$OUT/findings" KINHPHI_FUZZ_CURRENT_DIR="$OUT" \
        swift test --skip-build --scratch-path "$SCRATCH" --filter 'FuzzTests.mutatedInputs' >"$log" 2>&1
      summary=$(grep -o "kinhphi fuzz $t: [0-9]* inputs.*broke the rules" "$log" | tail -1)
      if [ -n "$summary" ]; then
        n=$(sed -E 's/.*: ([0-9]+) inputs.*/\1/' <<<"$summary")
        a=$(sed -E 's/.* ([0-9]+) accepted.*/\1/' <<<"$summary")
        r=$(sed -E 's/.* ([0-9]+) refused.*/\1/' <<<"$summary")
        v=$(sed -E 's/.* ([0-9]+) broke the rules.*/\1/' <<<"$summary")
        TRIED[$t]=$((TRIED[$t] + n)); ACCEPTED[$t]=$((ACCEPTED[$t] + a)); REFUSED[$t]=$((REFUSED[$t] + r))
        VIOLATIONS[$t]=$((VIOLATIONS[$t] + v))
        [ "$v" -gt 0 ] || rm -f "$log"
        break
      fi
      died=$(grep -oE "(HANG — )?[a-z]+-[a-z]+ input #[0-9]+ \(seed [0-9]+\)" "$log" | head -1)
      if [ -z "$died" ]; then
        echo "fuzz: $t chunk $base/$start ended without a summary; see $log" >&2
        break
      fi
      index=$(sed -E 's/.*input #([0-9]+).*/\1/' <<<"$died")
      seed=$(sed -E 's/.*seed ([0-9]+).*/\1/' <<<"$died")
      ext=${t##*-}
      TRIED[$t]=$((TRIED[$t] + index - start + 1))
      if grep -q "HANG" <<<"$died"; then
        HANGS[$t]=$((HANGS[$t] + 1)); kind=hangs
      else
        CRASHES[$t]=$((CRASHES[$t] + 1)); kind=crashes
      fi
      cp "$OUT/kinhphi-fuzz-current-$t.$ext" "$OUT/$kind/$t-$seed.$ext"
      cp "$log" "$OUT/$kind/$t-$seed.log"
      echo "fuzz: $t input #$index (seed $seed): ${kind%es}; saved $OUT/$kind/$t-$seed.$ext" >&2
      start=$((index + 1))
    done
  done
  round=$((round + 1))
done

printf '%-18s %9s %9s %9s %10s %8s %6s\n' target inputs accepted refused violations crashes hangs
for t in $TARGETS; do
  printf '%-18s %9d %9d %9d %10d %8d %6d\n' "$t" "${TRIED[$t]}" "${ACCEPTED[$t]}" "${REFUSED[$t]}" \
    "${VIOLATIONS[$t]}" "${CRASHES[$t]}" "${HANGS[$t]}"
done
echo "rounds: $round; findings (rule violations): $OUT/findings; crashes: $OUT/crashes; hangs: $OUT/hangs"

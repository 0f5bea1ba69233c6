#!/usr/bin/env bash
# The benchmark suite (`make bench`): builds release binaries, generates the workloads once (cached in
# $KINHPHI_BENCH_DIR), runs each under /usr/bin/time -v and prints one table. See docs/performance.md.
#   BENCH_SIZES="100000 300000 1000000"   W2 sizes (payments)      BENCH_W3_UNITS=1000   W3 units
#   BENCH_W5="100000:2023 100000:2021-2025 1000000:2023 1000000:2021-2025"   W5 payments:years
#   BENCH_PEER="w2-100000 w2-1000000 w5-100000-2023 w5-1000000-2023"   workloads the pandas peer runs on
#   BENCH_PEER="" skips the peer (no Python venv needed)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=${KINHPHI_BENCH_DIR:-/tmp/kinhphi-bench}
SIZES=${BENCH_SIZES:-"100000 300000 1000000"}
W3_UNITS=${BENCH_W3_UNITS:-1000}
W3_PAYMENTS=${BENCH_W3_PAYMENTS:-300000}
SCRATCH=${BENCH_SCRATCH:-$ROOT/.build}
W5_RUNS=${BENCH_W5-"100000:2023 100000:2021-2025 1000000:2023 1000000:2021-2025"}
PEER_ON=${BENCH_PEER-"w2-100000 w2-1000000 w5-100000-2023 w5-1000000-2023"}
VENV="$ROOT/Benchmarks/.venv"
mkdir -p "$WORK"
export SOURCE_DATE_EPOCH=86400 KINHPHI_TEMPLATES="$ROOT/Templates"

echo "Building release binaries…" >&2
(cd "$ROOT" && swift build -c release --product kinhphi --scratch-path "$SCRATCH" >&2)
(cd "$ROOT/Benchmarks/suite" && swift build -c release >&2)
KP="$SCRATCH/release/kinhphi"
KB="$ROOT/Benchmarks/suite/.build/release/kinhphi-bench"

# The peer (Benchmarks/peer/settle_pandas.py) runs in its own virtual environment with pandas and
# XlsxWriter from PyPI, created once under Benchmarks/.venv (gitignored).
if [ -n "$PEER_ON" ] && ! "$VENV/bin/python" -c 'import pandas, xlsxwriter' 2>/dev/null; then
  echo "Installing pandas and XlsxWriter into $VENV…" >&2
  python3 -m venv "$VENV" >&2
  "$VENV/bin/pip" install --quiet pandas XlsxWriter >&2
fi

ROWS=()
# measure LABEL THROUGHPUT_ITEMS UNIT -- command…: wall seconds and peak RSS from /usr/bin/time -v.
measure() {
  local label=$1 items=$2 unit=$3; shift 4
  local log="$WORK/time.log"
  /usr/bin/time -v -o "$log" "$@" >"$WORK/out.log" 2>&1 || true
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,p,":"); s=0; for(i=1;i<=n;i++) s=s*60+p[i]; print s}' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.0f", $2/1024}' "$log")
  LAST_WALL=$wall
  local rate="-"
  if [ "$items" != "-" ]; then rate=$(awk -v n="$items" -v w="$wall" -v u="$unit" 'BEGIN {printf "%.0f %s/s", n/w, u}'); fi
  ROWS+=("$(printf '%-44s %9.2f  %-22s %8s' "$label" "$wall" "$rate" "$rss")")
}
add_ratio() { ROWS[${#ROWS[@]}-1]+="  $1"; }

cells_of() {
  python3 - "$1" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(sum(len(re.findall(rb"<c ", z.read(n))) for n in z.namelist() if n.startswith("xl/worksheets/sheet")))
PY
}

# W1: the district sample, interactive latency (best of 5).
best() {
  local keep="" keep_wall=999
  for _ in 1 2 3 4 5; do
    measure "$@"
    if awk -v a="$LAST_WALL" -v b="$keep_wall" 'BEGIN{exit !(a<b)}'; then keep=${ROWS[${#ROWS[@]}-1]}; keep_wall=$LAST_WALL; fi
    unset 'ROWS[${#ROWS[@]}-1]'
  done
  ROWS+=("$keep")
}
# (check has no progress line to silence; its output goes to the log.)
best "W1 chiem-hoa check, best of 5" - - -- "$KP" check "$ROOT/SampleData/chiem-hoa"
best "W1 chiem-hoa settle 2022 -o xlsx, best of 5" - - -- "$KP" settle "$ROOT/SampleData/chiem-hoa" --year 2022 -o "$WORK/w1.xlsx" --quiet

# workload NAME WORKSPACE YEAR PAYMENTS: check, settle --json, read+check+compute in process, settle -o
# with the floor for the same cells right after it, and the pandas peer on the same workspace.
workload() {
  local name=$1 ws=$2 year=$3 n=$4 key=$5
  measure "$name check (all years)" "$n" pay -- "$KP" check "$ws"
  measure "$name settle $year --json" "$n" pay -- "$KP" settle "$ws" --year "$year" --json "$WORK/out.json" --quiet
  phases=$("$KB" phases "$ws" 2)
  compute=$(sed -E 's/.*compute_s=([0-9.]+).*/\1/' <<<"$phases")
  ROWS+=("$(printf '%-44s %9.2f  %-22s %8s' "$name read+check+compute (in process)" "$compute" "$(sed -E 's/.*rate_per_s=([0-9]+).*/\1 pay\/s/' <<<"$phases")" "-")")
  measure "$name settle $year -o xlsx" "$n" pay -- "$KP" settle "$ws" --year "$year" -o "$WORK/out.xlsx" --quiet
  local xlsx_wall=$LAST_WALL xlsx_row=$((${#ROWS[@]} - 1))
  cells=$(cells_of "$WORK/out.xlsx")
  measure "$name floor: $cells cells, bare writer" "$cells" cells -- "$KB" floor "$cells" "$WORK/floor.xlsx"
  ROWS[$xlsx_row]+="  $(awk -v a="$xlsx_wall" -v b="$LAST_WALL" 'BEGIN{printf "%.2f× floor", a/b}')"
  if [[ " $PEER_ON " == *" $key "* ]]; then
    measure "$name peer: pandas+XlsxWriter, 3 sheets" "$n" pay -- "$VENV/bin/python" "$ROOT/Benchmarks/peer/settle_pandas.py" "$ws" "$year" "$WORK/peer.xlsx"
    ROWS[$xlsx_row]+="  $(awk -v a="$xlsx_wall" -v b="$LAST_WALL" 'BEGIN{printf "%.1f× faster than peer", b/a}')"
    ROWS[${#ROWS[@]}-1]+="  peer: no checks, 3 sheets (kinhphi: 17 finding codes, 7 sheets)"
  fi
  echo "  $name: $phases" >&2
}

# W2: the province, 2,000 units, 5 years, at each size.
for n in $SIZES; do
  ws="$WORK/w2-$n"
  [ -f "$ws/.done" ] || { rm -rf "$ws"; "$KP" generate "$ws" --units 2000 --payments "$n" --years 2021-2025 --seed 7 --quiet >&2; touch "$ws/.done"; }
  workload "W2 $n" "$ws" 2023 "$n" "w2-$n"
done

# W5: many lines, 1,000 units × 70 lines (activity × source), one year or five.
for run in $W5_RUNS; do
  n=${run%%:*} years=${run#*:}
  ws="$WORK/w5-$n-$years"
  [ -f "$ws/.done" ] || { rm -rf "$ws"; "$KP" generate "$ws" --units 1000 --lines-per-unit 70 --payments "$n" --years "$years" --seed 5 --quiet >&2; touch "$ws/.done"; }
  workload "W5 $n ${years/-/–}" "$ws" 2023 "$n" "w5-$n-$years"
done

# W3: one workbook per unit; all cores against one core (taskset).
w3="$WORK/w3-$W3_UNITS"
[ -f "$w3/.done" ] || { rm -rf "$w3"; "$KP" generate "$w3" --units "$W3_UNITS" --payments "$W3_PAYMENTS" --years 2023-2023 --seed 3 --quiet >&2; touch "$w3/.done"; }
rm -rf "$WORK/w3-one" "$WORK/w3-all"
measure "W3 $W3_UNITS units --per-unit, 1 core" "$W3_UNITS" wb -- taskset -c 0 "$KP" settle "$w3" --year 2023 --per-unit "$WORK/w3-one" --quiet
one=$LAST_WALL
measure "W3 $W3_UNITS units --per-unit, $(nproc) cores" "$W3_UNITS" wb -- "$KP" settle "$w3" --year 2023 --per-unit "$WORK/w3-all" --quiet
add_ratio "$(awk -v a="$one" -v b="$LAST_WALL" 'BEGIN{printf "%.2f× one core", a/b}')"

# W4: a 1,000-step what-if sweep on Chiêm Hóa (moving 0 … 9.99 million đồng in steps of 10,000),
# when this build has `whatif --sweep`.
if "$KP" whatif --help 2>/dev/null | grep -q -- '--sweep'; then
  measure "W4 chiem-hoa what-if sweep, 1,000 steps" 1000 steps -- "$KP" whatif "$ROOT/SampleData/chiem-hoa" \
    scenarios/chuyen-pano-sang-ptth.yaml --sweep 'move.amount=0..9990000 step 10000' --json "$WORK/w4.json"
else
  ROWS+=("$(printf '%-44s %9s' "W4 what-if sweep (1,000 steps)" "n/a: no 'whatif --sweep' in this build")")
fi

echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(uname -sm), $(swift --version 2>/dev/null | head -1)"
printf '%-44s %9s  %-22s %8s  %s\n' "workload" "wall s" "throughput" "RSS MB" "ratio"
for row in "${ROWS[@]}"; do echo "$row"; done

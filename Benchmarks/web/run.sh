#!/usr/bin/env bash
# `kinhphi serve` under load (issue 14, "Speed"; `make bench-web`, and part of `make bench`): a release
# build, the Chiêm Hóa sample and a generated 1M-payment workspace, each served on loopback, then wrk
# (Debian's `wrk`) on each page for BENCH_WEB_SECONDS; prints latency percentiles and requests/s per
# page against the targets (sample dashboard < 50 ms, every 1M page < 200 ms), the time the 1M
# workspace takes to load and the server's memory after it. docs/performance.md records a run.
#   BENCH_WEB_SECONDS=10   BENCH_WEB_CONNECTIONS=4   BENCH_WEB_THREADS=2
#   BENCH_WEB_UNITS=2000   BENCH_WEB_PAYMENTS=1000000   BENCH_WEB_YEAR=2023
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=${KINHPHI_BENCH_DIR:-/tmp/kinhphi-bench}
SCRATCH=${BENCH_SCRATCH:-$ROOT/.build-release}
SECONDS_EACH=${BENCH_WEB_SECONDS:-10}
CONNECTIONS=${BENCH_WEB_CONNECTIONS:-4}
THREADS=${BENCH_WEB_THREADS:-2}
UNITS=${BENCH_WEB_UNITS:-2000}
PAYMENTS=${BENCH_WEB_PAYMENTS:-1000000}
YEAR=${BENCH_WEB_YEAR:-2023}
export KINHPHI_TEMPLATES="$ROOT/Templates"
command -v wrk >/dev/null || { echo "wrk is needed (Debian: apt-get install wrk)" >&2; exit 2; }
mkdir -p "$WORK"

echo "Building the release binary…" >&2
(cd "$ROOT" && swift build -c release --product kinhphi --scratch-path "$SCRATCH" >&2)
KP="$SCRATCH/release/kinhphi"

BIG="$WORK/web-u$UNITS-p$PAYMENTS"
if [ ! -f "$BIG/spending.csv" ]; then
  echo "Generating $BIG…" >&2
  "$KP" generate "$BIG" --units "$UNITS" --payments "$PAYMENTS" --years 2021-2025 --seed 7 --quiet >&2
fi

SERVER=""
stop_server() { if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; SERVER=""; fi; }
trap stop_server EXIT

# serve WORKSPACE PORT: starts the server and waits for its first page (the workspace read and
# analysed once); LOAD_SECONDS is how long that took. (Not in a subshell: SERVER must stay set.)
serve() {
  local started
  started=$(date +%s.%N)
  "$KP" serve "$1" --port "$2" --rate-limit 0 >"$WORK/serve.log" 2>&1 &
  SERVER=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$2/year/$YEAR"; do
    kill -0 "$SERVER" 2>/dev/null || { cat "$WORK/serve.log" >&2; exit 1; }
    sleep 0.2
  done
  LOAD_SECONDS=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
}

printf '%-12s %-52s %8s %7s %7s %7s %7s %8s %6s  %s\n' workspace page first_ms p50_ms p75_ms p90_ms p99_ms req/s target verdict
# bench LABEL URL TARGET_MS: the first request alone (curl: what a page derives for a new query is
# made then), then wrk on the page; a p99 and a first request under the target are "met".
bench() {
  local label=$1 url=$2 target=$3 out first
  first=$(curl -fs -o /dev/null -w '%{time_total}' "$url") || { echo "not 200: $url" >&2; exit 1; }
  out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency "$url")
  echo "$out" | awk -v label="$label" -v page="${url#http://127.0.0.1:*/}" -v target="$target" -v first="$first" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ {p50 = ms($2)} /^ +75%/ {p75 = ms($2)} /^ +90%/ {p90 = ms($2)} /^ +99%/ {p99 = ms($2)}
    /^Requests\/sec/ {rate = $2} /Non-2xx/ {bad = $NF}
    END {
      first *= 1000
      verdict = (p99 < target && first < target && bad == "") ? "met" : "MISSED"
      if (bad != "") verdict = verdict " (" bad " non-2xx)"
      printf "%-12s %-52s %8.1f %7.1f %7.1f %7.1f %7.1f %8.1f %6s  %s\n", label, "/" page, first, p50, p75, p90, p99, rate, "<" target, verdict
    }'
}

PORT=18631
serve "$ROOT/SampleData/chiem-hoa" $PORT
bench chiem-hoa "http://127.0.0.1:$PORT/year/2023" 50
stop_server

PORT=18632
serve "$BIG" $PORT
RSS=$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$SERVER/status")
BASE="http://127.0.0.1:$PORT"
# The pages an officer walks: the year, a source's lines, a line's payments (the first line of that
# source with payments, taken from the lines page), the whole year's payments page 1 and a far page, the
# reports page.
# (awk 'NR == 1' reads to the end: `head` would close the pipe early and pipefail stop the script.)
SOURCE=$(curl -fs "$BASE/year/$YEAR" | grep -o 'data-source="[^"]*"' | awk -F'"' 'NR == 1 {print $2}')
LINE=$(curl -fs "$BASE/year/$YEAR/lines?source=$SOURCE" | grep -o "/year/$YEAR/payments?source=[^\"]*" \
  | awk 'NR == 1 {gsub(/&amp;/, "\\&"); print}')
bench "1M" "$BASE/year/$YEAR" 200
bench "1M" "$BASE/year/$YEAR/lines?source=$SOURCE" 200
bench "1M" "$BASE$LINE" 200
bench "1M" "$BASE/year/$YEAR/payments?source=$SOURCE" 200
bench "1M" "$BASE/year/$YEAR/payments?page=1000" 200
bench "1M" "$BASE/reports?year=$YEAR" 200
stop_server
echo
echo "1M workspace ($UNITS units, $PAYMENTS payments 2021-2025): read and analysed in $LOAD_SECONDS s (to the first page); server RSS after it $RSS MB."
echo "wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_EACH}s per page on loopback; $(nproc) cores; load at the end: $(uptime | sed 's/.*load average: //')"

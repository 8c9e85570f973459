#!/usr/bin/env bash
# Followthrough benchmark: generate a case desk at a named scale straight into the app's embedded
# PostgreSQL, then measure the running app over HTTP. See bench/README.md.
#
#   bench/run.sh [--scale 10k|1m|custom N] [--fresh] [--explain] [--no-http] [--keep-running]
#                [--duration SECONDS] [--warmup SECONDS] [--concurrency N] [--read-concurrency N]
#                [--http-port P] [--db-port P]
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)

SCALE=1m
CASES=
FRESH=false
EXPLAIN=false
HTTP=true
KEEP=false
DURATION=30
WARMUP=10
CONCURRENCY=16
READ_CONCURRENCY=4
HTTP_PORT=18080
DB_PORT=55433

usage() { sed -n '2,6p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --scale)
            SCALE=$2; shift 2
            if [[ $SCALE == custom ]]; then CASES=${1:?--scale custom needs a number of cases}; shift; fi ;;
        --fresh) FRESH=true; shift ;;
        --explain) EXPLAIN=true; shift ;;
        --no-http) HTTP=false; shift ;;
        --keep-running) KEEP=true; shift ;;
        --duration) DURATION=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --concurrency) CONCURRENCY=$2; shift 2 ;;
        --read-concurrency) READ_CONCURRENCY=$2; shift 2 ;;
        --http-port) HTTP_PORT=$2; shift 2 ;;
        --db-port) DB_PORT=$2; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown option $1" >&2; usage 2 ;;
    esac
done

case "$SCALE" in
    1m) CASES=1000000 ;;
    100k) CASES=100000 ;;
    10k) CASES=10000 ;;
    custom) SCALE="c$CASES" ;;
    *) echo "--scale is 10k, 100k, 1m or custom N" >&2; exit 2 ;;
esac
# Ratios of the issue's default scale: 5 timeline entries and 0.2 customers per case, one agent per
# 2,500 cases (at least 20), one team per 20 agents (at least 4).
CUSTOMERS=$(( CASES / 5 > 100 ? CASES / 5 : 100 ))
AGENTS=$(( CASES / 2500 > 20 ? CASES / 2500 : 20 ))
TEAMS=$(( AGENTS / 20 > 4 ? AGENTS / 20 : 4 ))
ENTRIES_PER_CASE=5

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"

# 1. the jar ---------------------------------------------------------------------------------------
ensure_jar

# 2. the app on its own data directory ---------------------------------------------------------------
if $FRESH; then rm -rf "$DATA"; fi
if ! $KEEP; then trap stop_app EXIT; fi
start_app

# 3. data ------------------------------------------------------------------------------------------
if [[ -f $DATA/bench-generated ]]; then
    say "reusing the generated data in ${DATA#$ROOT/} ($(cat "$DATA/bench-generated")); --fresh regenerates"
else
    say "generating $CASES cases, $((CASES * ENTRIES_PER_CASE)) timeline entries, $CUSTOMERS customers, $AGENTS agents, $TEAMS teams"
    start=$(date +%s)
    "${PSQL[@]}" -v cases="$CASES" -v customers="$CUSTOMERS" -v entries_per_case=$ENTRIES_PER_CASE \
        -v agents="$AGENTS" -v teams="$TEAMS" -v admin_email="$BENCH_ADMIN_EMAIL" -v seed=0.42 \
        -f bench/sql/generate.sql | tee "$OUT/generate-$SCALE.txt"
    echo "$CASES cases generated in $(( $(date +%s) - start )) s on $(date -u +%FT%TZ)" | tee "$DATA/bench-generated"
fi

# Search terms drawn from the data: common, medium and rare words, two-word phrases, a customer name,
# order numbers (match one message each) and case numbers (#1234, a direct lookup).
"${PSQL[@]}" -At -f bench/sql/search-terms.sql >"$OUT/search-terms-$SCALE.txt"

# 4. query plans -------------------------------------------------------------------------------------
if $EXPLAIN; then
    say "EXPLAIN (ANALYZE, BUFFERS) of the app's hot queries -> bench/out/explain-$SCALE.txt"
    "${PSQL[@]}" -v admin_email="$BENCH_ADMIN_EMAIL" -f bench/sql/explain.sql >"$OUT/explain-$SCALE.txt" 2>&1
    grep -E '^(-- Q|Execution Time)|^ *Execution Time' "$OUT/explain-$SCALE.txt" | paste - - | sed 's/  */ /g'
fi

# 5. load over HTTP --------------------------------------------------------------------------------
if $HTTP; then
    say "load: warm-up ${WARMUP}s, then ${DURATION}s per scenario"
    "$JAVA" bench/src/LoadDriver.java \
        --base-url "http://localhost:$HTTP_PORT" \
        --token "$BENCH_API_TOKEN" --email "$BENCH_ADMIN_EMAIL" --password "$BENCH_ADMIN_PASSWORD" \
        --search-terms "$OUT/search-terms-$SCALE.txt" \
        --scale "$SCALE" --duration "$DURATION" --warmup "$WARMUP" --concurrency "$CONCURRENCY" --read-concurrency "$READ_CONCURRENCY" \
        --out "$OUT/results-$SCALE.md"
fi

if $KEEP; then
    say "the app keeps running: pid $APP_PID, http://localhost:$HTTP_PORT, psql -h localhost -p $DB_PORT -U postgres followthrough"
fi

#!/usr/bin/env bash
# The API contract fuzzer, long: every operation of the app's OpenAPI document gets generated good
# and bad requests (wrong types and shapes, NUL, unpaired surrogates, bidi overrides, huge strings,
# missing and unknown fields, odd content types, paths and methods) from the admin's token. Counts
# 5xx answers and 4xx answers that are not problem documents; both must be 0. Not a test: the
# bounded run of the same fuzzer is ApiContractFuzzIntegrationTests in ./mvnw verify.
#
#   bench/fuzz.sh [--requests 20000] [--seed 1] [--http-port 18095] [--db-port 55495]
#
# Starts the jar on a fresh bench/out/data-fuzz, runs org.followthrough.testing.fuzz.ContractFuzzer
# from the test classes, writes bench/out/fuzz-<seed>.txt and counts ERROR lines in the app's log.
# Exit status 1 when the contract was broken.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
REQUESTS=20000 SEED=1
HTTP_PORT=18095 DB_PORT=55495
while [[ $# -gt 0 ]]; do
    case $1 in
        --requests) REQUESTS=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --http-port) HTTP_PORT=$2; shift 2 ;;
        --db-port) DB_PORT=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
SCALE=fuzz
source bench/lib.sh
ensure_jar
if [[ ! -f target/test-classes/org/followthrough/testing/fuzz/ContractFuzzer.class ]] \
        || [[ -n $(find src/test -newer target/test-classes/org/followthrough/testing/fuzz/ContractFuzzer.class -type f -print -quit) ]]; then
    say "compiling the test classes"
    ./mvnw -q -B test-compile
fi
# The fuzzer needs Jackson only: take it from the jar's own libraries.
LIB="$OUT/fuzz-lib"
rm -rf "$LIB" && mkdir -p "$LIB"
(cd "$LIB" && unzip -q -o -j "$ROOT/$JAR" 'BOOT-INF/lib/jackson-*.jar')
CLASSPATH="target/test-classes:$(ls "$LIB"/*.jar | tr '\n' ':')"

rm -rf "$DATA"
trap stop_app EXIT
start_app
REPORT="$OUT/fuzz-$SEED.txt"
say "fuzzing: $REQUESTS requests, seed $SEED (report in ${REPORT#$ROOT/})"
status=0
"$JAVA" -cp "$CLASSPATH" org.followthrough.testing.fuzz.ContractFuzzer \
    --base-url "http://localhost:$HTTP_PORT" --token "$BENCH_API_TOKEN" \
    --requests "$REQUESTS" --seed "$SEED" | tee "$REPORT" || status=$?
errors=$(grep -c ' ERROR ' "$LOG" || true)
echo "ERROR lines in the app's log: $errors" | tee -a "$REPORT"
exit $status

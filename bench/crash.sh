#!/usr/bin/env bash
# Kills the app and its PostgreSQL with kill -9 while they write, and counts what they confirmed but
# lost. Not a test: nothing here runs in ./mvnw verify.
#
#   bench/crash.sh [--mode app|postgres] [--kills 5] [--requests 1000] [--concurrency 8]
#
# --mode app (default): each round starts the app on bench/out/data-crash, sends --requests creates
#   and replies from --concurrency users, and at a random moment kills the JVM and every PostgreSQL
#   process with SIGKILL together. The next round restarts on the same data and first asks for every
#   case and reply that got a 2xx: "missing" must be 0.
# --mode postgres: one app keeps running while every PostgreSQL process is killed --kills times under
#   load; the app's watchdog starts PostgreSQL again. Counts how requests ended (2xx, 503 problem
#   documents, anything else, no answer) and the slowest answer, then asks for every 2xx write.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
MODE=app KILLS=5 REQUESTS=1000 CONCURRENCY=8
HTTP_PORT=18090 DB_PORT=55490
while [[ $# -gt 0 ]]; do
    case $1 in
        --mode) MODE=$2; shift 2 ;;
        --kills) KILLS=$2; shift 2 ;;
        --requests) REQUESTS=$2; shift 2 ;;
        --concurrency) CONCURRENCY=$2; shift 2 ;;
        *) echo "unknown option $1" >&2; exit 2 ;;
    esac
done
SCALE=crash-$MODE
source bench/lib.sh
BASE=http://localhost:$HTTP_PORT
WRITES="$OUT/crash-$MODE-writes.log"
REPORT="$OUT/crash-$MODE.md"
DRIVER=("$JAVA" bench/src/CrashDriver.java)

# Every process of the embedded PostgreSQL on $DATA: the postmaster and its children.
kill_postgres() {
    local pm kids
    pm=$(head -1 "$DATA/postgres/postmaster.pid" 2>/dev/null || true)
    [[ -n $pm ]] || return 0
    kids=$(pgrep -P "$pm" || true)
    kill -9 "$pm" $kids 2>/dev/null || true
    echo "killed PostgreSQL: postmaster $pm and $(wc -w <<<"$kids") children"
}

verify() {
    "${DRIVER[@]}" verify --base "$BASE" --token "$BENCH_API_TOKEN" --log "$WRITES" | tee -a "$REPORT"
}

ensure_jar
rm -rf "$DATA"; : >"$WRITES"
{
    echo "# kill -9 under load ($MODE), $(date -u +%FT%TZ)"
    echo "$(nproc) cores, $(free -g | awk '/Mem/ {print $2}') GiB; jar $(basename "$JAR") at $(git rev-parse --short HEAD)"
} >"$REPORT"

if [[ $MODE == app ]]; then
    for round in $(seq 1 "$KILLS"); do
        start_app
        if [[ -s $WRITES ]]; then say "after kill $((round - 1)): every write confirmed before it"; verify; fi
        "${DRIVER[@]}" load --base "$BASE" --token "$BENCH_API_TOKEN" --requests "$REQUESTS" \
            --concurrency "$CONCURRENCY" --log "$WRITES" --tag "r$round" >"$OUT/crash-load.txt" 2>&1 &
        driver=$!
        # Somewhere in the burst: after 50 to 400 confirmed writes.
        target=$(( $(wc -l <"$WRITES") + 50 + RANDOM % 350 ))
        while kill -0 "$driver" 2>/dev/null && [[ $(wc -l <"$WRITES") -lt $target ]]; do sleep 0.05; done
        say "kill $round: the app (pid $APP_PID) and PostgreSQL, at $(wc -l <"$WRITES") confirmed writes"
        kill -9 "$APP_PID" 2>/dev/null || true
        kill_postgres
        wait "$APP_PID" 2>/dev/null || true
        APP_PID=
        wait "$driver" || true
        echo "kill $round at $(wc -l <"$WRITES") confirmed writes; $(cat "$OUT/crash-load.txt")" | tee -a "$REPORT"
    done
    start_app
    say "after kill $KILLS"
    verify
    stop_app
else
    start_app
    "${DRIVER[@]}" load --base "$BASE" --token "$BENCH_API_TOKEN" --requests "$REQUESTS" \
        --concurrency "$CONCURRENCY" --log "$WRITES" --tag pg >"$OUT/crash-load.txt" 2>&1 &
    driver=$!
    for k in $(seq 1 "$KILLS"); do
        sleep $(( 3 + RANDOM % 4 ))
        kill -0 "$driver" 2>/dev/null || { echo "the load ended before kill $k; use more --requests" | tee -a "$REPORT"; break; }
        say "kill $k of PostgreSQL under the running app"
        kill_postgres | tee -a "$REPORT"
    done
    wait "$driver" || true
    echo "load: $(cat "$OUT/crash-load.txt")" | tee -a "$REPORT"
    kill -0 "$APP_PID" || { echo "the app died" | tee -a "$REPORT"; exit 1; }
    grep -c "is running again" "$LOG" | sed 's/^/watchdog restarts: /' | tee -a "$REPORT"
    verify
    stop_app
fi
say "report in ${REPORT#$ROOT/}"

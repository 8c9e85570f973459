#!/usr/bin/env bash
# Followthrough benchmark, promises: a million open promises, a steady stream of them falling due
# while the app serves API traffic; how late breaches and reminders are recorded, and the heap.
# See bench/README.md ("Promises").
#
#   bench/promises.sh [--scale 10k|100k|1m|custom N] [--promises N] [--rate R] [--duration S] [--lead S]
#                     [--api-rate R] [--mix list:3,search:1,create:2,page:2,promises:2] [--warmup S]
#                     [--start-in S] [--label NAME] [--app-arg ARG]... [--jvm-arg ARG]... [--no-explain]
#                     [--keep-broken] [--keep-running] [--http-port P] [--db-port P]
set -euo pipefail
# The whole script is one block, read before it runs: editing the file during a run cannot change it.
{
cd "$(dirname "$0")/.."
ROOT=$(pwd)
COMMAND="bench/promises.sh $*"

SCALE=1m
CASES=
PROMISES=1000000
RATE=40           # promises falling due per second (and as many reminders)
DURATION=120      # seconds of due times
LEAD=30           # seconds from a planted promise's reminder to its due time
START_IN=         # seconds from planting to the first reminder; default 10 + 1 per 1,000 planted
KEEP_BROKEN=false
API_RATE=40       # API arrivals per second (open loop); 0: no API traffic
MIX=list:3,search:1,create:2,page:2,promises:2
WARMUP=15
LABEL=
EXPLAIN=true
KEEP=false
HTTP_PORT=18080
DB_PORT=55433
APP_ARGS=()
JVM_ARGS=()

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --scale)
            SCALE=$2; shift 2
            if [[ $SCALE == custom ]]; then CASES=${1:?--scale custom needs a number of cases}; shift; fi ;;
        --promises) PROMISES=$2; shift 2 ;;
        --rate) RATE=$2; shift 2 ;;
        --duration) DURATION=$2; shift 2 ;;
        --lead) LEAD=$2; shift 2 ;;
        --start-in) START_IN=$2; shift 2 ;;
        --keep-broken) KEEP_BROKEN=true; shift ;;
        --api-rate) API_RATE=$2; shift 2 ;;
        --mix) MIX=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --label) LABEL=$2; shift 2 ;;
        --app-arg) APP_ARGS+=("$2"); shift 2 ;;
        --jvm-arg) JVM_ARGS+=("$2"); shift 2 ;;
        --no-explain) EXPLAIN=false; shift ;;
        --keep-running) KEEP=true; shift ;;
        --http-port) HTTP_PORT=$2; shift 2 ;;
        --db-port) DB_PORT=$2; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown option $1" >&2; usage 2 ;;
    esac
done

START_IN=${START_IN:-$(( 10 + RATE * DURATION / 1000 ))}
RUN_SCALE_ARGS=(--scale "$SCALE")
case "$SCALE" in
    1m|100k|10k) ;;
    custom) RUN_SCALE_ARGS=(--scale custom "$CASES"); SCALE="c$CASES" ;;
    *) echo "--scale is 10k, 100k, 1m or custom N" >&2; exit 2 ;;
esac

# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
NAME=$SCALE${LABEL:+-$LABEL}
RUN=$NAME-$(date -u +%Y%m%dT%H%M%SZ)
GC_LOG="$OUT/gc-$NAME.log"
HEAP="$OUT/heap-$NAME.txt"
PROC="$OUT/proc-$NAME.csv"
DBSAMPLES="$OUT/db-$NAME.csv"
API_OUT="$OUT/promises-api-$NAME.md"
LOAD_LOG="$OUT/promises-load-$NAME.log"
REPORT="$OUT/promises-$NAME.md"
q() { "${PSQL[@]}" -Atc "$1"; }

# 1. the case desk, made by run.sh if this scale has none yet --------------------------------------
if [[ ! -f $DATA/bench-generated ]]; then
    say "no case desk at ${DATA#$ROOT/} yet: generating it with bench/run.sh"
    bench/run.sh "${RUN_SCALE_ARGS[@]}" --no-http --http-port "$HTTP_PORT" --db-port "$DB_PORT"
fi

# 2. the app, with a GC log; commit timestamps and pg_stat_statements on its bench database --------
ensure_jar
SAMPLER_PIDS=()
LOAD_PID=
cleanup() {
    for pid in "${SAMPLER_PIDS[@]}" $LOAD_PID; do kill "$pid" 2>/dev/null || true; done
    if ! $KEEP; then stop_app; fi
}
trap cleanup EXIT
start_app "-Xlog:gc:file=$GC_LOG:timemillis" "${JVM_ARGS[@]}" -- "${APP_ARGS[@]}"
if [[ $(q "show track_commit_timestamp") != on || $(q "show shared_preload_libraries") != *pg_stat_statements* ]]; then
    say "turning on track_commit_timestamp and pg_stat_statements for this data directory (restarts the app once)"
    q "alter system set track_commit_timestamp = on" >/dev/null
    q "alter system set shared_preload_libraries = 'pg_stat_statements'" >/dev/null
    stop_app
    start_app "-Xlog:gc:file=$GC_LOG:timemillis" "${JVM_ARGS[@]}" -- "${APP_ARGS[@]}"
fi
q "create extension if not exists pg_stat_statements" >/dev/null
[[ -s $OUT/search-terms-$SCALE.txt ]] || "${PSQL[@]}" -At -f bench/sql/search-terms.sql >"$OUT/search-terms-$SCALE.txt"

# 3. promises ----------------------------------------------------------------------------------------
say "promises: topping up to $PROMISES open ones (bench/sql/generate-promises.sql)"
start=$(date +%s)
"${PSQL[@]}" -v promises="$PROMISES" -f bench/sql/generate-promises.sql | tee "$OUT/generate-promises-$SCALE.txt" | grep -v '^Time:'
echo "($(( $(date +%s) - start )) s)"

# Whatever fell due while the app was down (or while generating) fires first; the run starts on a
# quiet desk: nothing overdue by more than 5 s (reminders of the generated promises keep falling due,
# about 3 a second at 1,000,000).
say "waiting until no timer is more than 5 s overdue"
start=$(date +%s)
while :; do
    overdue=$(q "select count(*) from timer where due_at <= now() - interval '5 seconds'")
    [[ $overdue == 0 ]] && break
    if (( $(date +%s) - start > 1800 )); then echo "still $overdue overdue timers after 30 minutes" >&2; exit 1; fi
    echo "  $overdue overdue"
    sleep 5
done
echo "quiet after $(( $(date +%s) - start )) s"

# 4. plans ---------------------------------------------------------------------------------------------
if $EXPLAIN; then
    say "EXPLAIN (ANALYZE, BUFFERS) of the timer path and the promise reads -> bench/out/explain-promises-$SCALE.txt"
    "${PSQL[@]}" -v admin_email="$BENCH_ADMIN_EMAIL" -f bench/sql/explain-promises.sql >"$OUT/explain-promises-$SCALE.txt" 2>&1
    awk '/^-- [TP][0-9]/ { title = $0 } /Scan|Limit|Sort|LockRows/ && title != "" && !shown[title]++ { node = $0 }
         /Execution Time/ && title != "" { sub(/^ +/, "", node); printf "%s\n     %s; %s\n", title, node, $0; title = "" }' \
        "$OUT/explain-promises-$SCALE.txt" | sed 's/  */ /g'
fi

# 5. the run ---------------------------------------------------------------------------------------------
OPEN_AT_START=$(q "select count(*) from promise where state in ('OPEN', 'RENEGOTIATED')")
TIMERS_AT_START=$(q "select count(*) from timer")
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
q "set client_min_messages = warning;
   create schema if not exists bench;
   create table if not exists bench.stat_snap (run text, phase text, name text, idx_scan bigint, seq_scan bigint, n_tup_del bigint);
   insert into bench.stat_snap select '$RUN', 'before', indexrelname, idx_scan, null, null from pg_stat_user_indexes where relname = 'timer';
   insert into bench.stat_snap select '$RUN', 'before', relname, idx_scan, seq_scan, n_tup_del from pg_stat_user_tables where relname = 'timer';
   select pg_stat_statements_reset();" >/dev/null

say "run $RUN: $OPEN_AT_START open promises, $TIMERS_AT_START timers; $RATE reminders/s and $RATE breaches/s for ${DURATION}s (reminders ${LEAD}s ahead); API ${API_RATE}/s"

# samplers: heap every 5 s (jstat, one JVM for the whole run), process and database every 1-5 s
jstat_start=$(date +%s.%N)
"$JAVA_HOME/bin/jstat" -gc -t "$APP_PID" 5000 >"$HEAP.raw" 2>&1 &
SAMPLER_PIDS+=($!)
(
    tick=$(getconf CLK_TCK)
    while kill -0 "$APP_PID" 2>/dev/null; do
        read -r _ _ _ _ _ _ _ _ _ _ _ _ _ ut st _ <"/proc/$APP_PID/stat"
        printf '%s,%s,%s,%s\n' "$(date +%s)" "$(( $(cut -d' ' -f2 "/proc/$APP_PID/statm") * 4 ))" \
            "$(cut -d' ' -f1 /proc/loadavg)" "$(( (ut + st) * 100 / tick ))"
        sleep 5
    done
) >"$PROC" &
SAMPLER_PIDS+=($!)
# (the pid is psql's: when it goes, the loop feeding it stops at its next write)
while sleep 1; do
    echo "select extract(epoch from now())::int, count(*) filter (where due_at <= now()),
                 coalesce(round(extract(epoch from now() - min(due_at) filter (where due_at <= now()))::numeric, 2), 0),
                 (select count(*) from pg_stat_activity where wait_event_type = 'Lock'),
                 (select count(*) from pg_stat_activity where state = 'active' and backend_type = 'client backend') - 1,
                 (select count(*) from pg_stat_activity where state like 'idle in transaction%')
          from timer where due_at <= now() + interval '1 second';"
done | psql -X -At -F, >"$DBSAMPLES" 2>/dev/null &
SAMPLER_PIDS+=($!)

LOAD_PID=
if (( API_RATE > 0 )); then
    LOAD_DURATION=$(( START_IN + LEAD + DURATION + 10 ))
    "$JAVA" bench/src/LoadDriver.java \
        --base-url "http://localhost:$HTTP_PORT" \
        --token "$BENCH_API_TOKEN" --email "$BENCH_ADMIN_EMAIL" --password "$BENCH_ADMIN_PASSWORD" \
        --search-terms "$OUT/search-terms-$SCALE.txt" --scale "$SCALE" \
        --scenarios mixed --mixed-rate "$API_RATE" --mix "$MIX" --read-concurrency 4 \
        --warmup "$WARMUP" --duration "$LOAD_DURATION" --out "$API_OUT" >"$LOAD_LOG" 2>&1 &
    LOAD_PID=$!
    for i in $(seq 1 120); do grep -q 'warm-up' "$LOAD_LOG" 2>/dev/null && break; sleep 0.5; done
    echo "API traffic: ${API_RATE}/s, warm-up ${WARMUP}s, then measured for ${LOAD_DURATION}s (log ${LOAD_LOG#$ROOT/})"
    sleep "$WARMUP"
fi

say "planting $(( RATE * DURATION )) promises (bench/sql/plant-promises.sql)"
PLANTED_AT=$(date +%s)
"${PSQL[@]}" -v run="$RUN" -v rate="$RATE" -v duration="$DURATION" -v lead="$LEAD" -v start_in="$START_IN" \
    -f bench/sql/plant-promises.sql
LAST_DUE=$(( PLANTED_AT + START_IN + LEAD + DURATION ))
PLANT_SECONDS=$(( $(date +%s) - PLANTED_AT ))
PLANT_MARGIN=$(q "select round(extract(epoch from min(remind_at) - max(planted_at))::numeric, 1) from bench.planted where run = '$RUN'")

if [[ -n $LOAD_PID ]]; then wait "$LOAD_PID" || echo "the load driver failed; see $LOAD_LOG" >&2; LOAD_DONE=$LOAD_PID; LOAD_PID=; fi
while :; do
    left=$(q "select count(*) from bench.planted b join promise p on p.id = b.promise_id where b.run = '$RUN' and p.state <> 'BROKEN'")
    [[ $left == 0 ]] && break
    if (( $(date +%s) > LAST_DUE + 300 )); then echo "$left planted promises still not broken 5 minutes after the last due time" >&2; break; fi
    echo "  $left planted promises not broken yet"
    sleep 2
done
sleep 2
END_AT=$(date +%s)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
for pid in "${SAMPLER_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
SAMPLER_PIDS=()
q "insert into bench.stat_snap select '$RUN', 'after', indexrelname, idx_scan, null, null from pg_stat_user_indexes where relname = 'timer';
   insert into bench.stat_snap select '$RUN', 'after', relname, idx_scan, seq_scan, n_tup_del from pg_stat_user_tables where relname = 'timer';" >/dev/null

# 6. report ---------------------------------------------------------------------------------------------
# psql -At -F'|' output of promise-report.sql: "-- title" lines, then a header row, then data rows.
md_sections() {
    awk -F'|' '
        /^-- / { sub(/^-- /, ""); printf "\n**%s**\n\n", $0; header = 1; next }
        header { printf "|"; for (i = 1; i <= NF; i++) printf " %s |", $i; printf "\n|"; for (i = 1; i <= NF; i++) printf "---|"; printf "\n"; header = 0; next }
        { printf "|"; for (i = 1; i <= NF; i++) printf " %s |", $i; printf "\n" }'
}

# jstat -gc -t: seconds since the JVM started; the first sample was taken when jstat started.
awk -v t0="$jstat_start" '
    $1 == "Timestamp" { for (i = 1; i <= NF; i++) col[$i] = i; next }
    col["EU"] && $1 ~ /^[0-9.]+$/ {
        if (first == "") first = $1
        used = $col["S0U"] + $col["S1U"] + $col["EU"] + $col["OU"]
        printf "%d %.1f %.1f %d %d\n", t0 + $1 - first, used / 1024, $col["OU"] / 1024, $col["YGC"], $col["FGC"] + 0
    }' "$HEAP.raw" >"$HEAP"

heap_summary() {
    local from=$1 to=$2
    awk -v from="$from" -v to="$to" '
        $1 >= from && $1 <= to { n++; if (min == "" || $2 < min) min = $2; if ($2 > max) max = $2; sum += $2
                                 if (n == 1) { old0 = $3; ygc0 = $4; fgc0 = $5 } old1 = $3; ygc1 = $4; fgc1 = $5 }
        END { if (n) printf "| heap used, every 5 s (jstat) | %d samples | min %.0f MB, mean %.0f MB, max %.0f MB | old generation %.0f MB at the start, %.0f MB at the end; %d young GCs, %d full GCs |\n",
                            n, min, sum / n, max, old0, old1, ygc1 - ygc0, fgc1 - fgc0 }' "$HEAP"
    # heap after each GC (from the GC log), and its trend by least squares
    awk -v from="$from" -v to="$to" '
        match($0, /^\[[0-9]+ms\]/) {
            t = substr($0, 2, RLENGTH - 4) / 1000
            if (t < from || t > to || !match($0, /->[0-9]+M\(/)) next
            after = substr($0, RSTART + 2, RLENGTH - 4) + 0
            n++; if (n == 1) first = after; last = after
            if (min == "" || after < min) min = after; if (after > max) max = after
            sx += t; sy += after; sxx += t * t; sxy += t * after
        }
        END { if (n > 1 && n * sxx - sx * sx > 0) slope = (n * sxy - sx * sy) / (n * sxx - sx * sx) * 60
              if (n) printf "| heap after GC (GC log) | %d GCs | first %d MB, last %d MB, min %d MB, max %d MB | trend %+.1f MB/min |\n",
                            n, first, last, min, max, slope
              else print "| heap after GC (GC log) | no GC in the window | | |" }' "$GC_LOG"
}

{
    echo "# Promises: breach and reminder lag, scale $SCALE${LABEL:+ ($LABEL)}"
    echo
    echo "- run \`$RUN\`, $(date -u +%FT%TZ); \`$COMMAND\`"
    echo "- $OPEN_AT_START open promises and $TIMERS_AT_START timer rows at the start; $(( RATE * DURATION )) of them planted: $RATE reminders/s from t0, $RATE breaches/s from t0 + ${LEAD}s, for ${DURATION}s"
    echo "- planting took ${PLANT_SECONDS} s and committed ${PLANT_MARGIN} s before the first reminder was due (if negative, the first ones started late)"
    echo "- API traffic: ${API_RATE} arrivals/s, open loop, mix \`$MIX\`"
    echo "- app: \`-Xms1g -Xmx1g ${JVM_ARGS[*]:-}\` ${APP_ARGS[*]:+\`${APP_ARGS[*]}\`}"
    echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem/ {print $2}') GiB; load average $LOAD_START at the start, $LOAD_END at the end"
    awk -F, -v from="$PLANTED_AT" -v to="$END_AT" '$1 >= from && $1 <= to { if (n == 0) c0 = $4; c1 = $4; n++; la += $3; if ($2 > rss) rss = $2 }
        END { if (n) printf "- app JVM: %.0f%% of one CPU on average over the window, max RSS %.0f MB; mean 1-min load average %.2f\n", (c1 - c0) / ((to - from) + 0.001), rss / 1024, la / n }' "$PROC"
    "${PSQL[@]}" -At -F'|' -v run="$RUN" -f bench/sql/promise-report.sql | md_sections
    echo
    echo "**Timer backlog (sampled every second from planting to the end)**"
    echo
    awk -F, -v from="$PLANTED_AT" '$1 >= from { n++; if ($2 > due) due = $2; if ($3 > age) age = $3; if ($4 > lock) lock = $4; if ($5 > act) act = $5; sum += $2 }
        END { printf "| samples | overdue timers, max | mean | oldest overdue, max s | backends waiting on a lock, max | active backends, max |\n|---|---|---|---|---|---|\n| %d | %d | %.1f | %.2f | %d | %d |\n", n, due, (n ? sum / n : 0), age, lock, act }' "$DBSAMPLES"
    echo
    echo "**Heap (window: planting to the last breach)**"
    echo
    echo "| | | | |"
    echo "|---|---|---|---|"
    heap_summary "$PLANTED_AT" "$END_AT"
    echo
    echo "**Index use on timer during the run**"
    echo
    echo "| index or table | idx_scan | seq_scan | rows deleted |"
    echo "|---|---:|---:|---:|"
    q "select '| ' || a.name || ' | ' || coalesce((a.idx_scan - b.idx_scan)::text, '') || ' | ' || coalesce((a.seq_scan - b.seq_scan)::text, '') || ' | ' || coalesce((a.n_tup_del - b.n_tup_del)::text, '') || ' |'
       from bench.stat_snap a join bench.stat_snap b on b.run = a.run and b.name = a.name and b.phase = 'before'
       where a.run = '$RUN' and a.phase = 'after' order by a.name"
    echo
    echo "**Statements by total time during the run (pg_stat_statements, top 12)**"
    echo
    echo "| calls | total ms | mean ms | max ms | rows | statement |"
    echo "|---:|---:|---:|---:|---:|---|"
    q "select '| ' || calls || ' | ' || round(total_exec_time::numeric) || ' | ' || round(mean_exec_time::numeric, 2) || ' | ' || round(max_exec_time::numeric, 1)
              || ' | ' || rows || ' | \`' || left(regexp_replace(query, '\s+', ' ', 'g'), 110) || '\` |'
       from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
       order by total_exec_time desc limit 12"
    if [[ -n ${LOAD_DONE:-} && -f $API_OUT ]]; then
        echo
        echo "**API during the run** (measured phase: from ${START_IN}s before the first reminder to 10 s after the last due time)"
        echo
        grep -E '^\|' "$API_OUT" | grep -v '&nbsp;'
        grep -E '^- (mixed|page|sign-in)' "$API_OUT" || true
    fi
} >"$REPORT"

say "report: ${REPORT#$ROOT/}"
cat "$REPORT"

# The planted promises the run broke are released, as a desk settles its broken promises; left
# broken, every run would add thousands to the front of the due-time indexes. The next run tops up.
if ! $KEEP_BROKEN; then
    released=$(q "with r as (update promise p set state = 'RELEASED', released_at = now(), updated_at = now(), version = p.version + 1,
                                            release_note = 'bench run $RUN: settled after the run'
                                 from bench.planted b where b.run = '$RUN' and b.promise_id = p.id and p.state = 'BROKEN' returning 1)
                  select count(*) from r")
    say "released the $released planted promises this run broke (--keep-broken keeps them)"
fi

if $KEEP; then
    say "the app keeps running: pid $APP_PID, http://localhost:$HTTP_PORT, PGPASSFILE=$PGPASSFILE psql -h localhost -p $DB_PORT -U postgres followthrough"
fi
exit
}

#!/usr/bin/env bash
# Followthrough benchmark, email ingest: a mixed corpus of N messages waits unseen in a real IMAP
# mailbox (GreenMail); the app, on a fresh data directory, is given the mailbox and reads it into
# cases. How many messages a second go from IMAP to committed entries, and at what CPU cost.
# See bench/README.md ("Email ingest").
#
#   bench/mail.sh [--messages N] [--seed S] [--warmup W] [--label NAME] [--poll-interval S] [--jfr] [--no-pg-stats] [--no-parser-bench]
#                 [--no-ack] [--pg-set NAME=VALUE]... [--jar PATH]
#                 [--quiet-load L] [--quiet-wait S] [--app-arg ARG]... [--jvm-arg ARG]... [--timeout S] [--keep-running]
#                 [--imap-server greenmail|dovecot] [--smtp-server greenmail|sink] [--http-port P] [--db-port P] [--smtp-port P] [--imap-port P] [--lmtp-port P]
set -euo pipefail
# The whole script is one block, read before it runs: editing the file during a run cannot change it.
{
cd "$(dirname "$0")/.."
ROOT=$(pwd)
COMMAND="bench/mail.sh $*"

MESSAGES=5000
SEED=1
WARMUP=0          # messages of another corpus the app reads (into cases, then wiped) before the measured ones
LABEL=
POLL_INTERVAL=5
JFR=false
PG_STATS=true
PARSER_BENCH=true
ACKNOWLEDGE=true
PG_SETTINGS=()
QUIET_LOAD=1.0    # wait for the 1-minute load average to fall below this before starting the clock
QUIET_WAIT=600    # ... for at most this long
TIMEOUT=1800      # seconds from creating the mailbox until everything must be in
STALL=180         # give up when nothing new is filed for this long (a poll lease lasts 2 minutes)
KEEP=false
HTTP_PORT=18080
DB_PORT=55433
IMAP_SERVER=greenmail
SMTP_SERVER=greenmail
SMTP_PORT=3025
IMAP_PORT=3143
LMTP_PORT=3024
APP_ARGS=()
JVM_ARGS=()
GIVEN_JAR=

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --messages) MESSAGES=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --warmup) WARMUP=$2; shift 2 ;;
        --label) LABEL=$2; shift 2 ;;
        --poll-interval) POLL_INTERVAL=$2; shift 2 ;;
        --jfr) JFR=true; shift ;;
        --no-pg-stats) PG_STATS=false; shift ;;
        --no-parser-bench) PARSER_BENCH=false; shift ;;
        --no-ack) ACKNOWLEDGE=false; shift ;;
        --pg-set) PG_SETTINGS+=("$2"); shift 2 ;;
        --quiet-load) QUIET_LOAD=$2; shift 2 ;;
        --quiet-wait) QUIET_WAIT=$2; shift 2 ;;
        --app-arg) APP_ARGS+=("$2"); shift 2 ;;
        --jvm-arg) JVM_ARGS+=("$2"); shift 2 ;;
        --timeout) TIMEOUT=$2; shift 2 ;;
        --keep-running) KEEP=true; shift ;;
        --jar) GIVEN_JAR=$2; shift 2 ;;
        --http-port) HTTP_PORT=$2; shift 2 ;;
        --db-port) DB_PORT=$2; shift 2 ;;
        --smtp-port) SMTP_PORT=$2; shift 2 ;;
        --imap-port) IMAP_PORT=$2; shift 2 ;;
        --lmtp-port) LMTP_PORT=$2; shift 2 ;;
        --imap-server) IMAP_SERVER=$2; shift 2 ;;
        --smtp-server) SMTP_SERVER=$2; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown option $1" >&2; usage 2 ;;
    esac
done

case "$IMAP_SERVER" in greenmail|dovecot) ;; *) echo "--imap-server is greenmail or dovecot" >&2; exit 2 ;; esac
SCALE=mail-$MESSAGES${LABEL:+-$LABEL}
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
NAME=$SCALE
# shellcheck source=bench/mail-lib.sh
source "$ROOT/bench/mail-lib.sh"
REPORT="$OUT/mail-$NAME.md"
JFR_FILE="$OUT/mail-$NAME.jfr"

cleanup() {
    if ! $KEEP; then
        stop_app
        stop_mail_servers
    fi
}
trap cleanup EXIT

# 1. GreenMail, the corpus delivered, the app on a fresh data directory --------------------------------
check_ports_free
mail_jar
start_mail_servers
corpus_into_mailbox
if (( WARMUP > 0 )); then
    WARMUP_CORPUS="$OUT/mail-corpus-$WARMUP-s$(( SEED + 1000 ))-warmup"
    generate_corpus "$WARMUP_CORPUS" "$WARMUP" $(( SEED + 1000 )) "$WARMUP_ADDRESS"
    deliver_corpus "$WARMUP_CORPUS" "$WARMUP_ADDRESS"
fi

say "fresh data directory ${DATA#$ROOT/}"
rm -rf "$DATA"
start_app "${JVM_ARGS[@]}" -- "${APP_ARGS[@]}"
for setting in "${PG_SETTINGS[@]}"; do
    # an experiment on the bench's own database, never a recommendation for the product's
    say "PostgreSQL: alter system set ${setting%%=*} = '${setting#*=}' (takes effect with the restart below)"
    q "alter system set ${setting%%=*} = '${setting#*=}'" >/dev/null
done
if $PG_STATS || (( ${#PG_SETTINGS[@]} > 0 )); then
    say "restarting the app once$($PG_STATS && echo " to load pg_stat_statements")"
    if $PG_STATS; then q "alter system set shared_preload_libraries = 'pg_stat_statements'" >/dev/null; fi
    stop_app
    start_app "${JVM_ARGS[@]}" -- "${APP_ARGS[@]}"
    if $PG_STATS; then
        q "create extension if not exists pg_stat_statements" >/dev/null
        q "select pg_stat_statements_reset()" >/dev/null
    fi
fi

# 2. the warm-up, when asked for: the app reads another corpus from another mailbox first, so the
# measured messages meet compiled code (as in an app that has been running), not the JIT at work.
# What it filed is then wiped (cases, customers, mail, audit), so the measured run starts as empty.
if (( WARMUP > 0 )); then
    say "warming up: the app reads $WARMUP other messages (${WARMUP_CORPUS#$ROOT/}) from $WARMUP_ADDRESS"
    WARM_T0=$(date +%s.%N)
    WARM_ID=$(create_mailbox "$WARMUP_ADDRESS")
    warm_last=0; warm_change=$(date +%s)
    while :; do
        n=$(filed)
        (( n > warm_last )) && { warm_last=$n; warm_change=$(date +%s); }
        (( n >= WARMUP )) && break
        if (( $(date +%s) - warm_change > STALL )); then echo "the warm-up stalled at $n of $WARMUP" >&2; exit 1; fi
        kill -0 "$APP_PID" 2>/dev/null || { echo "the app died during the warm-up; see $LOG" >&2; exit 1; }
        sleep 0.5
    done
    WARM_SECONDS=$(awk -v a="$WARM_T0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    echo "warm-up: $n filed in ${WARM_SECONDS}s"
    curl -sS -o /dev/null -X PATCH "http://localhost:$HTTP_PORT/api/v1/mailboxes/$WARM_ID" \
        -H "Authorization: Bearer $BENCH_API_TOKEN" -H 'Content-Type: application/json' -d '{"active":false}'
    for _ in $(seq 1 120); do
        [[ $(q "select poll_lease_until is null from mailbox where id = '$WARM_ID'") == t ]] && break
        sleep 0.5
    done
    sleep 3   # acknowledgements of the warm-up still being sent
    q "truncate support_case, customer, mail_message, mail_raw, mail_attachment, mail_quarantine, mail_outbox,
              bouncing_address, case_mail_participant, case_mailbox, audit_event cascade;
       delete from timer where kind not like 'mail.%';" >/dev/null
    if $PG_STATS; then q "select pg_stat_statements_reset()" >/dev/null; fi
    # The warm-up wrote several hundred MB of WAL: flushed now, the checkpoint it would otherwise
    # force (max_wal_size) does not land in the measured window of one run and miss the next. No
    # vacuum or analyze: truncated tables keep "size unknown" statistics, as a fresh database has;
    # analysed while empty, the first plans of the measured run would be made for empty tables.
    q "checkpoint" >/dev/null
fi

# 3. the mailbox, and the wait until every message is filed --------------------------------------------
say "waiting for a quiet machine (1-minute load average below $QUIET_LOAD, at most ${QUIET_WAIT}s)"
wait_quiet "$QUIET_LOAD" "$QUIET_WAIT"
XACT0=$(q "select xact_commit from pg_stat_database where datname = current_database()")
if $JFR; then
    "$JAVA_HOME/bin/jcmd" "$APP_PID" JFR.start name=mail settings=profile filename="$JFR_FILE" >/dev/null
    echo "JFR recording (settings=profile) to ${JFR_FILE#$ROOT/}"
fi
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
APP0=$(ticks "$APP_PID"); PG0=$(pg_ticks); GM0=$(ticks "$GM_PID"); IM0=$(imap_ticks)
say "creating the mailbox (poll interval ${POLL_INTERVAL}s); the app reads $MESSAGES unseen messages"
T0=$(date +%s.%N)
MAILBOX_ID=$(create_mailbox)
echo "mailbox $MAILBOX_ID"
last=0; last_change=$(date +%s); next_print=0
HALF=
while :; do
    n=$(filed)
    now=$(date +%s)
    (( n > last )) && { last=$n; last_change=$now; }
    if [[ -z $HALF ]] && (( n >= MESSAGES / 2 )); then
        # the second half runs on a warmed-up JVM: its CPU per message is nearer a long-running app's
        HALF=$n; TH=$(date +%s.%N); APPH=$(ticks "$APP_PID"); PGH=$(pg_ticks); GMH=$(ticks "$GM_PID"); IMH=$(imap_ticks)
    fi
    (( n >= MESSAGES )) && break
    if (( now >= next_print )); then echo "  $n filed"; next_print=$(( now + 5 )); fi
    if (( now - ${T0%.*} > TIMEOUT )); then echo "only $n of $MESSAGES filed after ${TIMEOUT}s" >&2; break; fi
    if (( now - last_change > STALL )); then echo "nothing new filed for ${STALL}s ($n of $MESSAGES)" >&2; break; fi
    kill -0 "$APP_PID" 2>/dev/null || { echo "the app died; see $LOG" >&2; break; }
    sleep 0.5
done
T1=$(date +%s.%N)
APP1=$(ticks "$APP_PID"); PG1=$(pg_ticks); GM1=$(ticks "$GM_PID"); IM1=$(imap_ticks)
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg)
FILED=$(filed)
echo "$FILED filed after $(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.1f", b - a }') s"
if $JFR; then "$JAVA_HOME/bin/jcmd" "$APP_PID" JFR.stop name=mail >/dev/null; fi
XACT1=$(q "select xact_commit from pg_stat_database where datname = current_database()")
sleep 3   # acknowledgements still being sent are counted as they stand a moment later

# 4. report ----------------------------------------------------------------------------------------------
WINDOW=$(q "with t as (select created_at at time zone 'UTC' as t from mail_message where direction = 'IN'
                       union all select received_at at time zone 'UTC' from mail_quarantine)
            select extract(epoch from min(t)), extract(epoch from max(t)), count(*) from t")
IFS='|' read -r FIRST LAST _ <<<"$WINDOW"
IN_WINDOW=$(q "select extract(epoch from max(created_at) - min(created_at)), count(*) from mail_message where direction = 'IN'")
IFS='|' read -r IN_SECONDS IN_COUNT <<<"$IN_WINDOW"
fmt() { awk "BEGIN { printf \"$1\", $2 }"; }
{
    echo "# Email ingest: $MESSAGES messages${LABEL:+ ($LABEL)}"
    echo
    echo "- $(date -u +%FT%TZ); \`$COMMAND\`"
    if [[ $IMAP_SERVER == dovecot ]]; then
        echo "- corpus: \`${CORPUS#$ROOT/}\` ($(head -1 "$CORPUS/summary.txt")), delivered over LMTP into Dovecot $(dovecot --version | cut -d' ' -f1) before the app read the mailbox; the app sends through $([[ $SMTP_SERVER == sink ]] && echo "bench/src/SmtpSink.java (accepts and drops)" || echo "GreenMail $GREENMAIL_VERSION") (SMTP)"
    else
        echo "- corpus: \`${CORPUS#$ROOT/}\` ($(head -1 "$CORPUS/summary.txt")), delivered over SMTP into GreenMail $GREENMAIL_VERSION before the app read the mailbox"
    fi
    echo "- app: $APP_BUILD; \`-Xms1g -Xmx1g ${JVM_ARGS[*]:-}\` ${APP_ARGS[*]:+\`${APP_ARGS[*]}\`}; fresh data directory; mailbox polled every ${POLL_INTERVAL}s, acknowledgements $($ACKNOWLEDGE && echo on || echo off)${PG_SETTINGS[*]:+; PostgreSQL for this experiment only: ${PG_SETTINGS[*]}}$($JFR && echo "; JFR recording (settings=profile) during the ingest")$($PG_STATS && echo "; pg_stat_statements on")"
    if (( WARMUP > 0 )); then
        echo "- warm-up: the same app first read $WARMUP other messages (\`${WARMUP_CORPUS#$ROOT/}\`, seed $(( SEED + 1000 ))) from another mailbox, in ${WARM_SECONDS} s; the cases, customers, mail and audit they made were wiped (truncate, then \`checkpoint\`) before the measured mailbox was created, so what is measured here runs on compiled code"
    else
        echo "- no warm-up: the measured messages are the first this JVM reads, so the JIT compiler works alongside (\`--warmup N\` reads N others first)"
    fi
    echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/^Mem/ {print $2}') GiB; load average $LOAD_START at the start, $LOAD_END at the end"
    echo
    echo "| | |"
    echo "|---|---:|"
    echo "| messages filed (mail_message IN + mail_quarantine) | $FILED of $MESSAGES |"
    echo "| first to last received message (\`created_at\` of mail_message IN, $IN_COUNT rows) | $(fmt %.1f "$IN_SECONDS") s |"
    echo "| **messages per second, first to last** | **$(fmt %.0f "$IN_COUNT / ($IN_SECONDS + 0.000001)")** |"
    echo "| mailbox created → first message filed | $(fmt %.1f "$FIRST - $T0") s |"
    echo "| mailbox created → everything filed (wall, counted every 0.5 s) | $(fmt %.1f "$T1 - $T0") s |"
    echo "| messages per second, from creating the mailbox | $(fmt %.0f "$FILED / ($T1 - $T0)") |"
    echo "| app JVM CPU per message (utime + stime, mailbox created → all filed) | $(fmt %.2f "($APP1 - $APP0) * 1000 / $TICK / $MESSAGES") ms |"
    echo "| PostgreSQL CPU per message (postmaster and backends) | $(fmt %.2f "($PG1 - $PG0) * 1000 / $TICK / $MESSAGES") ms |"
    if [[ $IMAP_SERVER == dovecot ]]; then
        echo "| Dovecot CPU per message (IMAP server) | $(fmt %.2f "($IM1 - $IM0) * 1000 / $TICK / $MESSAGES") ms |"
        echo "| SMTP server CPU per message ($([[ $SMTP_SERVER == sink ]] && echo "the sink" || echo GreenMail), taking the acknowledgements) | $(fmt %.2f "($GM1 - $GM0) * 1000 / $TICK / $MESSAGES") ms |"
    else
        echo "| GreenMail CPU per message (IMAP server; SMTP for the acknowledgements) | $(fmt %.2f "($GM1 - $GM0) * 1000 / $TICK / $MESSAGES") ms |"
    fi
    echo "| app JVM CPU over the window | $(fmt %.0f "($APP1 - $APP0) * 100 / $TICK / ($T1 - $T0)")% of one core |"
    if [[ -n $HALF ]] && (( FILED > HALF )); then
        SECOND=$(( FILED - HALF ))
        echo "| second half only ($SECOND messages, JVM warmed up): messages per second | $(fmt %.0f "$SECOND / ($T1 - $TH)") |"
        echo "| second half: CPU per message, app JVM / PostgreSQL / IMAP server$([[ $IMAP_SERVER == dovecot ]] && echo " / SMTP server") | $(fmt %.2f "($APP1 - $APPH) * 1000 / $TICK / $SECOND") / $(fmt %.2f "($PG1 - $PGH) * 1000 / $TICK / $SECOND") / $(fmt %.2f "($IM1 - $IMH) * 1000 / $TICK / $SECOND")$([[ $IMAP_SERVER == dovecot ]] && echo " / $(fmt %.2f "($GM1 - $GMH) * 1000 / $TICK / $SECOND")") ms |"
        echo "| second half: the app, PostgreSQL and the mail servers together, CPU over the window | $(fmt %.0f "(($APP1 - $APPH) + ($PG1 - $PGH) + ($IM1 - $IMH) + ($([[ $IMAP_SERVER == dovecot ]] && echo "$GM1 - $GMH" || echo 0))) * 100 / $TICK / ($T1 - $TH)")% of one core (the machine has $(nproc)) |"
    fi
    echo "| commits (pg_stat_database) per message | $(fmt %.2f "($XACT1 - $XACT0) / $MESSAGES") |"
    echo
    echo "**Outcomes**"
    echo
    outcome_tables
    echo
    echo "**Never lose, never double**"
    echo
    verify
    echo
    echo "**Throughput over the run** (messages filed per 10 s, by the time their transaction started)"
    echo
    echo "| seconds from the first | messages | per second |"
    echo "|---|---:|---:|"
    q "with t as (select created_at from mail_message where direction = 'IN' union all select received_at from mail_quarantine),
       b as (select floor(extract(epoch from created_at - (select min(created_at) from t)) / 10)::int as bucket, count(*) n from t group by 1)
       select '| ' || bucket * 10 || '–' || bucket * 10 + 10 || ' | ' || n || ' | ' || round(n / 10.0) || ' |' from b order by bucket"
    echo
    echo "**Time per message** (from one message's start to the next one's, in order; a poll reads one message after another, so this is each message's time in the app, plus the IMAP fetch of the next batch)"
    echo
    echo "| kind | messages | p50 ms | p95 ms | p99 ms | max ms |"
    echo "|---|---:|---:|---:|---:|---:|"
    q "with t as (select message_key as key, created_at from mail_message where direction = 'IN'
                  union all select message_key, received_at from mail_quarantine),
       g as (select key, extract(epoch from lead(created_at) over (order by created_at) - created_at) * 1000 as ms from t),
       k as (select kind, key from bench.mail_keys where kind <> 'noid' union all select 'noid', key from bench.mail_imap_keys)
       select '| ' || coalesce(k.kind, '?') || ' | ' || count(*) || ' | '
              || round(percentile_cont(0.5) within group (order by ms)::numeric, 1) || ' | '
              || round(percentile_cont(0.95) within group (order by ms)::numeric, 1) || ' | '
              || round(percentile_cont(0.99) within group (order by ms)::numeric, 1) || ' | '
              || round(max(ms)::numeric, 1) || ' |'
       from g left join k on k.key = g.key where ms is not null
       group by grouping sets ((k.kind), ()) order by grouping(k.kind), count(*) desc" | sed 's/^| ? |/| all |/'
    echo
    echo "**Polls** (from the app's log)"
    echo
    grep -E 'Polled |Polling .* failed' "$LOG" | sed -E 's/^([0-9T:.-]+)[^ ]* .*(Polled|Polling)/- \1 \2/' | cut -c1-240 || echo "- none logged"
    if $PG_STATS; then
        echo
        echo "**Statements by total time** (pg_stat_statements, from creating the mailbox to the end; calls per message)"
        echo
        echo "| calls | per message | total ms | mean ms | rows | statement |"
        echo "|---:|---:|---:|---:|---:|---|"
        q "select '| ' || calls || ' | ' || round(calls::numeric / $MESSAGES, 2) || ' | ' || round(total_exec_time::numeric) || ' | '
                  || round(mean_exec_time::numeric, 3) || ' | ' || rows || ' | \`' || left(regexp_replace(query, '\s+', ' ', 'g'), 120) || '\` |'
           from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
             and query !~* 'pg_stat|bench\.|^(select|with) .*(count\(\*\)|xact_commit)'
           order by total_exec_time desc limit 20"
        q "select '- statements per message (all, executed by the app): ' || round(sum(calls)::numeric / $MESSAGES, 1)
                  || '; their execution time per message: ' || round(sum(total_exec_time)::numeric / $MESSAGES, 2) || ' ms'
           from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
             and query !~* 'pg_stat|bench\.|^(select|with) .*(count\(\*\)|xact_commit)'"
    fi
    if $JFR; then
        echo
        echo "**Where the app's time goes** (JFR, \`${JFR_FILE#$ROOT/}\`)"
        echo
        "$JAVA" "$ROOT/bench/src/JfrTop.java" "$JFR_FILE" 2>&1 || true
    fi
    if $PARSER_BENCH; then
        echo
        echo "**The parser alone** (after the ingest, with the app idle)"
        echo
        parser_bench
    fi
} >"$REPORT"

say "report: ${REPORT#$ROOT/}"
cat "$REPORT"
if $KEEP; then
    say "still running: the app (pid $APP_PID, http://localhost:$HTTP_PORT, PGPASSFILE=$PGPASSFILE psql -h localhost -p $DB_PORT -U postgres followthrough), GreenMail (pid $GM_PID, SMTP $SMTP_PORT)$([[ $IMAP_SERVER == dovecot ]] && echo " and Dovecot (pid $DOVECOT_PID)"), IMAP on $IMAP_PORT"
fi
exit
}

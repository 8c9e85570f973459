#!/usr/bin/env bash
# Followthrough benchmark, email: never lose, never double. The corpus of bench/mail.sh waits unseen
# in GreenMail; the app reads it, and is killed with kill -9 at random moments while it does, then
# started again on the same data directory each time. Once everything is in, SQL checks that every
# message was filed exactly once, that no timeline entry and no case was made twice, and IMAP that
# no message is left unseen. Prints "lost: L, duplicated: D" and exits non-zero unless both are 0
# (or when the app cannot start again after a kill). See bench/README.md ("Email ingest").
#
#   bench/mail-crash.sh [--messages N] [--seed S] [--kills K] [--gap MIN MAX] [--label NAME]
#                       [--poll-interval S] [--app-arg ARG]... [--jvm-arg ARG]... [--jar PATH] [--keep-running]
#                       [--imap-server greenmail|dovecot] [--http-port P] [--db-port P] [--smtp-port P]
#                       [--imap-port P] [--lmtp-port P]
set -euo pipefail
# The whole script is one block, read before it runs: editing the file during a run cannot change it.
{
cd "$(dirname "$0")/.."
ROOT=$(pwd)
COMMAND="bench/mail-crash.sh $*"

MESSAGES=3000
SEED=1
KILLS=4
GAP_MIN=1         # seconds from the moment an app (re)started filing mail to its kill: at random
GAP_MAX=4         # between these two
LABEL=
POLL_INTERVAL=5
RESUME_WAIT=300   # at most this long for a restarted app to file mail again (a poll lease lasts 2 minutes)
STALL=300         # after the last restart: give up when nothing new is filed for this long
KEEP=false
HTTP_PORT=18080
DB_PORT=55433
IMAP_SERVER=greenmail
SMTP_PORT=3025
IMAP_PORT=3143
LMTP_PORT=3024
APP_ARGS=()
JVM_ARGS=()
GIVEN_JAR=

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }

while [[ $# -gt 0 ]]; do
    case "$1" in
        --messages) MESSAGES=$2; shift 2 ;;
        --seed) SEED=$2; shift 2 ;;
        --kills) KILLS=$2; shift 2 ;;
        --gap) GAP_MIN=$2; GAP_MAX=$3; shift 3 ;;
        --label) LABEL=$2; shift 2 ;;
        --poll-interval) POLL_INTERVAL=$2; shift 2 ;;
        --app-arg) APP_ARGS+=("$2"); shift 2 ;;
        --jvm-arg) JVM_ARGS+=("$2"); shift 2 ;;
        --keep-running) KEEP=true; shift ;;
        --jar) GIVEN_JAR=$2; shift 2 ;;
        --http-port) HTTP_PORT=$2; shift 2 ;;
        --db-port) DB_PORT=$2; shift 2 ;;
        --smtp-port) SMTP_PORT=$2; shift 2 ;;
        --imap-port) IMAP_PORT=$2; shift 2 ;;
        --lmtp-port) LMTP_PORT=$2; shift 2 ;;
        --imap-server) IMAP_SERVER=$2; shift 2 ;;
        -h|--help) usage ;;
        *) echo "unknown option $1" >&2; usage 2 ;;
    esac
done

case "$IMAP_SERVER" in greenmail|dovecot) ;; *) echo "--imap-server is greenmail or dovecot" >&2; exit 2 ;; esac
SCALE=mail-crash-$MESSAGES${LABEL:+-$LABEL}
# shellcheck source=bench/lib.sh
source "$ROOT/bench/lib.sh"
NAME=$SCALE
# shellcheck source=bench/mail-lib.sh
source "$ROOT/bench/mail-lib.sh"
REPORT="$OUT/mail-$NAME.md"
EVENTS="$OUT/mail-events-$NAME.txt"
RANDOM=$SEED

RESTARTING=
cleanup() {
    local rc=$?
    if [[ -n $RESTARTING ]]; then
        {
            echo
            echo "FINDING: the app did not start again on the same data directory after kill -9 number $RESTARTING."
            echo "Its log: ${LOG#$ROOT/}. Last lines:"
            tail -25 "$LOG" | sed 's/^/    /'
            if [[ -n ${PM_LEFT:-} ]] && kill -0 "$PM_LEFT" 2>/dev/null; then
                echo "The PostgreSQL postmaster of the killed app (pid $PM_LEFT) is still running."
            fi
        } | tee -a "$EVENTS" >&2
    fi
    if ! $KEEP; then
        stop_app
        stop_mail_servers
    fi
    exit $rc
}
trap cleanup EXIT

event() { printf '%s  %s\n' "$(date -u +%T.%3N)" "$*" | tee -a "$EVENTS"; }

# 1. GreenMail, the corpus delivered, the app on a fresh data directory ----------------------------------
check_ports_free
mail_jar
start_mail_servers
corpus_into_mailbox
say "fresh data directory ${DATA#$ROOT/}"
rm -rf "$DATA"
: >"$EVENTS"
START=1
LOG="$OUT/app-$NAME-$START.log"
start_app "${JVM_ARGS[@]}" -- "${APP_ARGS[@]}"
T0=$(date +%s.%N)
MAILBOX_ID=$(create_mailbox)
event "app 1 (pid $APP_PID) up; mailbox $MAILBOX_ID created; $MESSAGES unseen messages waiting"

# 2. kill -9 while it reads, start again on the same data directory --------------------------------------
KILLED=0
TOO_LATE=false
RESUMED=()
for k in $(seq 1 "$KILLS"); do
    # wait until this app files mail (after a restart: once the killed app's poll lease has run out)
    base=$(filed); since=$(date +%s.%N)
    while :; do
        n=$(filed)
        (( n > base || n >= MESSAGES )) && break
        if (( $(date +%s) - ${since%.*} > RESUME_WAIT )); then
            event "app $START has filed nothing new for ${RESUME_WAIT}s ($n of $MESSAGES filed)"
            break
        fi
        sleep 0.2
    done
    resumed=$(awk -v a="$since" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    RESUMED+=("$resumed")
    if (( START == 1 )); then
        event "app 1 files its first mail ${resumed}s after the mailbox was created: $n filed"
    else
        event "app $START files mail again ${resumed}s after it was up (the killed app's poll lease runs out first): $n filed"
    fi
    gap=$(awk -v r="$RANDOM" -v lo="$GAP_MIN" -v hi="$GAP_MAX" 'BEGIN { printf "%.2f", lo + (hi - lo) * r / 32767 }')
    sleep "$gap"
    n=$(filed)
    if (( n >= MESSAGES )); then
        event "everything was in before kill $k (gap ${gap}s): no more kills"
        TOO_LATE=true
        break
    fi
    PM_LEFT=$(head -1 "$DATA/postgres/postmaster.pid" 2>/dev/null || true)
    # the app's transactions that had written something, a moment before the kill, and the
    # transactions PostgreSQL rolled back when the dead app's connections dropped
    rollbacks=$(q "select xact_rollback from pg_stat_database where datname = current_database()")
    open_tx=$(q "select count(*) from pg_stat_activity where datname = current_database() and backend_xid is not null and pid <> pg_backend_pid()")
    kill -9 "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    KILLED=$k
    sleep 1
    after=$(filed)
    rolled=$(( $(q "select xact_rollback from pg_stat_database where datname = current_database()" 2>/dev/null || echo "$rollbacks") - rollbacks ))
    pm_state="PostgreSQL postmaster (pid $PM_LEFT) $(kill -0 "$PM_LEFT" 2>/dev/null && echo "still running" || echo "gone")"
    event "kill -9 number $k of app $START (pid $APP_PID) ${gap}s later, $n filed just before; $after committed; $open_tx writing transactions open just before, $rolled rolled back after; $pm_state"
    APP_PID=
    START=$(( START + 1 ))
    LOG="$OUT/app-$NAME-$START.log"
    RESTARTING=$k
    started=$(date +%s.%N)
    start_app "${JVM_ARGS[@]}" -- "${APP_ARGS[@]}"
    RESTARTING=
    took=$(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    orphan=$(grep -o 'Stopping PostgreSQL (pid [0-9]*) left running by an app that did not shut down' "$LOG" | head -1 || true)
    event "app $START (pid $APP_PID) up after ${took}s on the same data directory${orphan:+; it said: \"$orphan\"}"
done

# 3. everything in ------------------------------------------------------------------------------------------
say "waiting until all $MESSAGES messages are filed"
last=0; last_change=$(date +%s); next_print=0
while :; do
    n=$(filed); now=$(date +%s)
    (( n > last )) && { last=$n; last_change=$now; }
    (( n >= MESSAGES )) && break
    if (( now >= next_print )); then echo "  $n filed"; next_print=$(( now + 10 )); fi
    if (( now - last_change > STALL )); then event "nothing new filed for ${STALL}s: $n of $MESSAGES"; break; fi
    sleep 0.5
done
T1=$(date +%s.%N)
event "$(filed) filed, $(awk -v a="$T0" -v b="$T1" 'BEGIN { printf "%.0f", b - a }')s after the mailbox was created"
# a last poll flags what the last app committed but had not flagged yet
sleep $(( POLL_INTERVAL + 3 ))
unseen_after=$(imap_status | sed -n 's/.*unseen=\([0-9]*\).*/\1/p')
if [[ $unseen_after != 0 ]]; then
    event "$unseen_after messages still unseen; waiting for one more poll"
    for _ in $(seq 1 30); do
        sleep 5
        unseen_after=$(imap_status | sed -n 's/.*unseen=\([0-9]*\).*/\1/p')
        [[ $unseen_after == 0 ]] && break
    done
fi

# 4. report ------------------------------------------------------------------------------------------------
{
    echo "# Email ingest under kill -9: $MESSAGES messages${LABEL:+ ($LABEL)}"
    echo
    echo "- $(date -u +%FT%TZ); \`$COMMAND\`"
    echo "- corpus: \`${CORPUS#$ROOT/}\` ($(head -1 "$CORPUS/summary.txt")), delivered into $([[ $IMAP_SERVER == dovecot ]] && echo "Dovecot over LMTP" || echo "GreenMail $GREENMAIL_VERSION over SMTP") before the app read the mailbox"
    echo "- app: $APP_BUILD; \`-Xms1g -Xmx1g ${JVM_ARGS[*]:-}\` ${APP_ARGS[*]:+\`${APP_ARGS[*]}\`}; one data directory for every start; mailbox polled every ${POLL_INTERVAL}s, acknowledgements on"
    echo "- $KILLED kills (\`kill -9\` of the app's JVM, ${GAP_MIN}–${GAP_MAX} s after each app started filing mail)$($TOO_LATE && echo "; everything was in before the next planned kill")"
    echo "- machine: $(nproc) CPUs ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
    echo
    echo "**What happened**"
    echo
    echo '```'
    cat "$EVENTS"
    echo '```'
    echo
    echo "**From the apps' logs** (a poll is logged when it ends, so not by a killed app; DUPLICATE: read again after a kill, recognised by its key, nothing added)"
    echo
    for i in $(seq 1 "$START"); do
        f="$OUT/app-$NAME-$i.log"
        grep -E 'Polled |Polling .* failed|left running' "$f" | sed -E "s/^([0-9T:.-]+)[^ ]* .*(Polled|Polling|Stopping)/- app $i, \\1 \\2/" | cut -c1-260 || true
    done
    echo
    echo "**Never lose, never double**"
    echo
    verify
    echo "- acknowledgements queued twice for one case: $(q "select count(*) from (select case_id from mail_outbox where kind = 'ACKNOWLEDGEMENT' group by case_id having count(*) > 1) d")"
    echo
    echo "**Outcomes**"
    echo
    outcome_tables
} >"$REPORT"

say "report: ${REPORT#$ROOT/}"
cat "$REPORT"
echo
echo "lost: $LOST, duplicated: $DUPLICATED$([[ $UNSEEN_LEFT != 0 ]] && echo ", unseen left on the IMAP server: $UNSEEN_LEFT")"
if $KEEP; then
    say "still running: the app (pid $APP_PID, http://localhost:$HTTP_PORT, PGPASSFILE=$PGPASSFILE psql -h localhost -p $DB_PORT -U postgres followthrough) and GreenMail (pid $GM_PID)"
fi
if (( LOST != 0 || DUPLICATED != 0 )) || [[ $UNSEEN_LEFT != 0 ]]; then
    exit 1
fi
exit 0
}

# Shared by bench/mail.sh and bench/mail-crash.sh (sourced after lib.sh, not run): the mail servers,
# the corpus, the mailbox, CPU counters and the checks of what the app filed. Expects ROOT, OUT, NAME,
# MESSAGES, SEED, IMAP_SERVER, SMTP_PORT, IMAP_PORT, LMTP_PORT, HTTP_PORT and DB_PORT to be set.
#
# IMAP_SERVER=greenmail: GreenMail is both the IMAP server the app reads and the SMTP server the
# corpus is delivered through and the app sends through. IMAP_SERVER=dovecot: Dovecot (Debian's
# dovecot-imapd and dovecot-lmtpd) holds the mailbox, the corpus is delivered over LMTP, and
# GreenMail is only the SMTP server the app sends its acknowledgements through.

GREENMAIL_VERSION=2.1.13
GM_JAR="$OUT/greenmail-standalone-$GREENMAIL_VERSION.jar"
MAIL_ADDRESS=support@bench.example
MAIL_PASSWORD=bench-mail-password-1
CORPUS="$OUT/mail-corpus-$MESSAGES-s$SEED"
# The mailbox of the warm-up (bench/mail.sh --warmup N): other messages, another seed, read first.
WARMUP_ADDRESS=warmup@bench.example
GM_PID=
GM_LOG="$OUT/greenmail-$NAME.log"
DOVECOT_DIR="$OUT/dovecot-$NAME"
DOVECOT_PID=

# MailCorpus.java runs with GreenMail's jar on the class path for its Jakarta Mail / Angus client.
mc() { "$JAVA" -cp "$GM_JAR" "$ROOT/bench/src/MailCorpus.java" "$@"; }

# The app's jar, built if missing or older than src/ or pom.xml, then copied to bench/out so that a
# build in the working tree during a run cannot change the jar under the running app. Tests are
# neither compiled nor run, and the formatting check is skipped: the bench needs the app, not a review.
# With --jar PATH (GIVEN_JAR) that jar is used as it is; PATH.info, when present, says what it was
# built from (the scripts write one with --jar's companion: see bench/README.md).
mail_jar() {
    if [[ -n ${GIVEN_JAR:-} ]]; then
        [[ -s $GIVEN_JAR ]] || { echo "no jar at $GIVEN_JAR" >&2; exit 1; }
        JAR=$(realpath "$GIVEN_JAR")
        APP_BUILD="jar ${JAR#$ROOT/} ($(cat "$JAR.info" 2>/dev/null || echo "built $(date -u -r "$JAR" +%FT%TZ)"))"
        echo "app: $APP_BUILD"
        return 0
    fi
    JAR=$(ls target/followthrough-*.jar 2>/dev/null | grep -v plain | head -1 || true)
    if [[ -z $JAR ]] || [[ -n $(find src pom.xml -newer "$JAR" -type f -print -quit) ]]; then
        say "building the jar"
        ./mvnw -q -B -Dmaven.test.skip=true -Dspotless.check.skip=true package
        JAR=$(ls target/followthrough-*.jar | grep -v plain | head -1)
    fi
    cp "$JAR" "$OUT/followthrough-$NAME.jar"
    APP_BUILD="jar built $(date -u -r "$JAR" +%FT%TZ) at HEAD $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo ' with uncommitted changes in src/')"
    echo "$APP_BUILD" >"$OUT/followthrough-$NAME.jar.info"
    echo "app: ${JAR#$ROOT/}, $APP_BUILD; run from ${OUT#$ROOT/}/followthrough-$NAME.jar"
    JAR="$OUT/followthrough-$NAME.jar"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

check_ports_free() {
    local p
    local ports=("$HTTP_PORT" "$DB_PORT" "$SMTP_PORT" "$IMAP_PORT")
    [[ $IMAP_SERVER == dovecot ]] && ports+=("$LMTP_PORT")
    for p in "${ports[@]}"; do
        if port_open "$p"; then
            echo "port $p is already in use on this machine; pick others (--http-port, --db-port, --smtp-port, --imap-port, --lmtp-port)" >&2
            exit 1
        fi
    done
}

# GreenMail's standalone jar: a server, and the class path of MailCorpus.java's mail client.
greenmail_jar() {
    if [[ ! -s $GM_JAR ]]; then
        say "fetching GreenMail standalone $GREENMAIL_VERSION"
        ./mvnw -q -B dependency:copy -Dartifact=com.icegreen:greenmail-standalone:$GREENMAIL_VERSION -DoutputDirectory="$OUT" \
            || curl -fsSL -o "$GM_JAR" "https://repo1.maven.org/maven2/com/icegreen/greenmail-standalone/$GREENMAIL_VERSION/greenmail-standalone-$GREENMAIL_VERSION.jar"
    fi
}

start_greenmail() {
    greenmail_jar
    local imap=()
    if [[ $IMAP_SERVER == greenmail ]]; then
        imap=(-Dgreenmail.imap.hostname=127.0.0.1 -Dgreenmail.imap.port="$IMAP_PORT")
        say "starting GreenMail: SMTP 127.0.0.1:$SMTP_PORT, IMAP 127.0.0.1:$IMAP_PORT, mailbox $MAIL_ADDRESS (log ${GM_LOG#$ROOT/})"
    else
        say "starting GreenMail: SMTP 127.0.0.1:$SMTP_PORT, for the mail the app sends (log ${GM_LOG#$ROOT/})"
    fi
    # Not -Dgreenmail.hostname: with it GreenMail also opens its REST API on :8080. Each server gets
    # its own bind address and port instead; messages are kept in memory.
    "$JAVA" -Xmx1g \
        -Dgreenmail.smtp.hostname=127.0.0.1 -Dgreenmail.smtp.port="$SMTP_PORT" "${imap[@]}" \
        -Dgreenmail.users="$MAIL_ADDRESS:$MAIL_PASSWORD,$WARMUP_ADDRESS:$MAIL_PASSWORD" -Dgreenmail.users.login=email \
        -jar "$GM_JAR" >"$GM_LOG" 2>&1 &
    GM_PID=$!
    for _ in $(seq 1 60); do
        if port_open "$SMTP_PORT" && { [[ $IMAP_SERVER != greenmail ]] || port_open "$IMAP_PORT"; }; then return 0; fi
        kill -0 "$GM_PID" 2>/dev/null || { echo "GreenMail did not start; see $GM_LOG" >&2; tail -20 "$GM_LOG" >&2; exit 1; }
        sleep 0.5
    done
    echo "GreenMail did not open its ports; see $GM_LOG" >&2
    exit 1
}

stop_greenmail() {
    if [[ -n $GM_PID ]] && kill -0 "$GM_PID" 2>/dev/null; then
        kill "$GM_PID"
        wait "$GM_PID" 2>/dev/null || true
    fi
    GM_PID=
}

# Dovecot on its own directory (configuration, maildir, log), IMAP on IMAP_PORT and LMTP on
# LMTP_PORT, one user with any name and MAIL_PASSWORD; mail kept as Maildir, owned by nobody.
start_dovecot() {
    if ! command -v dovecot >/dev/null; then
        echo "--imap-server dovecot needs Dovecot: apt-get install dovecot-imapd dovecot-lmtpd" >&2
        exit 1
    fi
    rm -rf "$DOVECOT_DIR"
    mkdir -p "$DOVECOT_DIR/run" "$DOVECOT_DIR/state" "$DOVECOT_DIR/home"
    chown nobody:nogroup "$DOVECOT_DIR/home"
    cat >"$DOVECOT_DIR/dovecot.conf" <<CONF
protocols = imap lmtp
listen = 127.0.0.1
base_dir = $DOVECOT_DIR/run
state_dir = $DOVECOT_DIR/state
log_path = $DOVECOT_DIR/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 1
mail_location = maildir:~/Maildir
passdb {
  driver = static
  args = password=$MAIL_PASSWORD
}
userdb {
  driver = static
  args = uid=nobody gid=nogroup home=$DOVECOT_DIR/home/%n
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = $IMAP_PORT
  }
  inet_listener imaps {
    port = 0
  }
}
service lmtp {
  inet_listener lmtp {
    address = 127.0.0.1
    port = $LMTP_PORT
  }
}
protocol lmtp {
  postmaster_address = postmaster@bench.example
}
CONF
    say "starting Dovecot $(dovecot --version | cut -d' ' -f1): IMAP 127.0.0.1:$IMAP_PORT, LMTP 127.0.0.1:$LMTP_PORT, mailbox $MAIL_ADDRESS (${DOVECOT_DIR#$ROOT/})"
    dovecot -c "$DOVECOT_DIR/dovecot.conf"
    for _ in $(seq 1 40); do
        if port_open "$IMAP_PORT" && port_open "$LMTP_PORT" && [[ -s $DOVECOT_DIR/run/master.pid ]]; then
            DOVECOT_PID=$(cat "$DOVECOT_DIR/run/master.pid")
            return 0
        fi
        sleep 0.25
    done
    echo "Dovecot did not open its ports; see $DOVECOT_DIR/dovecot.log" >&2
    exit 1
}

stop_dovecot() {
    if [[ -n $DOVECOT_PID ]] && kill -0 "$DOVECOT_PID" 2>/dev/null; then
        dovecot -c "$DOVECOT_DIR/dovecot.conf" stop
    fi
    DOVECOT_PID=
}

# SMTP_SERVER=sink (with IMAP_SERVER=dovecot): bench/src/SmtpSink.java takes the app's mail
# instead of GreenMail, accepting and dropping it at a fraction of GreenMail's CPU.
start_sink() {
    greenmail_jar
    say "starting the SMTP sink (bench/src/SmtpSink.java): SMTP 127.0.0.1:$SMTP_PORT, for the mail the app sends (log ${GM_LOG#$ROOT/})"
    "$JAVA" -Xmx128m "$ROOT/bench/src/SmtpSink.java" --port "$SMTP_PORT" >"$GM_LOG" 2>&1 &
    GM_PID=$!
    for _ in $(seq 1 60); do
        port_open "$SMTP_PORT" && return 0
        kill -0 "$GM_PID" 2>/dev/null || { echo "the SMTP sink did not start; see $GM_LOG" >&2; exit 1; }
        sleep 0.5
    done
    echo "the SMTP sink did not open its port; see $GM_LOG" >&2
    exit 1
}

start_mail_servers() {
    if [[ ${SMTP_SERVER:-greenmail} == sink ]]; then
        [[ $IMAP_SERVER == dovecot ]] || { echo "--smtp-server sink needs --imap-server dovecot" >&2; exit 2; }
        start_sink
    else
        start_greenmail
    fi
    if [[ $IMAP_SERVER == dovecot ]]; then start_dovecot; fi
}

stop_mail_servers() {
    stop_dovecot
    stop_greenmail
}

# CPU of the IMAP server in clock ticks: GreenMail's JVM, or Dovecot's master and its processes.
imap_ticks() {
    if [[ $IMAP_SERVER == dovecot ]]; then tree_ticks "$DOVECOT_PID"; else ticks "$GM_PID"; fi
}

# A corpus of $2 messages with seed $3 addressed to $4, generated into $1 once (again when
# MailCorpus.java changes).
generate_corpus() {
    local dir=$1 count=$2 seed=$3 to=$4 format
    format=$(sed -n 's/.*CORPUS_FORMAT = \([0-9]*\);.*/\1/p' "$ROOT/bench/src/MailCorpus.java")
    if [[ ! -s $dir/keys.tsv || $(cat "$dir/format.txt" 2>/dev/null) != "$format" ]]; then
        say "generating $count messages (seed $seed) into ${dir#$ROOT/}"
        rm -rf "$dir.new.$$"
        mc generate --messages "$count" --seed "$seed" --dir "$dir.new.$$" --to "$to"
        rm -rf "$dir"
        mv "$dir.new.$$" "$dir"
    else
        say "corpus ${dir#$ROOT/} (generated before)"
        cat "$dir/summary.txt"
    fi
}

# The corpus in $1 delivered into the mailbox of $2: over LMTP into Dovecot, or over SMTP into GreenMail.
deliver_corpus() {
    local dir=$1 to=$2
    if [[ $IMAP_SERVER == dovecot ]]; then
        say "delivering ${dir#$ROOT/} over LMTP into Dovecot ($to), before the app reads the mailbox"
        mc deliver --dir "$dir" --port "$LMTP_PORT" --to "$to" --lmtp true
    else
        say "delivering ${dir#$ROOT/} over SMTP into GreenMail ($to), before the app reads the mailbox"
        mc deliver --dir "$dir" --port "$SMTP_PORT" --to "$to"
    fi
}

# The corpus for MESSAGES and SEED delivered into the support mailbox; the mailbox must then hold
# exactly MESSAGES unseen.
corpus_into_mailbox() {
    generate_corpus "$CORPUS" "$MESSAGES" "$SEED" "$MAIL_ADDRESS"
    deliver_corpus "$CORPUS" "$MAIL_ADDRESS"
    local status
    status=$(imap_status)
    echo "IMAP: $status"
    if [[ $status != "messages=$MESSAGES unseen=$MESSAGES" ]]; then
        echo "the mailbox should hold $MESSAGES unseen messages" >&2
        exit 1
    fi
    # The keys of the messages without a Message-ID as the app will see them: IMAP serves them with
    # the Return-Path and Received headers the server added, so their hash is not that of the bytes sent.
    mc imap-keys --port "$IMAP_PORT" --user "$MAIL_ADDRESS" --password "$MAIL_PASSWORD" --out "$OUT/imap-keys-$NAME.txt"
}

imap_status() { mc status --port "$IMAP_PORT" --user "$MAIL_ADDRESS" --password "$MAIL_PASSWORD"; }

# POST /api/v1/mailboxes as the bench admin, for $1 (the support address if none); prints the mailbox id.
create_mailbox() {
    local address=${1:-$MAIL_ADDRESS} body
    body=$(cat <<JSON
{"address":"$address","displayName":"Bench Support",
 "imap":{"host":"127.0.0.1","port":$IMAP_PORT,"security":"NONE","user":"$address","password":"$MAIL_PASSWORD","folder":"INBOX"},
 "smtp":{"host":"127.0.0.1","port":$SMTP_PORT,"security":"NONE","user":"","password":""},
 "pollIntervalSeconds":$POLL_INTERVAL,"acknowledge":${ACKNOWLEDGE:-true},"active":true}
JSON
)
    local response
    response=$(curl -sS -w '\n%{http_code}' -X POST "http://localhost:$HTTP_PORT/api/v1/mailboxes" \
        -H "Authorization: Bearer $BENCH_API_TOKEN" -H 'Content-Type: application/json' -d "$body")
    if [[ ${response##*$'\n'} != 201 ]]; then
        echo "creating the mailbox failed: $response" >&2
        return 1
    fi
    sed -n 's/.*"id" *: *"\([0-9a-f-]*\)".*/\1/p' <<<"${response%$'\n'*}" | head -1
}

q() { "${PSQL[@]}" -Atc "$1"; }

# Messages the app has filed: received ones plus quarantined ones.
filed() { q "select (select count(*) from mail_message where direction = 'IN') + (select count(*) from mail_quarantine)" 2>/dev/null || echo -1; }

# CPU time in clock ticks (utime + stime) of a process; of PostgreSQL: the postmaster, its children
# that are gone (cutime + cstime) and those still running.
ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
pg_ticks() {
    local pm
    pm=$(head -1 "$DATA/postgres/postmaster.pid" 2>/dev/null) || { echo 0; return; }
    tree_ticks "$pm"
}
tree_ticks() {
    [[ -n $1 ]] || { echo 0; return; }
    local total
    total=$(awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0)
    local child
    for child in $(pgrep -P "$1"); do
        total=$(( total + $(ticks "$child") ))
    done
    echo "$total"
}
TICK=$(getconf CLK_TCK)

# The corpus's keys and the IMAP-side hashes into bench.mail_keys / bench.mail_imap_keys.
load_keys() {
    q "set client_min_messages = warning;
       create schema if not exists bench;
       drop table if exists bench.mail_keys, bench.mail_imap_keys;
       create table bench.mail_keys (idx int, kind text, key text, expected text, file text);
       create table bench.mail_imap_keys (key text);" >/dev/null
    "${PSQL[@]}" -c "\\copy bench.mail_keys from '$CORPUS/keys.tsv'" >/dev/null
    "${PSQL[@]}" -c "\\copy bench.mail_imap_keys from '$OUT/imap-keys-$NAME.txt'" >/dev/null
}

# Never lose, never double: prints the checks as a markdown list and sets LOST and DUPLICATED.
verify() {
    load_keys
    local r
    r=$(q "with filed as (
               select message_key as key, 'message' as place from mail_message where direction = 'IN'
               union all select message_key, 'quarantine' from mail_quarantine),
           expected as (
               select key from bench.mail_keys where key not like 'sha256:%'
               union all select key from bench.mail_imap_keys),
           per_key as (select e.key, count(f.key) as n from expected e left join filed f on f.key = e.key group by e.key)
           select (select count(*) from per_key where n = 0),
                  (select coalesce(sum(n - 1), 0) from per_key where n > 1),
                  (select count(*) from filed f where not exists (select 1 from expected e where e.key = f.key)),
                  (select count(*) from filed),
                  (select count(*) from bench.mail_keys where key like 'sha256:%'),
                  (select count(*) from filed where key like 'sha256:%'),
                  (select count(*) from bench.mail_imap_keys),
                  (select count(*) from bench.mail_keys k where k.key like 'sha256:%'
                      and exists (select 1 from filed f where f.key = k.key))")
    local missing extra unexpected total noid noid_filed imap_noid sent_hash_hits
    IFS='|' read -r missing extra unexpected total noid noid_filed imap_noid sent_hash_hits <<<"$r"
    local entries
    entries=$(q "select count(*), count(distinct entry_id) from mail_message where direction = 'IN' and entry_id is not null")
    local inbound
    inbound=$(q "select count(*),
                        count(*) filter (where not exists (select 1 from mail_message m where m.entry_id = e.id))
                 from case_entry e where e.kind = 'INBOUND' and e.channel = 'EMAIL'")
    local opened
    opened=$(q "select count(*), count(distinct case_id),
                       (select count(*) from support_case where channel = 'EMAIL'),
                       (select count(*) from (select c.customer_id, c.subject, e.body from support_case c
                            join case_entry e on e.case_id = c.id and e.kind = 'INBOUND'
                            where c.channel = 'EMAIL' group by 1, 2, 3 having count(distinct c.id) > 1) d)
                from mail_message where direction = 'IN' and disposition in ('NEW_CASE', 'FOLLOW_UP')")
    local unseen
    unseen=$(imap_status 2>&1 | sed -n 's/.*unseen=\([0-9]*\).*/\1/p')
    local e_rows e_distinct i_rows i_orphans o_rows o_distinct o_cases o_dupbody
    IFS='|' read -r e_rows e_distinct <<<"$entries"
    IFS='|' read -r i_rows i_orphans <<<"$inbound"
    IFS='|' read -r o_rows o_distinct o_cases o_dupbody <<<"$opened"
    local dup_entries=$(( e_rows - e_distinct + i_orphans ))
    local dup_cases=$(( o_rows - o_distinct + (o_cases - o_distinct) ))
    LOST=$(( missing ))
    DUPLICATED=$(( extra + unexpected + dup_entries + dup_cases ))
    # the messages without a Message-ID, by count too: the hashes IMAP serves are not those of the bytes sent
    if (( noid_filed != noid )); then
        if (( noid_filed < noid )); then LOST=$(( LOST + noid - noid_filed )); else DUPLICATED=$(( DUPLICATED + noid_filed - noid )); fi
    fi
    echo "- messages generated: $MESSAGES; filed (mail_message IN + mail_quarantine): $total"
    echo "- every key the corpus used ($(( MESSAGES - noid )) Message-IDs, and for the $noid messages without one the sha256 of the bytes IMAP serves, $imap_noid keys): missing $missing, filed more than once $extra; filed under a key the corpus did not use: $unexpected"
    echo "- without a Message-ID, by count: $noid sent, $noid_filed filed under a sha256 key ($sent_hash_hits of them under the hash of the bytes as sent: IMAP adds Return-Path and Received)"
    echo "- timeline entries: $e_rows received messages carry an entry, $e_distinct distinct; $i_rows INBOUND EMAIL entries, $i_orphans of them without their message"
    echo "- cases opened: $o_rows messages opened a case (NEW_CASE, FOLLOW_UP), $o_distinct distinct cases; $o_cases EMAIL cases in all; customer + subject + first message twice: $o_dupbody"
    echo "- IMAP: $unseen unseen messages left"
    UNSEEN_LEFT=${unseen:-unknown}
    echo
    echo "**lost: $LOST, duplicated: $DUPLICATED**"
}

# Markdown tables of what the app made of the corpus.
outcome_tables() {
    load_keys >/dev/null
    echo "| outcome (mail_message.disposition) | messages |"
    echo "|---|---:|"
    q "select '| ' || disposition || ' | ' || n || ' |' from (select disposition, count(*) n from mail_message
       where direction = 'IN' group by 1) d order by n desc"
    q "select '| quarantined | ' || count(*) || ' |' from mail_quarantine"
    echo
    echo "**By kind of message** (expected: plain, html, attach, charset, noid open a case; reply is added to its case; auto answering an earlier message is AUTO_REPLY, else IGNORED; bounce is BOUNCE)"
    echo
    q "with filed as (
           select message_key as key, disposition from mail_message where direction = 'IN'
           union all select message_key, 'QUARANTINED' from mail_quarantine),
       k as (select kind, key, expected from bench.mail_keys where kind <> 'noid'
             union all select 'noid', key, 'NEW_CASE' from bench.mail_imap_keys)
       select k.kind, coalesce(f.disposition, 'MISSING'), count(*),
              count(*) filter (where f.disposition = any(string_to_array(k.expected, '|')))
       from k left join filed f on f.key = k.key group by 1, 2" |
    awk -F'|' '
        { kinds[$1] += $3; n[$1, $2] = $3; ok[$1] += $4; if (!($2 in seen)) { seen[$2] = 1; cols[++nc] = $2 } }
        END {
            printf "| kind | messages |"; for (c = 1; c <= nc; c++) printf " %s |", cols[c]; print " as expected |"
            printf "|---|---:|"; for (c = 1; c <= nc; c++) printf "---:|"; print "---:|"
            while (length(kinds) > 0) {
                best = ""; for (k in kinds) if (best == "" || kinds[k] > kinds[best]) best = k
                printf "| %s | %d |", best, kinds[best]
                for (c = 1; c <= nc; c++) printf " %s |", ((best, cols[c]) in n ? n[best, cols[c]] : "")
                printf " %d |\n", ok[best]
                delete kinds[best]
            }
        }'
    echo
    local quarantined
    quarantined=$(q "select count(*) from mail_quarantine")
    if (( quarantined > 0 )); then
        echo "**Quarantine reasons**"
        echo
        echo "| reason | kind | messages |"
        echo "|---|---|---:|"
        q "select '| ' || left(replace(reason, '|', '/'), 160) || ' | ' || kind || ' | ' || n || ' |' from (
               select q.reason, coalesce(k.kind, 'noid') kind, count(*) n
               from mail_quarantine q left join bench.mail_keys k on k.key = q.message_key
               group by 1, 2) r order by n desc limit 20"
        echo
    fi
    echo "**Acknowledgements** (mail_outbox, kind ACKNOWLEDGEMENT, by state)"
    echo
    echo "| state | mails |"
    echo "|---|---:|"
    q "select '| ' || state || ' | ' || n || ' |' from (select state, count(*) n from mail_outbox
       where kind = 'ACKNOWLEDGEMENT' group by 1) s order by n desc"
}

# Waits (at most $2 seconds) until the 1-minute load average is below $1: other work on the machine
# shows in every figure here. Prints what it found; never fails.
wait_quiet() {
    local limit=$1 max=$2 start
    start=$(date +%s)
    while :; do
        local load
        load=$(cut -d' ' -f1 /proc/loadavg)
        if awk -v l="$load" -v m="$limit" 'BEGIN { exit !(l < m) }'; then
            echo "load average $load (below $limit)"
            return 0
        fi
        if (( $(date +%s) - start >= max )); then
            echo "load average still $load after ${max}s; going on (the figures will show it)"
            return 0
        fi
        echo "  load average $load; waiting for it to fall below $limit"
        sleep 15
    done
}

# The parser on its own: the project's MailParserBenchmark (src/test, not part of the jar), compiled
# against the app's jar into bench/out and run twice, on the project's test corpus and on a sample of
# this corpus (every 50th message). Prints markdown; nothing if the benchmark does not exist.
PARSER_BENCH_SRC=src/test/java/org/followthrough/email/parse/MailParserBenchmark.java
parser_bench() {
    [[ -f $PARSER_BENCH_SRC ]] || { echo "(no $PARSER_BENCH_SRC: no parser micro-benchmark)"; return 0; }
    local dir="$OUT/parser-bench-$NAME"
    rm -rf "$dir"
    mkdir -p "$dir/app" "$dir/classes/mail" "$dir/sample/mail/corpus"
    (cd "$dir/app" && unzip -q "$JAR")
    local cp="$dir/app/BOOT-INF/classes:$dir/app/BOOT-INF/lib/*"
    if ! "$JAVA_HOME/bin/javac" -nowarn -d "$dir/classes" -cp "$cp" "$PARSER_BENCH_SRC" >"$dir/javac.log" 2>&1; then
        echo "(MailParserBenchmark did not compile against this jar; see ${dir#$ROOT/}/javac.log)"
        return 0
    fi
    cp -r src/test/resources/mail/corpus "$dir/classes/mail/corpus"
    awk -F'\t' 'NR % 50 == 1 { print $5 }' "$CORPUS/keys.tsv" | while read -r f; do cp "$CORPUS/$f" "$dir/sample/mail/corpus/"; done
    local main=org.followthrough.email.parse.MailParserBenchmark
    echo "\`MailParserBenchmark\` (${PARSER_BENCH_SRC}, compiled against the jar measured; one thread; 300 warm-up rounds, then 300 measured):"
    echo
    echo "- the project's test corpus (\`src/test/resources/mail/corpus\`):"
    echo
    echo '```'
    "$JAVA" -Xmx1g -cp "$dir/classes:$cp" "$main" 300 2>&1 | grep -v '^left out' | head -12
    echo '```'
    echo
    echo "- every 50th message of this corpus ($(ls "$dir/sample/mail/corpus" | wc -l) messages, the same mix of kinds):"
    echo
    echo '```'
    "$JAVA" -Xmx1g -cp "$dir/sample:$dir/classes:$cp" "$main" 300 2>&1 | grep -v '^left out' | head -12
    echo '```'
}

# Shared by bench/run.sh and bench/promises.sh (sourced, not run): the environment, the jar, and
# starting and stopping the app on a scale's own data directory. Expects ROOT (the repository),
# SCALE, HTTP_PORT and DB_PORT to be set by the caller.

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
OUT="$ROOT/bench/out"
DATA="$OUT/data-$SCALE"
LOG="$OUT/app-$SCALE.log"
export BENCH_ADMIN_EMAIL=bench@example.com
# The password rules refuse one that contains "bench". A desk made before that rule keeps the
# password it was made with: give it as BENCH_ADMIN_PASSWORD.
export BENCH_ADMIN_PASSWORD=${BENCH_ADMIN_PASSWORD:-load-driver-secret-1}
export BENCH_API_TOKEN=ft_bench_0123456789abcdefghijklmnop
export PGHOST=localhost PGPORT=$DB_PORT PGUSER=postgres PGDATABASE=followthrough
# The embedded PostgreSQL takes passwords only; the app keeps them in its data directory.
export PGPASSFILE="$DATA/pgpass"
PSQL=(psql -X -q -v ON_ERROR_STOP=1)
mkdir -p "$OUT"

say() { printf '\n== %s\n' "$*"; }

# The jar, built if it is missing or older than src/ or pom.xml; BENCH_JAR names another one (to
# measure an older build against this one on the same data).
ensure_jar() {
    if [[ -n ${BENCH_JAR:-} ]]; then JAR=$BENCH_JAR; say "using the jar $JAR"; return; fi
    JAR=$(ls target/followthrough-*.jar 2>/dev/null | grep -v plain | head -1 || true)
    if [[ -z $JAR ]] || [[ -n $(find src pom.xml -newer "$JAR" -type f -print -quit) ]]; then
        say "building the jar"
        ./mvnw -q -B -DskipTests package
        JAR=$(ls target/followthrough-*.jar | grep -v plain | head -1)
    fi
}

APP_PID=
# start_app [JVM options...] [-- app arguments...]: the jar on $DATA with the bench's credentials,
# its PostgreSQL on $DB_PORT; returns when /actuator/health answers. APP_PID is the JVM.
start_app() {
    local jvm=() app=()
    while [[ $# -gt 0 ]]; do
        if [[ $1 == -- ]]; then shift; app=("$@"); break; fi
        jvm+=("$1"); shift
    done
    say "starting the app on :$HTTP_PORT (data in ${DATA#$ROOT/}, PostgreSQL on :$DB_PORT, log in ${LOG#$ROOT/})"
    FOLLOWTHROUGH_DATA_DIR="$DATA" \
    FOLLOWTHROUGH_EMBEDDEDDATABASE_PORT=$DB_PORT \
    FOLLOWTHROUGH_ADMIN_EMAIL=$BENCH_ADMIN_EMAIL \
    FOLLOWTHROUGH_ADMIN_PASSWORD=$BENCH_ADMIN_PASSWORD \
    FOLLOWTHROUGH_API_TOKEN=$BENCH_API_TOKEN \
    FOLLOWTHROUGH_BASE_URL=http://localhost:$HTTP_PORT \
    PORT=$HTTP_PORT \
        "$JAVA" -Xms1g -Xmx1g "${jvm[@]}" -jar "$JAR" "${app[@]}" >"$LOG" 2>&1 &
    APP_PID=$!
    for i in $(seq 1 300); do
        if curl -fs "http://localhost:$HTTP_PORT/actuator/health" >/dev/null 2>&1; then break; fi
        if ! kill -0 "$APP_PID" 2>/dev/null; then echo "the app died; see $LOG" >&2; tail -30 "$LOG" >&2; exit 1; fi
        sleep 1
    done
    curl -fs "http://localhost:$HTTP_PORT/actuator/health" >/dev/null || { echo "the app did not become healthy" >&2; exit 1; }
    grep -o 'Embedded PostgreSQL is running on port [0-9]*' "$LOG" | tail -1
}

stop_app() {
    if [[ -n $APP_PID ]] && kill -0 "$APP_PID" 2>/dev/null; then
        say "stopping the app (pid $APP_PID)"
        kill "$APP_PID"
        wait "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=
}

#!/usr/bin/env bash
# The peer comparisons of docs/BENCHMARKS.md, measured in one run on this machine, REPEATS times each, medians
# printed and written to $OUT/summary.txt:
#   ceiling   wrk (the same client, script and connections for both) against a bare Netty HTTP server that answers
#             a fixed JSON body (dev.loyalty.benchmarks.BareHttpServer), then against `loyalty serve`:
#             POST /v1/purchases (one-shot), unique txIds, random seeded members.
#   loadgen   `loyalty loadgen` against `loyalty serve`, every answer checked: one-shot purchases as fast as
#             they are answered (closed loop), then open loop at half that rate (its p99), then the default mix.
#   binary    `loyalty loadgen --protocol binary` against `loyalty serve` (8 GB heap, pre-touched, huge pages;
#             BINARY_SERVE_OPTS): authorize + capture flows as fast as they are answered (BINARY_CONNECTIONS=4 x
#             BINARY_PIPELINE=64), then open loop at half that rate (its p99), or at BINARY_RATE flows/s when that
#             is set; every answer checked.
#   postgres  a private PostgreSQL cluster on loopback (initdb into $OUT, pg_ctl on a free port), the same
#             purchase as one plpgsql call in one transaction (ledger.sql), driven by pgbench (purchase.pgbench)
#             with the same connections: synchronous_commit=off (its best case), then on (durable).
# Usage: benchmarks/compare/run.sh [ceiling] [loadgen] [binary] [postgres]     (default: all four)
# Settings (environment): REPEATS=3 DURATION=20 (s, measured) WARMUP=5 (s, each measured run's own warm-up)
#   SERVER_WARMUP=20 (s of load a freshly started server gets first, unmeasured: the JIT) CONNECTIONS=16 PIPELINE=8
#   MEMBERS=100000 OUT=benchmarks/target/compare SERVE_OPTS= (JAVA_OPTS of `loyalty serve` in ceiling and
#   loadgen; binary uses BINARY_SERVE_OPTS, default "-Xms8g -Xmx8g -XX:+AlwaysPreTouch": the heap of a server that
#   has run a while, every page already touched, instead of first touches of fresh heap pages inside the
#   measurement, about 18% of the CPU; plus -XX:+UseTransparentHugePages when the kernel gives shared memory
#   huge pages, which ZGC's heap needs (/sys/kernel/mm/transparent_hugepage/shmem_enabled set to advise, e.g.
#   `echo advise > /sys/kernel/mm/transparent_hugepage/shmem_enabled` as root; HUGE_PAGES=0 leaves them out);
#   loadgen and seed JVMs get $JAVA_OPTS; the launcher
#   picks ZGC unless these name a collector, e.g. SERVE_OPTS=-XX:+UseG1GC) SERVE_ARGS= (more `loyalty serve`
#   arguments for every engine, e.g. "--snapshots OFF") BINARY_RATE= (binary's open loop at this many flows/s
#   instead of half its closed-loop max)
#   SERVE_JAVA_HOME= (the JDK of every `loyalty serve`, e.g. /usr/lib/jvm/temurin-25-jdk-amd64 for generational
#   ZGC; the seed, snapshot and loadgen JVMs keep $JAVA_HOME or the java on PATH)
#   PROFILE=1 (a JFR recording of the engine in the first closed-loop loadgen run: $OUT/serve.jfr, summarized with benchmarks/jfr-top.py).
# Needs root for the first run only: it installs wrk and postgresql from the Debian packages when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
COMPARE=$ROOT/benchmarks/compare
OUT=${OUT:-$ROOT/benchmarks/target/compare}
REPEATS=${REPEATS:-3}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-5}
SERVER_WARMUP=${SERVER_WARMUP:-20}
CONNECTIONS=${CONNECTIONS:-16}
PIPELINE=${PIPELINE:-8}
MEMBERS=${MEMBERS:-100000}
PROFILE=${PROFILE:-0}
BINARY_CONNECTIONS=${BINARY_CONNECTIONS:-4}
BINARY_PIPELINE=${BINARY_PIPELINE:-64}
BINARY_RATE=${BINARY_RATE:-}
read -r -a SERVE_ARGS <<< "${SERVE_ARGS:-}"
HUGE_PAGES=${HUGE_PAGES:-1}
PARTS=${*:-ceiling loadgen binary postgres}
# shmem_enabled reads e.g. "always within_size [advise] never deny force": the selected mode is in brackets
SHMEM_HUGE=$(sed -n 's/.*\[\([a-z_]*\)\].*/\1/p' /sys/kernel/mm/transparent_hugepage/shmem_enabled 2>/dev/null || true)
BINARY_DEFAULT_OPTS="-Xms8g -Xmx8g -XX:+AlwaysPreTouch"
if [[ $HUGE_PAGES == 1 && $SHMEM_HUGE =~ ^(advise|always|within_size|force)$ ]]; then
    BINARY_DEFAULT_OPTS="$BINARY_DEFAULT_OPTS -XX:+UseTransparentHugePages"
fi
KEY=adm_compare-benchmark-key-0123456789
export LOYALTY_SKIP_BUILD=1
mkdir -p "$OUT"
OUT=$(cd "$OUT" && pwd)
RESULTS=$OUT/results.tsv
: > "$RESULTS"
PIDS=()

log() { echo "== $* (load average: $(cut -d' ' -f1-3 /proc/loadavg))" | tee -a "$OUT/run.log"; }
load() { cut -d' ' -f1 /proc/loadavg; }
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$(load)" >> "$RESULTS"; }   # the 1-minute load average when the run ended
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
median() { sort -g | awk '{v[NR]=$1} END {if (NR == 0) print "-"; else print v[int((NR + 1) / 2)]}'; }
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; stop_postgres; }
trap cleanup EXIT

install() {
    local missing=()
    command -v wrk > /dev/null || missing+=(wrk)
    ls /usr/lib/postgresql/*/bin/initdb > /dev/null 2>&1 || missing+=(postgresql)
    command -v python3 > /dev/null || missing+=(python3)
    if (( ${#missing[@]} > 0 )); then
        echo "installing ${missing[*]} (apt-get, needs root)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" > /dev/null
    fi
}

build() {
    if [[ ! -f benchmarks/target/benchmarks.jar || ! -f tools/target/loyalty-tools.jar ]]; then
        log "building (mvn -q -B -DskipTests package)"
        mvn -q -B -DskipTests package
    fi
}

machine() {
    {
        echo "date: $(date -u +%FT%TZ)"
        echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
        echo "nproc: $(nproc)"
        echo "cpu: $(lscpu | sed -n 's/^Model name: *//p')"
        echo "memory: $(free -g | awk '/Mem:/ {print $2 " GiB"}')"
        echo "java: $(java -version 2>&1 | head -2 | tail -1)"
        echo "wrk: $(wrk -v 2>&1 | head -1)"
        echo "postgres: $(ls -d /usr/lib/postgresql/*/ | tail -1)"
        echo "shared-memory huge pages (shmem_enabled): ${SHMEM_HUGE:-unknown}; binary serve opts: ${BINARY_SERVE_OPTS:-$BINARY_DEFAULT_OPTS}"
        echo "settings: REPEATS=$REPEATS DURATION=$DURATION WARMUP=$WARMUP SERVER_WARMUP=$SERVER_WARMUP CONNECTIONS=$CONNECTIONS PIPELINE=$PIPELINE MEMBERS=$MEMBERS BINARY_RATE=$BINARY_RATE BINARY_SERVE_OPTS=${BINARY_SERVE_OPTS:-} SERVE_JAVA_HOME=${SERVE_JAVA_HOME:-} SERVE_ARGS=${SERVE_ARGS[*]+${SERVE_ARGS[*]}}"
    } | tee "$OUT/machine.txt"
}

# Members 1..MEMBERS with cards 777000000001.. and 1,000,000 points each, seeded once, and a snapshot of them;
# every engine run starts from a copy of this data directory.
seed() {
    if [[ ! -f "$OUT/seeded-$MEMBERS" ]]; then
        rm -rf "$OUT/seed-data"
        log "seeding $MEMBERS members offline"
        ./loyalty seed --offline --data-dir "$OUT/seed-data" --members "$MEMBERS" --points 1000000 | tail -1
        # and a snapshot of them, as a running engine would have written: the engine's snapshot follower starts
        # from it, caught up, instead of replaying the seeding while it is measured
        ./loyalty snapshot --data-dir "$OUT/seed-data" | tail -1
        touch "$OUT/seeded-$MEMBERS"
    fi
}

SERVE_PID=
start_serve() {
    local name=$1 opts=${2:-}
    rm -rf "$OUT/data-$name"
    cp -a "$OUT/seed-data" "$OUT/data-$name"
    PORT=$(free_port)
    BINARY_PORT=$(free_port)
    JAVA_HOME=${SERVE_JAVA_HOME:-${JAVA_HOME:-}} LOYALTY_ADMIN_KEY=$KEY JAVA_OPTS="$opts" ./loyalty serve --host 127.0.0.1 --port "$PORT" \
        --binary-port "$BINARY_PORT" --data-dir "$OUT/data-$name" ${SERVE_ARGS[@]+"${SERVE_ARGS[@]}"} \
        > "$OUT/serve-$name.log" 2>&1 &
    SERVE_PID=$!
    PIDS+=("$SERVE_PID")
    for _ in $(seq 1 600); do
        grep -qs '^ready:' "$OUT/serve-$name.log" && return 0
        kill -0 "$SERVE_PID" 2>/dev/null || { cat "$OUT/serve-$name.log"; exit 1; }
        sleep 0.5
    done
    echo "serve did not become ready"; exit 1
}
stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

wrk_run() {
    local url=$1 seconds=$2 logfile=$3
    KEY=$KEY MEMBERS=$MEMBERS PIPELINE=$PIPELINE RUN_ID="$(date +%s%N)" \
        wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --timeout 10s -s "$COMPARE/oneshot.lua" "$url" > "$logfile" 2>&1
    local errors
    errors=$(sed -n 's/.*Non-2xx or 3xx responses: *//p' "$logfile")
    if [[ -n "$errors" ]]; then echo "wrk got $errors non-2xx answers, see $logfile"; exit 1; fi
    awk '/^Requests\/sec:/ {print $2}' "$logfile"
}

ceiling() {
    for r in $(seq 1 "$REPEATS"); do
        PORT=$(free_port)
        java -cp benchmarks/target/benchmarks.jar dev.loyalty.benchmarks.BareHttpServer "$PORT" 127.0.0.1 \
            > "$OUT/bare-$r.log" 2>&1 &
        local bare=$!
        PIDS+=("$bare")
        until grep -qs '^ready:' "$OUT/bare-$r.log"; do sleep 0.2; done
        wrk_run "http://127.0.0.1:$PORT" "$SERVER_WARMUP" "$OUT/wrk-bare-warmup-$r.log" > /dev/null
        log "ceiling run $r: wrk -t1 -c$CONNECTIONS -d${DURATION}s -s oneshot.lua (pipeline $PIPELINE), bare Netty"
        local rate
        rate=$(wrk_run "http://127.0.0.1:$PORT" "$DURATION" "$OUT/wrk-bare-$r.log")
        record bare_netty_wrk "$rate"
        echo "   bare Netty: $rate requests/s"
        stop_pid "$bare"

        start_serve "wrk-$r" "${SERVE_OPTS:-}"
        wrk_run "http://127.0.0.1:$PORT" "$SERVER_WARMUP" "$OUT/wrk-engine-warmup-$r.log" > /dev/null
        log "ceiling run $r: the same wrk against loyalty serve"
        rate=$(wrk_run "http://127.0.0.1:$PORT" "$DURATION" "$OUT/wrk-engine-$r.log")
        record engine_wrk "$rate"
        echo "   loyalty serve: $rate requests/s"
        stop_pid "$SERVE_PID"
    done
}

loadgen_run() {
    local name=$1; shift
    LOYALTY_ADMIN_KEY=$KEY ./loyalty loadgen --url "http://127.0.0.1:$PORT" --members "$MEMBERS" \
        --connections "${LOADGEN_CONNECTIONS:-$CONNECTIONS}" --warmup "${WARMUP}s" --duration "${RUN_SECONDS:-$DURATION}s" --quiet \
        --report-dir "$OUT/report-$name" "$@" > "$OUT/loadgen-$name.log" 2>&1 \
        || { echo "loadgen failed, see $OUT/loadgen-$name.log"; tail -20 "$OUT/loadgen-$name.log"; exit 1; }
    sed -n 's/^throughput: \([0-9,]*\) answers.*/\1/p' "$OUT/loadgen-$name.log" | tr -d ,
}
p99_of() { awk '$1 == "all" && NF == 7 {print $5}' "$OUT/loadgen-$1.log"; }

loadgen() {
    for r in $(seq 1 "$REPEATS"); do
        local opts="${SERVE_OPTS:-}"
        if [[ "$PROFILE" == 1 && "$r" == 1 ]]; then
            opts="$opts -XX:StartFlightRecording=filename=$OUT/serve.jfr,settings=profile"
        fi
        start_serve "loadgen-$r" "$opts"
        log "loadgen run $r: warming the engine up for ${SERVER_WARMUP}s (the default mix, not recorded)"
        RUN_SECONDS=$SERVER_WARMUP loadgen_run "warm-$r" --rate 0 --pipeline "$PIPELINE" > /dev/null
        log "loadgen run $r: one-shot, closed loop, $CONNECTIONS connections x $PIPELINE in flight"
        local max
        max=$(loadgen_run "max-$r" --rate 0 --pipeline "$PIPELINE" --mix one-shot=1)
        record loadgen_oneshot_max "$max"
        record loadgen_oneshot_max_p99_ms "$(p99_of "max-$r")"
        echo "   max: $max one-shots/s, p99 $(p99_of "max-$r") ms"
        local half=$(( max / 2 > 0 ? max / 2 : 1 ))
        log "loadgen run $r: one-shot, open loop at half of that, $half/s"
        loadgen_run "half-$r" --rate "$half" --mix one-shot=1 > /dev/null
        record loadgen_oneshot_half_rate "$half"
        record loadgen_oneshot_half_p99_ms "$(p99_of "half-$r")"
        echo "   at $half/s: p99 $(p99_of "half-$r") ms"
        log "loadgen run $r: the default mix, closed loop"
        local mix
        mix=$(loadgen_run "mix-$r" --rate 0 --pipeline "$PIPELINE")
        record loadgen_mix_max "$mix"
        echo "   default mix: $mix answers/s, p99 $(p99_of "mix-$r") ms"
        stop_pid "$SERVE_PID"
    done
}

# The binary protocol: authorize + capture flows (an authorization and its capture, two answers), closed loop
# with BINARY_CONNECTIONS x BINARY_PIPELINE in flight, then open loop at half that flow rate.
binary() {
    for r in $(seq 1 "$REPEATS"); do
        start_serve "binary-$r" "${BINARY_SERVE_OPTS:-$BINARY_DEFAULT_OPTS}"
        local bin=(--protocol binary --binary-port "$BINARY_PORT" --mix authorize-capture=1)
        export LOADGEN_CONNECTIONS=$BINARY_CONNECTIONS
        log "binary run $r: warming the engine up for ${SERVER_WARMUP}s (not recorded)"
        RUN_SECONDS=$SERVER_WARMUP loadgen_run "binary-warm-$r" "${bin[@]}" --rate 0 --pipeline "$BINARY_PIPELINE" > /dev/null
        log "binary run $r: authorize + capture, closed loop, $BINARY_CONNECTIONS connections x $BINARY_PIPELINE in flight"
        local answers
        answers=$(loadgen_run "binary-max-$r" "${bin[@]}" --rate 0 --pipeline "$BINARY_PIPELINE")
        record binary_authorizations_max $(( answers / 2 ))
        record binary_max_p99_ms "$(p99_of "binary-max-$r")"
        echo "   max: $(( answers / 2 )) authorizations/s ($answers answers/s), p99 $(p99_of "binary-max-$r") ms"
        local half=$(( answers / 4 > 0 ? answers / 4 : 1 ))
        [[ -n "$BINARY_RATE" ]] && half=$BINARY_RATE
        log "binary run $r: open loop at $half flows/s (half of that unless BINARY_RATE is set)"
        loadgen_run "binary-half-$r" "${bin[@]}" --rate "$half" > /dev/null
        record binary_half_rate "$half"
        record binary_half_p99_ms "$(p99_of "binary-half-$r")"
        echo "   at $half authorizations/s: p99 $(p99_of "binary-half-$r") ms"
        stop_pid "$SERVE_PID"
        unset LOADGEN_CONNECTIONS
    done
}

PGBIN=
PGDATA_DIR=
stop_postgres() {
    if [[ -n "$PGDATA_DIR" && -f "$PGDATA_DIR/postmaster.pid" ]]; then
        runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast stop > /dev/null 2>&1 || true
    fi
}

postgres() {
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    local pgroot=$OUT/pg
    rm -rf "$pgroot"
    mkdir -p "$pgroot"
    chown postgres "$pgroot"
    PGDATA_DIR=$pgroot/data
    local pgport
    pgport=$(free_port)
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA_DIR" -A trust -U postgres > "$OUT/initdb.log"
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$pgroot/postgres.log" -w start -o \
        "-p $pgport -c listen_addresses=127.0.0.1 -c unix_socket_directories=$pgroot -c shared_buffers=1GB -c max_connections=200 -c synchronous_commit=off" \
        > /dev/null
    local psql=("$PGBIN/psql" -q -h 127.0.0.1 -p "$pgport" -U postgres -v ON_ERROR_STOP=1)
    log "postgres: ledger.sql with $MEMBERS members"
    "${psql[@]}" -v members="$MEMBERS" -f "$COMPARE/ledger.sql" postgres
    local bench=("$PGBIN/pgbench" -n -h 127.0.0.1 -p "$pgport" -U postgres -c "$CONNECTIONS" -j 1 -M prepared
        -D members="$MEMBERS" -f "$COMPARE/purchase.pgbench" postgres)
    for mode in off on; do
        "${psql[@]}" -c "ALTER SYSTEM SET synchronous_commit = $mode" -c "SELECT pg_reload_conf()" postgres > /dev/null
        "${bench[@]}" -T "$WARMUP" > "$OUT/pgbench-$mode-warmup.log" 2>&1
        for r in $(seq 1 "$REPEATS"); do
            log "postgres run $r: pgbench -c $CONNECTIONS -j 1 -T $DURATION, synchronous_commit=$mode"
            "${bench[@]}" -T "$DURATION" > "$OUT/pgbench-$mode-$r.log" 2>&1 \
                || { cat "$OUT/pgbench-$mode-$r.log"; exit 1; }
            local tps
            tps=$(sed -n 's/^tps = \([0-9.]*\) .*/\1/p' "$OUT/pgbench-$mode-$r.log" | head -1)
            record "postgres_sync_$mode" "$tps"
            echo "   synchronous_commit=$mode: $tps purchases/s"
        done
    done
    "${psql[@]}" -t -c "SELECT 'purchases ' || count(*) || ', ledger rows ' || (SELECT count(*) FROM ledger) FROM purchases" postgres
    stop_postgres
}

summary() {
    local f=$OUT/summary.txt
    med() { awk -F'\t' -v k="$1" '$1 == k {print $2}' "$RESULTS" | median; }
    loads() { awk -F'\t' -v k="$1" '$1 == k {printf "%s%s", sep, $3; sep=" / "}' "$RESULTS"; }
    runs() { awk -F'\t' -v k="$1" '$1 == k {printf "%s%s", sep, $2; sep=" / "}' "$RESULTS"; }
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'; }
    {
        echo "median of $REPEATS runs (the runs; the 1-minute load average when each ended)"
        for k in bare_netty_wrk engine_wrk loadgen_oneshot_max loadgen_oneshot_max_p99_ms loadgen_oneshot_half_rate \
            loadgen_oneshot_half_p99_ms loadgen_mix_max binary_authorizations_max binary_max_p99_ms binary_half_rate \
            binary_half_p99_ms postgres_sync_off postgres_sync_on; do
            [[ -n "$(runs "$k")" ]] && printf '%-30s %12s   (%s; load %s)\n' "$k" "$(med "$k")" "$(runs "$k")" "$(loads "$k")"
        done
        echo "engine / bare Netty, same wrk:         $(ratio "$(med engine_wrk)" "$(med bare_netty_wrk)")"
        echo "engine (wrk) / postgres sync off:      $(ratio "$(med engine_wrk)" "$(med postgres_sync_off)")"
        echo "engine (loadgen) / postgres sync off:  $(ratio "$(med loadgen_oneshot_max)" "$(med postgres_sync_off)")"
        echo "engine (loadgen) / postgres sync on:   $(ratio "$(med loadgen_oneshot_max)" "$(med postgres_sync_on)")"
        echo "binary authorizations / postgres off:  $(ratio "$(med binary_authorizations_max)" "$(med postgres_sync_off)")"
    } | tee "$f"
}

install
build
machine
for part in $PARTS; do
    case $part in
        ceiling) seed; ceiling ;;
        loadgen) seed; loadgen ;;
        binary) seed; binary ;;
        postgres) postgres ;;
        *) echo "unknown part $part (ceiling, loadgen, binary, postgres)"; exit 2 ;;
    esac
done
summary

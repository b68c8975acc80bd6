#!/usr/bin/env bash
# CPU per request of `loyalty serve` under the wrk of run.sh (what a shared machine cannot spoil as badly as a
# rate): serves a copy of SEED (the data directory run.sh seeds: $OUT/seed-data), gives it 15 s of wrk, then
# measures 20 s and prints the rate and the CPU time (user + system) of the serve JVM and of its busiest threads
# per request. JFR=1 also records the measured 20 s with settings=profile into $D/serve.jfr (benchmarks/jfr-top.py).
# usage: benchmarks/compare/cpu-per-request.sh NAME [JAVA_OPTS]     (SEED=..., ROOT=the checkout to run, D=/tmp/cpu-NAME)
set -euo pipefail
ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
LUA=$(cd "$(dirname "$0")" && pwd)/oneshot.lua
SEED=${SEED:-$ROOT/benchmarks/target/compare/seed-data}
[[ -d "$SEED" ]] || { echo "no seeded data directory $SEED: run benchmarks/compare/run.sh ceiling first, or set SEED"; exit 2; }
cd "$ROOT"
NAME=$1; EXTRA=${2:-}
D=${D:-/tmp/cpu-$NAME}; rm -rf "$D"; mkdir -p "$D"; cp -a "$SEED" "$D/data"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
KEY=adm_compare-benchmark-key-0123456789
LOYALTY_SKIP_BUILD=1 LOYALTY_ADMIN_KEY=$KEY JAVA_OPTS="$EXTRA" ./loyalty serve --host 127.0.0.1 --port $PORT --data-dir $D/data ${SERVE_ARGS:-} > $D/serve.log 2>&1 &
PID=$!
until grep -qs '^ready:' $D/serve.log; do sleep 0.5; kill -0 $PID; done
JPID=$(pgrep -P $PID java || echo $PID)
w() { KEY=$KEY MEMBERS=100000 PIPELINE=8 RUN_ID="$(date +%s%N)" wrk -t1 -c16 -d${1}s --timeout 10s -s "$LUA" http://127.0.0.1:$PORT > $2 2>&1; }
threads() { for t in /proc/$JPID/task/*; do echo "$(cat $t/comm)|$(awk "{print \$${FIELD:-14}+\$${FIELD2:-15}}" $t/stat)"; done; }
w 15 $D/warm.txt
if [[ -n "${JFR:-}" ]]; then jcmd $JPID JFR.start name=p settings=profile filename=$D/serve.jfr > /dev/null; fi
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
threads > $D/cpu0
w 20 $D/wrk.txt
threads > $D/cpu1
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n "${JFR:-}" ]]; then jcmd $JPID JFR.stop name=p > /dev/null; fi
grep -E "Requests/sec|Non-2xx|Latency" $D/wrk.txt
REQ=$(awk '/requests in/ {print $1}' $D/wrk.txt)
python3 - $D/cpu0 $D/cpu1 $REQ <<'PY'
import sys, collections
def rd(f):
    d = collections.Counter()
    for l in open(f):
        n, v = l.rstrip('\n').rsplit('|', 1); d[n] += int(v)
    return d
a, b, req = rd(sys.argv[1]), rd(sys.argv[2]), int(sys.argv[3])
tot = sum(b.values()) - sum(a.values())
print(f"requests {req}, serve CPU {tot/100:.1f} s, {tot*10000/req:.1f} us CPU/request")
for n in sorted(b, key=lambda n: -(b[n]-a[n]))[:6]:
    print(f"   {n:20s} {(b[n]-a[n])*10000/req:6.1f} us/request")
PY
kill $PID; wait $PID || true

#!/usr/bin/env bash
# Runs the benchmarks of docs/BENCHMARKS.md, each REPEATS times (default 3), and prints the median of every
# JMH figure over the runs and each harness run's latency line. Results (JMH JSON and text logs) go to OUT.
# Allocation is the median over every measured iteration of every run: JMH's gc profiler counts a trial's
# teardown (the audit) into its last iteration, and the median leaves that one out.
#   benchmarks/run-benchmarks.sh            # everything
#   benchmarks/run-benchmarks.sh codec      # one group: codec journal logic pipeline latency promotions http
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=${JAR:-benchmarks/target/benchmarks.jar}
OUT=${OUT:-benchmarks/target/results}
REPEATS=${REPEATS:-3}
GROUPS_TO_RUN=${*:-codec journal logic pipeline latency}
[ -f "$JAR" ] || mvn -q -DskipTests package -pl benchmarks -am
mkdir -p "$OUT"

jmh() {
  local name=$1; shift
  for r in $(seq 1 "$REPEATS"); do
    echo "== $name run $r: java -jar $JAR $* ($(uptime))"
    java -jar "$JAR" "$@" -rf json -rff "$OUT/$name-$r.json" > "$OUT/$name-$r.txt" 2>&1 \
      || { echo "FAILED: see $OUT/$name-$r.txt"; exit 1; }
  done
  jq -s -r 'flatten
    | group_by(.benchmark + (.params // {} | tostring))
    | map({b: (.[0].benchmark | sub("dev.loyalty.(benchmarks|gateway)."; "")), p: (.[0].params // {} | to_entries | map("\(.key)=\(.value)") | join(" ")),
           unit: .[0].primaryMetric.scoreUnit,
           s: (map(.primaryMetric.score) | sort), a: (map(.secondaryMetrics["gc.alloc.rate.norm"].rawData // empty) | flatten | sort)})
    | .[] | "\(.b) [\(.p)] median \(.s[(.s | length / 2 | floor)] | floor) \(.unit) (runs: \(.s | map(floor) | join(", ")))"
      + (if (.a | length) > 0 then "; alloc median of all iterations \(.a[(.a | length / 2 | floor)] | floor) B/op" else "" end)' \
    "$OUT"/"$name"-*.json
}

harness() {
  local name=$1; shift
  for r in $(seq 1 "$REPEATS"); do
    echo "== $name run $r: java -cp $JAR dev.loyalty.benchmarks.PipelineLatencyHarness $* ($(uptime))"
    java -cp "$JAR" dev.loyalty.benchmarks.PipelineLatencyHarness "$@" --hgrm "$OUT/$name-$r.hgrm" \
      > "$OUT/$name-$r.txt" 2>&1 || { echo "FAILED: see $OUT/$name-$r.txt"; exit 1; }
    grep -E "^(sent|latency|NOT SUSTAINED)" "$OUT/$name-$r.txt"
  done
}

for group in $GROUPS_TO_RUN; do
  case $group in
    codec) jmh codec CommandCodecBenchmark -prof gc ;;
    journal) jmh journal JournalAppendBenchmark ;;
    logic) jmh logic BusinessLogicBenchmark -prof gc ;;
    pipeline) jmh pipeline PipelineBenchmark ;;
    promotions) jmh promotions PromotionMatchingBenchmark -prof gc ;;
    http) jmh http HttpCodecBenchmark -prof gc ;;
    latency)
      harness latency-200k --rate 200000
      harness latency-10k --rate 10000 ;;
    *) echo "unknown group $group"; exit 2 ;;
  esac
done

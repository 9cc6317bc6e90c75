#!/usr/bin/env bash
# Runs the JMH benchmarks (JSON into target/bench/), the same work in numpy when python3 + numpy are
# present, the long-context demo (one head, n = 32768, in -Xmx256m), then writes the results table
# and chart, with every GFLOP/s figure also as a fraction of the FMA ceiling measured in the same run
# (PeakBench), and the training step against PyTorch (scripts/bench-train-step.sh). Full run: ~12 minutes
# on two cores (measured 12 min 3 s); --quick: ~2 minutes.
#
#   scripts/bench.sh                  full run -> docs/benchmarks.md, docs/img/benchmarks.svg
#   scripts/bench.sh --quick          smaller sizes, fewer iterations -> target/bench/benchmarks.md (+ .svg)
#   scripts/bench.sh -- -prof gc      extra arguments after -- go to every JMH run
#
# Numbers on a shared machine are noisy: compare the ratios inside one run.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
. scripts/lib/jvm-flags.sh   # dojo_jvm_flags: the Vector API module and the JIT's trap limit

quick=0
skip_numpy=0
jmh_extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --skip-numpy) skip_numpy=1 ;;
    --) shift; jmh_extra=("$@"); break ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
out=target/bench
mkdir -p "$out"

echo "bench: building (offline if possible)..." >&2
mvn -o -q -B -DskipTests test-compile dependency:build-classpath@runtime-classpath \
  || mvn -q -B -DskipTests test-compile dependency:build-classpath@runtime-classpath
cp="target/classes:target/test-classes:$(cat target/classpath.txt)"

jmh() {
  # ignoreLock: other users of a shared machine may run JMH too; waiting would not make numbers cleaner
  "$java_bin" "${dojo_jvm_flags[@]}" -Djmh.ignoreLock=true -cp "$cp" org.openjdk.jmh.Main "$@" ${jmh_extra[@]+"${jmh_extra[@]}"} \
    2> >(grep -v '^WARNING: Using incubator modules' >&2)
}

rm -f "$out"/jmh-*.json "$out/load-end.txt"
cat /proc/loadavg > "$out/load-start.txt" 2>/dev/null || true
# the FMA ceiling, at the start and again at the end (the table uses the higher): every GFLOP/s
# figure is also shown as a fraction of it
jmh PeakBench -wi 2 -i 5 -w 1s -r 1s -rf json -rff "$out/jmh-peak-start.json"
if [ "$quick" = 1 ]; then
  jmh SgemmBench -p n=256,1024 -wi 1 -i 2 -w 1s -r 1s -rf json -rff "$out/jmh-sgemm.json"
  jmh AttentionBench -p n=1024 -wi 1 -i 2 -w 1s -r 1s -rf json -rff "$out/jmh-attention.json"
  jmh CausalRatioBench -p n=1024 -wi 1 -i 3 -w 1s -r 1s -rf json -rff "$out/jmh-causal-ratio.json"
  jmh AttentionBackwardBench -p n=1024 -wi 1 -i 2 -w 1s -r 1s -rf json -rff "$out/jmh-backward.json"
else
  # more iterations than the annotations' defaults: on a shared machine the median of 6 is steadier
  jmh SgemmBench -wi 3 -i 6 -rf json -rff "$out/jmh-sgemm.json"
  jmh AttentionBench -p impl=ejml,fused,fused_parallel,fused_causal -wi 3 -i 6 -rf json -rff "$out/jmh-attention.json"
  # the naive loops take seconds per op at n = 4096: fewer iterations
  jmh AttentionBench -p impl=naive -wi 1 -i 2 -rf json -rff "$out/jmh-attention-naive.json"
  # causal against non-causal alternated in one JVM: the ratio without the drift between separate runs
  jmh CausalRatioBench -rf json -rff "$out/jmh-causal-ratio.json"
  jmh AttentionBackwardBench -wi 3 -i 6 -rf json -rff "$out/jmh-backward.json"
fi
jmh PeakBench -wi 2 -i 5 -w 1s -r 1s -rf json -rff "$out/jmh-peak-end.json"

echo "bench: long context: one causal head, n = 32768, d = 64, in -Xmx256m" >&2
"$java_bin" -Xmx256m "${dojo_jvm_flags[@]}" -cp "$cp" dojo.cli.Dojo bench --long-context 32768 \
  --json "$out/long-context.json" 2> >(grep -v '^WARNING: Using incubator modules' >&2)

rm -f "$out/numpy.json"
if [ "$skip_numpy" = 0 ] && command -v python3 >/dev/null && python3 -c 'import numpy' 2>/dev/null; then
  echo "bench: numpy (2 BLAS threads)" >&2
  python3 scripts/bench_numpy.py --threads 2 --out "$out/numpy.json" $([ "$quick" = 1 ] && echo --quick)
else
  echo "bench: python3 with numpy not found: the table will have no numpy column" >&2
fi

# one training step of the text classifier against PyTorch (its section of docs/benchmarks.md in a full
# run; its rows join the targets, the tables and the chart below either way)
echo "bench: training step, dojo vs PyTorch" >&2
if [ "$quick" = 1 ]; then scripts/bench-train-step.sh --quick; else scripts/bench-train-step.sh; fi

cat /proc/loadavg > "$out/load-end.txt" 2>/dev/null || true

if [ "$quick" = 1 ]; then md="$out/benchmarks.md"; svg="$out/benchmarks.svg"; else md=docs/benchmarks.md; svg=docs/img/benchmarks.svg; fi
mkdir -p "$(dirname "$svg")"
"$java_bin" -cp "$cp" scripts/bench_chart.java "$out" "$md" "$svg"
echo "bench: wrote $md and $svg" >&2

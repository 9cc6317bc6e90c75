#!/usr/bin/env bash
# Pre-LN encoder layer, forward + backward, B=8 L=128 E=256 H=4 (dim_feedforward 1024 = 4E), in one run:
# the JMH benchmark (dojo.nn, double) and the same step in PyTorch (float32 and float64), then the ratios.
#
#   scripts/bench-encoder.sh            -> target/bench/encoder-jmh.json, target/bench/encoder-torch.json
#   scripts/bench-encoder.sh --quick    fewer iterations
#
# Numbers on a shared machine are noisy: compare the ratios inside one run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
quick=0
[ "${1:-}" = "--quick" ] && quick=1
out=target/bench
mkdir -p "$out"
mvn -o -q -B -DskipTests test-compile dependency:build-classpath@runtime-classpath
cp="target/classes:target/test-classes:$(cat target/classpath.txt)"
threads="$(nproc)"
if [ "$quick" = 1 ]; then jmh_it=(-wi 1 -i 3 -w 2s -r 2s); steps=5; else jmh_it=(); steps=10; fi
java --add-modules jdk.incubator.vector -cp "$cp" org.openjdk.jmh.Main EncoderLayerBench ${jmh_it[@]+"${jmh_it[@]}"} \
  -rf json -rff "$out/encoder-jmh.json" 2> >(grep -v '^WARNING: Using incubator modules' >&2) | tail -n 4
/usr/bin/python3 scripts/bench_encoder.py --threads "$threads" --steps "$steps" --json "$out/encoder-torch.json"
/usr/bin/python3 - "$out/encoder-jmh.json" "$out/encoder-torch.json" <<'PY'
import json, sys
jmh = json.load(open(sys.argv[1]))[0]["primaryMetric"]
java_ms = jmh["score"]
torch = {r["dtype"]: r["median_ms"] for r in json.load(open(sys.argv[2]))["results"]}
print(f"dojo.nn (double): {java_ms:.1f} ms (JMH mean, +- {jmh['scoreError']:.1f})")
for dt, ms in torch.items():
    print(f"torch {dt}: {ms:.1f} ms (median)  ->  torch / dojo = {ms / java_ms:.2f}x")
PY

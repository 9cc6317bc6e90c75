#!/usr/bin/env bash
# Pre-LN encoder layer, forward + backward, B=8 L=128 E=256 H=4 (dim_feedforward 1024 = 4E), in one run:
# the JMH benchmark (dojo.nn, double) and the same step in PyTorch (float32 and float64), then the ratios.
#
#   scripts/bench-encoder.sh            -> target/bench/encoder-*.json and the "Encoder layer" section of docs/benchmarks.md
#   scripts/bench-encoder.sh --quick    fewer iterations -> target/bench/encoder.md only
#
# Numbers on a shared machine are noisy: compare the ratios inside one run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) echo "bench-encoder.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
esac
out=target/bench
mkdir -p "$out"
mvn -o -q -B -DskipTests test-compile dependency:build-classpath@runtime-classpath
cp="target/classes:target/test-classes:$(cat target/classpath.txt)"
threads="$(nproc)"
if [ "$quick" = 1 ]; then jmh_it=(-wi 1 -i 3 -w 2s -r 2s); steps=5; md="$out/encoder.md"; else jmh_it=(); steps=10; md=docs/benchmarks.md; fi
java --add-modules jdk.incubator.vector -cp "$cp" org.openjdk.jmh.Main EncoderLayerBench ${jmh_it[@]+"${jmh_it[@]}"} \
  -rf json -rff "$out/encoder-jmh.json" 2> >(grep -v '^WARNING: Using incubator modules' >&2) | tail -n 3
/usr/bin/python3 scripts/bench_encoder.py --threads "$threads" --steps "$steps" --json "$out/encoder-torch.json"
load="$(cut -d' ' -f1-3 /proc/loadavg)"
java_version="$(java -version 2>&1 | sed -n 2p)"
/usr/bin/python3 - "$out/encoder-jmh.json" "$out/encoder-torch.json" "$md" "$load" "$java_version" "$threads" <<'PY'
import json, os, sys
jmh_file, torch_file, md, load, jvm, threads = sys.argv[1:]
jmh = json.load(open(jmh_file))[0]
java_ms = jmh["primaryMetric"]["score"]
err = jmh["primaryMetric"]["scoreError"]
raw = [x for fork in jmh["primaryMetric"]["rawData"] for x in fork]
raw.sort()
java_median = raw[len(raw) // 2] if len(raw) % 2 else (raw[len(raw) // 2 - 1] + raw[len(raw) // 2]) / 2
t = json.load(open(torch_file))
rows = [("dojo.nn `TransformerEncoderLayer` (double, Vector API GEMM)", java_median, f"{java_ms:.1f} ± {err:.1f} (JMH mean)", 1.0)]
for r in t["results"]:
    rows.append((f"PyTorch {t['torch']} `nn.TransformerEncoderLayer` ({r['dtype']})", r["median_ms"],
                 f"min {r['min_ms']:.1f}, mean {r['mean_ms']:.1f} over {r['steps']} steps", r["median_ms"] / java_median))
lines = ["<!-- encoder-bench:begin -->", "## Encoder layer: forward + backward, dojo.nn vs PyTorch", "",
         "Written by `scripts/bench-encoder.sh` (JMH `EncoderLayerBench` and `scripts/bench_encoder.py` in the same run). "
         "One training step's work for a pre-LN encoder layer: forward on x [B, L, E] = [8, 128, 256], H = 4, "
         "dim_feedforward 1024 (4E), dropout 0, then backward of `sum(y)` into x and every parameter "
         f"(about 5.2 GFLOP). {threads} threads on each side. {jvm}. Load average when the run ended: {load} "
         "(on a shared machine compare the ratios, not the absolute times).", "",
         "| contender | median ms/step | spread | PyTorch time / dojo time |", "| --- | ---: | --- | ---: |"]
for name, ms, spread, ratio in rows:
    lines.append(f"| {name} | {ms:.1f} | {spread} | {ratio:.2f}x |")
lines += ["", "Debian's `python3-torch` 1.13 is built with `BLAS_INFO=generic`: its matrix products go through the "
          "system `libblas.so.3`, which on this machine is the reference BLAS of `libblas3` (no OpenBLAS or MKL installed). "
          "With OpenBLAS as the `libblas.so.3` alternative PyTorch's products would be many times faster, so the ratio above "
          "describes this setup, not PyTorch at its best. The Java side runs double precision throughout "
          "(see [tensors.md](tensors.md#precision-and-speed)).", "<!-- encoder-bench:end -->"]
section = "\n".join(lines) + "\n"
text = open(md).read() if os.path.exists(md) else ""
b, e = text.find("<!-- encoder-bench:begin -->"), text.find("<!-- encoder-bench:end -->")
if b >= 0 and e > b:
    text = text[:b] + section.rstrip("\n") + text[e + len("<!-- encoder-bench:end -->"):]
else:
    text = (text.rstrip("\n") + "\n\n" if text else "") + section
open(md, "w").write(text)
for name, ms, spread, ratio in rows:
    print(f"{name}: {ms:.1f} ms  ({ratio:.2f}x)")
print(f"wrote {md}")
PY

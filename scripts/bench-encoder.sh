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
. scripts/lib/jvm-flags.sh   # dojo_jvm_flags
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
java "${dojo_jvm_flags[@]}" -cp "$cp" org.openjdk.jmh.Main EncoderLayerBench ${jmh_it[@]+"${jmh_it[@]}"} \
  -rf json -rff "$out/encoder-jmh.json" 2> >(grep -v '^WARNING: Using incubator modules' >&2) | tail -n 3
# PyTorch once per BLAS installed, as in bench-train-step.sh (Debian's torch uses the system libblas.so.3):
# Netlib's reference BLAS (the default install) and OpenBLAS (libopenblas0-pthread), one BLAS thread
multiarch=/usr/lib/x86_64-linux-gnu
torch_files=()
run_torch() { # label json env...
  local label="$1" json="$2"; shift 2
  env "$@" /usr/bin/python3 scripts/bench_encoder.py --threads "$threads" --steps "$steps" --label "$label" --json "$json"
  torch_files+=("$json")
}
rm -f "$out"/encoder-torch*.json
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "bench-encoder: Debian's python3-torch not found (apt-get install python3-torch): dojo's rows only" >&2
else
  if [ -e "$multiarch/blas/libblas.so.3" ]; then
    run_torch "reference BLAS" "$out/encoder-torch-refblas.json" LD_LIBRARY_PATH="$multiarch/blas"
  fi
  if [ -e "$multiarch/openblas-pthread/libblas.so.3" ]; then
    run_torch "OpenBLAS $(basename "$(readlink -f "$multiarch/openblas-pthread/libopenblas.so.0")" .so | sed 's/^libopenblas[a-z]*-r//')" \
      "$out/encoder-torch-openblas.json" LD_LIBRARY_PATH="$multiarch/openblas-pthread" OPENBLAS_NUM_THREADS=1
  fi
  if [ ${#torch_files[@]} -eq 0 ]; then run_torch "system BLAS" "$out/encoder-torch-system.json"; fi
fi
load="$(cut -d' ' -f1-3 /proc/loadavg)"
java_version="$(java -version 2>&1 | sed -n 2p)"
/usr/bin/python3 - "$out/encoder-jmh.json" "$md" "$load" "$java_version" "$threads" ${torch_files[@]+"${torch_files[@]}"} <<'PY'
import json, os, sys
jmh_file, md, load, jvm, threads = sys.argv[1:6]
torch_runs = [json.load(open(f)) for f in sys.argv[6:]]
def median(jmh):
    raw = sorted(x for fork in jmh["primaryMetric"]["rawData"] for x in fork)
    return raw[len(raw) // 2] if len(raw) % 2 else (raw[len(raw) // 2 - 1] + raw[len(raw) // 2]) / 2
runs = {j["params"].get("precision", "double"): j for j in json.load(open(jmh_file))}
java_median = median(runs["double"])
rows = []
labels = {"double": "double, Vector API GEMM", "float_matmul": "inside a `FloatMatmul` scope: the whole layer one fused float operation"}
for prec, j in runs.items():
    pm = j["primaryMetric"]
    rows.append((f"dojo.nn `TransformerEncoderLayer` ({labels.get(prec, prec)})", median(j),
                 f"{pm['score']:.1f} ± {pm['scoreError']:.1f} (JMH mean)", java_median / median(j)))
for t in torch_runs:
    for r in t["results"]:
        rows.append((f"PyTorch {t['torch']} `nn.TransformerEncoderLayer` ({r['dtype']}, {t.get('label') or 'system BLAS'})", r["median_ms"],
                     f"min {r['min_ms']:.1f}, mean {r['mean_ms']:.1f} over {r['steps']} steps", java_median / r["median_ms"]))
lines = ["<!-- encoder-bench:begin -->", "## Encoder layer: forward + backward, dojo.nn vs PyTorch", "",
         "Written by `scripts/bench-encoder.sh` (JMH `EncoderLayerBench` and `scripts/bench_encoder.py` in the same run). "
         "One training step's work for a pre-LN encoder layer: forward on x [B, L, E] = [8, 128, 256], H = 4, "
         "dim_feedforward 1024 (4E), dropout 0, then backward of `sum(y)` into x and every parameter "
         f"(about 5.2 GFLOP). {threads} threads on each side. {jvm}. Load average when the run ended: {load} "
         "(on a shared machine compare the ratios, not the absolute times).", "",
         "The last column divides the time of dojo.nn in double by each row's time, so PyTorch rows read as "
         "\"PyTorch is N times as fast\" (below 1: slower).", "",
         "| contender | median ms/step | spread | speed relative to dojo.nn (double) |", "| --- | ---: | --- | ---: |"]
for name, ms, spread, ratio in rows:
    lines.append(f"| {name} | {ms:.1f} | {spread} | {ratio:.2f}x |")
fast = [median(j) for p, j in runs.items() if p == "float_matmul"]
if torch_runs:
    lines += ["", "Ratio (PyTorch median / dojo.nn median): " + "; ".join(
        f"{r['median_ms'] / java_median:.2f}x (double)" + (f", {r['median_ms'] / fast[0]:.2f}x (`FloatMatmul`)" if fast else "")
        + f" against PyTorch {r['dtype']} with {t.get('label') or 'the system BLAS'}"
        for t in torch_runs for r in t["results"]) + "."]
lines += ["", "Debian's `python3-torch` 1.13 is built with `BLAS_INFO=generic`: its matrix products go through whatever "
          "`libblas.so.3` the system has: Netlib's reference BLAS after a plain `apt-get install python3-torch`, OpenBLAS "
          "once `libopenblas0-pthread` is installed (many times faster); the script runs PyTorch with each it finds "
          "(chosen with `LD_LIBRARY_PATH`; OpenBLAS with one thread of its own, beside PyTorch's OpenMP threads). "
          "The first dojo.nn row runs in double throughout; the "
          "`FloatMatmul` row runs the layer as one fused float operation (`Functional.fusedEncoderLayer`: activations in float, "
          "a hand-written backward; within 2e-5 of the double layer, not for grading; "
          "see [tensors.md](tensors.md#precision-and-speed)).", "<!-- encoder-bench:end -->"]
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

#!/usr/bin/env python3
"""The JMH suite's work in numpy (OpenBLAS), for comparison: square SGEMM and materialised attention
(8 heads, d = 64) on float32, with a fixed BLAS thread count. Writes JSON (see --out).

    python3 scripts/bench_numpy.py --threads 2 --out target/bench/numpy.json [--quick]
"""
import argparse
import json
import os
import sys
import time


def parse():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--threads", type=int, default=2, help="BLAS threads (default 2)")
    p.add_argument("--out", help="JSON file (default: stdout)")
    p.add_argument("--quick", action="store_true", help="smaller sizes, fewer runs")
    return p.parse_args()


ARGS = parse()
# the BLAS reads its thread count when numpy is imported
for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = str(ARGS.threads)
import numpy as np  # noqa: E402


def measure(fn, min_seconds, min_runs=3):
    fn()  # warmup: first-touch of the output, BLAS thread start
    times = []
    start = time.perf_counter()
    while len(times) < min_runs or time.perf_counter() - start < min_seconds:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2] * 1e3, times[0] * 1e3, len(times)


def attention_textbook(q, k, v):
    """What most people write: materialise the scores, stable softmax, then P.V (float32 throughout)."""
    s = q @ k.transpose(0, 2, 1) / float(np.sqrt(q.shape[-1]))
    p = np.exp(s - s.max(axis=-1, keepdims=True))
    p = p / p.sum(axis=-1, keepdims=True)
    return p @ v


def attention_inplace(q, k, v):
    """The same, tuned: scale folded into Q, softmax in place (no temporaries of n x n)."""
    s = (q * np.float32(1 / np.sqrt(q.shape[-1]))) @ k.transpose(0, 2, 1)
    s -= s.max(axis=-1, keepdims=True)
    np.exp(s, out=s)
    s /= s.sum(axis=-1, keepdims=True)
    return s @ v


def attention_backward(q, k, v, do):
    """Materialised backward (what autograd does for attention), tuned in place: recompute P, then
    dV = P^T.dO, dP = dO.V^T, dS = P * (dP - rowsum(dO * O)), dQ = dS.K / sqrt(d), dK = dS^T.Q / sqrt(d).
    Returns (dq, dk, dv). Two n x n temporaries per head batch (P and dP, reused for dS)."""
    scale = np.float32(1 / np.sqrt(q.shape[-1]))
    p = (q * scale) @ k.transpose(0, 2, 1)
    p -= p.max(axis=-1, keepdims=True)
    np.exp(p, out=p)
    p /= p.sum(axis=-1, keepdims=True)
    o = p @ v
    dv = p.transpose(0, 2, 1) @ do
    dp = do @ v.transpose(0, 2, 1)
    dp -= (do * o).sum(axis=-1, keepdims=True)
    dp *= p
    dq = (dp @ k) * scale
    dk = (dp.transpose(0, 2, 1) @ q) * scale
    return dq, dk, dv


def main():
    rng = np.random.default_rng(1)
    results = []
    seconds = 0.5 if ARGS.quick else 2.0
    for n in ((256, 1024) if ARGS.quick else (256, 1024, 2048)):
        a = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        b = rng.uniform(-1, 1, (n, n)).astype(np.float32)
        ms, best, runs = measure(lambda: a @ b, seconds)
        results.append({"benchmark": "sgemm", "n": n, "impl": "numpy", "ms": ms, "best_ms": best, "runs": runs,
                        "gflops": 2.0 * n ** 3 / (ms * 1e6)})
    h, d = 8, 64
    for n in ((1024,) if ARGS.quick else (1024, 4096)):
        q, k, v = (rng.uniform(-1, 1, (h, n, d)).astype(np.float32) for _ in range(3))
        assert attention_textbook(q, k, v).dtype == np.float32
        for impl, fn in (("numpy_materialised", attention_textbook), ("numpy_materialised_inplace", attention_inplace)):
            ms, best, runs = measure(lambda: fn(q, k, v), seconds, min_runs=2)
            results.append({"benchmark": "attention", "n": n, "heads": h, "d": d, "impl": impl, "ms": ms,
                            "best_ms": best, "runs": runs, "gflops": 4.0 * h * n * n * d / (ms * 1e6)})
        do = rng.uniform(-1, 1, (h, n, d)).astype(np.float32)
        ms, best, runs = measure(lambda: attention_backward(q, k, v, do), seconds, min_runs=2)
        # flops counted as 2.5x the forward (FlashAttention-2's convention), like the JMH rows
        results.append({"benchmark": "backward", "n": n, "heads": h, "d": d, "impl": "numpy_materialised_backward",
                        "ms": ms, "best_ms": best, "runs": runs, "gflops": 2.5 * 4.0 * h * n * n * d / (ms * 1e6)})
    blas = "unknown"
    try:
        cfg = np.show_config(mode="dicts")
        info = cfg["Build Dependencies"]["blas"]
        blas = f'{info.get("name")} {info.get("version")}'
    except Exception:  # older numpy: no dict mode
        pass
    doc = {"numpy": np.__version__, "blas": blas, "threads": ARGS.threads, "python": sys.version.split()[0],
           "results": results}
    text = json.dumps(doc, indent=2)
    if ARGS.out:
        os.makedirs(os.path.dirname(os.path.abspath(ARGS.out)), exist_ok=True)
        with open(ARGS.out, "w") as f:
            f.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()

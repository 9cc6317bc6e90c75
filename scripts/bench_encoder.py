#!/usr/bin/python3
"""Times what EncoderLayerBench times, in PyTorch: a pre-LN nn.TransformerEncoderLayer, forward on
x [B, L, E] plus backward of y.sum() into x and every parameter, dropout 0, in float32 and float64.

    /usr/bin/python3 scripts/bench_encoder.py [--threads N] [--json FILE]

Prints one line per dtype (median, min and mean of the timed steps, in ms) and optionally writes JSON.
Run it through scripts/bench-encoder.sh to get the JMH numbers of the same run next to it.
"""
import argparse
import json
import statistics
import time

import torch
import torch.nn as nn


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--batch", type=int, default=8)
    p.add_argument("--length", type=int, default=128)
    p.add_argument("--embed", type=int, default=256)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--feedforward", type=int, default=1024)
    p.add_argument("--threads", type=int, default=torch.get_num_threads())
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--steps", type=int, default=10)
    p.add_argument("--json")
    p.add_argument("--label", default="", help="what this run's setup is (its BLAS), recorded in the JSON")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    results = []
    for dtype in (torch.float32, torch.float64):
        torch.manual_seed(0)
        layer = nn.TransformerEncoderLayer(a.embed, a.heads, dim_feedforward=a.feedforward, dropout=0.0,
                                           batch_first=True, norm_first=True).to(dtype)
        x = torch.randn(a.batch, a.length, a.embed, dtype=dtype, requires_grad=True)

        def step():
            layer.zero_grad()
            x.grad = None
            layer(x).sum().backward()

        for _ in range(a.warmup):
            step()
        times = []
        for _ in range(a.steps):
            t = time.perf_counter()
            step()
            times.append((time.perf_counter() - t) * 1000)
        r = {"dtype": str(dtype).replace("torch.", ""), "median_ms": statistics.median(times), "min_ms": min(times),
             "mean_ms": statistics.mean(times), "steps": a.steps}
        results.append(r)
        print(f"torch {torch.__version__} {r['dtype']}: median {r['median_ms']:.1f} ms, min {r['min_ms']:.1f} ms, "
              f"mean {r['mean_ms']:.1f} ms over {a.steps} steps ({a.threads} threads, BLAS: "
              f"{'MKL' if torch.backends.mkl.is_available() else 'system libblas'})")
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"torch": torch.__version__, "label": a.label, "threads": a.threads, "config": vars(a), "results": results}, f, indent=1)


if __name__ == "__main__":
    main()

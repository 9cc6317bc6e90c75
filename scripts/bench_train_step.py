#!/usr/bin/python3
"""Times one training step of the reference text classifier in PyTorch, the model of
dojo.models.TransformerTextClassifier (same module tree and state_dict names): token embedding (padding
row 0) + learned positions + nn.TransformerEncoder (post-norm layers, ReLU, dropout 0) with a key-padding
mask + masked mean pooling + nn.Linear head, cross-entropy, AdamW (lr 1e-3, betas 0.9/0.999, eps 1e-8,
weight decay 0.01). One step = zero_grad, forward, loss, backward, optimizer step.

    /usr/bin/python3 scripts/bench_train_step.py [--batch 32 --length 64 --embed 128 ...] [--json FILE]

The batch is the one TrainStepBench builds: sequence i has length max(1, L - (i * 7) % (L / 2 + 1))
(so lengths L/2..L, padded on the right with id 0), token j of sequence i is 1 + (131 i + 31 j) % (vocab - 1),
label i % 2. Run it through scripts/bench-train-step.sh to get our numbers of the same run next to it.
"""
import argparse
import json
import re
import statistics
import time

import torch
import torch.nn as nn


class TextClassifier(nn.Module):
    def __init__(s, vocab, d, heads, ff, layers, max_len, classes):
        super().__init__()
        s.embedding = nn.Embedding(vocab, d, padding_idx=0)
        s.position = nn.Embedding(max_len, d)
        s.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(d, heads, ff, 0.0, batch_first=True), layers,
                                          enable_nested_tensor=False)
        s.head = nn.Linear(d, classes)

    def forward(s, ids):
        pad = ids == 0                                                     # [B, L], True = padding
        pos = torch.arange(ids.shape[1], device=ids.device)
        x = s.embedding(ids) + s.position(pos)[None]
        h = s.encoder(x, src_key_padding_mask=pad)
        keep = (~pad).unsqueeze(-1).to(h.dtype)
        return s.head((h * keep).sum(1) / keep.sum(1))                     # masked mean pooling


def batch(b, length, vocab):
    ids = torch.zeros(b, length, dtype=torch.long)
    for i in range(b):
        n = max(1, length - (i * 7) % (length // 2 + 1))
        for j in range(n):
            ids[i, j] = 1 + (131 * i + 31 * j) % (vocab - 1)
    return ids, torch.tensor([i % 2 for i in range(b)])


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--batch", type=int, default=32)
    p.add_argument("--length", type=int, default=64)
    p.add_argument("--embed", type=int, default=128)
    p.add_argument("--heads", type=int, default=4)
    p.add_argument("--feedforward", type=int, default=512)
    p.add_argument("--layers", type=int, default=2)
    p.add_argument("--vocab", type=int, default=1000)
    p.add_argument("--threads", type=int, default=torch.get_num_threads())
    p.add_argument("--warmup", type=int, default=5)
    p.add_argument("--steps", type=int, default=30)
    p.add_argument("--dtypes", default="float32,float64")
    p.add_argument("--json")
    p.add_argument("--label", default="", help="what this run's setup is (its BLAS), recorded in the JSON")
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    ids, labels = batch(a.batch, a.length, a.vocab)
    results = []
    for name in a.dtypes.split(","):
        dtype = getattr(torch, name)
        torch.manual_seed(0)
        model = TextClassifier(a.vocab, a.embed, a.heads, a.feedforward, a.layers, a.length, 2).to(dtype)
        model.train()
        opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)
        loss_fn = nn.CrossEntropyLoss()

        def step():
            opt.zero_grad()
            loss = loss_fn(model(ids), labels)
            loss.backward()
            opt.step()
            return loss.item()

        for _ in range(a.warmup):
            step()
        times = []
        for _ in range(a.steps):
            t = time.perf_counter()
            step()
            times.append((time.perf_counter() - t) * 1000)
        r = {"dtype": name, "median_ms": statistics.median(times), "min_ms": min(times),
             "mean_ms": statistics.mean(times), "steps": a.steps}
        results.append(r)
        print(f"torch {torch.__version__} {name}: median {r['median_ms']:.2f} ms, min {r['min_ms']:.2f} ms, "
              f"mean {r['mean_ms']:.2f} ms over {a.steps} steps ({a.threads} threads)")
    blas = [f"{k}={v}" for k, v in re.findall(r"\b(BLAS_INFO|LAPACK_INFO|USE_MKLDNN|USE_OPENMP)=(\w+)", torch.__config__.show())]
    if a.json:
        with open(a.json, "w") as f:
            json.dump({"torch": torch.__version__, "label": a.label, "threads": a.threads, "config": vars(a), "blas": blas,
                       "results": results}, f, indent=1)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
"""Golden vectors for ex14_text_generator (the corrected C5 text generator), float64, from PyTorch.

    /usr/bin/python3 scripts/golden/ex14_text_generator.py          # writes src/test/resources/golden/ex14_text_generator/
    /usr/bin/python3 scripts/golden/ex14_text_generator.py --check  # regenerates in memory, compares with the committed files

golden.safetensors, metadata "cases" = tiny,pt_trained:
  tiny        V=5, maxLen=8, E=8, H=2, F=16, 2 blocks; every parameter randomised (LayerNorms included),
              ids [3, 7], targets [21] (-100 = ignored), logits [3, 7, 5], the mean cross-entropy `loss`
              and `grad.<param>` for every parameter.
  pt_trained  the sort task's reference sizes (V=3, maxLen=11, E=48, H=4, F=96, 2 blocks) trained here in
              PyTorch for 60 AdamW steps on random sort sequences (loss on the sorted half only); its
              weights, ids [4, 11] and logits [4, 11, 3]: the checkpoint must load in Java and give the same logits.
Parameters are stored as `<case>.<state_dict name>`, sizes as one-element F64 tensors `<case>.config.*`.

java_checkpoint.safetensors: a checkpoint trained in Java (`java_trained.safetensors`, F32, written by
`./dojo train text-generator --out ...` when that command still trained the sort task, and committed) loaded
here with load_state_dict(strict=True); its logits on `java.ids` [4, 11] (computed in float64) are what the
Java model must give with the same file. `./dojo train text-generator` now trains sequence reversal (V=10,
maxLen=15; docs/models/ex14_text_generator.md): its checkpoints do not fit these sort sizes, so keep this file.

Every logits tensor is computed twice: by forward() on the whole sequence and by an explicit KV-cache loop
(one token at a time, keys and values appended); the script stops if they differ by more than 1e-12.
"""

import argparse
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import check_or_write, read_safetensors, safetensors_bytes  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "ex14_text_generator")
DT = torch.float64


class Block(nn.Module):
    def __init__(s, d, heads, ff):
        super().__init__()
        s.ln1 = nn.LayerNorm(d)
        s.attn = nn.MultiheadAttention(d, heads, batch_first=True)
        s.ln2 = nn.LayerNorm(d)
        s.fc1 = nn.Linear(d, ff)
        s.fc2 = nn.Linear(ff, d)

    def forward(s, x, causal):
        h = s.ln1(x)
        x = x + s.attn(h, h, h, attn_mask=causal, need_weights=False)[0]
        return x + s.fc2(F.gelu(s.fc1(s.ln2(x))))

    def step(s, x, cache):
        """x [B, 1, E]; cache: dict with 'k', 'v' [B, H, T, D] or absent."""
        b, _, e = x.shape
        h_ = s.attn.num_heads
        d = e // h_
        h = s.ln1(x)
        q, k, v = F.linear(h, s.attn.in_proj_weight, s.attn.in_proj_bias).split(e, dim=-1)
        q, k, v = [t.reshape(b, 1, h_, d).transpose(1, 2) for t in (q, k, v)]
        if "k" in cache:
            k = torch.cat([cache["k"], k], 2)
            v = torch.cat([cache["v"], v], 2)
        cache["k"], cache["v"] = k, v
        w = torch.softmax(q @ k.transpose(-1, -2) / d ** 0.5, -1)
        x = x + s.attn.out_proj((w @ v).transpose(1, 2).reshape(b, 1, e))
        return x + s.fc2(F.gelu(s.fc1(s.ln2(x))))


class TextGenerator(nn.Module):
    def __init__(s, vocab, max_len, d, heads, ff, layers):
        super().__init__()
        s.tok_emb = nn.Embedding(vocab, d)
        s.pos_emb = nn.Embedding(max_len, d)
        s.blocks = nn.ModuleList([Block(d, heads, ff) for _ in range(layers)])
        s.ln_f = nn.LayerNorm(d)
        s.head = nn.Linear(d, vocab, bias=False)

    def forward(s, ids):
        n = ids.shape[1]
        x = s.tok_emb(ids) + s.pos_emb(torch.arange(n))
        causal = torch.triu(torch.ones(n, n, dtype=torch.bool), 1)
        for blk in s.blocks:
            x = blk(x, causal)
        return s.head(s.ln_f(x))

    def cached_logits(s, ids):
        """The same logits [B, L, V], one token at a time through a KV cache."""
        caches = [dict() for _ in s.blocks]
        rows = []
        for t in range(ids.shape[1]):
            x = s.tok_emb(ids[:, t:t + 1]) + s.pos_emb(torch.tensor([t]))
            for blk, c in zip(s.blocks, caches):
                x = blk.step(x, c)
            rows.append(s.head(s.ln_f(x)))
        return torch.cat(rows, 1)


def same(what, a, b, tol=1e-12):
    err = (a.detach() - b.detach()).abs().max().item()
    if not err <= tol:
        sys.exit(f"golden: {what}: the two computations differ by {err}")


def one(v):
    return torch.tensor([float(v)], dtype=DT)


def sort_batch(gen, n):
    x = torch.randint(0, 3, (n, 6), generator=gen)
    full = torch.cat([x, x.sort(1).values], 1)
    targets = full[:, 1:].clone()
    targets[:, :5] = -100                                   # rows 0..4 would predict the (random) input
    return full[:, :-1], targets


def put_model(t, case, model, sizes):
    for k, v in model.state_dict().items():
        t[f"{case}.{k}"] = v.detach().to(DT).clone()
    for k, v in sizes.items():
        t[f"{case}.config.{k}"] = one(v)


def logits_checked(case, model, ids):
    out = model(ids)
    same(f"{case}: forward vs KV cache", out, model.cached_logits(ids))
    return out


def tiny(t):
    sizes = dict(vocab=5, max_len=8, d=8, heads=2, ff=16, layers=2)
    torch.manual_seed(1401)
    m = TextGenerator(*sizes.values()).to(DT)
    with torch.no_grad():
        for p in m.parameters():
            p.add_(torch.randn_like(p) * 0.3)               # LayerNorm weights off 1 and biases off 0, attention biases non-zero
    ids = torch.randint(0, 5, (3, 7))
    targets = torch.randint(0, 5, (3, 7))
    targets[0, :3] = -100
    targets[2, 5] = -100
    logits = logits_checked("tiny", m, ids)
    loss = F.cross_entropy(logits.reshape(-1, 5), targets.reshape(-1))
    loss.backward()
    put_model(t, "tiny", m, sizes)
    t["tiny.ids"] = ids
    t["tiny.targets"] = targets.reshape(-1)
    t["tiny.logits"] = logits.detach()
    t["tiny.loss"] = loss.detach().reshape(1)
    for k, p in m.named_parameters():
        t[f"tiny.grad.{k}"] = p.grad.detach().clone()


def reference_sizes():
    return dict(vocab=3, max_len=11, d=48, heads=4, ff=96, layers=2)


def pt_trained(t):
    sizes = reference_sizes()
    torch.manual_seed(1402)
    m = TextGenerator(*sizes.values()).to(DT)
    gen = torch.Generator().manual_seed(1403)
    opt = torch.optim.AdamW(m.parameters(), lr=3e-3, weight_decay=0.01)
    for _ in range(60):
        ids, targets = sort_batch(gen, 32)
        loss = F.cross_entropy(m(ids).reshape(-1, 3), targets.reshape(-1))
        opt.zero_grad()
        loss.backward()
        opt.step()
    ids, _ = sort_batch(gen, 4)
    with torch.no_grad():
        logits = logits_checked("pt_trained", m, ids)
    put_model(t, "pt_trained", m, sizes)
    t["pt_trained.ids"] = ids
    t["pt_trained.logits"] = logits
    t["pt_trained.loss"] = loss.detach().reshape(1)


def java_checkpoint():
    path = os.path.join(OUT, "java_trained.safetensors")
    if not os.path.exists(path):
        print(f"no {path}: skipping the Java -> PyTorch check (it is a sort-sized checkpoint, V=3, maxLen=11, from 'git log'; ./dojo train text-generator now trains reversal, V=10, maxLen=15, which does not fit)")
        return None
    with open(path, "rb") as f:
        meta, sd = read_safetensors(f.read())
    m = TextGenerator(*reference_sizes().values()).to(DT)
    print("java_trained.safetensors:", m.load_state_dict({k: v.to(DT) for k, v in sd.items()}, strict=True), meta)
    gen = torch.Generator().manual_seed(1404)
    ids, _ = sort_batch(gen, 4)
    with torch.no_grad():
        logits = logits_checked("java", m, ids)
        # the checkpoint must also sort: greedy decoding of the 4 inputs
        for r in range(4):
            seq = ids[r:r + 1, :6]
            for _ in range(6):
                nxt = m(seq)[:, -1].argmax(-1, keepdim=True)
                seq = torch.cat([seq, nxt], 1)
            if not torch.equal(seq[0, 6:], ids[r, :6].sort().values):
                sys.exit(f"golden: the Java checkpoint does not sort {ids[r, :6].tolist()}: {seq[0, 6:].tolist()}")
    return {"java.ids": ids, "java.logits": logits}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare freshly generated tensors with the committed files")
    args = parser.parse_args()
    torch.set_num_threads(1)
    t = {}
    tiny(t)
    pt_trained(t)
    failures = 0
    meta = {"cases": "tiny,pt_trained", "generator": "scripts/golden/ex14_text_generator.py", "torch": torch.__version__}
    failures += check_or_write(os.path.join(OUT, "golden.safetensors"), t, safetensors_bytes(t, meta), args.check, 1e-12, 1e-10)
    j = java_checkpoint()
    if j is not None:
        meta = {"cases": "java", "generator": "scripts/golden/ex14_text_generator.py", "torch": torch.__version__,
                "checkpoint": "java_trained.safetensors"}
        failures += check_or_write(os.path.join(OUT, "java_checkpoint.safetensors"), j, safetensors_bytes(j, meta),
                                   args.check, 1e-12, 1e-10)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

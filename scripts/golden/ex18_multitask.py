#!/usr/bin/python3
"""Golden vectors for exercise ex18_multitask (the corrected multi-task classifier, seed C9), in float64.

Run with Debian's python3-torch (1.13 is enough):

    /usr/bin/python3 scripts/golden/ex18_multitask.py          # writes src/test/resources/golden/ex18_multitask/multitask.safetensors
    /usr/bin/python3 scripts/golden/ex18_multitask.py --check  # recomputes in memory, compares with the committed file

Cases (tensor names `<case>.<name>`, parameters under their state_dict names, gradients `<case>.grad.<name>`,
config numbers as one-element F64 tensors, token ids and labels as I64):

- `small`: a small config (vocab 9, d 8, 2 heads, ff 16, 2 layers, max_len 7, head hidden 6, 2 and 3 classes,
  loss weights 0.7 and 1.3) with every parameter randomised (the padding row too, so pooling over padding shows),
  a batch of 3 sequences of lengths 6, 4 and 2 padded to 6: `encode` [3, 8], `logits_a` [3, 2], `logits_b` [3, 3],
  `loss_a` and `loss_b` (the two mean cross-entropies), `loss` (the weighted sum) and the gradient of `loss` for
  every parameter.
- `small_a_only`: the same model and batch with weights 1 and 0: `loss` and every gradient (head_b's are zero).
- `pytorch_trained`: the reference config of `./dojo train multitask-classifier` (vocab 17, d 48, 4 heads,
  ff 96, 2 layers, max_len 12, head hidden 48), trained HERE in PyTorch for 60 AdamW steps on sequences
  labelled by definition; the weights rounded to float32 and stored as F32 (what a checkpoint holds), then
  `logits_a` / `logits_b` computed in float64 from the rounded weights on `ids` (8 sequences, lengths 8-12).
- `java_trained`: the checkpoint that `./dojo train` wrote (committed as java_trained.safetensors, F32,
  PyTorch names) loaded with load_state_dict(strict=True) into the module below; `logits_a` / `logits_b`
  on the same `ids`. Skipped with a warning when that file is missing.

The encoder runs in train mode with dropout 0: PyTorch's eval-mode fast path (nested tensors) changes padded
rows, which must not matter but would make the comparison of `encode` depend on a PyTorch version.
"""

import argparse
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import check_or_write, safetensors_bytes, read_safetensors  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "ex18_multitask")
DT = torch.float64


class TaskHead(nn.Module):
    def __init__(s, d, hidden, classes):
        super().__init__()
        s.fc1 = nn.Linear(d, hidden)
        s.fc2 = nn.Linear(hidden, classes)

    def forward(s, x):
        return s.fc2(torch.relu(s.fc1(x)))


class MultiTaskClassifier(nn.Module):
    def __init__(s, vocab, d, heads, ff, layers, max_len, hidden, classes_a, classes_b, weight_a, weight_b):
        super().__init__()
        s.weight_a, s.weight_b = weight_a, weight_b
        s.embedding = nn.Embedding(vocab, d, padding_idx=0)
        s.position = nn.Embedding(max_len, d)
        s.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(d, heads, ff, dropout=0.0, batch_first=True),
                                          layers, enable_nested_tensor=False)
        s.head_a = TaskHead(d, hidden, classes_a)
        s.head_b = TaskHead(d, hidden, classes_b)

    def encode(s, ids):
        pad = ids == 0
        x = s.embedding(ids) + s.position.weight[: ids.shape[1]]
        h = s.encoder(x, src_key_padding_mask=pad)
        keep = (~pad).unsqueeze(-1).to(h.dtype)
        return (h * keep).sum(1) / keep.sum(1).clamp(min=1)

    def forward(s, ids):
        z = s.encode(ids)
        return s.head_a(z), s.head_b(z)

    def losses(s, ids, labels_a, labels_b):
        a, b = s.forward(ids)
        la, lb = F.cross_entropy(a, labels_a), F.cross_entropy(b, labels_b)
        return s.weight_a * la + s.weight_b * lb, la, lb


SMALL = dict(vocab=9, d=8, heads=2, ff=16, layers=2, max_len=7, hidden=6, classes_a=2, classes_b=3)
REFERENCE = dict(vocab=17, d=48, heads=4, ff=96, layers=2, max_len=12, hidden=48, classes_a=2, classes_b=3)


def config_tensors(case, cfg, wa, wb):
    names = dict(vocab="vocab", d="d_model", heads="heads", ff="feed_forward", layers="layers", max_len="max_len",
                 hidden="head_hidden", classes_a="classes_a", classes_b="classes_b")
    t = {f"{case}.{names[k]}": torch.tensor([float(v)], dtype=DT) for k, v in cfg.items()}
    t[f"{case}.weight_a"] = torch.tensor([wa], dtype=DT)
    t[f"{case}.weight_b"] = torch.tensor([wb], dtype=DT)
    return t


def pad_batch(seqs, length):
    ids = torch.zeros(len(seqs), length, dtype=torch.long)
    for i, s in enumerate(seqs):
        ids[i, : len(s)] = torch.tensor(s)
    return ids


def label_a(s):
    return int(s[-1] in s[:-1])


def label_b(s):
    return (s[-1] > s[0]) - (s[-1] < s[0]) + 1


def random_sequences(g, n, lo, hi, types):
    out = []
    for _ in range(n):
        length = int(torch.randint(lo, hi + 1, (1,), generator=g))
        out.append([int(v) for v in torch.randint(1, types + 1, (length,), generator=g)])
    return out


def randomize(model, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm1.weight") or name.endswith("norm2.weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, dtype=DT, generator=g))
            else:
                p.copy_(0.5 * torch.randn(p.shape, dtype=DT, generator=g))


def grads_case(case, model, ids, la, lb, wa, wb):
    model.weight_a, model.weight_b = wa, wb
    model.zero_grad()
    loss, loss_a, loss_b = model.losses(ids, la, lb)
    loss.backward()
    t = {f"{case}.loss": loss.detach().reshape(1), f"{case}.loss_a": loss_a.detach().reshape(1),
         f"{case}.loss_b": loss_b.detach().reshape(1)}
    for k, p in model.named_parameters():
        t[f"{case}.grad.{k}"] = p.grad.detach().clone()
    return t


def small_cases():
    torch.manual_seed(1801)
    model = MultiTaskClassifier(**SMALL, weight_a=0.7, weight_b=1.3).to(DT)
    randomize(model, 1802)
    model.train()
    seqs = [[3, 1, 8, 3, 5, 2], [7, 2, 7, 4], [5, 8]]
    ids = pad_batch(seqs, 6)
    la = torch.tensor([label_a(s) for s in seqs])
    lb = torch.tensor([label_b(s) for s in seqs])
    t = {}
    for case, (wa, wb) in (("small", (0.7, 1.3)), ("small_a_only", (1.0, 0.0))):
        t.update(config_tensors(case, SMALL, wa, wb))
        t[f"{case}.ids"] = ids
        t[f"{case}.labels_a"] = la
        t[f"{case}.labels_b"] = lb
        for k, v in model.state_dict().items():
            t[f"{case}.{k}"] = v.detach().clone()
        t.update(grads_case(case, model, ids, la, lb, wa, wb))
    with torch.no_grad():
        z = model.encode(ids)
        a, b = model.forward(ids)
        # the same numbers by the formula: heads read the pooled vector
        assert torch.allclose(model.head_a(z), a, atol=0, rtol=0) and torch.allclose(model.head_b(z), b, atol=0, rtol=0)
        # padding invariance in PyTorch too: two more padded columns change nothing
        a2, b2 = model.forward(pad_batch(seqs, 7))
        assert (a2 - a).abs().max() < 1e-12 and (b2 - b).abs().max() < 1e-12, "PyTorch module is not padding invariant"
    t["small.encode"], t["small.logits_a"], t["small.logits_b"] = z, a, b
    return t


def reference_inputs():
    g = torch.Generator().manual_seed(1803)
    seqs = random_sequences(g, 8, 8, 12, 16)
    return seqs, pad_batch(seqs, 12)


def pytorch_trained():
    torch.manual_seed(1804)
    model = MultiTaskClassifier(**REFERENCE, weight_a=1.0, weight_b=1.0).to(DT)
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=3e-3, weight_decay=0.01)
    g = torch.Generator().manual_seed(1805)
    for _ in range(60):
        seqs = random_sequences(g, 32, 8, 12, 16)
        ids = pad_batch(seqs, 12)
        la = torch.tensor([label_a(s) for s in seqs])
        lb = torch.tensor([label_b(s) for s in seqs])
        opt.zero_grad()
        model.losses(ids, la, lb)[0].backward()
        opt.step()
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(p.float().double())     # what a float32 checkpoint holds
    _, ids = reference_inputs()
    with torch.no_grad():
        a, b = model.forward(ids)
    t = {f"pytorch_trained.{k}": v.detach().float() for k, v in model.state_dict().items()}
    t.update({"pytorch_trained.ids": ids, "pytorch_trained.logits_a": a, "pytorch_trained.logits_b": b})
    return t


def java_trained():
    path = os.path.join(OUT, "java_trained.safetensors")
    if not os.path.exists(path):
        print(f"warning: {path} is missing (./dojo train multitask-classifier --out DIR writes it as model.safetensors): "
              "java_trained case skipped", file=sys.stderr)
        return {}
    with open(path, "rb") as f:
        _, state = read_safetensors(f.read())
    model = MultiTaskClassifier(**REFERENCE, weight_a=1.0, weight_b=1.0).to(DT)
    result = model.load_state_dict({k: v.double() for k, v in state.items()}, strict=True)
    print(f"java_trained.safetensors loads with strict=True: {result}")
    model.train()
    _, ids = reference_inputs()
    with torch.no_grad():
        a, b = model.forward(ids)
    return {"java_trained.ids": ids, "java_trained.logits_a": a, "java_trained.logits_b": b}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare freshly generated tensors with the committed file")
    args = parser.parse_args()
    torch.set_num_threads(1)
    t = {}
    t.update(small_cases())
    t.update(pytorch_trained())
    t.update(java_trained())
    cases = sorted({k.split(".")[0] for k in t}, key=["small", "small_a_only", "pytorch_trained", "java_trained"].index)
    meta = {"cases": ",".join(cases), "generator": "scripts/golden/ex18_multitask.py", "torch": torch.__version__}
    path = os.path.join(OUT, "multitask.safetensors")
    return 1 if check_or_write(path, t, safetensors_bytes(t, meta), args.check, atol=1e-12, rtol=1e-10) else 0


if __name__ == "__main__":
    sys.exit(main())

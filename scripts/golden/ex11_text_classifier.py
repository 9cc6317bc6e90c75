#!/usr/bin/python3
"""Golden vectors for exercise ex11_text_classifier (the original document's C2, corrected), float64.

    /usr/bin/python3 scripts/golden/ex11_text_classifier.py          # writes src/test/resources/golden/ex11_text_classifier/
    /usr/bin/python3 scripts/golden/ex11_text_classifier.py --check  # regenerates in memory, compares with the committed file

Cases (names `<case>.<tensor>`; weights `<case>.w.<state_dict name>`, gradients `<case>.grad.<name>`):
- `small`: a 2-layer model (vocab 10, E 8, 2 heads, ff 16, max_len 7, 3 classes) with weights re-drawn from
  N(0, 0.5^2) (LayerNorm weights 1 + N(0, 0.1^2)) so that zero biases cannot hide a missing bias; a batch of
  rows padded to different lengths; logits, cross-entropy loss and the gradient of every parameter.
- `torch_trained`: the same model trained here by 40 AdamW steps on random sequences (a checkpoint
  trained in PyTorch); its weights and the logits it gives on the `small` batch.
- `java_trained`: `java_trained.safetensors` (F32, written by `./dojo train text-classifier`, reference
  sizes) loaded STRICTLY into this module: the logits PyTorch gives with it on a batch of task-like
  sequences. The Java suite loads the same file and must give the same logits: a checkpoint trained in
  Java works in PyTorch.
Rows never consist of padding only (PyTorch gives NaN there; this project defines that row's pooled
vector as 0, tested separately).
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
OUT_DIR = os.path.join(ROOT, "src", "test", "resources", "golden", "ex11_text_classifier")
DT = torch.float64


class TextClassifier(nn.Module):
    """The corrected C2, exactly the contract of dojo.exercise.api.TextClassifierModel."""

    def __init__(self, vocab, d_model, heads, feed_forward, layers, max_len, classes):
        super().__init__()
        self.embedding = nn.Embedding(vocab, d_model, padding_idx=0)
        self.position = nn.Embedding(max_len, d_model)
        layer = nn.TransformerEncoderLayer(d_model, heads, feed_forward, 0.0, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        self.head = nn.Linear(d_model, classes)

    def forward(self, ids):
        pad = ids == 0
        x = self.embedding(ids) + self.position.weight[: ids.shape[1]]
        h = self.encoder(x, src_key_padding_mask=pad)
        keep = (~pad).unsqueeze(-1).to(h.dtype)
        pooled = (h * keep).sum(1) / keep.sum(1).clamp(min=1)
        return self.head(pooled)


def redraw(model, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith("norm1.weight") or name.endswith("norm2.weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, dtype=DT, generator=g))
            else:
                p.copy_(0.5 * torch.randn(p.shape, dtype=DT, generator=g))


def padded(rows, length):
    ids = torch.zeros(len(rows), length, dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r)
    return ids


def small_case():
    torch.manual_seed(1101)
    m = TextClassifier(10, 8, 2, 16, 2, 7, 3).to(DT)
    m.train()  # dropout is 0: train mode only keeps PyTorch on its reference (non-fused) path
    redraw(m, 1102)
    ids = padded([[3, 1, 4, 1, 5, 9, 2], [6, 5, 3], [5, 8, 9, 7, 9], [2]], 7)
    labels = torch.tensor([0, 2, 1, 2])
    logits = m(ids)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    t = {"small.ids": ids.to(DT), "small.labels": labels.to(DT), "small.logits": logits.detach(), "small.loss": loss.detach().reshape(1)}
    for k, v in m.state_dict().items():
        t[f"small.w.{k}"] = v.detach().clone()
    for k, p in m.named_parameters():
        t[f"small.grad.{k}"] = p.grad.detach().clone()
    # a model trained in PyTorch: 40 AdamW steps on random sequences and labels
    g = torch.Generator().manual_seed(1103)
    opt = torch.optim.AdamW(m.parameters(), lr=3e-3, weight_decay=0.01)
    for _ in range(40):
        lengths = torch.randint(1, 8, (16,), generator=g)
        rows = [torch.randint(1, 10, (int(n),), generator=g).tolist() for n in lengths]
        y = torch.randint(0, 3, (16,), generator=g)
        opt.zero_grad()
        F.cross_entropy(m(padded(rows, 7)), y).backward()
        opt.step()
    for k, v in m.state_dict().items():
        t[f"torch_trained.w.{k}"] = v.detach().clone()
    with torch.no_grad():
        t["torch_trained.logits"] = m(ids)
    return t


def java_trained_case():
    path = os.path.join(OUT_DIR, "java_trained.safetensors")
    with open(path, "rb") as f:
        _, state = read_safetensors(f.read())
    m = TextClassifier(17, 48, 4, 96, 2, 12, 2).to(DT)
    m.load_state_dict({k: v.to(DT) for k, v in state.items()}, strict=True)
    m.train()
    g = torch.Generator().manual_seed(1104)
    lengths = torch.randint(8, 13, (6,), generator=g)
    rows = [torch.randint(1, 17, (int(n),), generator=g).tolist() for n in lengths]
    ids = padded(rows, 12)
    with torch.no_grad():
        return {"java_trained.ids": ids.to(DT), "java_trained.logits": m(ids)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare freshly generated tensors with the committed file")
    args = parser.parse_args()
    torch.set_num_threads(1)
    tensors = {**small_case(), **java_trained_case()}
    meta = {"generator": "scripts/golden/ex11_text_classifier.py", "torch": torch.__version__,
            "cases": "small,torch_trained,java_trained"}
    path = os.path.join(OUT_DIR, "text_classifier.safetensors")
    return 1 if check_or_write(path, tensors, safetensors_bytes(tensors, meta), args.check, atol=1e-12, rtol=1e-10) else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Golden vectors of ex17_retriever (the CLIP-style dual encoder), float64, from PyTorch.

    /usr/bin/python3 scripts/golden/ex17_retriever.py           # writes src/test/resources/golden/ex17_retriever/
    /usr/bin/python3 scripts/golden/ex17_retriever.py --check   # regenerates in memory and compares

Files (tensor names `<case>.<name>`, parameters under their state_dict names, `<case>.grad.<name>`):

- retriever.safetensors
  - `tiny`: a small config (8x8 images, 4 patches, d 8, 2 heads, 2 layers, D 6), random weights with
    logit_scale = ln(1/0.07), inputs (4 images, 4 captions padded with 0 to length 6), the image and text
    embeddings, logits per image, the symmetric InfoNCE loss and the gradient of that loss for every
    parameter (the padding row of text.embedding.weight gets none).
  - `clamped`: the same weights with logit_scale = 5 (exp 148 > 100): logits use 100 and logit_scale's
    gradient is 0.
  - `pytorch_trained`: logits, in the reference config of `./dojo train retriever`, of a model that PyTorch
    trained for 40 AdamW steps on random pairs (its weights: pytorch_trained.safetensors, F64), on the
    reference inputs `ref.images`, `ref.ids`.
  - `java_trained`: the logits PyTorch gives on the same inputs after loading java_trained.safetensors
    (F32, written by `./dojo train retriever --steps 300`) with load_state_dict(strict=True).
- pytorch_trained.safetensors: that checkpoint.

The loss is computed twice (F.cross_entropy both ways, and explicit log-softmax) and the script stops if
the two disagree.
"""

import argparse
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import check_or_write, read_safetensors, safetensors_bytes  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "ex17_retriever")
DT = torch.float64


class Config:
    def __init__(s, vocab, max_text_len, channels, image_size, patch, d_model, heads, feed_forward, layers, embed_dim):
        s.vocab, s.max_text_len, s.channels, s.image_size, s.patch = vocab, max_text_len, channels, image_size, patch
        s.d_model, s.heads, s.feed_forward, s.layers, s.embed_dim = d_model, heads, feed_forward, layers, embed_dim
        s.patches = (image_size // patch) ** 2

    def numbers(s):
        return [s.vocab, s.max_text_len, s.channels, s.image_size, s.patch, s.d_model, s.heads, s.feed_forward, s.layers, s.embed_dim]


TINY = Config(18, 6, 1, 8, 4, 8, 2, 16, 2, 6)
REFERENCE = Config(18, 6, 1, 12, 4, 32, 2, 64, 1, 32)   # RetrieverExperiment.referenceConfig()


def encoder(c):
    layer = nn.TransformerEncoderLayer(c.d_model, c.heads, c.feed_forward, dropout=0.0, batch_first=True)
    return nn.TransformerEncoder(layer, c.layers, enable_nested_tensor=False)


class ImageEncoder(nn.Module):
    def __init__(s, c):
        super().__init__()
        s.patch_embed = nn.Conv2d(c.channels, c.d_model, c.patch, stride=c.patch)
        s.position = nn.Embedding(c.patches, c.d_model)
        s.encoder = encoder(c)
        s.proj = nn.Linear(c.d_model, c.embed_dim, bias=False)

    def forward(s, images):
        x = s.patch_embed(images).flatten(2).transpose(1, 2) + s.position.weight
        e = s.proj(s.encoder(x).mean(1))
        return e / e.norm(dim=-1, keepdim=True)


class TextEncoder(nn.Module):
    def __init__(s, c):
        super().__init__()
        s.embedding = nn.Embedding(c.vocab, c.d_model, padding_idx=0)
        s.position = nn.Embedding(c.max_text_len, c.d_model)
        s.encoder = encoder(c)
        s.proj = nn.Linear(c.d_model, c.embed_dim, bias=False)

    def forward(s, ids):
        pad = ids == 0
        h = s.encoder(s.embedding(ids) + s.position.weight[:ids.shape[1]], src_key_padding_mask=pad)
        keep = (~pad).unsqueeze(-1).to(h.dtype)
        e = s.proj((h * keep).sum(1) / keep.sum(1).clamp(min=1))
        return e / e.norm(dim=-1, keepdim=True)


class DualEncoder(nn.Module):
    def __init__(s, c):
        super().__init__()
        s.image = ImageEncoder(c)
        s.text = TextEncoder(c)
        s.logit_scale = nn.Parameter(torch.tensor(math.log(1 / 0.07), dtype=DT))

    def scale(s):
        return s.logit_scale.exp().clamp(max=100)

    def forward(s, images, ids):
        return s.scale() * s.image(images) @ s.text(ids).t()


def loss(logits):
    target = torch.arange(logits.shape[0])
    return (F.cross_entropy(logits, target) + F.cross_entropy(logits.t(), target)) / 2


def loss_explicit(logits):
    n = logits.shape[0]
    rows = -logits.log_softmax(1).diagonal().sum() / n
    cols = -logits.log_softmax(0).diagonal().sum() / n
    return (rows + cols) / 2


def same(what, a, b, tol=1e-12):
    err = (a.detach() - b.detach()).abs().max().item()
    if not err <= tol:
        sys.exit(f"golden: {what}: the two computations differ by {err}")


def captions(gen, batch, length, vocab, lengths):
    ids = torch.randint(1, vocab, (batch, length), generator=gen)
    for i, n in enumerate(lengths):
        ids[i, n:] = 0
    return ids


def model(c, seed):
    torch.manual_seed(seed)
    m = DualEncoder(c).to(DT)
    m.train()   # dropout is 0; train mode keeps PyTorch off its inference fast path
    return m


def tiny_cases(t):
    m = model(TINY, 1701)
    with torch.no_grad():   # positions and patch weights large enough that every term matters
        for p in m.parameters():
            if p.dim() > 0:
                p.mul_(1.5)
        m.text.embedding.weight[0].zero_()
    gen = torch.Generator().manual_seed(1702)
    images = torch.rand(4, 1, 8, 8, generator=gen, dtype=DT)
    ids = captions(gen, 4, 6, TINY.vocab, [6, 4, 2, 5])
    for case, logit_scale in (("tiny", math.log(1 / 0.07)), ("clamped", 5.0)):
        with torch.no_grad():
            m.logit_scale.fill_(logit_scale)
        m.zero_grad()
        img, txt = m.image(images), m.text(ids)
        logits = m(images, ids)
        same(f"{case} logits", logits, m.scale() * img @ txt.t())
        value = loss(logits)
        same(f"{case} loss", value, loss_explicit(logits))
        value.backward()
        t[f"{case}.config"] = torch.tensor(TINY.numbers(), dtype=DT)
        t[f"{case}.images"] = images
        t[f"{case}.ids"] = ids.to(torch.int64)
        t[f"{case}.image_embeddings"] = img
        t[f"{case}.text_embeddings"] = txt
        t[f"{case}.logits"] = logits
        t[f"{case}.loss"] = value.reshape(1)
        for name, p in m.named_parameters():
            t[f"{case}.{name}"] = p.detach().clone()
            t[f"{case}.grad.{name}"] = p.grad.detach().clone()
    if t["clamped.grad.logit_scale"].item() != 0.0:
        sys.exit("golden: clamped: logit_scale should get no gradient")


def reference_inputs(t):
    gen = torch.Generator().manual_seed(1703)
    images = torch.rand(6, 1, 12, 12, generator=gen, dtype=DT)
    ids = captions(gen, 6, 6, REFERENCE.vocab, [6, 4, 6, 2, 5, 4])
    t["ref.config"] = torch.tensor(REFERENCE.numbers(), dtype=DT)
    t["ref.images"] = images
    t["ref.ids"] = ids.to(torch.int64)
    return images, ids


def pytorch_trained(t, images, ids):
    m = model(REFERENCE, 1704)
    opt = torch.optim.AdamW(m.parameters(), lr=3e-3, weight_decay=0.01)
    gen = torch.Generator().manual_seed(1705)
    for _ in range(40):
        x = torch.rand(16, 1, 12, 12, generator=gen, dtype=DT)
        lengths = torch.randint(2, 7, (16,), generator=gen).tolist()
        y = captions(gen, 16, 6, REFERENCE.vocab, lengths)
        opt.zero_grad()
        loss(m(x, y)).backward()
        opt.step()
    with torch.no_grad():
        t["pytorch_trained.logits"] = m(images, ids)
    return {k: v.detach().clone() for k, v in m.state_dict().items()}


def java_trained(t, images, ids):
    path = os.path.join(OUT, "java_trained.safetensors")
    if not os.path.exists(path):
        print(f"skipped  java_trained: {path} does not exist yet (./dojo train retriever --steps 300 --out ...)")
        return
    with open(path, "rb") as f:
        meta, state = read_safetensors(f.read())
    m = DualEncoder(REFERENCE).to(DT)
    result = m.load_state_dict({k: v.to(DT) for k, v in state.items()}, strict=True)
    print(f"java_trained: {result} {meta}")
    m.train()
    with torch.no_grad():
        t["java_trained.logits"] = m(images, ids)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare freshly generated tensors with the committed files")
    args = parser.parse_args()
    torch.set_num_threads(1)
    t = {}
    tiny_cases(t)
    images, ids = reference_inputs(t)
    checkpoint = pytorch_trained(t, images, ids)
    java_trained(t, images, ids)
    cases = ["tiny", "clamped", "ref", "pytorch_trained"] + (["java_trained"] if "java_trained.logits" in t else [])
    meta = {"cases": ",".join(cases), "generator": "scripts/golden/ex17_retriever.py", "torch": torch.__version__}
    failures = check_or_write(os.path.join(OUT, "retriever.safetensors"), t, safetensors_bytes(t, meta), args.check, 1e-12, 1e-10)
    ck_meta = {"generator": "scripts/golden/ex17_retriever.py", "steps": "40", "config": str(REFERENCE.numbers())}
    failures += check_or_write(os.path.join(OUT, "pytorch_trained.safetensors"), checkpoint,
                               safetensors_bytes(checkpoint, ck_meta), args.check, 1e-12, 1e-10)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

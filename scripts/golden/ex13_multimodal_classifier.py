#!/usr/bin/python3
"""Golden vectors of exercise ex13_multimodal_classifier (the corrected C4 MultiModalClassifier), float64.

Run with Debian's python3-torch (1.13 is enough):

    /usr/bin/python3 scripts/golden/ex13_multimodal_classifier.py          # writes src/test/resources/golden/ex13_multimodal_classifier/
    /usr/bin/python3 scripts/golden/ex13_multimodal_classifier.py --check  # regenerates in memory, compares with the committed files

Files (names `<case>.<tensor>`; parameters keep the module's state_dict names, gradients are `<case>.grad.<name>`):

- model.safetensors, case `small`: a small config (vocab 12, captions up to 5 tokens, 2-channel 12x12 images in
  4x4 patches = 9 patch tokens, d 16, 2 heads, feed-forward 32, 2 layers, 3 classes), weights drawn by the script
  (embeddings N(0, 0.5^2), so no row is special), a batch of 3 captions padded on the right (lengths 5, 3, 4) with
  images and labels; the logits, the mean cross-entropy `loss` and its gradient for every parameter. Case
  `padded`: the same batch padded to 5 with one extra caption of length 1 (logits only).
- pt_trained.safetensors: the same config trained here in PyTorch (40 AdamW steps, lr 1e-2, on random
  captions and images with labels from a fixed rule), its state dict (`pt_trained.<name>`) and its logits on the
  `small` batch (`pt_trained.logits`): a checkpoint trained in PyTorch must give the same logits in Java.
- java_check.safetensors: the checkpoint trained in Java (`java_trained.safetensors`, written by
  `./dojo train multimodal-classifier --steps N --out DIR`, F32, the reference config) loaded with
  `load_state_dict(strict=True)` into this module, and its logits on 6 fixed GlyphCaptions-sized inputs
  (`java_check.ids`, `java_check.images`, `java_check.logits`): a checkpoint trained in Java gives the same
  logits in PyTorch. Skipped (with a note) when java_trained.safetensors is missing.

The module is the one in dojo.exercise.api.MultimodalClassifierModel's javadoc. It runs in train mode with
dropout 0 (the same function as eval mode, without PyTorch's nested-tensor fast path, which zeroes padded rows).
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
OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "ex13_multimodal_classifier")
DT = torch.float64

SMALL = dict(vocab=12, max_text_length=5, channels=2, image_size=12, patch_size=4, d_model=16, heads=2,
             feed_forward=32, layers=2, classes=3)
# must equal dojo.models.MultimodalClassifierExperiment.referenceConfig()
REFERENCE = dict(vocab=13, max_text_length=4, channels=1, image_size=12, patch_size=4, d_model=32, heads=4,
                 feed_forward=64, layers=2, classes=2)


class MultiModalClassifier(nn.Module):
    def __init__(s, c):
        super().__init__()
        d, p = c["d_model"], c["patch_size"]
        s.text_embedding = nn.Embedding(c["vocab"], d, padding_idx=0)
        s.text_position = nn.Embedding(c["max_text_length"], d)
        s.patch_embed = nn.Conv2d(c["channels"], d, kernel_size=p, stride=p)
        s.patch_position = nn.Embedding((c["image_size"] // p) ** 2, d)
        s.token_type = nn.Embedding(2, d)  # row 0 = text, row 1 = image
        s.encoder = nn.TransformerEncoder(nn.TransformerEncoderLayer(d, c["heads"], c["feed_forward"], dropout=0.0,
                                                                     batch_first=True), c["layers"],
                                          enable_nested_tensor=False)
        s.head = nn.Linear(d, c["classes"])

    def forward(s, ids, images):
        b, l = ids.shape
        t = s.text_embedding(ids) + s.text_position.weight[:l] + s.token_type.weight[0]
        p = s.patch_embed(images).flatten(2).transpose(1, 2) + s.patch_position.weight + s.token_type.weight[1]
        x = torch.cat([t, p], dim=1)
        pad = torch.cat([ids == 0, torch.zeros(b, p.shape[1], dtype=torch.bool)], dim=1)
        h = s.encoder(x, src_key_padding_mask=pad)
        keep = (~pad).unsqueeze(-1).to(h.dtype)
        return s.head((h * keep).sum(1) / keep.sum(1))


def explicit_forward(m, ids, images):
    """The same function written out with F.* calls: a second computation the module must agree with."""
    b, l = ids.shape
    t = F.embedding(ids, m.text_embedding.weight) + m.text_position.weight[:l] + m.token_type.weight[0]
    conv = F.conv2d(images, m.patch_embed.weight, m.patch_embed.bias, stride=m.patch_embed.stride)
    p = conv.permute(0, 2, 3, 1).reshape(b, -1, conv.shape[1]) + m.patch_position.weight + m.token_type.weight[1]
    x = torch.cat([t, p], dim=1)
    n, d = x.shape[1], x.shape[2]
    pad = torch.cat([ids == 0, torch.zeros(b, p.shape[1], dtype=torch.bool)], dim=1)
    for layer in m.encoder.layers:
        a = layer.self_attn
        h = a.num_heads
        q, k, v = F.linear(x, a.in_proj_weight, a.in_proj_bias).chunk(3, dim=-1)
        split = lambda z: z.reshape(b, n, h, d // h).transpose(1, 2)  # noqa: E731
        scores = split(q) @ split(k).transpose(-1, -2) / (d // h) ** 0.5
        scores = scores.masked_fill(pad[:, None, None, :], float("-inf"))
        o = (scores.softmax(-1) @ split(v)).transpose(1, 2).reshape(b, n, d)
        x = F.layer_norm(x + F.linear(o, a.out_proj.weight, a.out_proj.bias), (d,), layer.norm1.weight, layer.norm1.bias, 1e-5)
        ff = F.linear(F.relu(F.linear(x, layer.linear1.weight, layer.linear1.bias)), layer.linear2.weight, layer.linear2.bias)
        x = F.layer_norm(x + ff, (d,), layer.norm2.weight, layer.norm2.bias, 1e-5)
    real = [[j for j in range(n) if not pad[i, j]] for i in range(b)]
    pooled = torch.stack([x[i, real[i]].mean(0) for i in range(b)])
    return F.linear(pooled, m.head.weight, m.head.bias)


def same(what, a, b, tol=1e-12):
    err = (a - b).abs().max().item()
    if err > tol:
        sys.exit(f"golden ex13: {what} disagree by {err:g}")


def build(c, seed):
    torch.manual_seed(seed)
    m = MultiModalClassifier(c).to(DT)
    with torch.no_grad():
        for name, p in m.named_parameters():
            if name.endswith("norm1.weight") or name.endswith("norm2.weight"):
                p.copy_(1 + 0.1 * torch.randn_like(p))
            else:
                p.copy_(0.5 * torch.randn_like(p))
        m.text_embedding.weight[0].zero_()  # the padding row, as nn.Embedding(padding_idx=0) keeps it
    m.train()
    return m


def captions(lengths, length, vocab, gen):
    ids = torch.zeros(len(lengths), length, dtype=torch.long)
    for i, n in enumerate(lengths):
        ids[i, :n] = torch.randint(1, vocab, (n,), generator=gen)
    return ids


def small_cases():
    c = SMALL
    m = build(c, 1301)
    gen = torch.Generator().manual_seed(1302)
    ids = captions([5, 3, 4], 5, c["vocab"], gen)
    images = torch.rand(3, c["channels"], c["image_size"], c["image_size"], generator=gen, dtype=DT)
    labels = torch.tensor([2, 0, 1])
    logits = m(ids, images)
    same("module and explicit forward", logits, explicit_forward(m, ids, images))
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    t = {f"small.{k}": v.detach().clone() for k, v in m.state_dict().items()}
    t.update({"small.ids": ids, "small.images": images, "small.labels": labels, "small.logits": logits.detach(),
              "small.loss": loss.detach().reshape(1)})
    for k, p in m.named_parameters():
        t[f"small.grad.{k}"] = p.grad.detach().clone()
    # the same batch padded further, plus a caption of length 1: the first 3 rows must not change
    ids2 = torch.cat([ids, torch.zeros(1, 5, dtype=torch.long)])
    ids2[3, 0] = 7
    images2 = torch.cat([images, torch.rand(1, c["channels"], c["image_size"], c["image_size"], generator=gen, dtype=DT)])
    with torch.no_grad():
        logits2 = m(ids2, images2)
    same("padding invariance in PyTorch", logits2[:3], logits.detach())
    t.update({"padded.ids": ids2, "padded.images": images2, "padded.logits": logits2})
    files = {"model.safetensors": (t, {"cases": "small,padded"})}

    # a checkpoint trained in PyTorch
    torch.manual_seed(1303)
    pt = MultiModalClassifier(c).to(DT)
    pt.train()
    opt = torch.optim.AdamW(pt.parameters(), lr=1e-2, weight_decay=0.01)
    gen = torch.Generator().manual_seed(1304)
    for _ in range(40):
        bid = captions(torch.randint(1, 6, (16,), generator=gen).tolist(), 5, c["vocab"], gen)
        bim = torch.rand(16, c["channels"], c["image_size"], c["image_size"], generator=gen, dtype=DT)
        y = (bid[:, 0] + (bim[:, 0, :4, :4].mean((1, 2)) > 0.5).long()) % c["classes"]
        opt.zero_grad()
        F.cross_entropy(pt(bid, bim), y).backward()
        opt.step()
    with torch.no_grad():
        pt_logits = pt(ids, images)
    same("trained module and explicit forward", pt_logits, explicit_forward(pt, ids, images))
    p = {f"pt_trained.{k}": v.detach().clone() for k, v in pt.state_dict().items()}
    p["pt_trained.logits"] = pt_logits
    files["pt_trained.safetensors"] = (p, {"cases": "pt_trained", "steps": "40"})
    return files


def java_check():
    path = os.path.join(OUT, "java_trained.safetensors")
    if not os.path.exists(path):
        print(f"note: {path} is missing: train one with ./dojo train multimodal-classifier --steps 200 --out DIR"
              " and copy DIR/model.safetensors there")
        return {}
    with open(path, "rb") as f:
        meta, state = read_safetensors(f.read())
    m = MultiModalClassifier(REFERENCE).to(DT)
    result = m.load_state_dict({k: v.to(DT) for k, v in state.items()}, strict=True)
    print(f"java_trained.safetensors ({meta.get('model', '?')}, {meta.get('steps', '?')} steps): {result}")
    m.train()
    c = REFERENCE
    gen = torch.Generator().manual_seed(1305)
    ids = captions([4, 2, 3, 2, 4, 3], 4, c["vocab"], gen)
    images = (torch.rand(6, 1, c["image_size"], c["image_size"], generator=gen, dtype=DT) > 0.7).to(DT)
    with torch.no_grad():
        logits = m(ids, images)
        same("java checkpoint: module and explicit forward", logits, explicit_forward(m, ids, images))
    t = {"java_check.ids": ids, "java_check.images": images, "java_check.logits": logits}
    return {"java_check.safetensors": (t, {"cases": "java_check", "checkpoint": "java_trained.safetensors"})}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare freshly generated tensors with the committed files")
    args = parser.parse_args()
    torch.set_num_threads(1)
    failures = 0
    files = small_cases()
    files.update(java_check())
    for filename, (tensors, meta) in files.items():
        meta = dict(meta, generator="scripts/golden/ex13_multimodal_classifier.py", torch=torch.__version__)
        failures += check_or_write(os.path.join(OUT, filename), tensors, safetensors_bytes(tensors, meta), args.check,
                                   atol=1e-12, rtol=1e-10)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

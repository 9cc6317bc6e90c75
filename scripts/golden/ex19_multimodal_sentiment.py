#!/usr/bin/python3
"""Golden vectors for exercise ex19_multimodal_sentiment (the original document's C10, corrected), float64.

    /usr/bin/python3 scripts/golden/ex19_multimodal_sentiment.py          # writes src/test/resources/golden/ex19_multimodal_sentiment/
    /usr/bin/python3 scripts/golden/ex19_multimodal_sentiment.py --check  # regenerates in memory, compares with the committed file

Cases (names `<case>.<tensor>`; weights `<case>.w.<state_dict name>`, gradients `<case>.grad.<name>`):
- `small`: vocab 12, max_len 5, 1 channel, 8x8 images in 4x4 patches, E 8, 2 heads, ff 16, one encoder layer
  per modality, 3 classes; weights re-drawn from N(0, 0.5^2) (LayerNorm weights 1 + N(0, 0.1^2)) so that
  zero biases cannot hide a missing bias; captions padded to different lengths and random images; logits,
  cross-entropy loss, the gradient of every parameter and the per-head cross-attention weights [B, H, L, P].
- `deep`: the same with two encoder layers per modality and 4 heads (E 8), logits only.
- `torch_trained`: the small model trained here by 40 AdamW steps on random captions and images (a
  checkpoint trained in PyTorch); its weights and the logits it gives on the `small` batch.
- `java_trained`: `java_trained.safetensors` (F32, written by `./dojo train multimodal-sentiment`, reference
  sizes) loaded STRICTLY into this module: the logits PyTorch gives with it on a batch of random captions
  and images. The Java suite loads the same file and must give the same logits.
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
OUT_DIR = os.path.join(ROOT, "src", "test", "resources", "golden", "ex19_multimodal_sentiment")
DT = torch.float64


class MultimodalSentiment(nn.Module):
    """The corrected C10, exactly the contract of dojo.exercise.api.MultimodalSentimentModel."""

    def __init__(self, vocab, max_len, channels, image_size, patch, d, heads, ff, text_layers, image_layers, classes):
        super().__init__()

        def layer():
            return nn.TransformerEncoderLayer(d, heads, ff, 0.0, batch_first=True)
        self.token_embedding = nn.Embedding(vocab, d, padding_idx=0)
        self.text_position = nn.Embedding(max_len, d)
        self.text_encoder = nn.TransformerEncoder(layer(), text_layers, enable_nested_tensor=False)
        self.patch_embed = nn.Conv2d(channels, d, patch, stride=patch)
        self.image_position = nn.Embedding((image_size // patch) ** 2, d)
        self.image_encoder = nn.TransformerEncoder(layer(), image_layers, enable_nested_tensor=False)
        self.cross_attn = nn.MultiheadAttention(d, heads, batch_first=True)
        self.cross_norm = nn.LayerNorm(d)
        self.linear1 = nn.Linear(d, ff)
        self.linear2 = nn.Linear(ff, d)
        self.ff_norm = nn.LayerNorm(d)
        self.head = nn.Linear(d, classes)

    def forward(self, ids, images):
        pad = ids == 0
        t = self.token_embedding(ids) + self.text_position.weight[: ids.shape[1]]
        t = self.text_encoder(t, src_key_padding_mask=pad)
        p = self.patch_embed(images).flatten(2).transpose(1, 2)
        p = self.image_encoder(p + self.image_position.weight)
        a, w = self.cross_attn(t, p, p, need_weights=True, average_attn_weights=False)
        x = self.cross_norm(t + a)
        x = self.ff_norm(x + self.linear2(F.relu(self.linear1(x))))
        keep = (~pad).unsqueeze(-1).to(x.dtype)
        pooled = (x * keep).sum(1) / keep.sum(1).clamp(min=1)
        return self.head(pooled), w


def redraw(model, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "norm" in name and name.endswith(".weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, dtype=DT, generator=g))
            else:
                p.copy_(0.5 * torch.randn(p.shape, dtype=DT, generator=g))


def padded(rows, length):
    ids = torch.zeros(len(rows), length, dtype=torch.long)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.tensor(r)
    return ids


def random_batch(g, n, vocab, max_len, min_len=1):
    lengths = torch.randint(min_len, max_len + 1, (n,), generator=g)
    rows = [torch.randint(1, vocab, (int(k),), generator=g).tolist() for k in lengths]
    return padded(rows, max_len), torch.rand(n, 1, 8, 8, dtype=DT, generator=g)


SMALL = (12, 5, 1, 8, 4, 8, 2, 16, 1, 1, 3)
DEEP = (12, 5, 1, 8, 4, 8, 4, 16, 2, 2, 3)
REFERENCE = (19, 5, 1, 8, 4, 32, 4, 64, 1, 1, 3)


def small_case():
    torch.manual_seed(1901)
    m = MultimodalSentiment(*SMALL).to(DT)
    m.train()  # dropout is 0: train mode keeps PyTorch on its reference (non-fused) path
    redraw(m, 1902)
    ids = padded([[3, 1, 4, 1, 5], [6, 5], [5, 8, 9, 7], [2]], 5)
    images = torch.rand(4, 1, 8, 8, dtype=DT, generator=torch.Generator().manual_seed(1903))
    labels = torch.tensor([0, 2, 1, 2])
    logits, w = m(ids, images)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    t = {"small.ids": ids.to(DT), "small.images": images, "small.labels": labels.to(DT), "small.logits": logits.detach(),
         "small.loss": loss.detach().reshape(1), "small.cross_attention": w.detach()}
    for k, v in m.state_dict().items():
        t[f"small.w.{k}"] = v.detach().clone()
    for k, p in m.named_parameters():
        t[f"small.grad.{k}"] = p.grad.detach().clone()
    # a model trained in PyTorch: 40 AdamW steps on random captions, images and labels
    g = torch.Generator().manual_seed(1904)
    opt = torch.optim.AdamW(m.parameters(), lr=3e-3, weight_decay=0.01)
    for _ in range(40):
        bi, bx = random_batch(g, 16, 12, 5)
        y = torch.randint(0, 3, (16,), generator=g)
        opt.zero_grad()
        F.cross_entropy(m(bi, bx)[0], y).backward()
        opt.step()
    for k, v in m.state_dict().items():
        t[f"torch_trained.w.{k}"] = v.detach().clone()
    with torch.no_grad():
        t["torch_trained.logits"] = m(ids, images)[0]
    return t


def deep_case():
    torch.manual_seed(1905)
    m = MultimodalSentiment(*DEEP).to(DT)
    m.train()
    redraw(m, 1906)
    ids, images = random_batch(torch.Generator().manual_seed(1907), 3, 12, 5, min_len=2)
    with torch.no_grad():
        logits, _ = m(ids, images)
    t = {"deep.ids": ids.to(DT), "deep.images": images, "deep.logits": logits}
    for k, v in m.state_dict().items():
        t[f"deep.w.{k}"] = v.detach().clone()
    return t


def java_trained_case():
    path = os.path.join(OUT_DIR, "java_trained.safetensors")
    with open(path, "rb") as f:
        _, state = read_safetensors(f.read())
    m = MultimodalSentiment(*REFERENCE).to(DT)
    m.load_state_dict({k: v.to(DT) for k, v in state.items()}, strict=True)
    m.train()
    ids, images = random_batch(torch.Generator().manual_seed(1908), 6, 19, 5, min_len=3)
    with torch.no_grad():
        return {"java_trained.ids": ids.to(DT), "java_trained.images": images, "java_trained.logits": m(ids, images)[0]}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare freshly generated tensors with the committed file")
    args = parser.parse_args()
    torch.set_num_threads(1)
    tensors = {**small_case(), **deep_case(), **java_trained_case()}
    meta = {"generator": "scripts/golden/ex19_multimodal_sentiment.py", "torch": torch.__version__,
            "cases": "small,deep,torch_trained,java_trained"}
    path = os.path.join(OUT_DIR, "multimodal_sentiment.safetensors")
    return 1 if check_or_write(path, tensors, safetensors_bytes(tensors, meta), args.check, atol=1e-12, rtol=1e-10) else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Golden vectors for ex16_image_segmenter (the corrected image segmenter, seed answer C7), float64.

Run with Debian's python3-torch (1.13 is enough):

    /usr/bin/python3 scripts/golden/ex16_image_segmenter.py          # writes src/test/resources/golden/ex16_image_segmenter/
    /usr/bin/python3 scripts/golden/ex16_image_segmenter.py --check  # regenerates in memory, compares with the committed files

`ImageSegmenter` below is the PyTorch module of the exercise's contract (dojo.exercise.api.ImageSegmenterModel),
with the same state_dict names. Files (tensor names `<case>.<tensor>`, parameters keep the state_dict names,
gradients `<case>.grad.<name>`, configuration numbers in `<case>.config` in the order of ImageSegmenterConfig:
channels, height, width, patch, d_model, heads, feed_forward, layers, classes):

- golden.safetensors, cases
  - `small`: a non-square 8x12 image of 2 channels, patch 4 (a 2 x 3 token grid), d 8, 2 heads, 2 layers,
    3 classes; PyTorch's default initialisation (seeded), a batch of 3 random images, the logits, random labels
    for every pixel, `loss = F.cross_entropy(logits, labels)` and the gradient of the loss for every parameter
    and for the images;
  - `reference`: the experiment's size (16x16, 1 channel, patch 4, d 32, 4 heads, 2 layers, 3 classes), seeded
    weights, 2 images, logits, loss and gradients;
  - `torch_trained`: the reference size trained here in PyTorch (60 AdamW steps on random glyph-like images
    with random per-pixel labels); its state dict (the checkpoint) and its logits on 4 images;
  - `java_trained`: the logits PyTorch computes, on 4 images, with the checkpoint trained by the dojo
    (java_trained.safetensors, F32, written by the Java trainer), loaded with strict=True.
- java_trained.safetensors is an input of this script (committed), not written here: the model.safetensors
  that `./dojo train image-segmenter` writes (F32, PyTorch names), copied into the folder above.
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
DEFAULT_OUT = os.path.join(ROOT, "src", "test", "resources", "golden")
EX = "ex16_image_segmenter"
DT = torch.float64

SMALL = dict(channels=2, height=8, width=12, patch=4, d_model=8, heads=2, feed_forward=16, layers=2, classes=3)
REFERENCE = dict(channels=1, height=16, width=16, patch=4, d_model=32, heads=4, feed_forward=64, layers=2, classes=3)
ORDER = ["channels", "height", "width", "patch", "d_model", "heads", "feed_forward", "layers", "classes"]


class ImageSegmenter(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        p = c["patch"]
        self.patch_embed = nn.Conv2d(c["channels"], c["d_model"], kernel_size=p, stride=p)
        tokens = (c["height"] // p) * (c["width"] // p)
        self.position = nn.Embedding(tokens, c["d_model"])
        layer = nn.TransformerEncoderLayer(c["d_model"], c["heads"], c["feed_forward"], dropout=0.0, batch_first=True)
        self.encoder = nn.TransformerEncoder(layer, c["layers"], enable_nested_tensor=False)
        self.head = nn.Linear(c["d_model"], c["classes"] * p * p)

    def forward(self, images):
        b, p, k = images.shape[0], self.c["patch"], self.c["classes"]
        gh, gw = self.c["height"] // p, self.c["width"] // p
        x = self.patch_embed(images).flatten(2).transpose(1, 2)       # [B, N, d]
        x = self.encoder(x + self.position.weight)
        y = self.head(x)                                              # [B, N, K*p*p]
        y = y.reshape(b, gh, gw, k, p, p)
        return y.permute(0, 3, 1, 4, 2, 5).reshape(b, k, gh * p, gw * p)


def unpatchify_by_loops(y, c):
    """The same placement written pixel by pixel: a second computation of the last line of forward."""
    b, p, k = y.shape[0], c["patch"], c["classes"]
    gw = c["width"] // p
    out = torch.empty(b, k, c["height"], c["width"], dtype=y.dtype)
    for row in range(c["height"]):
        for col in range(c["width"]):
            n = (row // p) * gw + col // p
            for kk in range(k):
                out[:, kk, row, col] = y[:, n, kk * p * p + (row % p) * p + col % p]
    return out


def config_tensor(c):
    return torch.tensor([float(c[n]) for n in ORDER], dtype=DT)


def glyph_images(gen, n, c):
    """Random images with a few bright 4x4 blocks of random on/off pixels: inputs that look like the dataset."""
    x = torch.zeros(n, c["channels"], c["height"], c["width"], dtype=DT)
    p = c["patch"]
    for i in range(n):
        for _ in range(4):
            r = int(torch.randint(0, c["height"] // p, (1,), generator=gen)) * p
            q = int(torch.randint(0, c["width"] // p, (1,), generator=gen)) * p
            on = (torch.rand(c["channels"], p, p, generator=gen, dtype=DT) < 0.5).to(DT)
            x[i, :, r:r + p, q:q + p] = on * (0.5 + 0.5 * torch.rand(1, generator=gen, dtype=DT))
    return x


def forward_case(name, seed, c, batch):
    torch.manual_seed(seed)
    m = ImageSegmenter(c).to(DT)
    gen = torch.Generator().manual_seed(seed + 1)
    images = glyph_images(gen, batch, c).requires_grad_(True)
    labels = torch.randint(0, c["classes"], (batch, c["height"], c["width"]), generator=gen)
    logits = m(images)
    # second computation: the head's output placed pixel by pixel
    with torch.no_grad():
        x = m.patch_embed(images).flatten(2).transpose(1, 2)
        y = m.head(m.encoder(x + m.position.weight))
        check("%s unpatchify" % name, logits, unpatchify_by_loops(y, c))
        # third computation: the head's layout k*p*p + i*p + j is nn.PixelShuffle's channel layout
        gh, gw = c["height"] // c["patch"], c["width"] // c["patch"]
        check("%s pixel_shuffle" % name, logits, F.pixel_shuffle(y.transpose(1, 2).reshape(batch, -1, gh, gw), c["patch"]))
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    t = {f"{name}.config": config_tensor(c), f"{name}.images": images.detach(), f"{name}.logits": logits.detach(),
         f"{name}.labels": labels, f"{name}.loss": loss.detach().reshape(1), f"{name}.grad.images": images.grad}
    for k, v in m.state_dict().items():
        t[f"{name}.{k}"] = v
    for k, v in m.named_parameters():
        t[f"{name}.grad.{k}"] = v.grad
    return t


def torch_trained_case():
    c = REFERENCE
    torch.manual_seed(1601)
    m = ImageSegmenter(c).to(DT)
    gen = torch.Generator().manual_seed(1602)
    opt = torch.optim.AdamW(m.parameters(), lr=3e-3, weight_decay=0.01)
    for _ in range(60):
        x = glyph_images(gen, 16, c)
        y = torch.randint(0, c["classes"], (16, c["height"], c["width"]), generator=gen)
        opt.zero_grad()
        F.cross_entropy(m(x), y).backward()
        opt.step()
    images = glyph_images(gen, 4, c)
    with torch.no_grad():
        logits = m(images)
    t = {"torch_trained.config": config_tensor(c), "torch_trained.images": images, "torch_trained.logits": logits}
    for k, v in m.state_dict().items():
        t[f"torch_trained.{k}"] = v
    return t


def java_trained_case(out_dir):
    path = os.path.join(out_dir, EX, "java_trained.safetensors")
    if not os.path.exists(path):
        sys.exit(f"golden: {path} is missing: ./dojo train image-segmenter, then copy target/train/image-segmenter/model.safetensors there")
    with open(path, "rb") as f:
        meta, state = read_safetensors(f.read())
    c = REFERENCE
    m = ImageSegmenter(c).to(DT)
    result = m.load_state_dict({k: v.to(DT) for k, v in state.items()}, strict=True)
    print(f"java_trained.safetensors: {result} ({meta.get('steps', '?')} steps, test mIoU {meta.get('test_mIoU', '?')})")
    gen = torch.Generator().manual_seed(1603)
    images = glyph_images(gen, 4, c)
    m.eval()
    with torch.no_grad():
        logits = m(images)
    return {"java_trained.config": config_tensor(c), "java_trained.images": images, "java_trained.logits": logits}


def check(what, a, b, tol=1e-12):
    err = (a.detach() - b.detach()).abs().max().item()
    if not err <= tol:
        sys.exit(f"golden: {what}: the two computations differ by {err}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare freshly generated tensors with the files in --out")
    args = parser.parse_args()
    torch.set_num_threads(1)
    tensors = {}
    tensors.update(forward_case("small", 1611, SMALL, 3))
    tensors.update(forward_case("reference", 1612, REFERENCE, 2))
    tensors.update(torch_trained_case())
    tensors.update(java_trained_case(args.out))
    meta = {"cases": "small,reference,torch_trained,java_trained", "generator": "scripts/golden/ex16_image_segmenter.py",
            "torch": torch.__version__}
    data = safetensors_bytes(tensors, meta)
    failed = check_or_write(os.path.join(args.out, EX, "golden.safetensors"), tensors, data, args.check, atol=1e-12, rtol=1e-10)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

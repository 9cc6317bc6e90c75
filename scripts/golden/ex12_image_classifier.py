#!/usr/bin/python3
"""Golden vectors of exercise ex12_image_classifier (a tiny ViT, the original interview document's C3
corrected), float64, from PyTorch.

Run with Debian's python3-torch (1.13 is enough):

    /usr/bin/python3 scripts/golden/ex12_image_classifier.py          # writes src/test/resources/golden/ex12_image_classifier/vit.safetensors
    /usr/bin/python3 scripts/golden/ex12_image_classifier.py --check  # regenerates in memory, compares with the committed file

Cases (tensor names `<case>.<name>`, parameters under their state_dict names, configuration numbers as
F64 tensors of one element):

- `c1_8x8`, `c2_12x12`: randomised weights (norm weights 1 + N(0, 0.1^2), the rest N(0, 0.5^2)), a batch
  of images, labels, the logits, `loss` = cross-entropy(logits, labels) and its gradient for the images
  (`grad.images`) and every parameter (`grad.<state_dict name>`).
- `trained_pytorch`: the reference configuration of `./dojo train image-classifier` trained HERE, in
  PyTorch, for 40 AdamW steps on random images and labels; its state dict, fresh `images` and the
  `logits` PyTorch gives: the Java model must load the state dict strictly and give the same logits.
- `trained_java`: the checkpoint trained in Java (`java_trained.safetensors` next to the output, F32,
  PyTorch names) loaded strictly into this module; the `logits` it gives on `trained_pytorch.images`.
  Together the two cases prove that checkpoints cross in both directions.
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
EXERCISE = "ex12_image_classifier"
DT = torch.float64
CONFIG_KEYS = ("channels", "image_size", "patch_size", "d_model", "heads", "feed_forward", "layers", "classes")
# the reference configuration of ImageClassifierExperiment (dojo.models)
REFERENCE = dict(channels=1, image_size=16, patch_size=4, d_model=32, heads=4, feed_forward=64, layers=2, classes=2)


class TinyViT(nn.Module):
    """The corrected C3 classifier; the same state_dict names as the Java TinyVit. `mistake` builds the
    wrong variants whose logits the suites use to name a likely cause (never a correct model)."""

    def __init__(self, channels, image_size, patch_size, d_model, heads, feed_forward, layers, classes,
                 mistake=None, norm_first=True):
        super().__init__()
        self.mistake = mistake
        n = (image_size // patch_size) ** 2
        self.patch_embed = nn.Conv2d(channels, d_model, kernel_size=patch_size, stride=patch_size)
        self.cls_token = nn.Parameter(torch.randn(1, 1, d_model) * 0.02)
        self.pos_embed = nn.Parameter(torch.randn(1, 1 + n, d_model))
        layer = nn.TransformerEncoderLayer(d_model, heads, feed_forward, dropout=0.0, batch_first=True, norm_first=norm_first)
        self.encoder = nn.TransformerEncoder(layer, layers, norm=nn.LayerNorm(d_model), enable_nested_tensor=False)
        self.head = nn.Linear(d_model, classes)

    def forward(self, images):
        p = self.patch_embed(images)
        if self.mistake == "column_major":
            p = p.transpose(2, 3)
        tokens = p.flatten(2).transpose(1, 2)                            # [B, N, E]
        cls = self.cls_token.expand(images.shape[0], 1, -1)              # [B, 1, E]
        x = torch.cat([cls, tokens], dim=1)                              # [B, 1 + N, E]
        if self.mistake != "no_positions":
            x = x + self.pos_embed
        return self.head(self.encoder(x)[:, -1 if self.mistake == "head_on_last" else 0])   # [B, classes]


def randomize(module, seed):
    """Weights N(0, 0.5^2), layer-norm weights 1 + N(0, 0.1^2): far from the initialisation, so every term shows."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in module.named_parameters():
            if name.endswith("norm1.weight") or name.endswith("norm2.weight") or name.endswith("norm.weight"):
                p.copy_(1 + 0.1 * torch.randn(p.shape, dtype=DT, generator=g))
            else:
                p.copy_(0.5 * torch.randn(p.shape, dtype=DT, generator=g))


def one(v):
    return torch.tensor([float(v)], dtype=DT)


def config_tensors(name, cfg):
    return {f"{name}.{k}": one(cfg[k]) for k in CONFIG_KEYS}


def random_case(name, seed, cfg, batch):
    torch.manual_seed(seed)
    model = TinyViT(**cfg).to(DT)
    randomize(model, seed)
    model.train()  # dropout is 0; train mode keeps PyTorch off its inference fast path
    images = torch.rand(batch, cfg["channels"], cfg["image_size"], cfg["image_size"], dtype=DT).requires_grad_(True)
    labels = torch.randint(0, cfg["classes"], (batch,))
    logits = model(images)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    # the same logits computed by hand: conv as a matmul over unfolded patches
    p = cfg["patch_size"]
    patches = F.unfold(images.detach(), p, stride=p).transpose(1, 2)              # [B, N, C P P]
    tokens = patches @ model.patch_embed.weight.detach().flatten(1).t() + model.patch_embed.bias.detach()
    x = torch.cat([model.cls_token.detach().expand(batch, 1, -1), tokens], 1) + model.pos_embed.detach()
    with torch.no_grad():
        again = model.head(model.encoder(x)[:, 0])
    if not torch.allclose(again, logits.detach(), atol=1e-12, rtol=0):
        sys.exit(f"golden: {name}: the unfold computation disagrees with the module")
    t = {f"{name}.{k}": v.detach().clone() for k, v in model.state_dict().items()}
    t.update(config_tensors(name, cfg))
    t.update(mistakes(name, cfg, model, images.detach()))
    t[f"{name}.images"] = images.detach()
    t[f"{name}.labels"] = labels.to(DT)
    t[f"{name}.logits"] = logits.detach()
    t[f"{name}.loss"] = loss.detach().reshape(1)
    t[f"{name}.grad.images"] = images.grad.detach()
    for k, p_ in model.named_parameters():
        t[f"{name}.grad.{k}"] = p_.grad.detach()
    return t


MISTAKES = (("no_positions", {}), ("head_on_last", {}), ("column_major", {}), ("post_ln", {"norm_first": False}))


def mistakes(name, cfg, model, images):
    """`mistake.<kind>`: the logits of a known wrong variant with the same weights (for likely-cause messages)."""
    out = {}
    for kind, extra in MISTAKES:
        wrong = TinyViT(**cfg, mistake=None if kind == "post_ln" else kind, **extra).to(DT)
        wrong.load_state_dict(model.state_dict(), strict=True)
        wrong.train()
        with torch.no_grad():
            logits = wrong(images)
        out[f"{name}.mistake.{kind}"] = logits
    return out


def trained_pytorch(name, seed):
    torch.manual_seed(seed)
    model = TinyViT(**REFERENCE).to(DT)
    model.train()
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    s = REFERENCE["image_size"]
    for _ in range(40):
        images = torch.rand(32, 1, s, s, dtype=DT)
        labels = torch.randint(0, 2, (32,))
        opt.zero_grad()
        F.cross_entropy(model(images), labels).backward()
        opt.step()
    test_images = torch.rand(6, 1, s, s, dtype=DT)
    with torch.no_grad():
        logits = model(test_images)
    t = {f"{name}.{k}": v.detach().clone() for k, v in model.state_dict().items()}
    t.update(config_tensors(name, REFERENCE))
    t[f"{name}.images"] = test_images
    t[f"{name}.logits"] = logits
    return t, test_images


def trained_java(name, checkpoint, images):
    """Loads the Java checkpoint strictly into the PyTorch module; None when it is not there yet."""
    if not os.path.exists(checkpoint):
        print(f"note: {checkpoint} not found; case {name} left out (train one in Java first, see the exercise README)")
        return None
    with open(checkpoint, "rb") as f:
        _, state = read_safetensors(f.read())
    model = TinyViT(**REFERENCE).to(DT)
    result = model.load_state_dict({k: v.to(DT) for k, v in state.items()}, strict=True)
    print(f"{os.path.relpath(checkpoint, ROOT)}: load_state_dict(strict=True): {result}")
    model.train()
    with torch.no_grad():
        logits = model(images)
    t = config_tensors(name, REFERENCE)
    t[f"{name}.logits"] = logits
    return t


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare freshly generated tensors with the file in --out")
    args = parser.parse_args()
    torch.set_num_threads(1)
    tensors, cases = {}, []
    tensors.update(random_case("c1_8x8", 1201, dict(channels=1, image_size=8, patch_size=4, d_model=8, heads=2,
                                                    feed_forward=16, layers=2, classes=3), batch=3))
    cases.append("c1_8x8")
    tensors.update(random_case("c2_12x12", 1202, dict(channels=2, image_size=12, patch_size=4, d_model=12, heads=3,
                                                      feed_forward=20, layers=1, classes=2), batch=2))
    cases.append("c2_12x12")
    t, images = trained_pytorch("trained_pytorch", 1203)
    tensors.update(t)
    cases.append("trained_pytorch")
    j = trained_java("trained_java", os.path.join(args.out, EXERCISE, "java_trained.safetensors"), images)
    if j is not None:
        tensors.update(j)
        cases.append("trained_java")
    meta = {"cases": ",".join(cases), "generator": "scripts/golden/ex12_image_classifier.py", "torch": torch.__version__}
    path = os.path.join(args.out, EXERCISE, "vit.safetensors")
    return 1 if check_or_write(path, tensors, safetensors_bytes(tensors, meta), args.check, atol=1e-12, rtol=1e-10) else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Golden vectors for the model-track exercises ex06..ex10: float64 forward values AND gradients.

Run with Debian's python3-torch (1.13 is enough):

    /usr/bin/python3 scripts/golden/model_exercises.py          # writes src/test/resources/golden/ex06_*..ex10_*/
    /usr/bin/python3 scripts/golden/model_exercises.py --check  # regenerates in memory, compares with the committed files

Every case computes in float64 with its own torch.manual_seed. For a case with output `out`, the
gradients are those of `loss = sum(out * upstream)` with a fixed random `upstream` (cross-entropy: the
loss itself, upstream 1). Names: `<case>.<tensor>`, gradients `<case>.grad.<name>`, parameters keep
torch's state_dict names. Masks are stored as F64 0/1 (1 = not allowed / ignore), configuration
numbers as F64 tensors of one element.

Every expected value is computed twice where PyTorch offers a second way (its own module or kernel and
the explicit formula) and the script stops if the two disagree. Where every key of a query is masked
PyTorch returns NaN; the fixtures hold this project's rule instead (zero output, zero gradients).

Conventions fixed here, stated in the exercise READMEs:
- RoPE pairs dimension i with i + d/2 (half-split, `rotate_half` as in GPT-NeoX / Hugging Face LLaMA),
  theta_i = 10000^(-2i/d), the position is the index along dim -2; cross-checked against the complex
  number form of the same pairing.
- Sinusoidal encodings: PE[p, 2i] = sin(p / 10000^(2i/E)), PE[p, 2i+1] = cos(p / 10000^(2i/E)).
"""

import argparse
import math
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import check_or_write, safetensors_bytes  # noqa: E402
from tensor import with_grads, module_case, padding_mask  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(ROOT, "src", "test", "resources", "golden")
DT = torch.float64


def randn(*shape, scale=1.0):
    return torch.randn(*shape, dtype=DT) * scale


def same(what, a, b, tol=1e-12):
    err = (a.detach() - b.detach()).abs().max().item() if a.numel() else 0.0
    if not err <= tol * max(1.0, b.detach().abs().max().item() if b.numel() else 1.0):
        sys.exit(f"golden: {what}: the two computations differ by {err}")


def one(v):
    return torch.tensor([float(v)], dtype=DT)


# ---------------------------------------------------------------------------------------------
# ex06: softmax and cross-entropy, forward and backward

def xent_cases():
    t, cases = {}, []

    def soft(name, seed, x, mask=None):
        torch.manual_seed(seed)
        cases.append(name)
        fn = (lambda x: torch.softmax(x, -1)) if mask is None else \
            (lambda x: torch.softmax(x.masked_fill(mask, float("-inf")), -1))
        case = with_grads(name, fn, {"x": x() if mask is None else x().masked_fill(mask, float("-inf"))}, seed=seed)
        p = case[f"{name}.out"]
        g = case[f"{name}.upstream"]
        same(f"{name} softmax backward formula", case[f"{name}.grad.x"], p * (g - (g * p).sum(-1, keepdim=True)))
        t.update(case)

    soft("softmax_3d", 601, lambda: randn(2, 3, 5, scale=3))
    soft("softmax_large", 602, lambda: randn(2, 6, scale=400))
    soft("softmax_masked", 603, lambda: randn(3, 4, scale=2),
         mask=torch.tensor([[False, True, False, True], [True, True, True, False], [False] * 4]))

    def xent(name, seed, logits, targets, ignore_index=-100, smoothing=0.0):
        torch.manual_seed(seed)
        cases.append(name)
        x = logits().requires_grad_(True)
        tg = torch.tensor(targets, dtype=torch.int64)
        c = x.shape[-1]
        loss = F.cross_entropy(x.reshape(-1, c), tg, ignore_index=ignore_index, label_smoothing=smoothing)
        loss.backward()
        # the explicit formula: (p - y) / n over non-ignored rows, y = (1 - eps) onehot + eps / C
        with torch.no_grad():
            flat = x.detach().reshape(-1, c)
            keep = tg != ignore_index
            p = torch.softmax(flat, -1)
            y = torch.full_like(p, smoothing / c)
            y[keep, tg[keep]] += 1 - smoothing
            grad = (p - y) * keep.unsqueeze(1) / keep.sum()
            same(f"{name} gradient p - y", x.grad.reshape(-1, c), grad)
        t.update({f"{name}.logits": x.detach(), f"{name}.targets": tg, f"{name}.ignore_index": one(ignore_index),
                  f"{name}.label_smoothing": one(smoothing), f"{name}.loss": loss.detach().reshape(1),
                  f"{name}.grad.logits": x.grad.detach()})

    xent("xent_plain", 611, lambda: randn(4, 5, scale=2), [3, 0, 4, 1])
    xent("xent_ignore", 612, lambda: randn(6, 5, scale=2), [0, 4, -100, 2, -100, 1])
    xent("xent_smoothing", 613, lambda: randn(5, 4, scale=2), [1, 1, 3, 0, 2], smoothing=0.1)
    xent("xent_ignore7_smoothing", 614, lambda: randn(5, 3, scale=2), [1, 7, 2, 7, 0], ignore_index=7, smoothing=0.25)
    xent("xent_batch_first", 615, lambda: randn(2, 3, 6, scale=2), [5, 0, -100, 2, 2, 1], smoothing=0.05)
    xent("xent_large_logits", 616, lambda: randn(3, 4, scale=500), [2, 0, 3])
    return {"ex06_softmax_xent_backward/xent.safetensors": (t, {"cases": ",".join(cases)})}


# ---------------------------------------------------------------------------------------------
# ex07: scaled dot-product attention backward

def explicit_attention(q, k, v, mask):
    """softmax(q k^T / sqrt(d_k), masked) v; a fully masked query row gives zeros (and zero gradients)."""
    s = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        s = s.masked_fill(mask.bool(), float("-inf"))
    dead = torch.isneginf(s).all(-1, keepdim=True)
    p = torch.softmax(s.masked_fill(dead, 0.0), -1).masked_fill(dead, 0.0)
    return p @ v


def attention_backward_cases():
    t, cases = {}, []

    def case(name, seed, b, lq, lk, d, dv, mask_fn=None, scale=1.0):
        torch.manual_seed(seed)
        cases.append(name)
        q, k, v = randn(b, lq, d, scale=scale), randn(b, lk, d, scale=scale), randn(b, lk, dv)
        mask = None if mask_fn is None else mask_fn()
        c = with_grads(name, lambda q, k, v: explicit_attention(q, k, v, mask), {"q": q, "k": k, "v": v}, seed=seed)
        m = None if mask is None else mask.bool()
        dead = None if m is None else m.expand(b, lq, lk).all(-1)
        if dead is None or not dead.any():
            # PyTorch's own kernel (boolean attn_mask there: True = allowed), gradients included
            leaves = [x.clone().requires_grad_(True) for x in (q, k, v)]
            allowed = None if m is None else m.logical_not().expand(b, lq, lk)
            out = F._scaled_dot_product_attention(*leaves, allowed, 0.0, False, False)[0] \
                if hasattr(F, "_scaled_dot_product_attention") else \
                F.scaled_dot_product_attention(*leaves, attn_mask=allowed)
            (out * c[f"{name}.upstream"]).sum().backward()
            same(f"{name} output vs PyTorch kernel", out, c[f"{name}.out"])
            for n, leaf in zip("qkv", leaves):
                same(f"{name} grad {n} vs PyTorch kernel", leaf.grad, c[f"{name}.grad.{n}"])
        if mask is not None:
            c[f"{name}.mask"] = mask.to(DT)
        t.update(c)

    case("plain", 701, 2, 3, 4, 5, 6)
    case("square_d16", 702, 1, 6, 6, 16, 4)
    case("causal", 703, 2, 5, 5, 4, 3, lambda: torch.triu(torch.ones(5, 5, dtype=torch.bool), 1))
    case("padding", 704, 2, 4, 5, 4, 2, lambda: padding_mask(2, 5, [0, 2]).unsqueeze(1).expand(2, 4, 5).clone())
    case("fully_masked_row", 705, 2, 3, 4, 4, 3,
         lambda: torch.tensor([[[False, True, False, True], [True, True, True, True], [False, False, False, False]],
                               [[True, True, True, True], [False, False, True, False], [True, False, True, True]]]))
    case("large_scores", 706, 1, 3, 4, 8, 2, scale=12.0)
    return {"ex07_attention_backward/attention_backward.safetensors": (t, {"cases": ",".join(cases)})}


# ---------------------------------------------------------------------------------------------
# ex08: layer norm forward and backward

def layernorm_cases():
    t, cases = {}, []

    def case(name, seed, shape, eps, scale=2.0, offset=0.0):
        torch.manual_seed(seed)
        cases.append(name)
        e = shape[-1]
        inputs = {"x": randn(*shape, scale=scale) + offset, "weight": 1 + randn(e, scale=0.3), "bias": randn(e, scale=0.5)}
        c = with_grads(name, lambda x, weight, bias: F.layer_norm(x, (e,), weight, bias, eps), inputs, seed=seed)
        x = c[f"{name}.x"]
        mu = x.mean(-1, keepdim=True)
        var = ((x - mu) ** 2).mean(-1, keepdim=True)        # biased: divide by E
        same(f"{name} explicit forward", (x - mu) / torch.sqrt(var + eps) * c[f"{name}.weight"] + c[f"{name}.bias"], c[f"{name}.out"])
        c[f"{name}.eps"] = one(eps)
        t.update(c)

    case("basic", 801, (2, 3, 8), 1e-5)
    case("small_variance_eps_0.1", 802, (2, 4, 6), 0.1, scale=0.2)
    case("offset_100_width_33", 803, (1, 2, 33), 1e-5, scale=1.0, offset=100.0)
    case("width_2", 804, (3, 2), 1e-5)
    case("eps_1e-3", 805, (2, 5, 4), 1e-3, scale=0.05)
    return {"ex08_layernorm/layernorm.safetensors": (t, {"cases": ",".join(cases)})}


# ---------------------------------------------------------------------------------------------
# ex09: feed-forward with exact GELU, sinusoidal and rotary position encodings

def sinusoidal(length, dim):
    pos = torch.arange(length, dtype=DT).unsqueeze(1)
    div = torch.pow(torch.tensor(10000.0, dtype=DT), torch.arange(0, dim, 2, dtype=DT) / dim)
    pe = torch.zeros(length, dim, dtype=DT)
    pe[:, 0::2] = torch.sin(pos / div)
    pe[:, 1::2] = torch.cos(pos / div)
    return pe


def rotate_half(x):
    x1, x2 = x[..., : x.shape[-1] // 2], x[..., x.shape[-1] // 2:]
    return torch.cat((-x2, x1), dim=-1)


def rope(x):
    """Half-split RoPE over the last dim, the position is the index along dim -2 (Hugging Face LLaMA)."""
    length, d = x.shape[-2], x.shape[-1]
    inv_freq = 1.0 / (10000 ** (torch.arange(0, d, 2, dtype=DT) / d))
    freqs = torch.outer(torch.arange(length, dtype=DT), inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    return x * emb.cos() + rotate_half(x) * emb.sin()


def rope_complex(x):
    d = x.shape[-1]
    z = torch.complex(x[..., : d // 2], x[..., d // 2:])
    theta = 10000 ** (-torch.arange(0, d, 2, dtype=DT) / d)
    angle = torch.outer(torch.arange(x.shape[-2], dtype=DT), theta)
    r = z * torch.polar(torch.ones_like(angle), angle)
    return torch.cat((r.real, r.imag), dim=-1)


def ffn_cases():
    t, cases = {}, []
    torch.manual_seed(901)
    cases.append("gelu")
    c = with_grads("gelu", lambda x: F.gelu(x), {"x": torch.cat([randn(3, 7, scale=3), torch.tensor([[0.0, -6.0, 6.0, 1e-3, -1e-3, 2.5, -0.7]], dtype=DT)])}, seed=901)
    x = c["gelu.x"]
    same("gelu explicit", x * 0.5 * (1 + torch.erf(x / math.sqrt(2))), c["gelu.out"])
    t.update(c)

    for name, seed, shape, hidden in (("ffn", 902, (2, 4, 6), 10), ("ffn_wide", 903, (1, 3, 4), 16)):
        torch.manual_seed(seed)
        cases.append(name)
        e = shape[-1]
        lin1, lin2 = nn.Linear(e, hidden).to(DT), nn.Linear(hidden, e).to(DT)
        with torch.no_grad():
            for p in list(lin1.parameters()) + list(lin2.parameters()):
                p.copy_(randn(*p.shape, scale=0.5))
        weights = {"linear1.weight": lin1.weight, "linear1.bias": lin1.bias, "linear2.weight": lin2.weight,
                   "linear2.bias": lin2.bias}
        inputs = {"x": randn(*shape)}
        inputs.update({k: v.detach() for k, v in weights.items()})
        fn = lambda x, **w: F.linear(F.gelu(F.linear(x, w["linear1.weight"], w["linear1.bias"])), w["linear2.weight"], w["linear2.bias"])
        c = with_grads(name, lambda **kw: fn(**kw), inputs, seed=seed)
        same(f"{name} vs nn.Linear modules", c[f"{name}.out"], lin2(F.gelu(lin1(inputs["x"]))))
        t.update(c)

    for name, (length, dim) in (("sinusoidal_7x8", (7, 8)), ("sinusoidal_50x16", (50, 16))):
        cases.append(name)
        pe = sinusoidal(length, dim)
        # the same table as the 'Attention is all you need' formula written element by element
        ref = torch.tensor([[math.sin(p / 10000 ** (i / dim)) if i % 2 == 0 else math.cos(p / 10000 ** ((i - 1) / dim))
                             for i in range(dim)] for p in range(length)], dtype=DT)
        same(f"{name} elementwise", pe, ref)
        t[f"{name}.out"] = pe

    for name, seed, shape in (("rope", 904, (2, 5, 8)), ("rope_heads", 905, (1, 2, 6, 4)), ("rope_long", 906, (1, 40, 16))):
        torch.manual_seed(seed)
        cases.append(name)
        c = with_grads(name, rope, {"x": randn(*shape)}, seed=seed)
        same(f"{name} vs complex form", rope_complex(c[f"{name}.x"]), c[f"{name}.out"])
        t.update(c)
    meta = {"cases": ",".join(cases), "rope": "half-split: dim i pairs with i + d/2, theta_i = 10000^(-2i/d)"}
    return {"ex09_ffn_positions/ffn_positions.safetensors": (t, meta)}


# ---------------------------------------------------------------------------------------------
# ex10: transformer encoder layer (gelu), pre-LN and post-LN, padding and causal masks

def encoder_cases():
    t, cases = {}, []
    e, h, ff, b, l = 8, 2, 16, 2, 5
    kpm = padding_mask(b, l, [0, 2])
    specs = (("post_pad_causal", False, True, kpm), ("pre_pad_causal", True, True, kpm),
             ("pre_pad", True, False, kpm), ("post_nomask", False, False, None), ("pre_causal_e12_h3", True, True, None))
    for i, (name, norm_first, causal, pad) in enumerate(specs):
        seed = 1001 + i
        torch.manual_seed(seed)
        cases.append(name)
        ee, hh = (12, 3) if name.endswith("e12_h3") else (e, h)
        layer = nn.TransformerEncoderLayer(ee, hh, dim_feedforward=ff, dropout=0.0, activation="gelu",
                                           batch_first=True, norm_first=norm_first)
        mask = torch.triu(torch.ones(l, l, dtype=torch.bool), 1) if causal else None

        def call(m, src):
            return m(src, src_mask=mask, src_key_padding_mask=pad), {}
        c = module_case(name, layer, {"src": randn(b, l, ee)}, call, seed)
        c[f"{name}.num_heads"] = one(hh)
        c[f"{name}.norm_first"] = one(norm_first)
        c[f"{name}.causal"] = one(causal)
        c[f"{name}.eps"] = one(1e-5)
        if pad is not None:
            c[f"{name}.key_padding_mask"] = pad.to(DT)
        t.update(c)
    return {"ex10_encoder_layer/encoder.safetensors": (t, {"cases": ",".join(cases)})}


GENERATORS = [xent_cases, attention_backward_cases, layernorm_cases, ffn_cases, encoder_cases]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare freshly generated tensors with the files in --out")
    args = parser.parse_args()
    torch.set_num_threads(1)
    failures = 0
    for generate in GENERATORS:
        for filename, (tensors, meta) in generate().items():
            meta = dict(meta, generator="scripts/golden/model_exercises.py", torch=torch.__version__)
            data = safetensors_bytes(tensors, meta)
            path = os.path.join(args.out, filename)
            failures += check_or_write(path, tensors, data, args.check, atol=1e-12, rtol=1e-10)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Golden vectors for the tensor library (dojo.tensor / dojo.nn): float64 forward values AND gradients.

Run with Debian's python3-torch (1.13 is enough):

    /usr/bin/python3 scripts/golden/tensor.py                 # writes src/test/resources/golden/tensor/
    /usr/bin/python3 scripts/golden/tensor.py --check         # regenerates in memory, compares with the committed files
    /usr/bin/python3 scripts/golden/tensor.py --verify-java F # loads a state dict written by Java into torch and
                                                              # compares torch's output with the one Java stored

Every case computes in float64 with its own torch.manual_seed. For a case with output `out`, the
gradients are those of `loss = sum(out * upstream)` with a fixed random `upstream`, so every output
element's gradient is checked. Names: `<case>.<tensor>`; inputs keep their argument names, parameters
keep torch's state_dict names, gradients are `<case>.grad.<name>`.

Parameters are re-drawn from N(0, 0.5^2) (LayerNorm weights 1 + N(0, 0.1^2)) instead of PyTorch's
initialisation, so that zero biases cannot hide a missing bias. Masks never mask every key of a query
(PyTorch gives NaN there; this project gives zeros, tested separately).
"""

import argparse
import json
import os
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import check_or_write, safetensors_bytes, read_safetensors  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "tensor")
DT = torch.float64


def randn(*shape, scale=1.0):
    return (torch.randn(*shape, dtype=DT) * scale)


def with_grads(name, fn, inputs, extra=None, seed=0):
    """Runs fn(**inputs) in float64, backpropagates sum(out * upstream), returns the case's tensors."""
    leaves = {k: v.clone().requires_grad_(v.is_floating_point()) for k, v in inputs.items()}
    out = fn(**leaves)
    g = torch.Generator().manual_seed(1000 + seed)
    upstream = torch.randn(out.shape, dtype=DT, generator=g)
    (out * upstream).sum().backward()
    t = {f"{name}.{k}": v.detach() for k, v in leaves.items()}
    for k, v in (extra or {}).items():
        t[f"{name}.{k}"] = v
    t[f"{name}.out"] = out.detach()
    t[f"{name}.upstream"] = upstream
    for k, v in leaves.items():
        if v.grad is not None:
            t[f"{name}.grad.{k}"] = v.grad.detach()
    return t


# ---------------------------------------------------------------------------------------------
# element-wise and layer-level operations

def op_cases():
    tensors = {}
    cases = []

    def add(name, seed, fn, inputs, extra=None):
        torch.manual_seed(seed)
        cases.append(name)
        tensors.update(with_grads(name, fn, inputs(), extra, seed))

    add("gelu", 1, lambda x: F.gelu(x), lambda: {"x": randn(4, 6, scale=3)})
    add("gelu_tanh", 2, lambda x: F.gelu(x, approximate="tanh"), lambda: {"x": randn(4, 6, scale=3)})
    add("relu", 3, lambda x: F.relu(x), lambda: {"x": randn(4, 6)})
    add("tanh", 4, lambda x: torch.tanh(x), lambda: {"x": randn(4, 6, scale=2)})
    add("sigmoid", 5, lambda x: torch.sigmoid(x), lambda: {"x": randn(4, 6, scale=2)})
    add("exp_log_sqrt", 6, lambda x: torch.exp(x) + torch.log(x) * torch.sqrt(x),
        lambda: {"x": torch.rand(3, 5, dtype=DT) + 0.5})
    add("pow", 7, lambda x: x.pow(3) + (x * x + 1).pow(-0.5), lambda: {"x": randn(3, 5)})
    add("div_broadcast", 8, lambda a, b: a / b, lambda: {"a": randn(2, 3, 4), "b": torch.rand(4, dtype=DT) + 0.5})
    add("softmax_last", 9, lambda x: torch.softmax(x, -1), lambda: {"x": randn(2, 3, 5, scale=2)})
    add("softmax_dim1", 10, lambda x: torch.softmax(x, 1), lambda: {"x": randn(2, 3, 5, scale=2)})
    add("log_softmax", 11, lambda x: torch.log_softmax(x, -1), lambda: {"x": randn(3, 7, scale=3)})
    add("layer_norm", 12, lambda x, weight, bias: F.layer_norm(x, (8,), weight, bias, 1e-5),
        lambda: {"x": randn(2, 3, 8, scale=2), "weight": 1 + randn(8, scale=0.1), "bias": randn(8, scale=0.5)})
    add("matmul_batched", 13, lambda a, b: a @ b, lambda: {"a": randn(2, 1, 3, 4), "b": randn(3, 4, 5)})
    add("max_dim", 14, lambda x: x.max(-1).values, lambda: {"x": randn(3, 5)})
    add("sum_mean", 15, lambda x: x.sum(dim=(0, 2), keepdim=True) * x.mean(1, keepdim=True), lambda: {"x": randn(2, 3, 4)})
    add("masked_softmax", 16,
        lambda x: x.masked_fill(torch.tensor([[False, True, False, True], [True, False, False, False]]), float("-inf")).softmax(-1),
        lambda: {"x": randn(2, 4)})

    torch.manual_seed(17)
    targets = torch.tensor([0, 4, -100, 2, 2, 1], dtype=torch.int64)
    cases.append("cross_entropy_smoothing")
    tensors.update(with_grads("cross_entropy_smoothing",
                              lambda logits: F.cross_entropy(logits, targets, ignore_index=-100, label_smoothing=0.1),
                              {"logits": randn(6, 5, scale=2)}, {"targets": targets}, 17))
    torch.manual_seed(18)
    targets2 = torch.tensor([3, 0, 1, 3], dtype=torch.int64)
    cases.append("cross_entropy")
    tensors.update(with_grads("cross_entropy", lambda logits: F.cross_entropy(logits, targets2),
                              {"logits": randn(4, 4, scale=2)}, {"targets": targets2}, 18))
    torch.manual_seed(19)
    targets3 = torch.tensor([1, 7, 2, 7, 0], dtype=torch.int64)
    cases.append("cross_entropy_ignore7")
    tensors.update(with_grads("cross_entropy_ignore7",
                              lambda logits: F.cross_entropy(logits, targets3, ignore_index=7, label_smoothing=0.25),
                              {"logits": randn(5, 3, scale=2)}, {"targets": targets3}, 19))

    add("conv1d", 20, lambda x, weight, bias: F.conv1d(x, weight, bias, stride=2, padding=1, dilation=1),
        lambda: {"x": randn(2, 3, 10), "weight": randn(4, 3, 3, scale=0.5), "bias": randn(4)})
    add("conv2d", 21, lambda x, weight, bias: F.conv2d(x, weight, bias, stride=(2, 1), padding=(1, 0), dilation=(1, 2)),
        lambda: {"x": randn(2, 2, 6, 5), "weight": randn(3, 2, 3, 2, scale=0.5), "bias": randn(3)})
    ids = torch.tensor([[1, 6, 1], [0, 3, 5]], dtype=torch.int64)
    cases.append("embedding")
    torch.manual_seed(22)
    tensors.update(with_grads("embedding", lambda weight: F.embedding(ids, weight), {"weight": randn(7, 4)}, {"ids": ids}, 22))
    add("rotary_half", 23, lambda x: rope(x, 10000.0, False, 0), lambda: {"x": randn(2, 3, 5, 8)})
    add("rotary_interleaved", 24, lambda x: rope(x, 500.0, True, 3), lambda: {"x": randn(2, 5, 6)})
    add("sinusoidal", 25, lambda x: x + sinusoidal(x.shape[-2], x.shape[-1]), lambda: {"x": randn(2, 7, 6)})
    return {"ops.safetensors": (tensors, {"cases": ",".join(cases)})}


def rope(x, base, interleaved, offset):
    """Rotary embedding, written out (PyTorch has none): HALF pairs i with i + d/2, INTERLEAVED 2i with 2i+1."""
    length, d = x.shape[-2], x.shape[-1]
    inv = 1.0 / (base ** (torch.arange(0, d, 2, dtype=DT) / d))
    freqs = torch.outer(torch.arange(offset, offset + length, dtype=DT), inv)  # [L, d/2]
    c, s = freqs.cos(), freqs.sin()
    if interleaved:
        x1, x2 = x[..., 0::2], x[..., 1::2]
        return torch.stack([x1 * c - x2 * s, x1 * s + x2 * c], -1).flatten(-2)
    x1, x2 = x[..., : d // 2], x[..., d // 2:]
    return torch.cat([x1 * c - x2 * s, x1 * s + x2 * c], -1)


def sinusoidal(length, d):
    """The Annotated Transformer's table."""
    pe = torch.zeros(length, d, dtype=DT)
    position = torch.arange(0, length, dtype=DT).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d, 2, dtype=DT) * -(torch.log(torch.tensor(10000.0, dtype=DT)) / d))
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe


# ---------------------------------------------------------------------------------------------
# modules

def randomize(module, seed):
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in module.named_parameters():
            if name.endswith("norm1.weight") or name.endswith("norm2.weight") or name == "norm.weight":
                p.copy_(1 + 0.1 * torch.randn(p.shape, dtype=DT, generator=g))
            else:
                p.copy_(0.5 * torch.randn(p.shape, dtype=DT, generator=g))


def module_case(name, module, inputs, call, seed):
    """inputs: differentiable tensors (dict); call(module, **leaves) -> (out, extra outputs dict)."""
    module.to(DT)
    randomize(module, seed)
    module.train()  # dropout is 0; train mode keeps PyTorch off its inference fast path
    leaves = {k: v.clone().requires_grad_(True) for k, v in inputs.items()}
    out, extra = call(module, **leaves)
    g = torch.Generator().manual_seed(2000 + seed)
    upstream = torch.randn(out.shape, dtype=DT, generator=g)
    (out * upstream).sum().backward()
    t = {f"{name}.{k}": v.detach() for k, v in leaves.items()}
    for k, v in module.state_dict().items():
        t[f"{name}.{k}"] = v.detach()
    for k, v in extra.items():
        t[f"{name}.{k}"] = v.detach()
    t[f"{name}.out"] = out.detach()
    t[f"{name}.upstream"] = upstream
    for k, v in leaves.items():
        t[f"{name}.grad.{k}"] = v.grad.detach()
    for k, p in module.named_parameters():
        t[f"{name}.grad.{k}"] = p.grad.detach()
    return t


def padding_mask(b, s, padded):
    m = torch.zeros(b, s, dtype=torch.bool)
    for bi, n in enumerate(padded):
        if n:
            m[bi, s - n:] = True
    return m


def mha_cases():
    tensors = {}
    cases = []

    torch.manual_seed(31)
    e, h, b, l = 8, 2, 2, 5
    kpm = padding_mask(b, l, [0, 2])
    causal = torch.triu(torch.ones(l, l, dtype=torch.bool), 1)
    mha = nn.MultiheadAttention(e, h, batch_first=True)

    def self_call(m, x):
        out, w = m(x, x, x, key_padding_mask=kpm, attn_mask=causal, need_weights=True, average_attn_weights=False)
        return out, {"weights": w}
    cases.append("self_pad_causal")
    tensors.update(module_case("self_pad_causal", mha, {"x": randn(b, l, e)}, self_call, 31))
    tensors["self_pad_causal.key_padding_mask"] = kpm
    tensors["self_pad_causal.attn_mask"] = causal

    torch.manual_seed(32)
    e, h, b, lq, s = 12, 3, 2, 3, 4
    additive = randn(lq, s)
    additive[0, 2] = float("-inf")
    mha2 = nn.MultiheadAttention(e, h, batch_first=True)

    def cross_call(m, query, key, value):
        out, w = m(query, key, value, attn_mask=additive, need_weights=True, average_attn_weights=True)
        return out, {"weights": w}
    cases.append("cross_additive")
    tensors.update(module_case("cross_additive", mha2,
                               {"query": randn(b, lq, e), "key": randn(b, s, e), "value": randn(b, s, e)}, cross_call, 32))
    tensors["cross_additive.attn_mask"] = additive
    return {"mha.safetensors": (tensors, {"cases": ",".join(cases)})}


ACTIVATIONS = {"relu": F.relu, "gelu": F.gelu, "gelu_tanh": lambda x: F.gelu(x, approximate="tanh")}


def encoder_cases():
    tensors = {}
    cases = []
    meta = {}
    e, h, ff, b, l = 8, 2, 16, 2, 5
    kpm = padding_mask(b, l, [1, 2])
    causal = torch.triu(torch.ones(l, l, dtype=torch.bool), 1)
    seed = 40
    for norm_first in (False, True):
        for act in ("relu", "gelu", "gelu_tanh"):
            seed += 1
            name = ("pre" if norm_first else "post") + "_" + act
            torch.manual_seed(seed)
            layer = nn.TransformerEncoderLayer(e, h, dim_feedforward=ff, dropout=0.0, activation=ACTIVATIONS[act],
                                               batch_first=True, norm_first=norm_first)

            def call(m, src):
                return m(src, src_mask=causal, src_key_padding_mask=kpm), {}
            cases.append(name)
            meta[name] = {"d_model": e, "nhead": h, "dim_feedforward": ff, "activation": act, "norm_first": norm_first,
                          "layer_norm_eps": 1e-5, "causal": True}
            tensors.update(module_case(name, layer, {"src": randn(b, l, e)}, call, seed))
            tensors[f"{name}.key_padding_mask"] = kpm

    torch.manual_seed(50)
    layer = nn.TransformerEncoderLayer(e, h, dim_feedforward=ff, dropout=0.0, activation="gelu", batch_first=True,
                                       norm_first=True)
    stack = nn.TransformerEncoder(layer, 2, norm=nn.LayerNorm(e), enable_nested_tensor=False)

    def stack_call(m, src):
        return m(src, src_key_padding_mask=kpm), {}
    cases.append("stack2_pre_gelu")
    meta["stack2_pre_gelu"] = {"d_model": e, "nhead": h, "dim_feedforward": ff, "activation": "gelu", "norm_first": True,
                               "layer_norm_eps": 1e-5, "causal": False, "num_layers": 2, "final_norm": True}
    tensors.update(module_case("stack2_pre_gelu", stack, {"src": randn(b, l, e)}, stack_call, 50))
    tensors["stack2_pre_gelu.key_padding_mask"] = kpm
    return {"encoder.safetensors": (tensors, {"cases": ",".join(cases), "config": json.dumps(meta)})}


OPTIMIZERS = {
    "sgd": lambda ps: torch.optim.SGD(ps, lr=0.1),
    "sgd_momentum_wd": lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01),
    "sgd_nesterov": lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, nesterov=True, weight_decay=0.02),
    "adam": lambda ps: torch.optim.Adam(ps, lr=0.01),
    "adam_wd": lambda ps: torch.optim.Adam(ps, lr=0.02, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1),
    "adamw": lambda ps: torch.optim.AdamW(ps, lr=0.01),
    "adamw_wd": lambda ps: torch.optim.AdamW(ps, lr=0.03, betas=(0.85, 0.95), eps=1e-7, weight_decay=0.3),
}


def optimizer_cases():
    """Four steps of each optimizer on one parameter with fixed gradients: the parameter after every step."""
    tensors = {}
    torch.manual_seed(60)
    p0 = randn(3, 4)
    grads = [randn(3, 4) for _ in range(4)]
    tensors["init.param"] = p0
    for i, g in enumerate(grads):
        tensors[f"init.grad{i}"] = g
    for name, make in OPTIMIZERS.items():
        p = p0.clone().requires_grad_(True)
        opt = make([p])
        for i, g in enumerate(grads):
            p.grad = g.clone()
            opt.step()
            tensors[f"{name}.step{i}"] = p.detach().clone()
    return {"optim.safetensors": (tensors, {"cases": ",".join(OPTIMIZERS)})}


GENERATORS = [op_cases, mha_cases, encoder_cases, optimizer_cases]


# ---------------------------------------------------------------------------------------------
# a state dict written by Java, checked in torch

def verify_java(path):
    import hashlib
    with open(path, "rb") as f:
        raw = f.read()
    meta, t = read_safetensors(raw)
    cfg = json.loads(meta["config"])
    layer = nn.TransformerEncoderLayer(cfg["d_model"], cfg["nhead"], dim_feedforward=cfg["dim_feedforward"], dropout=0.0,
                                       activation=ACTIVATIONS[cfg["activation"]], batch_first=True,
                                       norm_first=cfg["norm_first"], layer_norm_eps=cfg["layer_norm_eps"])
    model = nn.TransformerEncoder(layer, cfg["num_layers"], norm=nn.LayerNorm(cfg["d_model"]) if cfg["final_norm"] else None,
                                  enable_nested_tensor=False).to(DT)
    state = {k[len("state."):]: v.to(DT) for k, v in t.items() if k.startswith("state.")}
    result = model.load_state_dict(state, strict=True)
    model.train()
    src = t["input"].to(DT).requires_grad_(True)
    kpm = t["key_padding_mask"].bool()
    out = model(src, src_key_padding_mask=kpm)
    err = (out.detach() - t["output"].to(DT)).abs().max().item()
    print(f"{os.path.basename(path)} sha256 {hashlib.sha256(raw).hexdigest()}: {len(state)} tensors loaded into torch.nn.TransformerEncoder (strict: {result}); "
          f"torch {torch.__version__} output vs the output Java stored: max |diff| = {err:.3e}")
    return 0 if err <= 1e-10 else 1


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; compare freshly generated tensors with the files in --out")
    parser.add_argument("--verify-java", metavar="FILE", help="check a state dict + output written by the Java side")
    args = parser.parse_args()
    torch.set_num_threads(1)
    if args.verify_java:
        return verify_java(args.verify_java)
    failures = 0
    for generate in GENERATORS:
        for filename, (tensors, meta) in generate().items():
            meta = dict(meta, generator="scripts/golden/tensor.py", torch=torch.__version__)
            data = safetensors_bytes(tensors, meta)
            path = os.path.join(args.out, filename)
            failures += check_or_write(path, tensors, data, args.check, atol=1e-12, rtol=1e-10)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Generate the PyTorch golden vectors for the attention exercises (ex01..ex05).

Run with Debian's python3-torch (1.13 is enough):

    /usr/bin/python3 scripts/golden/generate.py            # writes src/test/resources/golden/
    /usr/bin/python3 scripts/golden/generate.py --check    # regenerates in memory, compares with the committed files

Every case uses its own fixed torch.manual_seed, float32 inputs and float32 PyTorch modules, so
adding a case never changes the others. Files are written in the safetensors format by this script
(struct + json: the `safetensors` package is not needed). Tensor names are `<case>.<tensor>`;
multi-head weights keep the names of torch.nn.MultiheadAttention's state_dict (`in_proj_weight`, ...).

Where PyTorch returns NaN (a query whose keys are all masked), the fixture holds what this project
specifies instead: zero weights and a zero attention output (for multi-head attention the output row
is then out_proj.bias). Every expected value is computed twice (PyTorch's own module or function, and
the explicit formula) and the script stops if the two disagree.
"""

import argparse
import json
import math
import os
import struct
import sys

import torch
import torch.nn as nn
import torch.nn.functional as F

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_OUT = os.path.join(ROOT, "src", "test", "resources", "golden")
TOL = 2e-6

DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64", torch.int32: "I32",
          torch.bool: "BOOL", torch.uint8: "U8"}


# ---------------------------------------------------------------------------------------------
# safetensors, written by hand: 8-byte LE header length, JSON header padded with spaces to 8 bytes,
# then raw little-endian data in insertion order.

def safetensors_bytes(tensors, metadata):
    header = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    blobs = []
    offset = 0
    for name, t in tensors.items():
        t = t.detach().contiguous().cpu()
        if t.dtype not in DTYPES:
            raise ValueError(f"{name}: dtype {t.dtype} not supported")
        data = t.numpy().astype(t.numpy().dtype.newbyteorder("<"), copy=False).tobytes()
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    raw = json.dumps(header, separators=(",", ":")).encode("utf-8")
    raw += b" " * ((8 - len(raw) % 8) % 8)
    return struct.pack("<Q", len(raw)) + raw + b"".join(blobs)


def read_safetensors(data):
    """Round-trip check of the writer (and of files read back in --check mode)."""
    import numpy as np
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n].decode("utf-8"))
    body = data[8 + n:]
    np_types = {"F32": np.float32, "F64": np.float64, "I64": np.int64, "I32": np.int32,
                "BOOL": np.bool_, "U8": np.uint8}
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        b, e = info["data_offsets"]
        arr = np.frombuffer(body[b:e], dtype=np.dtype(np_types[info["dtype"]]).newbyteorder("<"))
        out[name] = torch.from_numpy(arr.copy()).reshape(info["shape"])
    return header.get("__metadata__", {}), out


# ---------------------------------------------------------------------------------------------
# helpers

REFERENCE_BLAS = "/usr/lib/x86_64-linux-gnu/blas/libblas.so.3"
_blas_noted = False


def loaded_blas():
    """The BLAS library this process loaded (Debian's torch calls the system libblas.so.3), or None."""
    try:
        with open("/proc/self/maps") as f:
            for line in f:
                name = line.split()[-1] if line.split() else ""
                if os.path.basename(name).startswith(("libblas.so", "libopenblas")):
                    return os.path.realpath(name)
    except OSError:
        pass
    return None


def note_blas_on_difference():
    """Once per run: the committed files come from Netlib's reference BLAS, Debian's default. With another
    BLAS behind libblas.so.3 (OpenBLAS: apt-get install libopenblas0-pthread) the cases trained in PyTorch
    take other rounding paths and move in their last bits; say so, and how to check against the reference."""
    global _blas_noted
    blas = loaded_blas()
    if _blas_noted or blas is None or os.path.dirname(blas) == os.path.dirname(os.path.realpath(REFERENCE_BLAS)):
        return
    _blas_noted = True
    print(f"note: this PyTorch uses {blas}; the committed files were made with Netlib's reference BLAS, Debian's "
          f"default. Cases trained in PyTorch then differ in their last bits: check with "
          f"LD_LIBRARY_PATH={os.path.dirname(REFERENCE_BLAS)} /usr/bin/python3 {sys.argv[0]} --check")


def check_or_write(path, tensors, data, check, atol, rtol):
    """With check, compare the tensors with the file at path (same names and shapes, allclose within atol/rtol)
    and print same/differs/missing with the largest difference; else write data there. Returns True when the
    check fails."""
    if check:
        if not os.path.exists(path):
            print(f"missing  {path}")
            return True
        with open(path, "rb") as f:
            _, old = read_safetensors(f.read())
        bad = [n for n in tensors if n not in old or old[n].shape != tensors[n].shape
               or not torch.allclose(old[n].double(), tensors[n].double(), atol=atol, rtol=rtol, equal_nan=True)]
        bad += [n for n in old if n not in tensors]
        worst = max((float((old[n].double() - tensors[n].double()).abs().nan_to_num().max()) for n in bad
                     if n in old and n in tensors and old[n].shape == tensors[n].shape and old[n].numel() > 0), default=None)
        print(("differs  " if bad else "same     ") + path + (f" ({', '.join(bad[:5])}"
              + (f"; largest difference {worst:.3g}" if worst is not None else "") + ")" if bad else ""))
        if bad:
            note_blas_on_difference()
        return bool(bad)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)
    print(f"wrote {path} ({len(data)} bytes, {len(tensors)} tensors)")
    return False


def check_close(what, a, b, tol=TOL):
    a = a.detach().double()
    b = b.detach().double()
    if a.shape != b.shape:
        sys.exit(f"golden: {what}: shapes differ {tuple(a.shape)} vs {tuple(b.shape)}")
    ok = torch.isfinite(a) & torch.isfinite(b)
    if not torch.equal(torch.isfinite(a), torch.isfinite(b)):
        sys.exit(f"golden: {what}: NaN/Inf positions differ")
    err = (a[ok] - b[ok]).abs().max().item() if ok.any() else 0.0
    scale = max(1.0, b[ok].abs().max().item() if ok.any() else 1.0)
    if err > tol * scale:
        sys.exit(f"golden: {what}: PyTorch and the explicit formula differ by {err}")


def combined_bool_mask(lq, lk, is_causal=False, key_padding=None, blocked=None):
    """True = not allowed, the union of every boolean form."""
    m = torch.zeros(lq, lk, dtype=torch.bool)
    if is_causal:
        m |= torch.ones(lq, lk, dtype=torch.bool).tril().logical_not()   # top-left aligned: j <= i allowed
    if key_padding is not None:
        m |= key_padding.unsqueeze(0).expand(lq, lk)
    if blocked is not None:
        m |= blocked
    return m


def explicit_attention(q, k, v, not_allowed=None, additive=None):
    """softmax(q k^T / sqrt(d_k) + additive, masked) v, with fully masked rows = 0 (this project's rule)."""
    scores = (q @ k.transpose(-2, -1)) / math.sqrt(q.shape[-1])
    if additive is not None:
        scores = scores + additive
    if not_allowed is not None:
        scores = scores.masked_fill(not_allowed, float("-inf"))
    dead = torch.isneginf(scores).all(dim=-1, keepdim=True)
    weights = torch.softmax(scores.masked_fill(dead, 0.0), dim=-1).masked_fill(dead, 0.0)
    return weights @ v, weights


def randn(*shape, scale=1.0):
    return torch.randn(*shape, dtype=torch.float32) * scale


# ---------------------------------------------------------------------------------------------
# ex01: softmax over the last axis

def softmax_cases():
    tensors, meta = {}, {"exercise": "ex01_softmax", "axis": "last (each row)"}
    cases = {
        "small": lambda: randn(3, 4),
        "large_values": lambda: torch.tensor([[1000.0, 999.0, -1000.0, 998.5, 0.0],
                                              [-1000.0, -1001.0, -999.5, -1000.0, -1002.0]]),
        "equal": lambda: torch.full((2, 3), 7.25),
        "single_column": lambda: randn(4, 1, scale=5.0),
        "wide": lambda: randn(2, 33, scale=10.0),
        "one_row": lambda: randn(1, 6),
    }
    for i, (name, make) in enumerate(cases.items()):
        torch.manual_seed(100 + i)
        x = make().float()
        y = torch.softmax(x, dim=-1)
        ex = torch.exp(x.double() - x.double().max(-1, keepdim=True).values)
        check_close(f"softmax {name}", y, ex / ex.sum(-1, keepdim=True))
        tensors[f"{name}.x"] = x
        tensors[f"{name}.y"] = y
    meta["cases"] = ",".join(cases)
    return {"softmax.safetensors": (tensors, meta)}


# ---------------------------------------------------------------------------------------------
# ex02: scaled dot-product attention

def sdpa_torch(q, k, v, attn_mask=None, is_causal=False):
    """PyTorch's own kernel (torch 1.13: private _scaled_dot_product_attention; 2.x: public)."""
    if hasattr(F, "_scaled_dot_product_attention"):
        out, w = F._scaled_dot_product_attention(q.unsqueeze(0), k.unsqueeze(0), v.unsqueeze(0),
                                                 None if attn_mask is None else attn_mask.unsqueeze(0),
                                                 0.0, True, is_causal)
        return out[0], w[0]
    if attn_mask is None and not is_causal:
        return None
    return None


def attention_cases():
    tensors, meta = {}, {"exercise": "ex02_attention"}
    cases = {
        # name: (Lq, Lk, d_k, d_v, input scale)
        "cross": (3, 5, 4, 6, 1.0),
        "square": (4, 4, 8, 8, 1.0),
        "single_key": (2, 1, 3, 2, 1.0),
        "one_query": (1, 7, 5, 3, 1.0),
        "dk1": (4, 3, 1, 2, 1.0),
        "large_scores": (3, 4, 16, 2, 30.0),  # scores ~ 1e3: exp overflows without max-subtraction
    }
    for i, (name, (lq, lk, dk, dv, scale)) in enumerate(cases.items()):
        torch.manual_seed(200 + i)
        q, k, v = randn(lq, dk, scale=scale), randn(lk, dk, scale=scale), randn(lk, dv)
        out, w = explicit_attention(q, k, v)
        ref = sdpa_torch(q, k, v)
        if ref is not None:
            check_close(f"attention {name} output", ref[0], out, tol=1e-5)
            check_close(f"attention {name} weights", ref[1], w, tol=1e-5)
        tensors.update({f"{name}.q": q, f"{name}.k": k, f"{name}.v": v,
                        f"{name}.output": out, f"{name}.weights": w})
    meta["cases"] = ",".join(cases)
    return {"attention.safetensors": (tensors, meta)}


# ---------------------------------------------------------------------------------------------
# ex03: masked attention

def masked_cases():
    tensors, meta = {}, {"exercise": "ex03_masking",
                         "masks": "is_causal BOOL[1]; key_padding BOOL[Lk] True=ignore key; "
                                  "blocked BOOL[Lq,Lk] True=not allowed; additive F32[Lq,Lk] added to scores"}
    specs = {
        # name: (Lq, Lk, d_k, d_v, causal, padding(Lk)->mask or None, blocked, additive)
        "causal_square": (5, 5, 4, 3, True, None, False, False),
        "causal_wide": (3, 5, 4, 2, True, None, False, False),
        "causal_tall": (5, 3, 2, 4, True, None, False, False),
        "key_padding": (4, 6, 4, 3, False, [4, 5], False, False),
        "blocked": (4, 5, 3, 3, False, None, True, False),
        "additive": (3, 4, 4, 2, False, None, False, True),
        "combined": (6, 6, 4, 3, True, [0, 5], True, True),   # query 0 sees only key 0, which is padding
        "all_padded": (2, 3, 2, 2, False, [0, 1, 2], False, False),
    }
    for i, (name, (lq, lk, dk, dv, causal, pad, use_blocked, use_add)) in enumerate(specs.items()):
        torch.manual_seed(300 + i)
        q, k, v = randn(lq, dk), randn(lk, dk), randn(lk, dv)
        key_padding = None
        if pad is not None:
            key_padding = torch.zeros(lk, dtype=torch.bool)
            key_padding[pad] = True
        blocked = None
        if use_blocked:
            blocked = torch.rand(lq, lk) < 0.3
            if name != "combined":
                blocked[torch.arange(lq), torch.randint(0, lk, (lq,))] = False  # every query keeps a key
        additive = None
        if use_add:
            additive = randn(lq, lk, scale=2.0)
            additive[0, lk - 1] = float("-inf")
        not_allowed = combined_bool_mask(lq, lk, causal, key_padding, blocked)
        out, w = explicit_attention(q, k, v, not_allowed, additive)
        # PyTorch's kernel with the same mask as one float mask (NaN rows where all keys are masked)
        float_mask = torch.zeros(lq, lk).masked_fill(not_allowed, float("-inf"))
        if additive is not None:
            float_mask = float_mask + additive
        ref = sdpa_torch(q, k, v, attn_mask=float_mask)
        if ref is not None:
            live = ~torch.isneginf(float_mask).all(-1)
            check_close(f"masked {name} output", ref[0][live], out[live], tol=1e-5)
            check_close(f"masked {name} weights", ref[1][live], w[live], tol=1e-5)
        if causal and additive is None and blocked is None and key_padding is None:
            ref_c = sdpa_torch(q, k, v, is_causal=True) if lq == lk else None
            if ref_c is not None:
                check_close(f"masked {name} is_causal", ref_c[0], out, tol=1e-5)
        tensors.update({f"{name}.q": q, f"{name}.k": k, f"{name}.v": v,
                        f"{name}.is_causal": torch.tensor([causal])})
        if key_padding is not None:
            tensors[f"{name}.key_padding"] = key_padding
        if blocked is not None:
            tensors[f"{name}.blocked"] = blocked
        if additive is not None:
            tensors[f"{name}.additive"] = additive
        tensors.update({f"{name}.output": out, f"{name}.weights": w})
    meta["cases"] = ",".join(specs)
    return {"masked.safetensors": (tensors, meta)}


# ---------------------------------------------------------------------------------------------
# ex04: nn.MultiheadAttention

def explicit_mha(query, key, value, w_in, b_in, w_out, b_out, heads, not_allowed=None, additive=None):
    e = query.shape[-1]
    d = e // heads
    q = query @ w_in[:e].T + b_in[:e]
    k = key @ w_in[e:2 * e].T + b_in[e:2 * e]
    v = value @ w_in[2 * e:].T + b_in[2 * e:]
    outs, weights = [], []
    for h in range(heads):
        cols = slice(h * d, (h + 1) * d)
        o, w = explicit_attention(q[:, cols], k[:, cols], v[:, cols], not_allowed, additive)
        outs.append(o)
        weights.append(w)
    return torch.cat(outs, dim=-1) @ w_out.T + b_out, torch.stack(weights)


def mha_cases():
    tensors, meta = {}, {"exercise": "ex04_multihead",
                         "module": "torch.nn.MultiheadAttention(E, H, batch_first=True), need_weights=True, "
                                   "average_attn_weights=False; batch of 1 removed"}
    specs = {
        # name: (Lq, Lk, E, H, causal, padded keys, additive)
        "self_e8_h2": (5, 5, 8, 2, False, None, False),
        "cross_e12_h3": (3, 6, 12, 3, False, None, False),
        "causal_padding_e8_h4": (6, 6, 8, 4, True, [4, 5], False),
        "one_head_e4": (3, 3, 4, 1, False, None, False),
        "fully_masked_row_e6_h2": (4, 4, 6, 2, True, [0], False),
        "additive_e8_h2": (4, 5, 8, 2, False, [1], True),
    }
    for i, (name, (lq, lk, e, heads, causal, pad, use_add)) in enumerate(specs.items()):
        torch.manual_seed(400 + i)
        mha = nn.MultiheadAttention(e, heads, batch_first=True).eval()
        with torch.no_grad():  # PyTorch initialises both biases to zero: make them matter
            mha.in_proj_bias.copy_(randn(3 * e, scale=0.5))
            mha.out_proj.bias.copy_(randn(e, scale=0.5))
        query = randn(lq, e)
        if lq == lk:
            key = value = query  # self attention
        else:
            key, value = randn(lk, e), randn(lk, e)
        key_padding = None
        if pad is not None:
            key_padding = torch.zeros(lk, dtype=torch.bool)
            key_padding[pad] = True
        additive = randn(lq, lk) if use_add else None
        causal_mask = combined_bool_mask(lq, lk, is_causal=True) if causal else None
        attn_mask = causal_mask
        if additive is not None:
            attn_mask = additive if causal_mask is None else additive.masked_fill(causal_mask, float("-inf"))
        with torch.no_grad():
            out_t, w_t = mha(query.unsqueeze(0), key.unsqueeze(0), value.unsqueeze(0),
                             key_padding_mask=None if key_padding is None else key_padding.unsqueeze(0),
                             need_weights=True, attn_mask=attn_mask, average_attn_weights=False)
        out_t, w_t = out_t[0], w_t[0]
        sd = {k_: t.detach().clone() for k_, t in mha.state_dict().items()}
        not_allowed = combined_bool_mask(lq, lk, causal, key_padding)
        out, w = explicit_mha(query, key, value, sd["in_proj_weight"], sd["in_proj_bias"],
                              sd["out_proj.weight"], sd["out_proj.bias"], heads, not_allowed, additive)
        live = ~not_allowed.all(-1)
        check_close(f"mha {name} output", out_t[live], out[live], tol=1e-5)
        check_close(f"mha {name} weights", w_t[:, live], w[:, live], tol=1e-5)
        if (~live).any():
            meta[f"{name}.pytorch_fully_masked_rows"] = "NaN in PyTorch; zero weights and output = out_proj.bias here"
        tensors.update({f"{name}.num_heads": torch.tensor([heads], dtype=torch.int64),
                        f"{name}.in_proj_weight": sd["in_proj_weight"], f"{name}.in_proj_bias": sd["in_proj_bias"],
                        f"{name}.out_proj.weight": sd["out_proj.weight"], f"{name}.out_proj.bias": sd["out_proj.bias"],
                        f"{name}.query": query, f"{name}.key": key, f"{name}.value": value,
                        f"{name}.is_causal": torch.tensor([causal])})
        if key_padding is not None:
            tensors[f"{name}.key_padding"] = key_padding
        if additive is not None:
            tensors[f"{name}.additive"] = additive
        tensors.update({f"{name}.output": out, f"{name}.weights": w})
    meta["cases"] = ",".join(specs)
    return {"mha.safetensors": (tensors, meta)}


# ---------------------------------------------------------------------------------------------
# ex05: the seed's SelfAttention, as written and fixed

class SeedSelfAttention(nn.Module):
    """Verbatim from the seed document (coding answer 1)."""

    def __init__(self, embed_size, heads):
        super(SeedSelfAttention, self).__init__()
        self.heads = heads
        self.embed_size = embed_size
        self.query_linear = nn.Linear(embed_size, embed_size)
        self.key_linear = nn.Linear(embed_size, embed_size)
        self.value_linear = nn.Linear(embed_size, embed_size)
        self.out_linear = nn.Linear(heads * embed_size, embed_size)

    def forward(self, x):
        batch_size = x.size(0)
        seq_len = x.size(1)
        q = self.query_linear(x).view(batch_size, seq_len, self.heads, -1)
        k = self.key_linear(x).view(batch_size, seq_len, self.heads, -1)
        v = self.value_linear(x).view(batch_size, seq_len, self.heads, -1)
        attn_scores = torch.matmul(q, k.transpose(2, 3))
        attn_scores = F.softmax(attn_scores, dim=3)
        attn_output = torch.matmul(attn_scores, v)
        attn_output = attn_output.view(batch_size, seq_len, -1)
        output = self.out_linear(attn_output)
        return output


class FixedSelfAttention(nn.Module):
    """The seed's module with its three bugs fixed."""

    def __init__(self, embed_size, heads):
        super().__init__()
        assert embed_size % heads == 0
        self.heads, self.embed_size, self.head_dim = heads, embed_size, embed_size // heads
        self.query_linear = nn.Linear(embed_size, embed_size)
        self.key_linear = nn.Linear(embed_size, embed_size)
        self.value_linear = nn.Linear(embed_size, embed_size)
        self.out_linear = nn.Linear(embed_size, embed_size)          # fix 3: in_features = E

    def forward(self, x):
        b, n, _ = x.shape
        split = lambda t: t.view(b, n, self.heads, self.head_dim).transpose(1, 2)   # fix 2: (b, H, L, d)
        q, k, v = split(self.query_linear(x)), split(self.key_linear(x)), split(self.value_linear(x))
        scores = q @ k.transpose(-2, -1) / math.sqrt(self.head_dim)                 # fix 1: 1/sqrt(d_k)
        out = torch.softmax(scores, dim=-1) @ v
        return self.out_linear(out.transpose(1, 2).reshape(b, n, self.embed_size))


def linear_tensors(prefix, module):
    return {f"{prefix}.{layer}.{p}": getattr(getattr(module, layer), p).detach().clone()
            for layer in ("query_linear", "key_linear", "value_linear", "out_linear") for p in ("weight", "bias")}


def seed_cases():
    tensors, meta = {}, {"exercise": "ex05_fix_seed",
                         "fixed": "FixedSelfAttention (scaled, heads over positions, out_linear E->E) "
                                  "== nn.MultiheadAttention with in_proj = cat(q, k, v)"}
    specs = {"e8_h2": (5, 8, 2), "e12_h3": (4, 12, 3), "e6_h1": (3, 6, 1), "e8_h4": (6, 8, 4)}
    for i, (name, (n, e, heads)) in enumerate(specs.items()):
        torch.manual_seed(500 + i)
        fixed = FixedSelfAttention(e, heads).eval()
        x = randn(n, e)
        with torch.no_grad():
            out = fixed(x.unsqueeze(0))[0]
            mha = nn.MultiheadAttention(e, heads, batch_first=True).eval()
            mha.in_proj_weight.copy_(torch.cat([fixed.query_linear.weight, fixed.key_linear.weight,
                                                fixed.value_linear.weight]))
            mha.in_proj_bias.copy_(torch.cat([fixed.query_linear.bias, fixed.key_linear.bias,
                                              fixed.value_linear.bias]))
            mha.out_proj.weight.copy_(fixed.out_linear.weight)
            mha.out_proj.bias.copy_(fixed.out_linear.bias)
            ref, _ = mha(x.unsqueeze(0), x.unsqueeze(0), x.unsqueeze(0), need_weights=False)
        check_close(f"seed {name} fixed vs nn.MultiheadAttention", ref[0], out, tol=1e-5)
        tensors[f"{name}.num_heads"] = torch.tensor([heads], dtype=torch.int64)
        tensors.update(linear_tensors(name, fixed))
        tensors[f"{name}.x"] = x
        tensors[f"{name}.output"] = out

    # the seed itself: runs only with heads = 1 (then out_linear is E -> E), and there every position
    # attends only to itself over a single "head", so the output is value_linear then out_linear.
    torch.manual_seed(590)
    seed = SeedSelfAttention(6, 1).eval()
    x = randn(4, 6)
    with torch.no_grad():
        out = seed(x.unsqueeze(0))[0]
        check_close("seed h1 == out_linear(value_linear(x))", seed.out_linear(seed.value_linear(x)), out)
    tensors["seed_as_written_h1.num_heads"] = torch.tensor([1], dtype=torch.int64)
    tensors.update(linear_tensors("seed_as_written_h1", seed))
    tensors["seed_as_written_h1.x"] = x
    tensors["seed_as_written_h1.output"] = out
    torch.manual_seed(591)
    try:
        SeedSelfAttention(8, 2)(randn(1, 5, 8))
        meta["seed_as_written_h2"] = "ran (unexpected)"
    except RuntimeError as err:
        meta["seed_as_written_h2"] = "RuntimeError: " + str(err).splitlines()[0]
    meta["cases"] = ",".join(specs)
    return {"seed.safetensors": (tensors, meta)}


# ---------------------------------------------------------------------------------------------

GENERATORS = {"ex01_softmax": softmax_cases, "ex02_attention": attention_cases,
              "ex03_masking": masked_cases, "ex04_multihead": mha_cases, "ex05_fix_seed": seed_cases}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    parser.add_argument("--check", action="store_true",
                        help="do not write; compare freshly generated tensors with the files in --out")
    args = parser.parse_args()
    torch.set_num_threads(1)  # reproducible reductions
    failures = 0
    for exercise, generate in GENERATORS.items():
        for filename, (tensors, meta) in generate().items():
            meta = dict(meta, generator="scripts/golden/generate.py", torch=torch.__version__)
            data = safetensors_bytes(tensors, meta)
            _, back = read_safetensors(data)
            for name, t in tensors.items():
                assert torch.equal(back[name], t.detach().contiguous()), name
            path = os.path.join(args.out, exercise, filename)
            failures += check_or_write(path, tensors, data, args.check, atol=1e-6, rtol=1e-5)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
"""Golden vectors for exercise ex15_speech_ctc (speech recognizer, CTC loss, greedy decoding).

Run with Debian's python3-torch (1.13 is enough), CPU, float64:

    /usr/bin/python3 scripts/golden/ex15_speech_ctc.py          # writes src/test/resources/golden/ex15_speech_ctc/
    /usr/bin/python3 scripts/golden/ex15_speech_ctc.py --check  # regenerates in memory, compares with the committed files

Files (tensor names `<case>.<tensor>`; metadata `cases` lists the cases in order):

ctc.safetensors      CTC cases: `logits` [B, T, C], `logProbs` = log_softmax(logits), `inputLengths` [B] and
                     `targetLengths` [B] (I64), `targets` [B, max(1, Lmax)] (I64, padded with 0), `loss` =
                     F.ctc_loss(logProbs.transpose(0, 1), ..., blank=0, reduction='mean', zero_infinity=True),
                     `grad.logits` (through log_softmax: PyTorch's and the true gradient agree there) and
                     `grad.logProbs`, the true derivative with respect to a free logProbs tensor (computed by
                     an explicit forward algorithm with autograd, NOT by ctc_loss, whose backward returns
                     exp(logProbs) - occupancy). Both computations of the loss must agree.
model.safetensors    the corrected model (SpeechRecognizer below) at a tiny size: `state.<state_dict key>`,
                     `features` [B, T, F] whose padding frames hold noise (a model must zero them),
                     `lengths`, `logProbs`, `outLengths`, `targets`/`targetLengths`, `loss` (ctc_loss as
                     above on the model output) and `grad.<state_dict key>` for every parameter.
pytorch_trained.safetensors
                     the reference size (F=16, V=8, d=48, 4 heads, ff 96, 2 layers, 60 frames) after 40 AdamW
                     steps on random spectrograms and transcripts here, weights rounded to F32 (`state.*`),
                     with `features`, `lengths`, `logProbs` (float64 with those weights).
dojo_trained_logits.safetensors
                     `dojo_trained.safetensors` (a checkpoint trained in Java by the speech-recognizer
                     experiment, F32, PyTorch names) loaded here with strict=True, and its `logProbs` on
                     this file's `features`/`lengths`: the Java test checks Java gives the same.
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
DEFAULT_OUT = os.path.join(ROOT, "src", "test", "resources", "golden", "ex15_speech_ctc")
DT = torch.float64


def subsampled(n):
    return ((n + 1) // 2 + 1) // 2


class SpeechRecognizer(nn.Module):
    """The corrected C6 VoiceRecognizer (the Java twin: dojo.exercise.api.SpeechRecognizerModel)."""

    def __init__(s, features, phones, d, heads, ff, layers, max_frames):
        super().__init__()
        s.conv1 = nn.Conv1d(features, d, kernel_size=3, stride=2, padding=1)
        s.conv2 = nn.Conv1d(d, d, kernel_size=3, stride=2, padding=1)
        s.position = nn.Embedding(subsampled(max_frames), d)
        layer = nn.TransformerEncoderLayer(d, heads, ff, dropout=0.0, batch_first=True)
        s.encoder = nn.TransformerEncoder(layer, layers, enable_nested_tensor=False)
        s.head = nn.Linear(d, phones + 1)

    def forward(s, x, lengths):
        t = x.shape[1]
        x = x * (torch.arange(t)[None, :] < lengths[:, None])[:, :, None]
        h = F.gelu(s.conv1(x.transpose(1, 2)))
        l1 = (lengths + 1) // 2
        h = h * (torch.arange(h.shape[2])[None, :] < l1[:, None])[:, None, :]
        h = F.gelu(s.conv2(h)).transpose(1, 2)
        l2 = (l1 + 1) // 2
        h = h + s.position.weight[: h.shape[1]]
        h = s.encoder(h, src_key_padding_mask=torch.arange(h.shape[1])[None, :] >= l2[:, None])
        return F.log_softmax(s.head(h), dim=-1), l2


def same(what, a, b, tol=1e-10):
    a, b = a.detach(), b.detach()
    if a.shape != b.shape:
        sys.exit(f"golden: {what}: shapes differ {tuple(a.shape)} vs {tuple(b.shape)}")
    err = (a - b).abs().max().item() if a.numel() else 0.0
    if not err <= tol * max(1.0, b.abs().max().item() if b.numel() else 1.0):
        sys.exit(f"golden: {what}: the two computations differ by {err}")


def padded_targets(targets):
    width = max(1, max(len(t) for t in targets))
    out = torch.zeros(len(targets), width, dtype=torch.int64)
    for i, t in enumerate(targets):
        out[i, : len(t)] = torch.tensor(t, dtype=torch.int64)
    return out, torch.tensor([len(t) for t in targets], dtype=torch.int64)


def torch_ctc(log_probs, input_lengths, targets):
    tgt, tl = padded_targets(targets)
    return F.ctc_loss(log_probs.transpose(0, 1), tgt, input_lengths, tl, blank=0, reduction="mean", zero_infinity=True)


def lse(terms):
    """logsumexp of the reachable terms (-inf ones would make NaN gradients); -inf when none is reachable."""
    live = [x for x in terms if not torch.isinf(x.detach())]
    if not live:
        return torch.tensor(float("-inf"), dtype=DT)
    return torch.logsumexp(torch.stack(live), 0)


def explicit_ctc(log_probs, input_lengths, targets):
    """The forward algorithm in log space with autograd: the second computation (and the true gradient)."""
    b = log_probs.shape[0]
    total = log_probs.new_zeros(())
    neg_inf = torch.tensor(float("-inf"), dtype=DT)
    for i in range(b):
        y = targets[i]
        ext = [0]
        for c in y:
            ext += [c, 0]
        s = len(ext)
        lp = log_probs[i]
        alpha = [neg_inf] * s
        alpha[0] = lp[0, 0]
        if s > 1:
            alpha[1] = lp[0, ext[1]]
        for t in range(1, int(input_lengths[i])):
            new = []
            for k in range(s):
                terms = [alpha[k]]
                if k > 0:
                    terms.append(alpha[k - 1])
                if k > 1 and ext[k] != 0 and ext[k] != ext[k - 2]:
                    terms.append(alpha[k - 2])
                new.append(lse(terms) + lp[t, ext[k]])
            alpha = new
        logp = lse(alpha[-2:] if s > 1 else alpha)
        if torch.isinf(logp):
            continue  # zero_infinity
        total = total + (-logp) / max(1, len(y))
    return total / b


def ctc_case(tensors, name, b, t, c, input_lengths, targets, scale=1.0):
    logits = (torch.randn(b, t, c, dtype=DT) * scale).requires_grad_(True)
    lp = F.log_softmax(logits, -1)
    il = torch.tensor(input_lengths, dtype=torch.int64)
    loss = torch_ctc(lp, il, targets)
    loss.backward()
    grad_logits = logits.grad.clone()
    free = lp.detach().clone().requires_grad_(True)
    explicit = explicit_ctc(free, il, targets)
    explicit.backward()
    same(name + " loss, ctc_loss vs explicit", loss, explicit)
    logits2 = logits.detach().clone().requires_grad_(True)
    explicit_ctc(F.log_softmax(logits2, -1), il, targets).backward()
    same(name + " grad of the logits, ctc_loss vs explicit", grad_logits, logits2.grad)
    tgt, tl = padded_targets(targets)
    tensors.update({f"{name}.logits": logits.detach(), f"{name}.logProbs": lp.detach(), f"{name}.inputLengths": il,
                    f"{name}.targets": tgt, f"{name}.targetLengths": tl, f"{name}.loss": loss.detach().reshape(1),
                    f"{name}.grad.logits": grad_logits, f"{name}.grad.logProbs": free.grad.clone()})
    return name


def ctc_file():
    tensors, cases = {}, []
    torch.manual_seed(1501)
    cases.append(ctc_case(tensors, "basic", 3, 12, 6, [12, 12, 12], [[1, 2, 3], [4, 5], [2, 5, 1, 3]]))
    torch.manual_seed(1502)
    cases.append(ctc_case(tensors, "repeats", 3, 10, 5, [10, 10, 10], [[2, 2], [3, 3, 3], [1, 2, 2, 1]]))
    torch.manual_seed(1503)
    # the shortest input each transcript fits in: |y| + the number of adjacent equal pairs
    cases.append(ctc_case(tensors, "tight", 3, 5, 4, [4, 1, 5], [[1, 1, 2], [3], [2, 2, 2]]))
    torch.manual_seed(1504)
    cases.append(ctc_case(tensors, "empty_target", 2, 6, 4, [5, 6], [[], [1, 3]]))
    torch.manual_seed(1505)
    # example 0 needs 5 frames for 1 1 1 but has 4: infinite loss, zeroed
    cases.append(ctc_case(tensors, "impossible", 2, 6, 4, [4, 6], [[1, 1, 1], [2, 3]]))
    torch.manual_seed(1506)
    cases.append(ctc_case(tensors, "padded", 4, 9, 5, [9, 3, 6, 1], [[1, 2, 1, 4], [3], [4, 4], []]))
    torch.manual_seed(1507)
    # 150 frames of sharp distributions: p(y) is about e^-700 or less, zero in plain probabilities
    cases.append(ctc_case(tensors, "long", 2, 150, 5, [150, 140], [[1, 2, 3, 4, 1, 2], [3, 3, 4]], scale=6.0))
    return {"ctc.safetensors": (tensors, {"cases": ",".join(cases)})}


def model_file():
    tensors, cases = {}, []
    for name, seed, lengths, t in [("padded", 1511, [17, 11, 6], 17), ("full", 1512, [20, 20], 20)]:
        torch.manual_seed(seed)
        m = SpeechRecognizer(6, 4, 8, 2, 12, 2, 20).double()
        with torch.no_grad():
            for p in m.parameters():
                p.add_(torch.randn_like(p) * 0.1)  # biases and positions away from their init
        m.train()
        b = len(lengths)
        x = torch.randn(b, t, 6, dtype=DT)
        ln = torch.tensor(lengths, dtype=torch.int64)
        lp, out_len = m(x, ln)
        # padded frames hold noise: the model must zero them (the same result as zeros there)
        xz = x * (torch.arange(t)[None, :] < ln[:, None])[:, :, None]
        lpz, _ = m(xz, ln)
        for i in range(b):
            same(f"model {name}: noise in padding changes real outputs", lp[i, : out_len[i]], lpz[i, : out_len[i]], 1e-12)
        targets = [[1 + (i + j) % 4 for j in range(max(1, int(out_len[i]) // 2))] for i in range(b)]
        loss = torch_ctc(lp, out_len, targets)
        m.zero_grad()
        loss.backward()
        tgt, tl = padded_targets(targets)
        for k, v in m.state_dict().items():
            tensors[f"{name}.state.{k}"] = v.detach().clone()
        for k, p in m.named_parameters():
            tensors[f"{name}.grad.{k}"] = p.grad.detach().clone()
        tensors.update({f"{name}.features": x, f"{name}.lengths": ln, f"{name}.logProbs": lp.detach(),
                        f"{name}.outLengths": out_len, f"{name}.targets": tgt, f"{name}.targetLengths": tl,
                        f"{name}.loss": loss.detach().reshape(1)})
        cases.append(name)
    return {"model.safetensors": (tensors, {"cases": ",".join(cases), "config": "features=6,phones=4,d=8,heads=2,ff=12,layers=2,maxFrames=20"})}


def reference_model():
    return SpeechRecognizer(16, 8, 48, 4, 96, 2, 60).double()


def golden_inputs(seed):
    torch.manual_seed(seed)
    lengths = torch.tensor([60, 37, 22, 9], dtype=torch.int64)
    x = torch.rand(4, 60, 16, dtype=DT)
    return x, lengths


def pytorch_trained_file():
    torch.manual_seed(1521)
    m = reference_model()
    m.train()
    opt = torch.optim.AdamW(m.parameters(), lr=3e-3, weight_decay=0.01)
    for step in range(40):
        x = torch.rand(8, 60, 16, dtype=DT)
        ln = torch.randint(20, 61, (8,))
        lp, out_len = m(x, ln)
        targets = [torch.randint(1, 9, (int(torch.randint(1, 5, ()).item()),)).tolist() for _ in range(8)]
        loss = torch_ctc(lp, out_len, targets)
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        for p in m.parameters():
            p.copy_(p.float().double())  # the file holds F32 weights; logits are computed with exactly those
    x, ln = golden_inputs(1522)
    with torch.no_grad():
        lp, out_len = m(x, ln)
    tensors = {f"checkpoint.state.{k}": v.detach().float() for k, v in m.state_dict().items()}
    tensors.update({"checkpoint.features": x, "checkpoint.lengths": ln, "checkpoint.logProbs": lp, "checkpoint.outLengths": out_len})
    return {"pytorch_trained.safetensors": (tensors, {"cases": "checkpoint", "steps": "40"})}


def dojo_trained_file(out_dir):
    path = os.path.join(out_dir, "dojo_trained.safetensors")
    if not os.path.exists(path):
        print(f"skipped  {path} does not exist (train it in Java first, see docs/models/ex15_speech_ctc.md)")
        return {}
    with open(path, "rb") as f:
        meta, state = read_safetensors(f.read())
    m = reference_model()
    result = m.load_state_dict({k: v.double() for k, v in state.items()}, strict=True)
    print(f"loaded   {path} into the PyTorch module with strict=True: {result}")
    m.train()
    x, ln = golden_inputs(1531)
    with torch.no_grad():
        lp, out_len = m(x, ln)
    tensors = {"dojo.features": x, "dojo.lengths": ln, "dojo.logProbs": lp, "dojo.outLengths": out_len}
    return {"dojo_trained_logits.safetensors": (tensors, {"cases": "dojo", "checkpoint": "dojo_trained.safetensors"})}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=DEFAULT_OUT, help="output directory (default: %(default)s)")
    parser.add_argument("--check", action="store_true", help="compare freshly generated tensors with the files in --out")
    args = parser.parse_args()
    torch.set_num_threads(1)
    failures = 0
    for files in (ctc_file(), model_file(), pytorch_trained_file(), dojo_trained_file(args.out)):
        for filename, (tensors, meta) in files.items():
            meta = dict(meta, generator="scripts/golden/ex15_speech_ctc.py", torch=torch.__version__)
            data = safetensors_bytes(tensors, meta)
            failures += check_or_write(os.path.join(args.out, filename), tensors, data, args.check, atol=1e-12, rtol=1e-10)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

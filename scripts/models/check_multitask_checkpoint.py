#!/usr/bin/python3
"""Loads a checkpoint written by `./dojo train multitask-classifier` into the PyTorch module of
scripts/golden/ex18_multitask.py with load_state_dict(strict=True) and scores both heads in PyTorch on fresh
uniformly random sequences (lengths 8-12, tokens 1-16), labelled by definition.

Usage: /usr/bin/python3 scripts/models/check_multitask_checkpoint.py target/train/multitask-classifier/model.safetensors"""
import os
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden"))
from ex18_multitask import MultiTaskClassifier, REFERENCE, label_a, label_b, pad_batch, random_sequences  # noqa: E402
from generate import read_safetensors  # noqa: E402


def main():
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(sys.argv[1], "rb") as f:
        meta, state = read_safetensors(f.read())
    model = MultiTaskClassifier(**REFERENCE, weight_a=1.0, weight_b=1.0).double()
    print(model.load_state_dict({k: v.double() for k, v in state.items()}, strict=True), meta)
    model.train()   # dropout is 0; train mode keeps PyTorch off its nested-tensor fast path
    g = torch.Generator().manual_seed(0)
    seqs = random_sequences(g, 2000, 8, 12, 16)
    ids = pad_batch(seqs, 12)
    ya = torch.tensor([label_a(s) for s in seqs])
    yb = torch.tensor([label_b(s) for s in seqs])
    with torch.no_grad():
        a, b = model(ids)
    pa, pb = a.argmax(-1), b.argmax(-1)
    print(f"PyTorch, 2000 uniform random sequences (labels by definition): task A accuracy {(pa == ya).double().mean():.4f}, "
          f"task B accuracy {(pb == yb).double().mean():.4f}")
    for c, name in enumerate(["smaller", "equal", "larger"]):
        sel = yb == c
        print(f"  task B class {name}: {int(sel.sum())} sequences, accuracy {(pb[sel] == c).double().mean():.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

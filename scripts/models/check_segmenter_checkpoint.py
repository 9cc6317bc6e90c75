#!/usr/bin/env python3
"""Loads an image-segmenter checkpoint written by `./dojo train image-segmenter` (model.safetensors, F32,
PyTorch names) into the PyTorch module of scripts/golden/ex16_image_segmenter.py with strict=True, and
scores it with mean IoU on fresh images drawn here, in Python, from the dataset's definition
(docs/models/ex16_image_segmenter.md): an independent implementation of the task, not the dojo's generator.
Usage: /usr/bin/python3 scripts/models/check_segmenter_checkpoint.py target/train/image-segmenter/model.safetensors [IMAGES]"""
import os
import random
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "golden"))
from generate import read_safetensors  # noqa: E402
from ex16_image_segmenter import ImageSegmenter, REFERENCE  # noqa: E402

GLYPHS = ["####" "#..#" "#..#" "####", ".##." "####" "####" ".##.", "#..#" ".##." ".##." "#..#",
          "...#" "..##" ".###" "####", ".#.." ".#.." ".#.." ".#..", "####" "...." "...." "####",
          "#..." "#..." "#..." "####", ".#.." "####" ".#.." ".#.."]


def image(rng):
    """16x16: four glyphs in distinct cells of a 4x4 grid, one shape twice (class 1), two once (class 2)."""
    x = torch.zeros(16, 16, dtype=torch.float64)
    y = torch.zeros(16, 16, dtype=torch.long)
    cells = rng.sample(range(16), 4)
    pair, a, b = rng.sample(range(8), 3)
    for cell, shape, cls in zip(cells, [pair, pair, a, b], [1, 1, 2, 2]):
        r0, c0, v = (cell // 4) * 4, (cell % 4) * 4, 0.5 + 0.5 * rng.random()
        for i in range(16):
            if GLYPHS[shape][i] == "#":
                x[r0 + i // 4, c0 + i % 4] = v
                y[r0 + i // 4, c0 + i % 4] = cls
    return x, y


def main():
    with open(sys.argv[1], "rb") as f:
        meta, state = read_safetensors(f.read())
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    m = ImageSegmenter(REFERENCE).double()
    print(m.load_state_dict({k: v.double() for k, v in state.items()}, strict=True), meta)
    m.eval()
    rng = random.Random(7)
    xs, ys = zip(*(image(rng) for _ in range(n)))
    with torch.no_grad():
        pred = m(torch.stack(xs).unsqueeze(1)).argmax(1)
    truth = torch.stack(ys)
    ious = []
    for k in range(3):
        inter = ((pred == k) & (truth == k)).sum().item()
        union = ((pred == k) | (truth == k)).sum().item()
        if union:
            ious.append(inter / union)
            print(f"class {k}: IoU {inter / union:.4f}")
    print(f"mIoU on {n} fresh images drawn in Python: {sum(ious) / len(ious):.4f}")


if __name__ == "__main__":
    main()

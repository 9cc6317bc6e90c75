#!/usr/bin/python3
"""Reorder the choices of choice questions identically in an English and a Chinese bank.

Usage: scripts/bank-reorder.py questions/en/30-masking.md questions/zh/30-masking.md ID=ORDER...

ORDER lists the old choice letters in their new order: `mask-causal-meaning=cabd` makes the old c the
new a, the old a the new b, and so on.  Each choice keeps its text (also its indented continuation
lines) and its [x] mark, so lint's en/zh agreement on correct positions still holds.  Explanations
that name choices by position must be rewritten by hand (the quiz shuffles choices anyway).
"""
import re
import sys
from pathlib import Path

FENCE = re.compile(r"^\s*(```|~~~)")


def reorder(text, qid, order):
    lines = text.split("\n")
    fence = False
    start = None
    for i, line in enumerate(lines):
        if FENCE.match(line):
            fence = not fence
        if not fence and re.match(rf"^- id: *{re.escape(qid)}\s*$", line):
            start = i
            break
    if start is None:
        raise SystemExit(f"no question '{qid}'")
    # the choice block: from the first '- [' line to the line before the next '### ' heading
    first = end = None
    fence = False
    for i in range(start, len(lines)):
        line = lines[i]
        if FENCE.match(line):
            fence = not fence
        if fence:
            continue
        if line.startswith("## ") or line.startswith("### "):
            end = i
            break
        if first is None and re.match(r"^- \[[ xX]\]", line):
            first = i
    if first is None:
        raise SystemExit(f"'{qid}' has no choices")
    while lines[end - 1].strip() == "":
        end -= 1
    items = []
    for line in lines[first:end]:
        if re.match(r"^- \[[ xX]\]", line):
            items.append([line])
        else:
            items[-1].append(line)
    if sorted(order) != [chr(ord("a") + k) for k in range(len(items))]:
        raise SystemExit(f"'{qid}': order '{order}' is not a permutation of its {len(items)} choices")
    for item in items:  # a blank line between items would make the list loose; keep it tight
        while item[-1].strip() == "":
            item.pop()
    new = [line for ch in order for line in items[ord(ch) - ord("a")]]
    return "\n".join(lines[:first] + new + lines[end:])


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    files = [Path(argv[0]), Path(argv[1])]
    texts = [f.read_text(encoding="utf-8") for f in files]
    for arg in argv[2:]:
        qid, order = arg.split("=")
        texts = [reorder(t, qid, order) for t in texts]
    for f, t in zip(files, texts):
        f.write_text(t, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

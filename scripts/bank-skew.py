#!/usr/bin/python3
"""Answer-position and answer-length skew of the choice questions, per bank file.

Usage: scripts/bank-skew.py [--json] [--git REV] [PATH...]   (default: questions/)

For every bank file it prints:
  single       number of single-choice questions
  a b c d e    how often the correct single choice sits at each position
  longest      single-choice questions whose correct option is the strictly longest one
               (length = characters of the option text, Markdown backticks and emphasis dropped)
  multi        number of multiple-choice questions
  prefix       multiple-choice questions whose correct set is exactly the first k options

Targets (issue 8): positions near uniform over the available slots, longest <= 30% of single,
prefix <= 20% of multi.  With --git REV the files are read from that revision instead (a before/after
table: run once with --git main, once without).  Standard library only.
"""
import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

CHOICE = re.compile(r"^- \[([ xX])\] ?(.*)$")
FENCE = re.compile(r"^\s*(```|~~~)")


def questions(text):
    """Yield (id, type, choices) per question; choices = [(correct, text)]."""
    lines = text.split("\n")
    fence = False
    blocks, cur = [], None
    for line in lines:
        if FENCE.match(line):
            fence = not fence
        if not fence and line.startswith("## "):
            cur = []
            blocks.append(cur)
        if cur is not None:
            cur.append((fence, line))
    for block in blocks:
        qid = qtype = None
        choices = []
        in_choices = False
        for fence, line in block:
            if fence:
                if in_choices and choices:
                    choices[-1][1].append(line)
                continue
            m = re.match(r"^- (id|type): *(\S+)", line)
            if m and not choices:
                if m.group(1) == "id":
                    qid = m.group(2)
                else:
                    qtype = m.group(2)
                continue
            if line.startswith("### "):
                break
            m = CHOICE.match(line)
            if m:
                in_choices = True
                choices.append((m.group(1) != " ", [m.group(2)]))
            elif in_choices and choices and (line.startswith("  ") or line.strip() == ""):
                choices[-1][1].append(line.strip())
        yield qid, qtype, [(c, " ".join(t).strip()) for c, t in choices]


def plain_len(s):
    return len(re.sub(r"[`*_]", "", s))


def skew(text):
    single = multi = longest = prefix = 0
    pos = [0] * 6
    for _qid, qtype, choices in questions(text):
        if qtype == "single" and choices:
            single += 1
            idx = [i for i, (c, _) in enumerate(choices) if c][0]
            pos[min(idx, 5)] += 1
            lens = [plain_len(t) for _, t in choices]
            if all(lens[idx] > l for i, l in enumerate(lens) if i != idx):
                longest += 1
        elif qtype == "multiple" and choices:
            multi += 1
            flags = [c for c, _ in choices]
            k = sum(flags)
            if flags[:k] == [True] * k:
                prefix += 1
    return {"single": single, "positions": pos, "longest": longest, "multi": multi, "prefix": prefix}


def read(path, rev):
    if rev is None:
        return Path(path).read_text(encoding="utf-8")
    return subprocess.run(["git", "show", f"{rev}:{path}"], capture_output=True, text=True, check=True).stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*", default=["questions"])
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--git", metavar="REV")
    args = ap.parse_args()
    files = []
    for p in args.paths:
        p = Path(p)
        files += sorted(p.rglob("*.md")) if p.is_dir() else [p]
    files = [f for f in files if f.name != "README.md"]
    rows = {}
    for f in files:
        try:
            rows[str(f)] = skew(read(str(f), args.git))
        except (OSError, subprocess.CalledProcessError) as e:
            print(f"{f}: cannot read: {e}", file=sys.stderr)
            return 2
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    pct = lambda a, b: f"{100 * a / b:.0f}%" if b else "-"
    print(f"{'bank file':40} {'single':>6} {'a':>3} {'b':>3} {'c':>3} {'d':>3} {'e+':>3} {'longest':>8} {'multi':>5} {'prefix':>7}")
    tot = {"single": 0, "positions": [0] * 6, "longest": 0, "multi": 0, "prefix": 0}
    for f, r in rows.items():
        p = r["positions"]
        print(f"{f:40} {r['single']:>6} {p[0]:>3} {p[1]:>3} {p[2]:>3} {p[3]:>3} {sum(p[4:]):>3} "
              f"{pct(r['longest'], r['single']):>8} {r['multi']:>5} {pct(r['prefix'], r['multi']):>7}")
        for k in ("single", "longest", "multi", "prefix"):
            tot[k] += r[k]
        tot["positions"] = [x + y for x, y in zip(tot["positions"], p)]
    p = tot["positions"]
    print(f"{'total':40} {tot['single']:>6} {p[0]:>3} {p[1]:>3} {p[2]:>3} {p[3]:>3} {sum(p[4:]):>3} "
          f"{pct(tot['longest'], tot['single']):>8} {tot['multi']:>5} {pct(tot['prefix'], tot['multi']):>7}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

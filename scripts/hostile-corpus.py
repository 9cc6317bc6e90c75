#!/usr/bin/env python3
"""Writes the hostile corpus src/test/resources/hostile/<case>/ (run from the repository root).

Each case holds the files a command is run on and a case.properties: the command (lint, quiz, export,
stats), extra arguments, stdin, the expected exit code and message fragments (docs/lint.md, "Hostile
input"). Large or unprintable content is written as placeholders that HostileCorpusTest expands:
{{rep:TEXT:N}} (TEXT N times), {{chr:HEX}} (one character), {{nest:N}} (N nested list items), so the
corpus stays small and readable in review. Rerunning this script rewrites the corpus."""
import os, shutil

ROOT = "src/test/resources/hostile"

FRONT = "---\nbank: hostile\ntitle: Hostile\nlang: en\n---\n\n"

def q(qid, title, qtype, body, answer=None, extra_meta=""):
    s = f"## {title}\n\n- id: {qid}\n- type: {qtype}\n- difficulty: 1\n- tags: demo\n{extra_meta}\n{body}\n\n"
    if answer is not None:
        s += f"### Answer\n\n{answer}\n\n"
    s += "### Explanation\n\nBecause.\n\n"
    return s

def short(qid="q-short", title="Name it", accepted="- padding mask", body="Name the mask."):
    return q(qid, title, "short", body, accepted)

def good(qid="q-good", title="A good question"):
    return q(qid, title, "truefalse", "Attention weights sum to one.", "true")

def numeric(value="4", tol="0.5", qid="q-num"):
    return q(qid, "A number", "numeric", "How many?", f"- value: {value}\n- tolerance: {tol}")

def ordering(items, qid="q-order"):
    return q(qid, "Order them", "ordering", "Put them in order.", "\n".join(f"{i+1}. {t}" for i, t in enumerate(items)))

def single(choices, qid="q-single", body="Pick one."):
    return q(qid, "Pick", "single", body + "\n\n" + "\n".join(choices))

cases = {}

def case(name, kind, command, exit, expect, files=None, args="", stdin=None, absent=(), setup=None):
    cases[name] = dict(kind=kind, command=command, exit=exit, expect=expect, files=files or {}, args=args,
                       stdin=stdin, absent=absent, setup=setup)

def bank(*qs):
    return {"bank.md": FRONT + "# Hostile\n\n" + "".join(qs)}

# ---- 1. regexes and answers -------------------------------------------------------------------------
case("regex-nested-quantifier-lints-clean", "regex", "lint", 0, ["1 question, no problems"],
     bank(short(accepted="- `regex: (a+)+b`")))
case("regex-nested-quantifier-answers-fast", "regex", "quiz", 0, ["Score: 0/1"],
     bank(short(accepted="- `regex: (a+)+b`")), stdin="{{rep:a:40}}!\n")
case("regex-alternation-star-long-answer", "regex", "quiz", 0, ["longer than 1000 characters", "Nothing was answered"],
     bank(short(accepted="- `regex: (a|aa)*`")), stdin="{{rep:a:20000}}\n")
case("regex-answer-at-the-limit-is-scored", "regex", "quiz", 0, ["Score: 1/1"],
     bank(short(accepted="- `regex: (a|aa)*`")), stdin="{{rep:a:1000}}\n")
case("regex-backreference", "regex", "lint", 1, ["bank.md:20:14: error: bad regex: invalid escape sequence at '\\1'", "RE2 syntax"],
     bank(short(accepted="- `regex: (a)\\1`")))
case("regex-lookahead", "regex", "lint", 1, ["error: bad regex: invalid or unsupported Perl syntax at '(?='"],
     bank(short(accepted="- `regex: (?=mask)mask`")))
case("regex-possessive", "regex", "lint", 1, ["error: bad regex: invalid nested repetition operator"],
     bank(short(accepted="- `regex: mask++`")))
case("regex-huge-repeat", "regex", "lint", 1, ["error: bad regex: invalid repeat count"],
     bank(short(accepted="- `regex: (ab){2000}`")))
case("regex-too-long", "regex", "lint", 1, ["regex is 600 characters long (at most 500)"],
     bank(short(accepted="- `regex: {{rep:a:600}}`")))
case("regex-bad-quiz-refuses", "regex", "quiz", 2, ["bad regex", "in the question banks; fix them first"],
     bank(short(accepted="- `regex: (a)\\1`")), stdin="a\n")
case("answer-with-escape-sequence-echo", "control", "quiz", 0, ["Score: 0/1", "\ufffd]52;c;"],
     bank(short()), stdin="{{chr:1b}}]52;c;aGk={{chr:07}}{{chr:9b}}2J\n", absent=["\x1b", "\x9b", "\x07"])

# ---- 2. depth ------------------------------------------------------------------------------------------
DEEP = "Markdown nested too deeply: more than 16 levels"
case("deep-list", "depth", "lint", 1, [DEEP], bank(short(body="Name it.\n\n{{nest:3000}}"), good()))
case("deep-block-quote", "depth", "lint", 1, [DEEP], bank(short(body="{{rep:>:3000}} deep"), good()))
case("deep-emphasis", "depth", "lint", 1, [DEEP], bank(short(body="{{rep:*:3000}}x{{rep:*:3000}}"), good()))
case("deep-links", "depth", "lint", 1, [DEEP], bank(short(body="{{rep:![:3000}}x{{rep:](u):3000}}"), good()))
case("deep-strong-underscore", "depth", "lint", 1, [DEEP], bank(short(body="{{rep:__:1500}}x{{rep:__:1500}}")))
case("deep-list-quiz-refuses", "depth", "quiz", 2, [DEEP], bank(short(body="{{nest:3000}}")), stdin="x\n")
case("deep-export-leaves-question-out", "depth", "export", 0, ["1 question was left out", "A good question"],
     bank(short(body="{{rep:>:3000}} deep"), good()), args="--format html")
case("deep-one-file-does-not-stop-lint", "depth", "lint", 1, [DEEP, "other.md:", "in 2 files"],
     {"bank.md": FRONT + short(body="{{rep:>:3000}} deep"),
      "other.md": "---\nbank: other\ntitle: Other\nlang: en\n---\n\n" + q("o-one", "Other", "truefalse", "Body.", "maybe")})
AT_LIMIT = "{{rep:> :8}}{{rep:*:4}}{{rep:**:2}}[x](https://example.org){{rep:**:2}}{{rep:*:4}}"
for fmt in ["html", "gift", "anki", "json"]:
    case(f"deep-at-limit-export-{fmt}", "depth", "export", 0, ["x"], bank(short(body="At the limit:\n\n" + AT_LIMIT)),
         args=f"--format {fmt}" + (" --answers" if fmt == "html" else ""))
case("deep-at-limit-lints-clean", "depth", "lint", 0, ["no problems"], bank(short(body="At the limit:\n\n" + AT_LIMIT)))
case("deep-at-limit-quiz", "depth", "quiz", 0, ["Score: 1/1"], bank(short(body="At the limit:\n\n" + AT_LIMIT)),
     stdin="padding mask\n")

# ---- 3. non-finite numbers -------------------------------------------------------------------------------
case("tolerance-1e999", "number", "lint", 1, ["tolerance '1e999' is out of range"], bank(numeric(tol="1e999")))
case("tolerance-1e999-percent", "number", "lint", 1, ["tolerance '1e999%' is out of range"], bank(numeric(tol="1e999%")))
case("tolerance-overflows-relative", "number", "lint", 1, ["is out of range"], bank(numeric(value="1e300", tol="1e300%")))
case("value-1e999", "number", "lint", 1, ["numeric value '1e999' is out of range"], bank(numeric(value="1e999")))
case("value-nan", "number", "lint", 1, ["bad numeric value 'NaN'"], bank(numeric(value="NaN")))
case("tolerance-infinity", "number", "lint", 1, ["bad tolerance 'Infinity'"], bank(numeric(tol="Infinity")))
case("difficulty-1e999", "number", "lint", 1, ["difficulty must be 1, 2 or 3, found '1e999'"],
     {"bank.md": FRONT + numeric().replace("- difficulty: 1", "- difficulty: 1e999")})
case("tolerance-1e999-export-gift", "number", "export", 0, ["1 question was left out"], bank(numeric(tol="1e999"), good()),
     args="--format gift")
case("tolerance-1e999-quiz-refuses", "number", "quiz", 2, ["is out of range"], bank(numeric(tol="1e999")), stdin="12345\n")
case("answer-1e999-is-not-a-number", "number", "quiz", 0, ["'1e999' is not a number", "Score: 1/1"],
     bank(numeric()), stdin="1e999\n4\n")

# ---- 4. question count: fences and swallowed headings ---------------------------------------------------
case("unclosed-fence-swallows-questions", "count", "lint", 1,
     ["code fence opened here is never closed", "up to the end of the file", "5 heading lines swallowed"],
     bank(short(body="Name it.\n\n```python\nx = 1"), good("q-two", "Swallowed")))
case("unclosed-tilde-fence-in-list-item", "count", "lint", 1, ["code fence opened here is never closed"],
     bank(short(body="- a list item\n\n  ~~~\n  code"), good("q-two", "Next")))
case("unclosed-html-comment-swallows", "count", "lint", 1, ["HTML comment opened here is never closed"],
     bank(short(body="Name it. <!-- a note\n\nmore"), good("q-two", "Swallowed")).copy() | {
         "bank.md": FRONT + short() + "<!-- a note never closed\n\n" + good("q-two", "Swallowed")})
case("unclosed-pre-block", "count", "lint", 1, ["<pre> block opened here is never closed"],
     {"bank.md": FRONT + short() + "<pre>\n\n" + good("q-two", "Swallowed")})
case("html-block-swallows-heading", "count", "lint", 1, ["is swallowed by the HTML block of line"],
     {"bank.md": FRONT + short() + "<div>\n" + good("q-two", "Swallowed")})
case("heading-line-in-closed-fence-warns", "count", "lint", 0, ["is code, not a question heading", "0 errors, 1 warning"],
     bank(short(body="Markdown example:\n\n```markdown\n## Not a question\n```")))
case("unclosed-fence-quiz-refuses", "count", "quiz", 2, ["never closed"],
     bank(short(body="```\ncode"), good("q-two", "Swallowed")), stdin="x\n")
case("unclosed-fence-export-leaves-out", "count", "export", 0, ["left out"],
     bank(good("q-one", "First"), short(body="```\ncode")), args="--format json")

# ---- 5. control characters ----------------------------------------------------------------------------------
CTRL = "control character U+"
case("osc52-clipboard-in-prompt", "control", "lint", 1, [CTRL + "001B (ESC"],
     bank(short(body="Name it.{{chr:1b}}]52;c;cm0gLXJmIH4={{chr:07}}")), absent=["\x1b", "\x07"])
case("csi-clear-in-title", "control", "lint", 1, [CTRL + "001B"], bank(short(title="Clear{{chr:1b}}[2J{{chr:1b}}[H"))),
case("c1-csi-in-choice", "control", "lint", 1, [CTRL + "009B (C1 CSI"],
     bank(single(["- [x] right{{chr:9b}}31m", "- [ ] wrong"])), absent=["\x9b"])
case("nul-in-explanation", "control", "lint", 1, [CTRL + "0000 (NUL)"],
     {"bank.md": FRONT + short().replace("Because.", "Because{{chr:00}}.")}, absent=["\x00"])
case("bidi-override-in-answer", "control", "lint", 1, [CTRL + "202E"],
     bank(short(accepted="- mask{{chr:202e}}gnidda")), absent=["\u202e"])
case("escape-in-bank-title-front-matter", "control", "lint", 1, [CTRL + "001B"],
     {"bank.md": FRONT.replace("title: Hostile", "title: Hos{{chr:1b}}[31mtile") + short()}, absent=["\x1b"])
case("escape-quiz-non-tty-refuses", "control", "quiz", 2, [CTRL + "001B"],
     bank(short(body="Name it.{{chr:1b}}[2J")), stdin="padding mask\n", absent=["\x1b"])
case("escape-export-html-left-out", "control", "export", 0, ["left out", "A good question"],
     bank(short(body="Name it.{{chr:1b}}[2J"), good()), args="--format html", absent=["\x1b"])
case("many-control-lines-capped", "control", "lint", 1, ["control characters on 5 more lines"],
     bank(short(body="".join(f"line {i}{{{{chr:1b}}}}\n" for i in range(15)))))

# ---- 6. file system ----------------------------------------------------------------------------------------
case("symlink-loop", "files", "lint", 2, ["loop.md:1:1: error: symbolic link loop", "1 file"], bank(good()),
     setup="symlink-loop:loop.md")
case("dangling-symlink", "files", "lint", 2, ["gone.md:1:1: error: dangling symbolic link", "1 file"], bank(good()),
     setup="dangling-link:gone.md")
case("newline-in-file-name", "files", "lint", 1, ['bad\\nname.md":11:15: error: difficulty must be 1, 2 or 3'], {}, setup="newline-name",
     absent=["\nname.md"])
case("unreadable-subdirectory", "files", "lint", 2, ["locked:1:1: error: cannot read directory: permission denied", "1 file"],
     bank(good()), setup="unreadable-dir:locked")
case("missing-path-among-others", "files", "lint", 2, ["no/such/dir:1:1: error: no such file or directory", "1 file"],
     bank(good()), args="no/such/dir")
case("directory-named-like-a-bank", "files", "lint", 0, ["1 file, 1 question, no problems"],
     bank(good()) | {"folder.md/inner.txt": "not a bank"})

# ---- 7. ordering and URLs ----------------------------------------------------------------------------------
case("ordering-duplicate-items", "ordering", "lint", 1, ["ordering item 3 repeats item 1"],
     bank(ordering(["Embed", "Attend", "Embed"])))
case("ordering-duplicate-items-case-and-space", "ordering", "lint", 1, ["ordering item 2 repeats item 1"],
     bank(ordering(["Feed  forward", "feed forward", "Norm"])))
case("ordering-distinct-items-quiz", "ordering", "quiz", 0, ["Score: "], bank(ordering(["Embed", "Attend", "Project"])),
     stdin="1 2 3\n")
for name, url in [("data-url", "data:text/html;base64,PHNjcmlwdD4="), ("javascript-mixed-case", "JaVaScRiPt:alert(1)"),
                  ("vbscript-url", "vbscript:msgbox(1)"), ("javascript-with-tab", "<java\tscript:alert(1)>"),
                  ("data-image", None), ("javascript-entity", "javascript&#58;alert(1)")]:
    body = "See ![pic](data:image/svg+xml;base64,PHN2Zz4=)." if url is None else f"See [this]({url})."
    case(f"url-{name}", "url", "export", 0, ["See "], bank(short(body=body)), args="--format html",
         absent=["data:", "javascript:", "vbscript:", "JaVaScRiPt:", "java\tscript"])
case("url-https-kept", "url", "export", 0, ['href="https://example.org/a"'], bank(short(body="See [this](https://example.org/a).")),
     args="--format html")

# ---- 8. progress log ----------------------------------------------------------------------------------------
EV = '{"v":1,"time":"2026-01-05T09:00:00Z","id":"q-good","bank":"hostile","lang":"en","rating":3,"correct":true,"score":1.0,"duration_ms":10,"mode":"practice"'
case("log-long-valid-line", "log", "stats", 0, ["1 answer"], bank(good()) | {"data/reviews.jsonl": EV + ',"note":"{{rep:x:100000}}"}\n'},
     absent=["torn", "skipped"])
case("log-deeply-nested-unknown-field", "log", "stats", 0, ["1 answer"],
     bank(good()) | {"data/reviews.jsonl": EV + ',"extra":{{rep:[:5000}}{{rep:]:5000}}}\n'}, absent=["torn", "skipped"])
case("log-torn-last-line", "log", "stats", 0, ["reviews.jsonl:2: skipped unreadable review record (torn last line"],
     bank(good()) | {"data/reviews.jsonl": EV + "}\n" + EV[:40]})
case("log-garbage-line", "log", "stats", 0, ["reviews.jsonl:1: skipped unreadable review record (not valid JSON"],
     bank(good()) | {"data/reviews.jsonl": "garbage\n" + EV + "}\n"})
case("log-bad-rating", "log", "stats", 0, ["field 'rating' must be 1..4, got 9"],
     bank(good()) | {"data/reviews.jsonl": EV.replace('"rating":3', '"rating":9') + "}\n"})
case("log-escape-in-record-not-echoed", "log", "stats", 0, ["skipped unreadable review record"],
     bank(good()) | {"data/reviews.jsonl": '{"v":1,"id":"x{{chr:1b}}[2J","time":"nope","rating":1,"correct":true,"score":1}\n'},
     absent=["\x1b"])

case("log-full-disk", "log", "quiz", 2, ["your last answer was not saved", "reviews.jsonl: could not write: No space left on device",
     "cut back to its last whole line"], bank(good()), stdin="true\n", setup="device-log:/dev/full")
case("log-is-an-endless-device", "log", "stats", 0, ["Attention Dojo progress"], bank(good()), setup="device-log:/dev/zero")

case("log-escaped-control-in-id", "log", "stats", 0, ["field 'id' holds a control character"],
     bank(good()) | {"data/reviews.jsonl": EV.replace('"id":"q-good"', '"id":"gone\\u001b[2J"') + "}\n"}, absent=["\x1b"])
case("escape-in-export-title-option", "control", "export", 0, ["<title>Evil\ufffd[2J</title>"], bank(good()),
     args="--format html --title Evil{{chr:1b}}[2J", absent=["\x1b"])

def main():
    if os.path.isdir(ROOT):
        shutil.rmtree(ROOT)
    for name, c in cases.items():
        d = os.path.join(ROOT, name)
        os.makedirs(d)
        for rel, text in c["files"].items():
            p = os.path.join(d, rel)
            os.makedirs(os.path.dirname(p), exist_ok=True)
            with open(p, "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
        lines = [f"# generated by scripts/hostile-corpus.py", f"kind={c['kind']}", f"command={c['command']}",
                 f"exit={c['exit']}"]
        if c["args"]:
            lines.append("args=" + esc(c["args"]))
        if c["stdin"] is not None:
            lines.append("stdin=" + esc(c["stdin"]))
        if c["setup"]:
            lines.append("setup=" + c["setup"])
        for i, e in enumerate(c["expect"]):
            lines.append(f"expect.{i + 1}=" + esc(e))
        for i, e in enumerate(c["absent"]):
            lines.append(f"absent.{i + 1}=" + esc(e))
        with open(os.path.join(d, "case.properties"), "w", encoding="ascii", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
    print(f"{len(cases)} cases in {ROOT}")

def esc(s):
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) > 0x7e:
            out.append("\\u%04x" % ord(ch))
        else:
            out.append(ch)
    return "".join(out)

main()

#!/usr/bin/env bash
# Smoke test of the interactive quiz in a real terminal (tmux): renders a question with a code block,
# wraps Chinese text within the terminal width, answers, shows a hint, quits with Ctrl-C and checks
# that the answer reached the progress log and that the interface spoke Chinese (--lang zh) throughout.
# Prints the time from launch to the first prompt.
#
#   scripts/tmux-smoke.sh                     the fixture bank (src/test/resources/quiz/good): full checks
#   scripts/tmux-smoke.sh --questions DIR     real banks: render, hint, skip, Ctrl-C; generic checks
#
# Needs tmux. Exits 0 when every check passes, 1 otherwise; the captured screens are kept in $out.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
questions="$here/src/test/resources/quiz/good"
fixture=1
if [ "${1:-}" = "--questions" ]; then questions="$(cd "$2" && pwd)"; fixture=0; fi
command -v tmux >/dev/null || { echo "tmux-smoke: tmux is not installed" >&2; exit 2; }

out="$(mktemp -d "${TMPDIR:-/tmp}/dojo-smoke.XXXXXX")"
data="$out/data"
sock="dojo-smoke-$$"
cols=60
t() { tmux -L "$sock" "$@"; }
cleanup() { t kill-server 2>/dev/null || true; }
trap cleanup EXIT

"$here/dojo" --version >/dev/null # build first, so the timing below is the launch only

fail=0
check() { # description, command...
  local what="$1"; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi
}

wait_for() { # pattern, seconds
  local pattern="$1" deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    if t capture-pane -p -t quiz 2>/dev/null | grep -q -- "$pattern"; then return 0; fi
    sleep 0.05
  done
  return 1
}

# a keep-alive session so the server survives the quiz session ending
t new-session -d -s keep -x "$cols" -y 50 "sleep 600"
start=$(date +%s%N)
if [ $fixture = 1 ]; then bank_args="--bank quiz-basics --seed 11 --count 7"; else bank_args="--seed 5 --count 5"; fi
t new-session -d -s quiz -x "$cols" -y 50 \
  "cd '$here' && ./dojo quiz --lang zh --questions '$questions' --data-dir '$data' $bank_args; echo DOJO-EXIT=\$?; sleep 600"
if wait_for '›' 30; then
  echo "time to first prompt: $(( ($(date +%s%N) - start) / 1000000 )) ms"
else
  echo "FAIL no prompt within 30 s"; t capture-pane -p -t quiz; exit 1
fi
t capture-pane -p -t quiz > "$out/screen1.txt"

fits() { # file: every line within $cols display columns
  python3 - "$1" "$cols" <<'PY'
import sys, unicodedata
cols = int(sys.argv[2])
def width(s):
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in s)
bad = [l for l in open(sys.argv[1], encoding="utf-8").read().splitlines() if width(l.rstrip()) > cols]
sys.exit(1 if bad else 0)
PY
}

if [ $fixture = 1 ]; then
  # first question of seed 11 (zh fixture): the short answer; answer it in Chinese
  t send-keys -t quiz "填充掩码" Enter
  wait_for '\[2/7\]' 10 || true
  t send-keys -t quiz "?" Enter
  wait_for '提示 1/2' 10 || true
else
  t send-keys -t quiz "?" Enter
  sleep 1
  t send-keys -t quiz "s" Enter
  wait_for '\[2/5\]' 10 || true
fi
t capture-pane -p -t quiz > "$out/screen2.txt"
t capture-pane -p -e -t quiz > "$out/screen2-ansi.txt"
t send-keys -t quiz C-c
wait_for 'DOJO-EXIT=' 15 || true
t capture-pane -p -S -200 -t quiz > "$out/screen3.txt"

check "question header shown" grep -q "第 1/" "$out/screen1.txt"
check "interface in Chinese" grep -q "练习：共" "$out/screen1.txt"
check "no English interface text" bash -c "! grep -qE 'Question [0-9]|Practice:|At the prompt|Correct\.|Wrong\.|Hint [0-9]|Explanation|Answered [0-9]|By tag' '$out/screen3.txt'"
check "colours used on a terminal" grep -q $'\e\[' "$out/screen2-ansi.txt"
check "every line fits in $cols columns" fits "$out/screen2.txt"
check "no line starts with CJK closing punctuation" bash -c "! grep -qE '^[，。、；：！？）]' '$out/screen2.txt'"
check "Ctrl-C exits 130 (interrupted; answers saved)" grep -q "DOJO-EXIT=130" "$out/screen3.txt"
if [ $fixture = 1 ]; then
  check "answer accepted" grep -q "答对了。" "$out/screen2.txt"
  check "code block framed" grep -q "┌─ python" "$out/screen2.txt"
  check "long code line continues in the frame" grep -q "┆" "$out/screen2.txt"
  check "hint shown" grep -q "提示 1/2：" "$out/screen2.txt"
  check "Ctrl-C ends with a score line" grep -q "^Score: 1/1" "$out/screen3.txt"
  check "answer saved to the progress log" grep -q '"id":"qz-short"' "$data/reviews.jsonl"
else
  check "hint or no-hint note shown" grep -qE "提示 1/|没有提示" "$out/screen2.txt"
  check "skip moves on" grep -q "第 2/5 题" "$out/screen2.txt"
  check "Ctrl-C with nothing answered says so (no Score: 0/0)" grep -q "本次没有作答任何题目" "$out/screen3.txt"
fi

echo "screens: $out"
exit $fail

#!/usr/bin/env bash
# Runs every command of the README's "Everyday commands" block under a pseudo-terminal (`script`), as a
# learner would type it, and fails when one prints nothing, exits with an unexpected code, or prints a
# stack trace. Catches what piped runs cannot see (e.g. a command that closes stdout on a real terminal).
#
#   scripts/pty-smoke.sh          every command except the full benchmark suite (scripts/bench.sh: minutes)
#   scripts/pty-smoke.sh --all    also scripts/bench.sh
#
# Commands run from the repository; progress goes to a fresh DOJO_HOME, an --out file to a scratch directory.
# Quiz-like commands get "q" on the terminal (quit at once). Needs `script` (util-linux).
# Exits 0 when every command passes, 1 otherwise; each command's screen is kept in $out.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
all=0
[ "${1:-}" = "--all" ] && all=1
command -v script >/dev/null || { echo "pty-smoke: 'script' (util-linux) is not installed" >&2; exit 2; }

out="$(mktemp -d "${TMPDIR:-/tmp}/dojo-pty.XXXXXX")"
work="$out/work"
mkdir -p "$work"
export DOJO_HOME="$out/home"
export TERM="${TERM:-xterm-256color}"
[ "$TERM" = dumb ] && export TERM=xterm-256color
"$here/dojo" --version >/dev/null || { echo "pty-smoke: the build failed" >&2; exit 1; }

# the command lines of the block, comments dropped
mapfile -t commands < <(sed -n '/^## Everyday commands/,/^## /p' "$here/README.md" \
  | sed -n '/^```sh/,/^```$/p' | grep -v '^```' | sed -e 's/[[:space:]]*#.*$//' -e '/^[[:space:]]*$/d')
[ "${#commands[@]}" -ge 5 ] || { echo "FAIL found only ${#commands[@]} commands in the README's Everyday commands block"; exit 1; }

fail=0
n=0
for cmd in "${commands[@]}"; do
  n=$((n + 1))
  case "$cmd" in
    scripts/bench.sh*) if [ $all = 0 ]; then echo "skip $cmd (full JMH suite; run with --all)"; continue; fi ;;
  esac
  # run from the repository as the README says; a file it writes goes to the scratch directory
  line="$(printf '%s' "$cmd" | sed -e "s#--out \([^ ]*\)#--out '$work'/\1#")"
  input=""
  ok_codes="0 1"
  case "$cmd" in
    *" quiz"*|*" review"*) input="q" ;;
    # watch runs until Ctrl-C: let it grade once, then interrupt it as a learner would (exit 130)
    *" watch"*) line="timeout --preserve-status -s INT 30 $line"; ok_codes="130" ;;
  esac
  screen="$out/cmd$n.txt"
  # stdin stays open a moment so the command reads its answer from the terminal, not an EOF
  (printf '%s\n' "$input"; sleep 2) | (cd "$here" && timeout 600 script -qfec "stty cols 80 rows 40 2>/dev/null; $line" /dev/null) >"$screen" 2>&1
  rc=$?
  text="$(sed -e 's/\x1b\[[0-9;?]*[a-zA-Z]//g' -e 's/\r//g' "$screen" | grep -v '^dojo: building' | grep -v '^[[:space:]]*$' | grep -vx 'q')"
  why=""
  if [ -z "$text" ]; then why="printed nothing"; fi
  case " $ok_codes " in *" $rc "*) ;; *) why="${why:+$why, }exit code $rc" ;; esac
  # a Java stack trace: "java.lang.IllegalStateException: ..." or a frame "at pkg.Class.method(Class.java:12)"
  # (not prose: an explanation wrapped so that a line starts with "at most" is not a stack frame)
  if grep -qE '(^|[[:space:]])([a-z][a-z0-9_]*\.)+[A-Z][A-Za-z0-9_$]*(Exception|Error)(:|$)|^[[:space:]]*at [A-Za-z_$][A-Za-z0-9_$.]*\([A-Za-z0-9_$]+\.java:[0-9]+\)|Exception in thread' <<<"$text"; then
    why="${why:+$why, }stack trace"
  fi
  if [ -n "$why" ]; then
    echo "FAIL $cmd: $why (screen: $screen)"
    fail=1
  else
    echo "ok   $cmd ($(wc -l <<<"$text") lines, exit $rc)"
  fi
done
echo "screens: $out"
exit $fail

#!/usr/bin/env bash
# Writes a mutant patch (src/mutants/<id>/<mutant_name>.patch) to standard output: a unified diff
# from a solution file to an edited copy of it that carries one bug, under a "# MUTANT:" header.
#
#   cp solutions/ex04_multihead/MultiHeadAttentionLayer.java /tmp/M.java   # then put one bug in /tmp/M.java
#   scripts/make-mutant-patch.sh solutions/ex04_multihead/MultiHeadAttentionLayer.java /tmp/M.java \
#       "in_proj_bias and out_proj.bias are ignored" > src/mutants/ex04_multihead/biases_ignored.patch
#
# The description (what is wrong, one line) is the third argument, or the edited file's first line when
# that is "// MUTANT: <description>" (that line is then left out of the diff). Paths in the diff are
# relative to solutions/ (a/<id>/<Class>.java, b/<id>/<Class>.java), with 3 lines of context. Add more
# "# " lines under the first one by hand to say what the suite should report.
# Exits 0 on success, 1 when the files do not differ or no description is given, 2 on bad usage.
set -euo pipefail
if [ $# -lt 2 ] || [ $# -gt 3 ]; then
  echo "usage: scripts/make-mutant-patch.sh SOLUTION_FILE MUTANT_FILE [DESCRIPTION] > src/mutants/<id>/<name>.patch" >&2
  exit 2
fi
solution="$1" mutant="$2" description="${3:-}"
for f in "$solution" "$mutant"; do
  [ -f "$f" ] || { echo "make-mutant-patch: $f: no such file" >&2; exit 2; }
done

body="$(mktemp "${TMPDIR:-/tmp}/mutant.XXXXXX")"
trap 'rm -f "$body"' EXIT
first="$(head -n 1 "$mutant")"
if [[ "$first" == "// MUTANT: "* ]]; then
  [ -n "$description" ] || description="${first#// MUTANT: }"
  tail -n +2 "$mutant" >"$body"
else
  cat "$mutant" >"$body"
fi
if [ -z "${description//[[:space:]]/}" ]; then
  echo "make-mutant-patch: say what is wrong: pass a DESCRIPTION or start $mutant with '// MUTANT: <description>'" >&2
  exit 1
fi
if [[ "$description" == *$'\n'* ]]; then
  echo "make-mutant-patch: the description must be one line" >&2
  exit 1
fi

# <id>/<Class>.java: exercises are flat folders, so the last two path components name the file in solutions/
label="$(basename "$(dirname "$solution")")/$(basename "$solution")"
status=0
patch="$(diff -u --label "a/$label" --label "b/$label" "$solution" "$body")" || status=$?
if [ "$status" -eq 0 ]; then
  echo "make-mutant-patch: $mutant (without a '// MUTANT:' first line) does not differ from $solution" >&2
  exit 1
elif [ "$status" -ne 1 ]; then
  exit 2
fi
printf '# MUTANT: %s\n%s\n' "$description" "$patch"

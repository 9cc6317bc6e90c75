#!/usr/bin/env bash
# Builds a demo workshop with 27 learners (good, partial, wrong = the suite gate's mutants, broken, hostile,
# late, absent), hands the submissions in as folders, git repositories, git bundles and zip files, then runs
# release, collect, grade --jobs 2, gradebook, feedback, report and similarity. Usage:
#   scripts/workshop-demo.sh DIR [JOBS]
# DIR must not exist. Takes a few minutes (each submission is graded in its own JVM).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:?usage: scripts/workshop-demo.sh DIR [JOBS]}"
jobs="${2:-2}"
[ ! -e "$dir" ] || { echo "workshop-demo: $dir exists" >&2; exit 2; }
mkdir -p "$dir/inbox"
dir="$(cd "$dir" && pwd)"
dojo="$here/dojo"
inbox="$dir/inbox"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

learners=(good1 good2 good3 good4 copycat stub1 stub2 partial1 partial2
  wrong_ex01 wrong_ex02 wrong_ex03 wrong_ex04 wrong_ex05 broken
  exit loop oom stack threads fork writer reader socket chatty late absent)
{
  echo "id,first,last,email,team,language"
  i=0
  for l in "${learners[@]}"; do
    team=$([ $((i % 3)) -eq 0 ] && echo red || ([ $((i % 3)) -eq 1 ] && echo blue || echo green))
    lang=$([ $((i % 4)) -eq 1 ] && echo zh || echo en)
    echo "$l,${l^},Learner,$l@example.org,$team,$lang"
    i=$((i + 1))
  done
} > "$dir/roster.csv"
"$dojo" workshop -C "$dir" init --name "Demo study group" --assignment attention-1 \
  --due "2026-12-05 23:59" --timezone Europe/Berlin --roster "$dir/roster.csv" --force
"$dojo" workshop -C "$dir" release --out "$dir/starter"

# a learner's repo: the starter with some exercises replaced
make() { # make NAME: copy of the starter in $work/NAME
  rm -rf "$work/$1"; cp -r "$dir/starter" "$work/$1"; rm -rf "$work/$1/.git"
}
solve() { # solve NAME ex...: put the reference solution of each exercise in
  local n="$1" e; shift
  for e in "$@"; do cp "$here/solutions/$e/"*.java "$work/$n/exercises/$e/"; done
}
all=(ex01_softmax ex02_attention ex03_masking ex04_multihead ex05_fix_seed)
hostile() { # hostile NAME 'java statements' : ex01 with the statements at the start of softmaxRows
  make "$1"; solve "$1" "${all[@]}"
  local f="$work/$1/exercises/ex01_softmax/StableSoftmax.java"
  python3 - "$f" "$2" <<'PY'
import re, sys
f, code = sys.argv[1], sys.argv[2]
s = open(f).read()
s = s.replace("public float[][] softmaxRows(float[][] logits) {",
              "public float[][] softmaxRows(float[][] logits) {\n        calls++;\n        " + code, 1)
s = s[:s.rindex("}")] + "    private static int calls;\n    private static int recurse(int n) { return recurse(n + 1) + 1; }\n}\n"
open(f, "w").write(s)
PY
}
as_folder() { mv "$work/$1" "$inbox/$1"; touch -d "2026-12-04 10:00" "$inbox/$1"/exercises/*/*.java; }
as_git() { # as_git NAME DATE
  (cd "$work/$1" && git init -q && git add -A && GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" \
    git -c user.name=learner -c user.email=l@example.org commit -qm "my solution") && mv "$work/$1" "$inbox/$1"
}
as_bundle() { (cd "$work/$1" && git init -q && git add -A && GIT_AUTHOR_DATE="$2" GIT_COMMITTER_DATE="$2" \
    git -c user.name=learner -c user.email=l@example.org commit -qm "my solution" && git bundle create -q "$inbox/$1.bundle" HEAD); }
as_zip() { (cd "$work" && zip -qr "$inbox/$1.zip" "$1") && touch -d "2026-12-05 20:00" "$inbox/$1.zip"; }

make good1; solve good1 "${all[@]}"; as_folder good1
make good2; solve good2 "${all[@]}"; as_zip good2
make good3; solve good3 "${all[@]}"; as_git good3 "2026-12-03T18:00:00+01:00"
make good4; solve good4 "${all[@]}"; as_bundle good4 "2026-12-05T22:00:00+01:00"
make copycat; solve copycat "${all[@]}"
sed -i 's/logits/scores/g; s/    /  /g' "$work/copycat/exercises/ex01_softmax/StableSoftmax.java"
echo "// tweaked the build" >> "$work/copycat/pom.xml"   # a framework file changed: flagged by collect
as_git copycat "2026-12-05T12:00:00+01:00"
make stub1; as_folder stub1
make stub2; as_zip stub2
make partial1; solve partial1 ex01_softmax ex02_attention; as_git partial1 "2026-12-02T09:00:00+01:00"
make partial2; solve partial2 ex01_softmax ex02_attention ex03_masking; as_zip partial2
for m in ex01_softmax:no_max_subtraction ex02_attention:no_scaling ex03_masking:transposed_mask \
         ex04_multihead:interleaved_heads ex05_fix_seed:only_no_scaling; do
  ex="${m%%:*}"; mutant="${m##*:}"; n="wrong_${ex%%_*}"
  make "$n"; solve "$n" "${all[@]}"
  patch -s -p1 -d "$work/$n/exercises" < "$here/src/mutants/$ex/$mutant.patch"
  as_folder "$n"
done
make broken; solve broken "${all[@]}"
sed -i 's/implements MaskedAttention {/implements MaskedAttention { int broken = "not an int";/' \
  "$work/broken/exercises/ex03_masking/MaskedScaledDotProductAttention.java"
as_folder broken
hostile exit 'if (calls == 3) { System.exit(7); }'; as_folder exit
hostile loop 'if (calls == 3) { while (true) { Thread.onSpinWait(); } }'; as_folder loop
hostile oom 'if (calls == 3) { long[] hog = new long[512 << 20]; return new float[hog.length][]; }'; as_folder oom
hostile stack 'if (calls == 3) { return new float[recurse(0)][]; }'; as_folder stack
hostile threads 'if (calls == 3) { for (int i = 0; i < 100_000; i++) { new Thread(() -> { try { Thread.sleep(Long.MAX_VALUE); } catch (InterruptedException e) { } }).start(); } }'; as_folder threads
hostile fork 'if (calls == 1) { try { new ProcessBuilder("sleep", "987654").start(); } catch (java.io.IOException e) { } }'; as_folder fork
hostile writer 'if (calls == 1) { try { java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/dojo-demo-pwned"), "x"); throw new IllegalStateException("WROTE /tmp"); } catch (java.io.IOException e) { } }'; as_folder writer
hostile reader 'if (calls == 1) { for (String e : System.getProperty("java.class.path").split(":")) { if (e.endsWith("target/classes")) { try { java.nio.file.Files.readString(java.nio.file.Path.of(e).getParent().getParent().resolve("solutions/ex01_softmax/StableSoftmax.java")); throw new IllegalStateException("LEAKED"); } catch (java.io.IOException x) { } } } }'; as_folder reader
hostile socket 'if (calls == 1) { try (java.net.Socket s = new java.net.Socket()) { s.connect(new java.net.InetSocketAddress("1.1.1.1", 53), 2000); throw new IllegalStateException("CONNECTED"); } catch (java.io.IOException e) { } }'; as_folder socket
hostile chatty 'if (calls == 2) { java.io.PrintStream raw = new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out)); byte[] b = new byte[1024]; while (true) { raw.write(b, 0, b.length); } }'; as_folder chatty
make late; solve late "${all[@]}"; as_git late "2026-12-08T10:00:00+01:00"

"$dojo" workshop -C "$dir" collect "$inbox" || true
start=$(date +%s)
"$dojo" workshop -C "$dir" grade --jobs "$jobs" || true
echo "grade wall time: $(( $(date +%s) - start )) s"
"$dojo" workshop -C "$dir" similarity || true
"$dojo" workshop -C "$dir" gradebook
"$dojo" workshop -C "$dir" feedback --now 2026-12-05T12:00:00Z
"$dojo" workshop -C "$dir" report

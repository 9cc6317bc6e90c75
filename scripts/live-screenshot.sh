#!/usr/bin/env bash
# Runs a real `./dojo workshop live` on loopback, joins players over the JSON API (curl), and screenshots the
# phone page in headless Chromium: docs/img/live-player.png (a Chinese player on an open question) and
# docs/img/live-player-results.png (the same player after the question closed: histogram and leaderboards),
# docs/img/live-host.png (the host's page at the same moment).
# Usage: scripts/live-screenshot.sh [WORKSHOP_DIR]   (default: a fresh temporary folder)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ws="${1:-$(mktemp -d)}"
work="$(mktemp -d)"
fifo="$work/host-stdin"
log="$work/host.log"
mkfifo "$fifo"
chromium_bin="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$chromium_bin" ] || { echo "live-screenshot: chromium not found" >&2; exit 2; }

"$here/dojo" workshop -C "$ws" live --port 0 --bind 127.0.0.1 --count 4 --seed "${SEED:-11}" --bank fundamentals --time 10m \
  <"$fifo" >"$log" 2>&1 &
host_pid=$!
exec 3>"$fifo"   # the host's stdin: one line per Enter
cleanup() { exec 3>&- 2>/dev/null || true; kill "$host_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for _ in $(seq 1 240); do grep -q '^join code' "$log" 2>/dev/null && break; sleep 0.5; done
grep -q '^join code' "$log" || { cat "$log" >&2; echo "live-screenshot: the host did not start" >&2; exit 1; }
base="$(grep '^terminal' "$log" | awk '{print $5}')"
code="$(grep '^join code' "$log" | awk '{print $3}')"
echo "host at $base, code $code"

join() { # name team lang -> token
  curl -sf -X POST "${base}api/join" -d "{\"code\":\"$code\",\"name\":\"$1\",\"team\":\"$2\",\"lang\":\"$3\"}" \
    | sed -E 's/.*"token":"([0-9a-f]+)".*/\1/'
}
state() { curl -sf -H "X-Token: $1" "${base}api/state"; }
answer() { # token question answer
  curl -s -X POST "${base}api/answer" -d "{\"token\":\"$1\",\"question\":$2,\"answer\":\"$3\"}" >/dev/null
}
shot() { # out-file url [width,height]
  "$chromium_bin" --headless --no-sandbox --disable-gpu --disable-background-networking --no-first-run \
    --disable-component-update --disable-sync --user-data-dir="$(mktemp -d -p "$work")" --hide-scrollbars \
    --virtual-time-budget=4000 --screenshot="$1" --window-size="${3:-400,800}" "$2" 2>/dev/null
  echo "wrote $1"
}

me="$(join '李雷' 'red' zh)"
others=()
for p in "ada:red:en" "bo:blue:zh" "cy:blue:en" "dee:green:en" "eli:green:zh"; do
  IFS=: read -r n t l <<<"$p"; others+=("$(join "$n" "$t" "$l")")
done

echo >&3                      # host: open question 1
sleep 1
q="$(state "$me")"
type="$(echo "$q" | sed -E 's/.*"type":"([a-z]+)".*/\1/')"
echo "question 1 is $type"
case "$type" in
  single|multiple) picks=(a b a c a) ;;
  truefalse) picks=(true false true true false) ;;
  numeric) picks=(1 2 1 3 1) ;;
  *) picks=(x y x z x) ;;
esac
for i in "${!others[@]}"; do answer "${others[$i]}" 0 "${picks[$i]}"; done
mkdir -p "$here/docs/img"
shot "$here/docs/img/live-player.png" "${base}#token=$me"

answer "$me" 0 "${picks[0]}"
echo >&3                      # host: close question 1
sleep 1
shot "$here/docs/img/live-player-results.png" "${base}#token=$me"
shot "$here/docs/img/live-host.png" "$(grep '^host page' "$log" | awk '{print $3}')" 900,800

echo q >&3                    # host: end the quiz
sleep 2
echo >&3                      # host: stop the server
wait "$host_pid" || true
cat "$log"

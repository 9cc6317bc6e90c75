#!/usr/bin/env bash
# Exports an HTML handout and takes a PNG screenshot of it with headless Chromium (Debian's `chromium`),
# to check how the printable handout looks.
#
#   scripts/screenshot-handout.sh [OUT.png] [extra dojo export options...]
#
# Defaults: the all-types test fixture (every question type), English, with the answer key,
# written to docs/img/handout.png. Example: scripts/screenshot-handout.sh /tmp/zh.png --lang zh
# (Chinese needs a CJK font, e.g. `apt-get install fonts-noto-cjk`.)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$here/docs/img/handout.png}"
shift || true

chromium_bin="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$chromium_bin" ]; then
  echo "screenshot-handout: chromium not found; install it with: apt-get install -y chromium" >&2
  exit 2
fi

work="$(mktemp -d)"
profile="$(mktemp -d)"
trap 'rm -rf "$work" "$profile"' EXIT

html="$work/handout.html"
"$here/dojo" export --format html --answers \
  --questions "$here/src/test/resources/banks/valid" --out "$html" "$@"

mkdir -p "$(dirname "$out")"
raw="$work/raw.png"
"$chromium_bin" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" \
  --screenshot="$raw" --window-size=1200,2000 "file://$html" >/dev/null 2>&1 || true
if [ ! -s "$raw" ]; then
  echo "screenshot-handout: chromium did not write a screenshot" >&2
  exit 1
fi

# keep the committed image small: 8-bit palette when ImageMagick or pngquant is around
if command -v pngquant >/dev/null; then
  pngquant --force --quality=60-90 --output "$out" "$raw"
elif convert -version 2>/dev/null | grep -q ImageMagick; then
  convert "$raw" -colors 64 "PNG8:$out"
else
  cp "$raw" "$out"
fi
echo "screenshot-handout: $out ($(du -h "$out" | cut -f1))"
